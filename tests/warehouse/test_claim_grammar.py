"""The claims registry's grammar (warehouse/reference.py): tests, segments, populations, rows and the problems
it reports."""

from __future__ import annotations

import pytest

from warehouse.reference import (
    ML_ENGINEER_ROLES, ClaimError, claim_problems, claim_row, load_claims, load_withdrawn,
    parse_segment, parse_test, population,
)

GUIDE = {"doc": "007_guide.txt", "title": "A guide", "site": "", "year": 0}
DEFAULT_ROLES = list(ML_ENGINEER_ROLES)
UNRESTRICTED = {"role": None, "seniority": None, "country": None, "state": None, "remote": None}


def claim(**overrides) -> dict:
    base = {"claim_id": "g007-python-essential", "point_id": "g007-p01", "doc": "007_guide.txt", "topic": "language",
            "subjects": ["python"], "stance": "essential", "quote": "Python is a must.", "test": "share >= 0.5"}
    return {**base, **overrides}


def problems(*claims: dict, withdrawn: list[dict] = ()) -> list[str]:
    return claim_problems({"guide": [GUIDE], "claim": list(claims), "withdrawn": list(withdrawn)}, {"python", "r", "sql"})


@pytest.mark.parametrize(("test", "expected"), [
    ("share >= 0.5", {"test_kind": "share_any", "test_op": ">=", "threshold": 0.5}),
    ("each share >= 0.1", {"test_kind": "share_each", "test_op": ">=", "threshold": 0.1}),
    ("share <= 0.1", {"test_kind": "share_any", "test_op": "<=", "threshold": 0.1}),
    ("share(python) > share(r)", {"test_kind": "compare", "compare_a": "python", "compare_b": "r"}),
    ("median = 150000 ± 10%", {"test_kind": "median", "figure_low": 135000.0, "figure_high": 165000.0}),
    ("median = 140000 ± 20000", {"test_kind": "median", "figure_low": 120000.0, "figure_high": 160000.0}),
    ("median >= 160000", {"test_kind": "median", "test_op": ">=", "figure_low": 160000.0, "figure_high": None}),
    ("median <= 3", {"test_kind": "median", "test_op": "<=", "figure_low": None, "figure_high": 3.0}),
    ("share in role=ml_engineer > share in role=data_scientist",
     {"test_kind": "compare_groups", "test_op": ">", "compare_a": "role=ml_engineer", "compare_b": "role=data_scientist"}),
    ("share in seniority=senior|staff > share in seniority=junior",
     {"test_kind": "compare_groups", "compare_a": "seniority=senior|staff", "compare_b": "seniority=junior"}),
    ("share rising", {"test_kind": "trend", "test_op": "rising", "threshold": None}),
    ("share  falling", {"test_kind": "trend", "test_op": "falling"}),  # whitespace collapsed
    ("untestable", {"test_kind": "untestable", "threshold": None}),
])
def test_tests_parse_into_columns(test, expected):
    parsed = parse_test(test)
    assert {k: parsed[k] for k in expected} == expected


@pytest.mark.parametrize("test", ["share > 0.5", "share >= half", "median = 3 +- 1", "share(a) >= share(b)", "",
                                  "share rising fast", "share in role=ml_engineer >= share in role=research"])
def test_unreadable_tests_are_refused(test):
    with pytest.raises(ClaimError, match="cannot read test"):
        parse_test(test)


def test_a_group_comparison_with_a_bad_group_is_refused():
    with pytest.raises(ClaimError, match="cannot read segment"):
        parse_test("share in planet=mars > share in role=research")


def test_segments():
    assert parse_segment(None) == UNRESTRICTED
    assert parse_segment("  ") == UNRESTRICTED
    assert parse_segment("seniority=intern|junior") == {**UNRESTRICTED, "seniority": ["intern", "junior"]}
    assert parse_segment("country=US,seniority=mid") == {**UNRESTRICTED, "country": ["US"], "seniority": ["mid"]}
    assert parse_segment("country=US, state=CA|WA") == {**UNRESTRICTED, "country": ["US"], "state": ["CA", "WA"]}
    assert parse_segment("role=any") == {**UNRESTRICTED, "role": ["any"]}
    for bad, message in (("seniority=junior|wizard", "unknown values"), ("country=usa", "two-letter code"),
                         ("state=California", "two-letter code"), ("planet=mars", "cannot read segment"),
                         ("seniority junior", "cannot read segment"), ("country=US,country=GB", "names country twice"),
                         ("role=any|research", "role=any stands alone"), ("remote=sometimes", "unknown values")):
        with pytest.raises(ClaimError, match=message):
            parse_segment(bad)


def test_populations_default_to_ml_engineer_roles():
    assert DEFAULT_ROLES == ["ml_engineer", "ai_engineer", "mlops"]
    assert population(None) == {**UNRESTRICTED, "role": DEFAULT_ROLES}
    assert population("country=US,seniority=mid") == {**UNRESTRICTED, "role": DEFAULT_ROLES, "country": ["US"],
                                                      "seniority": ["mid"]}
    assert population("role=research") == {**UNRESTRICTED, "role": ["research"]}
    assert population("role=any,country=GB") == {**UNRESTRICTED, "country": ["GB"]}  # every ML role
    # A group of a group comparison adds its conditions to the claim's segment (and replaces a field it names).
    assert population("country=US", "role=data_scientist") == {**UNRESTRICTED, "role": ["data_scientist"], "country": ["US"]}
    assert population("country=US,seniority=mid", "seniority=senior") == {
        **UNRESTRICTED, "role": DEFAULT_ROLES, "country": ["US"], "seniority": ["senior"]}


def test_claim_rows():
    row = claim_row(claim(segment="country=US,seniority=mid", quote="  Python   is\na must. "))
    assert {k: row[k] for k in ("claim_id", "point_id", "test_kind", "threshold", "required_only", "segment", "quote")} == {
        "claim_id": "g007-python-essential", "point_id": "g007-p01", "test_kind": "share_any", "threshold": 0.5,
        "required_only": True, "segment": "country=US,seniority=mid", "quote": "Python is a must."}
    assert row["population"] == {**UNRESTRICTED, "role": DEFAULT_ROLES, "country": ["US"], "seniority": ["mid"]}
    assert (row["group_a"], row["group_b"]) == (None, None)
    # Only requirement mentions count for non-negotiable, essential and not-needed.
    for stance, test, required in (("non-negotiable", "share >= 0.8", True), ("not-needed", "share <= 0.1", True),
                                   ("important", "share >= 0.25", False), ("recommended", "share >= 0.1", False)):
        assert claim_row(claim(stance=stance, test=test))["required_only"] is required, stance
    row = claim_row(claim(stance="comparison", test="share in role=ml_engineer > share in role=data_scientist"))
    assert (row["group_a"]["role"], row["group_b"]["role"], row["required_only"]) == (["ml_engineer"], ["data_scientist"], False)
    assert row["population"]["role"] == DEFAULT_ROLES
    row = claim_row(claim(stance="comparison", segment="country=US", test="share in seniority=senior > share in seniority=junior"))
    assert row["group_a"] == {**UNRESTRICTED, "role": DEFAULT_ROLES, "country": ["US"], "seniority": ["senior"]}
    assert row["segment"] == "country=US"
    assert claim_row(claim(segment=""))["segment"] is None


def test_a_valid_claim_has_no_problems():
    assert problems(
        claim(),
        claim(claim_id="g007-salary-figure", topic="salary", subjects=["salary"], stance="figure",
              test="median = 150000 ± 10%", segment="country=US,seniority=senior"),
        claim(claim_id="g007-sql-more-for-mles", subjects=["sql"], stance="comparison",
              test="share in role=ml_engineer > share in role=data_scientist"),
        claim(claim_id="g007-python-rising", stance="trend", test="share rising"),
        claim(claim_id="g007-degree", point_id="g007-p01", topic="education", subjects=["degree:master+"], stance="important",
              test="share >= 0.25"),
        withdrawn=[{"claim_id": "g007-old", "reason": "not about postings"}],
    ) == []


@pytest.mark.parametrize(("overrides", "message"), [
    ({"stance": "essential", "test": "share >= 0.25"}, "stance essential means 'share >= 0.5'"),
    ({"subjects": ["pythn"]}, "unknown subjects ['pythn']"),
    ({"subjects": ["salary"]}, "can only be tested by a median"),
    ({"stance": "figure", "test": "median = 3 ± 1"}, "a median test is a figure claim"),
    ({"stance": "comparison", "test": "share(python) > share(sql)"}, "a comparison tests share(a) > share(b)"),
    ({"stance": "comparison", "test": "share in role=research > share in role=research"},
     "a group comparison is a comparison between two different groups"),
    ({"stance": "essential", "test": "share in role=research > share in role=mlops"}, "a group comparison"),
    ({"stance": "essential", "test": "share rising"}, "is a trend claim"),
    ({"test": "untestable"}, "says why in reason"),
    ({"topic": "astrology"}, "unknown topic"),
    ({"doc": "008_other.txt", "claim_id": "g008-x", "point_id": "g008-p01"}, "no [[guide]]"),
    ({"claim_id": "g009-python"}, "numbered after its doc"),
    ({"point_id": "g009-p01"}, "a point_id is g<guide number>-pNN"),
    ({"point_id": "g007-1"}, "a point_id is g<guide number>-pNN"),
    ({"quote": " ".join(["word"] * 26)}, "26 words"),
    ({"segment": "seniority=guru"}, "unknown values"),
    ({"segment": "country=US,country=GB"}, "names country twice"),
    ({"subjects": ["python", "python"]}, "without repeats"),
])
def test_problems_are_named(overrides, message):
    found = problems(claim(**overrides))
    assert any(message in p for p in found), found


def test_a_claim_without_a_point_is_a_problem():
    entry = claim()
    del entry["point_id"]
    assert problems(entry) == ["g007-python-essential: missing ['point_id']"]


def test_duplicate_and_withdrawn_ids_are_problems():
    assert any("duplicate claim_id" in p for p in problems(claim(), claim()))
    found = problems(claim(), withdrawn=[{"claim_id": "g007-python-essential", "reason": "retired"},
                                        {"claim_id": "g007-other"}])
    assert "g007-python-essential: withdrawn, so its id cannot be used again" in found
    assert "g007-other: a withdrawn claim gives claim_id and reason" in found


def test_the_loader_refuses_a_broken_file(tmp_path):
    path = tmp_path / "claims.toml"
    path.write_text('[[guide]]\ndoc = "007_guide.txt"\ntitle = "A guide"\nsite = ""\nyear = 0\n\n'
                    '[[claim]]\nclaim_id = "g007-python-essential"\npoint_id = "g007-p01"\ndoc = "007_guide.txt"\n'
                    'topic = "language"\nsubjects = ["python"]\nstance = "essential"\nquote = "Python."\n'
                    'test = "share >= 0.25"\n\n'
                    '[[withdrawn]]\nclaim_id = "g007-old-salary"\nreason = "another occupation"\n')
    with pytest.raises(ClaimError, match="stance essential"):
        load_claims(path)
    path.write_text(path.read_text().replace("share >= 0.25", "share >= 0.5"))
    with pytest.raises(ClaimError, match="unknown subjects"):
        load_claims(path, skill_ids={"sql"})
    guides, claims = load_claims(path)  # skill subjects unchecked without ids (the loader's taxonomy may be a test's)
    assert claims[0]["test_kind"] == "share_any" and claims[0]["threshold"] == 0.5
    assert (claims[0]["point_id"], claims[0]["required_only"], claims[0]["population"]["role"]) == (
        "g007-p01", True, DEFAULT_ROLES)
    assert load_withdrawn(path) == [{"claim_id": "g007-old-salary", "reason": "another occupation"}]
    assert load_withdrawn(tmp_path / "missing.toml") == [] and load_claims(tmp_path / "missing.toml") == ([], [])
