"""Ambiguity rules of the project taxonomy: a match must be the skill, not the word. Made-up lines."""

import pytest

from flows.skills import SkillExtractor, load_taxonomy


@pytest.fixture(scope="module")
def extractor():
    return SkillExtractor(load_taxonomy())


def found(extractor, text):
    return {skill for skill, _, _ in extractor.extract_text(f"Engineer\n{text}")}


@pytest.mark.parametrize(("skill", "as_skill", "as_word"), [
    ("r", "Fluent in Python, R and SQL.", "We invest heavily in R&D and R & D."),
    ("r", "Statistical modelling in R.", "Section R of the handbook covers travel."),
    ("c", "Strong C/C++ skills.", "We raised our Series C last spring."),
    ("c", "Systems programming in C and Python.", "You will brief the C-suite weekly."),
    ("go", "Backend services in Go and Python.", "Partner with our Go-to-Market team."),
    ("go", "Services written in Go.", "Ready to go live next month."),
    ("julia", "Numerical code in Julia and Python.", "Julia, our recruiter, will call you."),
    ("rust", "Write performance-critical code in Rust.", "Protect steel from rust in the plant."),
    ("rust", "Python, Rust or C++ experience.", "Rust belt manufacturing customers trust us."),
    ("spark", "Batch jobs on Spark and Airflow.", "Ideas that spark joy in our users."),
    ("spark", "Apache Spark pipelines.", "You spark curiosity in others."),
    ("ray", "Distributed training with Ray on Kubernetes.", "Ray, our CTO, founded the company."),
    ("excel", "Reporting in Excel and SQL.", "You excel at talking to customers."),
    ("excel", "Microsoft Excel power user.", "Excel in a fast-paced team."),
    ("swift", "iOS apps in Swift and SwiftUI.", "Swift decisions and swift delivery."),
    ("dash", "Dashboards in Plotly Dash and Python.", "A dash of humour helps."),
    ("openai-api", "Built products on the OpenAI API.", "Join OpenAI's applied team."),
    ("triton-inference-server", "Serving with Triton and TensorRT.", "Write custom Triton kernels in CUDA."),
    ("triton", "Write custom Triton kernels.", "Serve models behind Triton Inference Server."),
])
def test_skill_not_word(extractor, skill, as_skill, as_word):
    assert skill in found(extractor, as_skill)
    assert skill not in found(extractor, as_word)


def test_java_is_not_javascript(extractor):
    assert found(extractor, "Frontend in JavaScript.") >= {"javascript"}
    assert "java" not in found(extractor, "Frontend in JavaScript.")
    assert {"java", "javascript"} <= found(extractor, "Java and JavaScript.")


def test_keras_inside_tensorflow_slash_keras(extractor):
    assert {"tensorflow", "keras"} <= found(extractor, "Deep learning with TensorFlow/Keras.")


def test_c_is_not_read_inside_c_sharp_or_cpp(extractor):
    hits = found(extractor, "Backend in C#, Python and C++.")
    assert {"c#", "c++"} <= hits and "c" not in hits


def test_scala_is_not_scalable(extractor):
    assert "scala" not in found(extractor, "Design scalable systems at scale.")
    assert "scala" in found(extractor, "Data pipelines in Scala and Spark.")


def test_longest_name_wins_at_one_place(extractor):
    hits = found(extractor, "Deploy with TensorFlow Serving.")
    assert "tensorflow" not in hits


# The generic `certification`: the word counts when it is a candidate's credential, not a company's
# compliance, salary boilerplate, a program the role runs, or a credential the job says it does not need.
@pytest.mark.parametrize(("as_credential", "as_other"), [
    ("Relevant certifications (AWS, GCP) are a plus.", "We are a certified B Corp."),
    ("AWS Certified Solutions Architect preferred.", "Our platform is SOC 2 certified."),
    ("Cloud certification (AWS, Azure or GCP) is desirable.", "Our labs are ISO certified."),
    ("Certified Kubernetes Administrator (CKA) a plus.", "Lead the team through ISO 27001 certification."),
    ("Industry certifications such as CISSP or OSCP.", "Keep HIPAA and FedRAMP certifications current."),
    ("Machine learning certifications are a plus.", "Base salary depends on experience, education and certifications."),
    ("Professional certification in data science.", "We do not require formal certifications or degrees."),
    ("Certification in Databricks or Snowflake.", "Design and run our partner certification programs."),
    ("Microsoft Certified: Azure Developer Associate.", "Board-certified physicians work alongside our ML team."),
])
def test_certification_is_a_credential(extractor, as_credential, as_other):
    assert "certification" in found(extractor, as_credential)
    assert "certification" not in found(extractor, as_other)


def test_named_certifications(extractor):
    # Typographic dashes read as "-"; the named certification absorbs the platform's name (its parent).
    assert found(extractor, "AWS Certified Machine Learning – Specialty (MLS-C01).") == {"aws-ml-specialty"}
    assert found(extractor, "AWS Certified Machine Learning Engineer – Associate") == {"aws-ml-engineer-associate"}
    assert found(extractor, "Google Cloud Professional Machine Learning Engineer or AWS certification") == {
        "gcp-ml-engineer", "aws", "certification"}
    assert "azure-ai-engineer" in found(extractor, "Microsoft Certified: Azure AI Engineer Associate")
    assert "databricks-ml-certification" in found(extractor, "Databricks Certified Machine Learning Professional")
    # "Azure AI Engineer" alone is a job title, not the certification.
    assert "azure-ai-engineer" not in found(extractor, "We are hiring an Azure AI Engineer to build agents.")
