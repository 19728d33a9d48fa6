"""The benchmarks' hand-labelled files (benchmarks/gold/): well-formed, ids only, and split by company so
that the frozen test half shares no employer with the half rules are tuned on."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
CLASSES = {"core", "adjacent", "not"}
FAMILIES = {"ml_engineer", "ai_engineer", "mlops", "applied_scientist", "research", "data_scientist", "other"}


def rows(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_title_labels_are_well_formed_and_split_by_company():
    titles = rows("titles.csv")
    assert len(titles) >= 500 and len({r["posting_id"] for r in titles}) == len(titles)
    splits = defaultdict(set)
    for r in titles:
        assert r["split"] in ("dev", "test") and r["drawn"] in ("random", "ml-word")
        for cls, family in ((r["class"], r["family"]), (r["class_a"], r["family_a"]), (r["class_b"], r["family_b"])):
            assert cls in CLASSES and family in FAMILIES, r["posting_id"]
            assert (cls == "not") == (family == "other") or cls == "adjacent", r["posting_id"]
        # the final label is a reader's: both readers' when they agreed
        if (r["class_a"], r["family_a"]) == (r["class_b"], r["family_b"]):
            assert (r["class"], r["family"]) == (r["class_a"], r["family_a"]), r["posting_id"]
        splits[r["company_hash"]].add(r["split"])
    assert all(len(s) == 1 for s in splits.values()), "a company in both halves"
    assert sum(r["split"] == "test" for r in titles) >= 200


def test_dedup_holdout_pairs_are_well_formed():
    pairs = rows("dedup_holdout.csv")
    assert len(pairs) >= 80
    assert all(r["label"] in ("0", "1") and r["left_id"] != r["right_id"] for r in pairs)
    assert len({frozenset((r["left_id"], r["right_id"])) for r in pairs}) == len(pairs)


def test_missing_name_classes_are_two_readers_and_ties_count_against_coverage():
    classes = rows("missing_class.csv")
    assert len({r["name"] for r in classes}) == len(classes) > 0
    for r in classes:
        assert {r["class_a"], r["class_b"], r["class"]} <= {"skill", "domain", "other"}, r["name"]
        # agreed: the readers' class; disagreed: 'skill', which keeps the name in coverage's denominator
        assert r["class"] == (r["class_a"] if r["class_a"] == r["class_b"] else "skill"), r["name"]
