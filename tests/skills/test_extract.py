import re
from pathlib import Path

import polars as pl
import pytest

from flows.skills import SkillExtractor, load_taxonomy
from flows.skills.sections import classify_lines, split_lines
from flows.skills.taxonomy import Skill, Taxonomy, TaxonomyError, validate

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "skills_small.toml"


@pytest.fixture(scope="module")
def extractor():
    return SkillExtractor(load_taxonomy(SMALL))


def skills_of(extractor, text):
    return {skill: level for skill, level, _ in extractor.extract_text(text)}


def test_word_boundaries(extractor):
    found = skills_of(extractor, "We use JavaScript, C++ (not C) and Python3? No: python, sklearn.")
    assert set(found) == {"javascript", "c++", "python", "scikit-learn"}
    assert "java" not in found


def test_symbols_and_slashes(extractor):
    assert set(skills_of(extractor, "CI/CD with k8s; cpp.")) == {"ci-cd", "kubernetes", "c++"}


def test_case_sensitive_alias(extractor):
    assert "r" in skills_of(extractor, "Fluent in R or Python.")
    assert "r" not in skills_of(extractor, "r is a letter; our team")


def test_multiword_alias_tolerates_spacing_but_not_line_breaks(extractor):
    # A line is one block of the posting (a heading, a bullet): a name split across two is not a name.
    assert "machine-learning" not in skills_of(extractor, "deep and machine\nlearning")
    assert "scikit-learn" in skills_of(extractor, "scikit  learn")


def test_levels_from_section_and_line(extractor):
    text = "Requirements\n- Python\n- Java is a plus\nNice to have\n- Kubernetes\n- Python again"
    assert skills_of(extractor, text) == {"python": "required", "java": "preferred", "kubernetes": "preferred"}


def test_evidence_quotes_the_match(extractor):
    [(skill, level, evidence)] = extractor.extract_text("Must know Kubernetes well.")
    assert skill == "kubernetes" and "Kubernetes" in evidence


def test_frame_extraction_one_row_per_posting_and_skill(extractor):
    postings = pl.DataFrame({
        "content_hash": ["a", "b", "a"], "title": ["ML Engineer", "Designer", "ML Engineer"],
        "description_text": ["Python, Python and k8s", "Figma", "Python, Python and k8s"],
    })
    mentions = extractor.extract(postings)
    assert sorted(mentions.select("content_hash", "skill").rows()) == [("a", "kubernetes"), ("a", "python")]
    assert extractor.extract(postings.clear()).is_empty()


def test_validate_catches_shared_alias_and_bad_category():
    taxonomy = Taxonomy("x", (
        Skill("a", "A", "language", ("same",)), Skill("b", "B", "nonsense", ("same",)),
    ))
    problems = validate(taxonomy)
    assert any("under both" in p for p in problems) and any("unknown category" in p for p in problems)


def test_bad_taxonomy_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('version = "1"\n[[skill]]\nid = "Bad Id"\nname = "x"\ncategory = "language"\naliases = ["x"]\n')
    with pytest.raises(TaxonomyError, match="bad id"):
        load_taxonomy(bad)


def test_project_taxonomy_loads_and_finds_core_skills():
    extractor = SkillExtractor(load_taxonomy())
    found = skills_of(extractor, "Requirements: Python, PyTorch, SQL, Kubernetes, AWS and scikit-learn.")
    assert {"python", "pytorch", "sql", "kubernetes", "aws", "scikit-learn"} <= set(found)


def test_hits_keep_their_line_and_place_when_many_postings_are_scanned_together(extractor):
    # All lines of a batch are scanned as one text: every hit must map back to its own posting,
    # line and offset, and a long name ending one line must not hide a name starting the next.
    postings = pl.DataFrame({
        "content_hash": ["a", "b", "c"],
        "title": ["Engineer", "Analyst", "Engineer"],
        "description_text": ["Requirements\n- scikit learn\nR and k8s", "Requirements\n- r is not R here: JavaScript", ""],
    })
    docs = postings.select(pl.concat_str(["title", "description_text"], separator="\n").alias("text")).with_row_index("doc")
    hits = extractor._raw_hits(classify_lines(split_lines(docs)).filter(pl.col("candidate")))
    got = sorted(hits.select("doc", "line_no", "skill", "pos", "matched").rows())
    assert got == [
        (0, 2, "scikit-learn", 2, "scikit learn"),
        (0, 3, "kubernetes", 6, "k8s"),
        (0, 3, "r", 0, "R"),
        (1, 2, "javascript", 19, "JavaScript"),
        (1, 2, "r", 11, "R"),
    ]


def test_phrase_patterns_lowercased_keep_their_escapes_and_meaning():
    from flows.skills.extract import _lowercase_regex

    assert _lowercase_regex(r"Deploy\s+(?:ML|AI)\S*\W[A-Z]\\B") == r"deploy\s+(?:ml|ai)\S*\W[a-z]\\b"
    # Inline flags or named classes could change meaning when lowercased: left case-insensitive.
    assert _lowercase_regex(r"(?-i:AI) models") is None
    assert _lowercase_regex(r"\p{Lu}LM") is None
    pattern = r"(?:ship|deploy)\w*\s+(?:ML|LLM)\s+models\s+to\s+Production"
    lowered = re.compile(_lowercase_regex(pattern))
    for line in ("We Deploy ML models to production", "shipping llm MODELS to PRODUCTION daily", "deploy AI models to production"):
        assert bool(re.search(pattern, line, re.I)) == bool(lowered.search(line.lower())), line
