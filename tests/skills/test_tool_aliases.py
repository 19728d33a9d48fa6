"""Tool names that are also words or other products' names: counted only where they are the tool.
Made-up lines."""

import pytest

from flows.skills import SkillExtractor, load_taxonomy


@pytest.fixture(scope="module")
def extractor():
    return SkillExtractor(load_taxonomy())


def found(extractor, text):
    return {skill for skill, _, _ in extractor.extract_text(f"Engineer\n{text}")}


@pytest.mark.parametrize(("skill", "as_tool", "not_the_tool"), [
    ("hashicorp-vault", "Secrets in Vault, deploys with Terraform.", "Azure Functions, Key Vault and Terraform."),
    ("hashicorp-vault", "Security: Keycloak, OPA and Vault.", "Document management in Veeva Vault and Salesforce."),
    ("hf-accelerate", "Distributed training with PyTorch, DeepSpeed or Accelerate.", "Accelerate training runs with PyTorch."),
])
def test_ambiguous_tool_names(extractor, skill, as_tool, not_the_tool):
    assert skill in found(extractor, as_tool)
    assert skill not in found(extractor, not_the_tool)


def test_a_lone_word_is_not_the_tool(extractor):
    assert "hashicorp-vault" not in found(extractor, "The bank vault and the Vault of the cathedral.")
    assert "hf-accelerate" not in found(extractor, "We help teams Accelerate their research.")


def test_the_trainer_api_is_the_transformers_library(extractor):
    assert "hf-transformers" in found(extractor, "Fine-tune models with the Hugging Face Trainer.")


def test_a_training_or_data_science_platform_is_ml_infrastructure(extractor):
    assert "ml-infrastructure" in found(extractor, "Build the data science platform our modellers train on.")
    assert "ml-infrastructure" in found(extractor, "Own the training platform for our research teams.")
    assert "ml-infrastructure" not in found(extractor, "Build the data platform and the training materials.")


def test_calling_a_model_provider_is_not_building_apis(extractor):
    assert "apis" not in found(extractor, "Deep understanding of LLM APIs and prompt design.")
    assert "apis" not in found(extractor, "Integrate the OpenAI API into internal tools.")
    assert "apis" in found(extractor, "Design and build REST APIs for internal tools.")
    assert "apis" in found(extractor, "Design and build APIs for our model-serving backend.")
