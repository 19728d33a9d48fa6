"""Reference data files (warehouse/reference/) -> rows for the ref_* tables.

The claims registry (``claims.toml``) is read here, and each claim's ``test`` and ``segment`` are
parsed into the columns the scorecard's SQL works on (``warehouse/models/25_claims.sql``). The
grammar is documented in ``warehouse/reference/README.md``; :func:`claim_problems` checks a file
against it and is what the loader and the tests use.
"""

from __future__ import annotations

import csv
import re
import tomllib
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
CLAIMS_FILE = REFERENCE_DIR / "claims.toml"
GUIDE_MENTIONS_FILE = REFERENCE_DIR / "guide_mentions.csv"

# The one place the stances' thresholds live (README.md says why these numbers).
STANCE_THRESHOLDS = {
    "non-negotiable": (">=", 0.8),
    "essential": (">=", 0.5),
    "important": (">=", 0.25),
    "recommended": (">=", 0.1),
    "optional": ("<=", 1.0),
    "not-needed": ("<=", 0.1),
}
STANCES = (*STANCE_THRESHOLDS, "comparison", "figure", "trend")
# Stances whose shares count only requirement mentions: "you need it" is about what postings require.
REQUIRED_STANCES = ("non-negotiable", "essential", "not-needed")
# How strongly a stance stresses its subject, for the guides' alignment (0 = "you don't need it").
STANCE_EMPHASIS = {"non-negotiable": 5, "essential": 4, "important": 3, "recommended": 2, "optional": 1, "not-needed": 0}
SKILL_CATEGORIES = (
    "language", "ml-library", "data-tool", "database", "cloud", "cloud-ml", "mlops", "infra",
    "web", "business-software", "practice", "concept", "math", "soft-skill", "certification",
)
TOPICS = (*SKILL_CATEGORIES, "education", "experience", "salary", "role-mix", "other")
# Subjects that are facets of a posting rather than skills (see 25_claims.sql, stg_claim_job_subjects).
DEGREE_FIELDS = ("cs", "math", "statistics", "physics", "engineering", "data-science", "quantitative")
# flows/normalize/titles.py's families but "other" (a copy: see tests/warehouse/test_reference.py).
ROLE_FAMILIES = (
    "ml_engineer", "mlops", "research", "applied_scientist", "data_scientist", "ai_engineer", "research_engineer", "ai_adjacent",
)
SHARE_FACETS = (
    "degree:any", "degree:master+", "degree:phd", "degree:none",
    *(f"degree_field:{field}" for field in DEGREE_FIELDS),
    "cert:any", "foundation:math", "foundation:quantitative",
    "remote:remote", "remote:hybrid", "remote:onsite",
    *(f"role:{family}" for family in ROLE_FAMILIES),
)
FIGURE_FACETS = ("salary", "years")  # numeric: median tests only
# The jobs a claim is tested on unless its segment names roles: the guides speak of ML engineers. Narrower
# than titles.ML_ENGINEERING_FAMILIES, which also counts applied scientists and research engineers.
ML_ENGINEER_ROLES = ("ml_engineer", "ai_engineer", "mlops")
SEGMENT_FIELDS = {
    "role": (*ROLE_FAMILIES, "any"),
    "seniority": ("intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director"),
    "country": None,  # ISO 3166 alpha-2, checked by shape
    "state": None,    # a US state's USPS code, checked by shape
    "remote": ("remote", "hybrid", "onsite"),
}
MAX_QUOTE_WORDS = 25

# The scorecard's verdicts (evidence classes), best evidence for the guide first, each in one line
# (README.md, "Verdicts: evidence classes"; warehouse/models/25_claims.sql computes them).
VERDICT_MEANINGS = {
    "supported": "the 95 % interval lies inside what the guide expects",
    "partly supported": "the interval straddles the expectation: the data cannot tell yet",
    "contradicted": "direct counter-evidence: a comparison or trend reversed, a figure outside its band, "
                    "a skill called unnecessary that many jobs require, a degree or role share the postings state otherwise",
    "rarely asked for": "a concrete tool or requirement that employers name when they want it, asked for by fewer jobs than the claim needs",
    "rarely stated": "a foundation postings take for granted: few name it, which is no evidence against the guide",
    "not testable yet": "too few jobs in the segment, even pooled over 13 weeks",
    "untestable": "postings cannot test this claim",
}
VERDICTS = tuple(VERDICT_MEANINGS)
# The verdicts that say something either way (the others say the data cannot tell).
DECISIVE_VERDICTS = ("supported", "contradicted", "rarely asked for", "rarely stated")

_NUMBER = r"([0-9]+(?:\.[0-9]+)?)"
_SHARE = re.compile(rf"^(each )?share (>=|<=) {_NUMBER}$")
_COMPARE = re.compile(r"^share\(([^()\s]+)\) > share\(([^()\s]+)\)$")
_MEDIAN_RANGE = re.compile(rf"^median = {_NUMBER} ± {_NUMBER}(%?)$")
_MEDIAN_BOUND = re.compile(rf"^median (>=|<=) {_NUMBER}$")
_GROUPS = re.compile(r"^share in (\S+) > share in (\S+)$")
_TREND = re.compile(r"^share (rising|falling)$")
_CONDITION = re.compile(r"^([a-z]+)=([A-Za-z_|]+)$")
CLAIM_ID = re.compile(r"^g\d{3}-[a-z0-9][a-z0-9.+#-]*$")
POINT_ID = re.compile(r"^g\d{3}-p\d{2,3}$")

CLAIM_COLUMNS = (
    "claim_id", "point_id", "doc", "topic", "subjects", "stance", "quote", "test", "test_kind", "test_op", "threshold",
    "required_only", "compare_a", "compare_b", "figure_low", "figure_high", "segment", "population", "group_a",
    "group_b", "reason", "note",
)


class ClaimError(ValueError):
    """The claims file breaks the grammar in README.md."""


def parse_test(test: str) -> dict[str, Any]:
    """A claim's ``test`` -> test_kind, test_op, threshold, compare_a/b, figure_low/high.

    >>> parse_test("median = 150000 ± 10%")["figure_low"]
    135000.0
    """
    out: dict[str, Any] = dict.fromkeys(("test_op", "threshold", "compare_a", "compare_b", "figure_low", "figure_high"))
    text = " ".join(test.split())
    if text == "untestable":
        return {**out, "test_kind": "untestable"}
    if match := _SHARE.match(text):
        each, op, value = match.groups()
        return {**out, "test_kind": "share_each" if each else "share_any", "test_op": op, "threshold": float(value)}
    if match := _COMPARE.match(text):
        return {**out, "test_kind": "compare", "test_op": ">", "compare_a": match.group(1), "compare_b": match.group(2)}
    if match := _MEDIAN_RANGE.match(text):
        figure, tolerance, percent = float(match.group(1)), float(match.group(2)), match.group(3)
        half = figure * tolerance / 100 if percent else tolerance
        return {**out, "test_kind": "median", "test_op": "=", "figure_low": figure - half, "figure_high": figure + half}
    if match := _MEDIAN_BOUND.match(text):
        op, value = match.group(1), float(match.group(2))
        low, high = (value, None) if op == ">=" else (None, value)
        return {**out, "test_kind": "median", "test_op": op, "figure_low": low, "figure_high": high}
    if match := _GROUPS.match(text):
        parse_segment(match.group(1)), parse_segment(match.group(2))  # raise on a bad group
        return {**out, "test_kind": "compare_groups", "test_op": ">", "compare_a": match.group(1), "compare_b": match.group(2)}
    if match := _TREND.match(text):
        return {**out, "test_kind": "trend", "test_op": match.group(1)}
    raise ClaimError(f"cannot read test {test!r}")


def parse_segment(segment: str | None) -> dict[str, list[str] | None]:
    """``"country=US,seniority=mid|senior"`` -> {"role": None, "seniority": ["mid", "senior"], "country": ["US"],
    "state": None, "remote": None}: every condition must hold; a field not named is not restricted."""
    out: dict[str, list[str] | None] = dict.fromkeys(SEGMENT_FIELDS)
    if not segment or not segment.strip():
        return out
    for condition in segment.split(","):
        match = _CONDITION.match(condition.strip())
        if not match or match.group(1) not in SEGMENT_FIELDS:
            raise ClaimError(f"cannot read segment {segment!r} (expected field=value|value[,field=value], "
                             f"field one of {sorted(SEGMENT_FIELDS)})")
        field, values = match.group(1), match.group(2).split("|")
        if out[field] is not None:
            raise ClaimError(f"segment {segment!r} names {field} twice")
        allowed = SEGMENT_FIELDS[field]
        if field in ("country", "state") and not all(re.fullmatch(r"[A-Z]{2}", v) for v in values):
            raise ClaimError(f"segment {segment!r}: a {field} is a two-letter code such as "
                             + ("US" if field == "country" else "CA"))
        if allowed is not None and not set(values) <= set(allowed):
            raise ClaimError(f"segment {segment!r}: unknown values {sorted(set(values) - set(allowed))}")
        if field == "role" and "any" in values and values != ["any"]:
            raise ClaimError(f"segment {segment!r}: role=any stands alone")
        out[field] = values
    return out


def population(segment: str | None, group: str | None = None) -> dict[str, list[str] | None]:
    """The jobs a claim (or one group of a group comparison) is tested on: the segment's conditions, the
    group's on top, and the ML-engineer roles unless either names roles (``role=any``: every ML role)."""
    out = parse_segment(segment)
    for field, values in parse_segment(group).items():
        if values is not None:
            out[field] = values
    if out["role"] is None:
        out["role"] = list(ML_ENGINEER_ROLES)
    elif out["role"] == ["any"]:
        out["role"] = None
    return out


def read_claims_file(path: Path = CLAIMS_FILE) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def claim_problems(data: dict[str, Any], skill_ids: set[str] | None) -> list[str]:
    """Everything wrong with a parsed claims file, one message per problem (empty when valid).
    Skill subjects are checked against ``skill_ids`` unless it is ``None``."""
    problems: list[str] = []
    docs = [g.get("doc") for g in data.get("guide", [])]
    if len(set(docs)) != len(docs):
        problems.append("a guide is listed twice")
    withdrawn: set[str] = set()
    for entry in data.get("withdrawn", []):
        if not entry.get("claim_id") or not entry.get("reason"):
            problems.append(f"{entry.get('claim_id', '?')}: a withdrawn claim gives claim_id and reason")
        elif entry["claim_id"] in withdrawn:
            problems.append(f"{entry['claim_id']}: withdrawn twice")
        withdrawn.add(entry.get("claim_id", ""))
    seen: set[str] = set()
    for claim in data.get("claim", []):
        cid = claim.get("claim_id", "?")
        say = problems.append
        missing = {"claim_id", "point_id", "doc", "topic", "subjects", "stance", "quote", "test"} - set(claim)
        if missing:
            say(f"{cid}: missing {sorted(missing)}")
            continue
        if not CLAIM_ID.match(cid) or cid[1:4] != claim["doc"][:3]:
            say(f"{cid}: a claim_id is g<guide number>-<words>, numbered after its doc")
        if cid in seen:
            say(f"{cid}: duplicate claim_id")
        if cid in withdrawn:
            say(f"{cid}: withdrawn, so its id cannot be used again")
        seen.add(cid)
        if not POINT_ID.match(claim["point_id"]) or claim["point_id"][1:4] != claim["doc"][:3]:
            say(f"{cid}: a point_id is g<guide number>-pNN, numbered after its doc")
        if claim["doc"] not in docs:
            say(f"{cid}: no [[guide]] for {claim['doc']}")
        if claim["topic"] not in TOPICS:
            say(f"{cid}: unknown topic {claim['topic']!r}")
        stance, subjects = claim["stance"], list(claim["subjects"])
        if stance not in STANCES:
            say(f"{cid}: unknown stance {stance!r}")
        if not subjects or len(set(subjects)) != len(subjects):
            say(f"{cid}: subjects must be a non-empty list without repeats")
        words = len(claim["quote"].split())
        if not 0 < words <= MAX_QUOTE_WORDS:
            say(f"{cid}: the quote has {words} words (at most {MAX_QUOTE_WORDS})")
        try:
            test = parse_test(claim["test"])
            parse_segment(claim.get("segment"))
        except ClaimError as error:
            say(f"{cid}: {error}")
            continue
        kind = test["test_kind"]
        if kind == "untestable":
            if not claim.get("reason"):
                say(f"{cid}: an untestable claim says why in reason")
            continue
        figures = [s for s in subjects if s in FIGURE_FACETS]
        unknown = set(subjects) - (skill_ids or set(subjects)) - set(SHARE_FACETS) - set(FIGURE_FACETS)
        if unknown:
            say(f"{cid}: unknown subjects {sorted(unknown)}")
        if kind == "median":
            if stance != "figure" or len(subjects) != 1 or not figures:
                say(f"{cid}: a median test is a figure claim on one of {FIGURE_FACETS}")
        elif figures:
            say(f"{cid}: {figures} can only be tested by a median")
        elif kind == "compare":
            if stance != "comparison" or test["compare_a"] == test["compare_b"] or not {test["compare_a"], test["compare_b"]} <= set(subjects):
                say(f"{cid}: a comparison tests share(a) > share(b), a and b two of its subjects")
        elif kind == "compare_groups":
            if stance != "comparison" or test["compare_a"] == test["compare_b"]:
                say(f"{cid}: a group comparison is a comparison between two different groups of jobs")
        elif kind == "trend":
            if stance != "trend":
                say(f"{cid}: 'share rising' / 'share falling' is a trend claim")
        elif stance not in STANCE_THRESHOLDS or (test["test_op"], test["threshold"]) != STANCE_THRESHOLDS[stance]:
            op, value = STANCE_THRESHOLDS.get(stance, ("?", "?"))
            say(f"{cid}: stance {stance} means 'share {op} {value}', not {claim['test']!r}")
    return problems


def load_claims(path: Path = CLAIMS_FILE, skill_ids: set[str] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(guides, claims) as dicts with the ref_guides / ref_claims columns (see :func:`load_registry`)."""
    guides, claims, _ = load_registry(path, skill_ids)
    return guides, claims


def load_registry(
    path: Path = CLAIMS_FILE, skill_ids: set[str] | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, str]]]:
    """(guides, claims, withdrawn) from one read of the file, as rows of ref_guides, ref_claims and
    ref_withdrawn_claims. Raises :class:`ClaimError` on a file that breaks the grammar; skill subjects
    are checked against ``skill_ids`` when given (tests/warehouse/test_reference.py checks them against
    the taxonomy)."""
    if not path.exists():
        return [], [], []
    data = read_claims_file(path)
    if problems := claim_problems(data, skill_ids):
        raise ClaimError(f"{path.name}: " + "; ".join(problems[:10]))
    guides = [
        {"doc": g["doc"], "title": g.get("title"), "site": g.get("site") or None, "year": g.get("year") or None,
         "author": g.get("author") or None}
        for g in data.get("guide", [])
    ]
    withdrawn = [{"claim_id": w["claim_id"], "reason": w["reason"]} for w in data.get("withdrawn", [])]
    return guides, [claim_row(c) for c in data.get("claim", [])], withdrawn


def claim_row(c: dict[str, Any]) -> dict[str, Any]:
    """One [[claim]] table -> its ref_claims row (test and segment parsed)."""
    test = parse_test(c["test"])
    grouped = test["test_kind"] == "compare_groups"
    return {
        "claim_id": c["claim_id"], "point_id": c["point_id"], "doc": c["doc"], "topic": c.get("topic"),
        "subjects": list(c["subjects"]), "stance": c["stance"], "quote": " ".join(c["quote"].split()),
        "test": c["test"], **test, "required_only": c["stance"] in REQUIRED_STANCES,
        "segment": c.get("segment") or None, "population": population(c.get("segment")),
        "group_a": population(c.get("segment"), test["compare_a"]) if grouped else None,
        "group_b": population(c.get("segment"), test["compare_b"]) if grouped else None,
        "reason": c.get("reason"), "note": c.get("note"),
    }


def load_withdrawn(path: Path = CLAIMS_FILE) -> list[dict[str, str]]:
    """The claim ids no longer tested, with why ([[withdrawn]] in claims.toml)."""
    return load_registry(path)[2]


def load_guide_mentions(path: Path = GUIDE_MENTIONS_FILE) -> list[dict[str, Any]]:
    """How often each guide names each skill (``jobtrends claims mentions`` writes the file)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {"doc": row["doc"], "skill": row["skill"], "mentions": int(row["mentions"]), "taxonomy_version": row["taxonomy_version"]}
            for row in csv.DictReader(handle)
        ]
