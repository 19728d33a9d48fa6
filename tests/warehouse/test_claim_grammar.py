"""The claims registry's grammar (warehouse/reference.py): tests, segments and the problems it reports."""

from __future__ import annotations

import pytest

from warehouse.reference import ClaimError, claim_problems, parse_segment, parse_test

GUIDE = {"doc": "007_guide.txt", "title": "A guide", "site": "", "year": 0}


def claim(**overrides) -> dict:
    base = {"claim_id": "g007-python-essential", "doc": "007_guide.txt", "topic": "language", "subjects": ["python"],
            "stance": "essential", "quote": "Python is a must.", "test": "share >= 0.5"}
    return {**base, **overrides}


def problems(*claims: dict) -> list[str]:
    return claim_problems({"guide": [GUIDE], "claim": list(claims)}, {"python", "r", "sql"})


@pytest.mark.parametrize(("test", "expected"), [
    ("share >= 0.5", {"test_kind": "share_any", "test_op": ">=", "threshold": 0.5}),
    ("each share >= 0.1", {"test_kind": "share_each", "test_op": ">=", "threshold": 0.1}),
    ("share <= 0.1", {"test_kind": "share_any", "test_op": "<=", "threshold": 0.1}),
    ("share(python) > share(r)", {"test_kind": "compare", "compare_a": "python", "compare_b": "r"}),
    ("median = 150000 ± 10%", {"test_kind": "median", "figure_low": 135000.0, "figure_high": 165000.0}),
    ("median = 140000 ± 20000", {"test_kind": "median", "figure_low": 120000.0, "figure_high": 160000.0}),
    ("median >= 160000", {"test_kind": "median", "test_op": ">=", "figure_low": 160000.0, "figure_high": None}),
    ("median <= 3", {"test_kind": "median", "test_op": "<=", "figure_low": None, "figure_high": 3.0}),
    ("untestable", {"test_kind": "untestable", "threshold": None}),
])
def test_tests_parse_into_columns(test, expected):
    parsed = parse_test(test)
    assert {k: parsed[k] for k in expected} == expected


@pytest.mark.parametrize("test", ["share > 0.5", "share >= half", "median = 3 +- 1", "share(a) >= share(b)", ""])
def test_unreadable_tests_are_refused(test):
    with pytest.raises(ClaimError, match="cannot read test"):
        parse_test(test)


def test_segments():
    assert parse_segment(None) == (None, None)
    assert parse_segment("seniority=intern|junior") == ("seniority", ["intern", "junior"])
    assert parse_segment("country=US") == ("country", ["US"])
    for bad in ("seniority=junior|wizard", "country=usa", "planet=mars", "seniority junior"):
        with pytest.raises(ClaimError):
            parse_segment(bad)


def test_a_valid_claim_has_no_problems():
    assert problems(claim(), claim(claim_id="g007-salary-figure", topic="salary", subjects=["salary"], stance="figure",
                                   test="median = 150000 ± 10%", segment="country=US")) == []


@pytest.mark.parametrize(("overrides", "message"), [
    ({"stance": "essential", "test": "share >= 0.25"}, "stance essential means 'share >= 0.5'"),
    ({"subjects": ["pythn"]}, "unknown subjects ['pythn']"),
    ({"subjects": ["salary"]}, "can only be tested by a median"),
    ({"stance": "figure", "test": "median = 3 ± 1"}, "a median test is a figure claim"),
    ({"stance": "comparison", "test": "share(python) > share(sql)"}, "a comparison tests share(a) > share(b)"),
    ({"test": "untestable"}, "says why in reason"),
    ({"topic": "astrology"}, "unknown topic"),
    ({"doc": "008_other.txt", "claim_id": "g008-x"}, "no [[guide]]"),
    ({"claim_id": "g009-python"}, "numbered after its doc"),
    ({"quote": " ".join(["word"] * 26)}, "26 words"),
    ({"segment": "seniority=guru"}, "unknown values"),
])
def test_problems_are_named(overrides, message):
    found = problems(claim(**overrides))
    assert any(message in p for p in found), found


def test_duplicate_ids_are_problems():
    assert any("duplicate claim_id" in p for p in problems(claim(), claim()))


def test_the_loader_refuses_a_broken_file(tmp_path):
    from warehouse.reference import load_claims

    path = tmp_path / "claims.toml"
    path.write_text('[[guide]]\ndoc = "007_guide.txt"\ntitle = "A guide"\nsite = ""\nyear = 0\n\n'
                    '[[claim]]\nclaim_id = "g007-python-essential"\ndoc = "007_guide.txt"\ntopic = "language"\n'
                    'subjects = ["python"]\nstance = "essential"\nquote = "Python."\ntest = "share >= 0.25"\n')
    with pytest.raises(ClaimError, match="stance essential"):
        load_claims(path)
    path.write_text(path.read_text().replace("share >= 0.25", "share >= 0.5"))
    with pytest.raises(ClaimError, match="unknown subjects"):
        load_claims(path, skill_ids={"sql"})
    guides, claims = load_claims(path)  # skill subjects unchecked without ids (the loader's taxonomy may be a test's)
    assert claims[0]["test_kind"] == "share_any" and claims[0]["threshold"] == 0.5
