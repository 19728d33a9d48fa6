"""benchmarks/gold/missing_map.csv: the annotators' `missing` names that the taxonomy now expresses, mapped by
hand to skill ids. Every mapped id exists, and no posting keeps a mapped name in `missing` (each such entry was
converted into a label)."""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path

from flows.skills import load_taxonomy

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
# The annotators marked the level in the name itself ("Vue (preferred)"); the map is keyed without it.
LEVEL_SUFFIX = re.compile(r"\s*\((?:preferred|bonus|nice to have|good to have)\)\s*$", re.IGNORECASE)


def missing_map() -> dict[str, list[str]]:
    with (GOLD / "missing_map.csv").open(newline="", encoding="utf-8") as handle:
        return {row["missing_name"]: row["skill_ids"].split() for row in csv.DictReader(handle)}


def test_mapped_ids_exist():
    ids = set(load_taxonomy().by_id())
    mapping = missing_map()
    assert mapping and all(name == name.lower() for name in mapping)
    assert {skill for skills in mapping.values() for skill in skills} <= ids


def test_mapped_names_were_converted_into_labels():
    mapping = missing_map()
    with (GOLD / "labels.toml").open("rb") as handle:
        postings = tomllib.load(handle)["posting"]
    left = [(p["id"], m) for p in postings for m in p.get("missing", []) if LEVEL_SUFFIX.sub("", m.lower()) in mapping]
    assert not left
    labelled = {p["id"]: set(p["required"]) | set(p["preferred"]) for p in postings}
    # a converted skill takes one level: required when any mention is a requirement
    assert all(not set(p["required"]) & set(p["preferred"]) for p in postings)
    assert sum("full-stack-development" in skills for skills in labelled.values()) > 10
