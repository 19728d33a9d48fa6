"""warehouse/reference/dedup_pairs.csv is reference data: check its shape like code (no corpus needed)."""

import csv
import re
from pathlib import Path

PAIRS = Path(__file__).resolve().parents[2] / "warehouse" / "reference" / "dedup_pairs.csv"
SOURCES = {"greenhouse", "lever", "ashby", "hn", "jsonld", "remoteok", "remotive"}
POSTING_ID = re.compile(r"^(?P<source>[a-z]+):(?P<board>[^:\s]+):(?P<id>[^\s]+)$")


def rows():
    with PAIRS.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["left_id", "right_id", "label", "note"]
        return list(reader)


def test_pairs_are_well_formed():
    pairs = rows()
    assert len(pairs) >= 60
    seen = set()
    for row in pairs:
        for side in ("left_id", "right_id"):
            match = POSTING_ID.match(row[side])
            assert match and match["source"] in SOURCES, row[side]
        assert row["left_id"] != row["right_id"]
        assert row["label"] in ("0", "1")
        assert row["note"].strip()
        key = frozenset((row["left_id"], row["right_id"]))
        assert key not in seen, f"pair listed twice: {sorted(key)}"
        seen.add(key)
    labels = [row["label"] for row in pairs]
    assert labels.count("1") >= 20 and labels.count("0") >= 20


def test_labels_do_not_contradict_each_other():
    # duplicates are transitive: a "not duplicate" pair must not sit inside a group of duplicates
    parent: dict[str, str] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    pairs = rows()
    for row in pairs:
        if row["label"] == "1":
            parent[find(row["left_id"])] = find(row["right_id"])
    contradictions = [r for r in pairs if r["label"] == "0" and find(r["left_id"]) == find(r["right_id"])]
    assert not contradictions


def test_cross_source_pairs_are_present():
    pairs = rows()
    cross = [r for r in pairs if r["left_id"].split(":")[0] != r["right_id"].split(":")[0]]
    assert any(r["label"] == "1" for r in cross) and sum(r["label"] == "0" for r in cross) >= 10


def test_location_and_translation_pairs_are_present():
    # one role posted per place or per language is one job: labels cover both, and the hard negatives
    # (same company, similar title, another role) that the rule must not merge
    notes = [(r["label"], r["note"]) for r in rows()]
    assert sum(label == "1" and note.startswith("location repost") for label, note in notes) >= 10
    assert sum(label == "1" and note.startswith("translation") for label, note in notes) >= 5
    assert sum(label == "0" and note.startswith("hard negative") for label, note in notes) >= 10
