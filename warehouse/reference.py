"""Reference data files (warehouse/reference/) -> rows for the ref_* tables."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
CLAIMS_FILE = REFERENCE_DIR / "claims.toml"


def load_claims(path: Path = CLAIMS_FILE) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(guides, claims) as dicts with the ref_guides / ref_claims columns."""
    if not path.exists():
        return [], []
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    guides = [
        {"doc": g["doc"], "title": g.get("title"), "site": g.get("site"), "year": g.get("year") or None}
        for g in data.get("guide", [])
    ]
    claims = [
        {
            "claim_id": c["claim_id"], "doc": c["doc"], "topic": c.get("topic"), "subjects": list(c["subjects"]),
            "stance": c["stance"], "quote": c["quote"], "test": c["test"],
        }
        for c in data.get("claim", [])
    ]
    return guides, claims
