"""The claims scorecard v3 (warehouse/models/25_claims.sql): evidence classes, employer-clustered intervals,
pooled windows, the each-employer-once twin, Benjamini–Hochberg, group comparisons, trends and points.

A small warehouse is built by hand (migrations and models, then rows inserted straight into the tables the
views read), so the SQL is tested apart from the crawlers and the extractor. Every posting, company, guide
and quote here is made up for these tests.

Every number the SQL gives is checked against a Python reference written from the textbook formulas
(Wilson, the cluster-robust design effect, Newcombe's hybrid score interval, the order-statistics median
interval, two-sided normal p-values, Benjamini–Hochberg) and the rules in warehouse/reference/README.md,
computed from the made-up jobs below without reading the SQL's intermediate views. The tests of single
verdict paths also spell out the counts by hand.

``build_warehouse`` / ``main_spec`` / ``write_main_warehouse`` are reused by tests/flows/test_claims_cli.py.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from warehouse import db
from warehouse.load import claims_frame
from warehouse.reference import STANCE_THRESHOLDS, claim_problems, claim_row

Z = 1.959964
W2 = date(2026, 11, 16)  # the latest week
W1 = W2 - timedelta(weeks=1)
HN_WEEK = W2 - timedelta(weeks=14)  # when the Hacker News threads were crawled: outside the 13-week windows of W2, W1
TAXONOMY = "t.2"
STALE_TAXONOMY = "t.1"
SEVERITY = {"contradicted": 3, "rarely asked for": 2, "rarely stated": 1}
DECISIVE = ("supported", "contradicted", "rarely asked for", "rarely stated")


# --- Python references (textbook formulas, independent of the SQL) ---------------------------------------


def wilson(k: float, n: float) -> tuple[float, float]:
    """Wilson score interval, 95 %, for k successes in n trials (k and n may be effective, non-integer)."""
    p = k / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return max(0.0, (centre - half) / (1 + Z * Z / n)), min(1.0, (centre + half) / (1 + Z * Z / n))


def design_effect(clusters: list[tuple[int, int]]) -> float:
    """clusters: (n_c, k_c) per employer. The cluster-robust variance of the ratio estimator p = Σk/Σn,
    m/(m-1) · Σ(k_c - p·n_c)² / n², over the binomial p(1-p)/n, at least 1; n/m when p is 0 or 1 (the
    employers are the effective sample); n for a single employer."""
    n, k, m = sum(c[0] for c in clusters), sum(c[1] for c in clusters), len(clusters)
    if k in (0, n):
        return n / m
    if m == 1:
        return n
    p = k / n
    robust = m / (m - 1) * sum((kc - p * nc) ** 2 for nc, kc in clusters) / n ** 2
    return max(1.0, robust / (p * (1 - p) / n))


def clustered(clusters: list[tuple[int, int]]) -> dict[str, float]:
    """A share with its employer-clustered Wilson interval (k/deff, n/deff) and its each-employer-once twin
    (the mean of the employers' shares, with Wilson's interval on m = the number of employers)."""
    n, k, m = sum(c[0] for c in clusters), sum(c[1] for c in clusters), len(clusters)
    deff = design_effect(clusters)
    lo, hi = wilson(k / deff, n / deff)
    weighted = sum(kc / nc for nc, kc in clusters) / m
    w_lo, w_hi = wilson(weighted * m, m)
    return {"n": n, "k": k, "m": m, "share": k / n, "deff": deff, "lo": lo, "hi": hi,
            "weighted": weighted, "w_lo": w_lo, "w_hi": w_hi}


def newcombe(pa: float, a: tuple[float, float], pb: float, b: tuple[float, float]) -> tuple[float, float, float]:
    """Newcombe's hybrid score interval (method 10) for pa - pb from each share's Wilson interval."""
    (la, ua), (lb, ub) = a, b
    diff = pa - pb
    return diff, diff - math.sqrt((pa - la) ** 2 + (ub - pb) ** 2), diff + math.sqrt((ua - pa) ** 2 + (pb - lb) ** 2)


def median_interval(values: list[float]) -> tuple[float, float, float]:
    """(median, low, high): the distribution-free 95 % interval, order statistics
    max(1, floor(n/2 - 0.98·√n)) and min(n, ceil(n/2 + 1 + 0.98·√n)), 1-based."""
    v, n = sorted(values), len(values)
    lo = max(1, math.floor(n / 2 - 0.98 * math.sqrt(n)))
    hi = min(n, math.ceil(n / 2 + 1 + 0.98 * math.sqrt(n)))
    return statistics.median(v), v[lo - 1], v[hi - 1]


def p_two_sided(z: float) -> float:
    """P(|Z| > |z|) for a standard normal Z."""
    return min(1.0, math.erfc(abs(z) / math.sqrt(2)))


def bh_q_values(p_values: dict[str, float]) -> dict[str, float]:
    """Benjamini–Hochberg: q_(i) = min over j >= i of p_(j)·m/j, at most 1 (ties broken by key)."""
    order = sorted(p_values, key=lambda key: (p_values[key], key))
    m, q, running = len(order), {}, 1.0
    for rank in range(m, 0, -1):
        key = order[rank - 1]
        running = min(running, p_values[key] * m / rank)
        q[key] = running
    return q


def average_ranks(values: list[float]) -> list[float]:
    order = sorted(values)
    return [order.index(x) + 1 + (order.count(x) - 1) / 2 for x in values]


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = average_ranks(xs), average_ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    return cov / math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))


# --- building a warehouse -----------------------------------------------------------------------------


def claim_entry(claim_id: str, point_id: str, doc: str, subjects: list[str], stance: str, test: str | None = None, *,
                segment: str | None = None, quote: str | None = None, reason: str | None = None,
                topic: str = "language", note: str | None = None) -> dict[str, Any]:
    """A [[claim]] table of claims.toml; the test defaults to the stance's threshold."""
    if test is None:
        op, value = STANCE_THRESHOLDS[stance]
        test = f"share {op} {value}"
    entry = {"claim_id": claim_id, "point_id": point_id, "doc": doc, "topic": topic, "subjects": subjects,
             "stance": stance, "quote": quote or f"Made-up quote for {claim_id}.", "test": test}
    return entry | {k: v for k, v in (("segment", segment), ("reason", reason), ("note", note)) if v is not None}


def claim(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """A ref_claims row, its test and segment parsed by warehouse.reference.claim_row."""
    return claim_row(claim_entry(*args, **kwargs))


def job(posting_id: str, week: date = W2, skills: tuple = (), **fields: Any) -> dict[str, Any]:
    """A sighting. skills: "python" (required), ("python", "preferred") or ("python", level, evidence)."""
    return {"posting_id": posting_id, "week": week, "skills": [normal_skill(s) for s in skills], **fields}


def normal_skill(skill: str | tuple) -> tuple[str, str, str]:
    if isinstance(skill, str):
        skill = (skill,)
    name = skill[0]
    level = skill[1] if len(skill) > 1 else "required"
    return name, level, skill[2] if len(skill) > 2 else f"Experience with {name}"


SIGHTING_DEFAULTS = {
    "company": "Default Co", "title": "ML Engineer", "url": None, "remote": "onsite", "role_family": "ml_engineer",
    "is_ml_role": True, "seniority": "mid", "country": "GB", "salary_raw": None, "salary_min": None, "salary_max": None,
    "salary_currency": None, "salary_period": None, "salary_min_usd": None, "salary_max_usd": None, "period_month": None,
}
SIGHTING_SCHEMA = {
    "week": pl.Date, "run_id": pl.String, "run_date": pl.Date, "posting_id": pl.String, "source": pl.String,
    "board": pl.String, "source_id": pl.String, "content_hash": pl.String, "company": pl.String, "title": pl.String,
    "url": pl.String, "remote": pl.String, "role_family": pl.String, "is_ml_role": pl.Boolean,
    "seniority": pl.String, "country": pl.String, "salary_raw": pl.String, "salary_min": pl.Float64,
    "salary_max": pl.Float64, "salary_currency": pl.String, "salary_period": pl.String, "salary_min_usd": pl.Float64,
    "salary_max_usd": pl.Float64, "period_month": pl.Date,
}
FACET_DEFAULTS = {"degree_min": "unspecified", "degree_or_equivalent": False, "years_min": None}


def content_hash(posting_id: str, week: date) -> str:
    return f"h:{posting_id}:{week}"


def build_warehouse(con: duckdb.DuckDBPyConnection, *, skills: list[tuple], guides: list[tuple], claims: list[dict],
                    jobs: list[dict], canonical: dict[str, str] | None = None, guide_mentions: list[tuple] = (),
                    stale_mentions: list[tuple] = ()) -> None:
    """skills: (id, name, category, parent[, tacit[, defines_population]]); guides: (doc, title, site); claims:
    ref_claims rows (``claim``); jobs: see ``job``; canonical: posting_id -> canonical_id; guide_mentions:
    (doc, skill, mentions); stale_mentions: (posting_id, skill) extracted with an older taxonomy."""
    db.migrate(con)
    db.create_models(con)

    def insert(table: str, frame: pl.DataFrame) -> None:
        if frame.is_empty():
            return
        con.register("incoming", frame)
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        finally:
            con.unregister("incoming")

    insert("ref_skills", pl.DataFrame(
        [{"skill": s[0], "name": s[1], "category": s[2], "aliases": [s[1].lower()], "parent": s[3],
          "taxonomy_version": TAXONOMY, "tacit": bool(s[4]) if len(s) > 4 else False,
          "defines_population": bool(s[5]) if len(s) > 5 else False} for s in skills],
        schema={"skill": pl.String, "name": pl.String, "category": pl.String, "aliases": pl.List(pl.String),
                "parent": pl.String, "taxonomy_version": pl.String, "tacit": pl.Boolean,
                "defines_population": pl.Boolean}))
    insert("ref_guides", pl.DataFrame([{"doc": d, "title": t, "site": s} for d, t, s in guides],
                                      schema={"doc": pl.String, "title": pl.String, "site": pl.String}))
    insert("ref_claims", claims_frame(claims))
    insert("ref_guide_mentions", pl.DataFrame(
        [{"doc": d, "skill": s, "mentions": m, "taxonomy_version": TAXONOMY} for d, s, m in guide_mentions],
        schema={"doc": pl.String, "skill": pl.String, "mentions": pl.Int32, "taxonomy_version": pl.String}))
    sightings, facets, mentions, content = [], [], [], []
    for j in jobs:
        pid = j["posting_id"]
        h = content_hash(pid, j["week"])
        row = {**SIGHTING_DEFAULTS, **{k: v for k, v in j.items() if k in SIGHTING_DEFAULTS}}
        source, board, source_id = pid.split(":")
        sightings.append({"week": j["week"], "run_id": f"run-{j['week']}", "run_date": j["week"], "posting_id": pid,
                          "source": source, "board": board, "source_id": source_id, "content_hash": h, **row})
        content.append({"content_hash": h, "title": row["title"], "description_text": "made up"})
        facets.append({"content_hash": h, "taxonomy_version": TAXONOMY,
                       **{**FACET_DEFAULTS, **{k: v for k, v in j.items() if k in FACET_DEFAULTS}}})
        mentions += [{"content_hash": h, "taxonomy_version": TAXONOMY, "skill": s, "level": level, "evidence": evidence}
                     for s, level, evidence in j["skills"]]
    hashes = {j["posting_id"]: content_hash(j["posting_id"], j["week"]) for j in jobs}
    mentions += [{"content_hash": hashes[pid], "taxonomy_version": STALE_TAXONOMY, "skill": skill, "level": "required",
                  "evidence": "stale"} for pid, skill in stale_mentions]
    insert("sightings", pl.DataFrame(sightings, schema=SIGHTING_SCHEMA, orient="row"))
    insert("posting_content", pl.DataFrame(content))
    insert("posting_facets", pl.DataFrame(facets, schema={
        "content_hash": pl.String, "taxonomy_version": pl.String, "degree_min": pl.String,
        "degree_or_equivalent": pl.Boolean, "years_min": pl.Int32}))
    insert("skill_mentions", pl.DataFrame(mentions, schema={
        "content_hash": pl.String, "taxonomy_version": pl.String, "skill": pl.String, "level": pl.String,
        "evidence": pl.String}))
    insert("skill_extractions", pl.DataFrame([{"content_hash": h, "taxonomy_version": TAXONOMY}
                                              for h in sorted({content_hash(j["posting_id"], j["week"]) for j in jobs})]))
    insert("canonical_jobs", pl.DataFrame([{"posting_id": p, "canonical_id": c} for p, c in (canonical or {}).items()],
                                          schema={"posting_id": pl.String, "canonical_id": pl.String}))


# --- the main warehouse ---------------------------------------------------------------------------------
#
# W2 (the latest week), the ML-engineer population (role families ml_engineer, ai_engineer, mlops): 100 jobs,
# 5 at each of 20 employers; job i is employer e = i // 5's j = i % 5-th posting. Employers 0..13 hire ML
# engineers, 14..17 AI engineers, 18..19 MLOps engineers; employers 0..11 are in the US (and state a salary),
# the rest in GB. By j: seniority junior, mid, mid, mid, senior; a degree master, bachelor, bachelor, none
# stated, none stated; remote for j = 0.
# Beside them, in W2: 40 research jobs (one employer posts 30 identical ones), 40 data-scientist jobs (the
# default population leaves them out), and applied-scientist jobs in CA, AU and FR spread over 13 weeks
# (pooled windows). 80 Hacker News postings over 24 thread months, crawled in HN_WEEK (trends).

G1, G2 = "001_alpha_guide.md", "002_beta_guide.md"
QUOTE_WITH_QUOTES = "You don't need \"COBOL\" — it's 100% legacy; it's 'over'."
EVIDENCE_WITH_QUOTES = "We'd \"love\" some COBOL; it's 50% of the 'job'"
N = 100
MAIN_COMPANIES = (
    "Aster Analytics", "Bramblecode", "Cinderfield", "Dovetail Labs", "Emberwick", "Fennel & Finch", "Gannet Systems",
    "Harrowgate AI", "Inkwell Robotics", "Jadeport", "Kestrel Works", "Larkspur Data", "Marrowby", "Nettlefold",
    "Oxbow Models", "Pipistrelle", "Quillon", "Rookery Tech", "Saltmarsh AI", "Thistledown",
)
RESEARCH_COMPANIES = tuple(f"Lab {name}" for name in ("Alder", "Birch", "Cedar", "Damson", "Elm", "Fir", "Gorse", "Hazel",
                                                      "Ivy", "Juniper"))
DS_COMPANIES = ("Umberfield", "Vantage Hollow", "Wrenmoor", "Yarrowby", "Zephyr Insight", "Acorn Metrics",
                "Bluebell Stats", "Coppice Data")
CA_COMPANIES = tuple(f"Maple {n}" for n in ("Ridge", "Falls", "Harbour", "Point", "Crest", "Bay", "Grove", "Lake"))
AU_COMPANIES = ("Wattle Labs", "Coral Compute", "Banksia AI", "Gum Tree Data")
HN_COMPANIES = ("Loomwright", "Quayside", "Riverglass", "Stonechat", "Tidewell", "Underhill", "Vellum", "Waymark",
                "Yellowhammer", "Zinnia")
TEMPLATA = "Templata Research"


def pid(i: int) -> str:
    return f"greenhouse:main:{i:03d}"


def salary_of(i: int) -> float | None:
    """US employers (0..11) state a salary: 120,000 + 5,000 per employer + 1,000 per posting."""
    e, j = divmod(i, 5)
    return 120000.0 + 5000 * e + 1000 * j if e < 12 else None


def main_skills_of(i: int) -> list[tuple]:
    e, j = divmod(i, 5)
    levels = {
        "python": j < 4 and "required",
        "java": e % 3 == 0 and "required",                                   # 7 employers, all their jobs
        "rust": (j < 2 or (j == 2 and e >= 10)) and "required",
        "docker": "required" if j == 0 else j in (1, 2) and "preferred",
        "kubernetes": "required" if i in (13, 58) else j in (1, 2, 3) and "preferred",
        "pytorch": j in (1, 2) and "required",
        "tensorflow": i < 12 and "required",
        "keras": i < 10 and "required",
        "sql": j == 0 and e < 16 and "preferred",
        "statistics": i in (2, 22, 42, 62, 82) and "preferred",
        "linear_algebra": i in (4, 44, 84) and "preferred",
        "pyspark": j == 3 and e < 10 and "required",
        "spark": j == 3 and 5 <= e < 15 and "required",
    }
    skills = [(skill, level) for skill, level in levels.items() if level]
    if i in (0, 7):
        skills.append(("cobol", "required", EVIDENCE_WITH_QUOTES))
    return skills


def main_jobs() -> list[dict]:
    jobs = []
    for i in range(N):
        e, j = divmod(i, 5)
        s = salary_of(i)
        low, high = (None, None) if s is None else (s, None) if i == 59 else (s - 10000, s + 10000)
        jobs.append(job(
            pid(i), skills=tuple(main_skills_of(i)),
            # one posting spells its employer differently: still the same employer
            company=" ASTER ANALYTICS " if i == 4 else MAIN_COMPANIES[e],
            role_family="ml_engineer" if e < 14 else "ai_engineer" if e < 18 else "mlops",
            seniority=("junior", "mid", "mid", "mid", "senior")[j], country="US" if e < 12 else "GB",
            remote="remote" if j == 0 else "onsite", url=f"https://jobs.example.test/{i}",
            degree_min=("master", "bachelor", "bachelor", "unspecified", "unspecified")[j], years_min=1 + e % 5,
            salary_min=low, salary_max=high, salary_min_usd=low, salary_max_usd=high,
            salary_currency=None if s is None else "USD", salary_period=None if s is None else "year",
            salary_raw=None if s is None else "$ in the posting",
        ))
    # A second posting of job 000 (another board, another seniority): the same job, counted once, its facets
    # from its first posting.
    jobs.append(job("lever:main:dup", skills=("python",), company=MAIN_COMPANIES[0], seniority="senior", country="US"))
    # Not ML roles: never counted.
    jobs += [job(f"greenhouse:other:{i}", skills=("python", "cobol"), is_ml_role=False, title="Accountant",
                 company="Ledgerly") for i in range(5)]
    # The week before: 10 ML-engineer jobs, all with Python.
    jobs += [job(f"greenhouse:old:{i}", week=W1, skills=("python",), company=MAIN_COMPANIES[i]) for i in range(10)]
    # Research: one employer's 30 templated postings name Scala, none of 10 other labs' does.
    jobs += [job(f"greenhouse:templata:{i:02d}", skills=("python", "scala"), company=TEMPLATA, role_family="research",
                 title="Research Engineer", salary_min_usd=200000.0, salary_max_usd=200000.0) for i in range(30)]
    jobs += [job(f"lever:lab{r}:{r}", skills=("python",), company=RESEARCH_COMPANIES[r], role_family="research",
                 title="Research Scientist", salary_min_usd=100000.0 + 10000 * r, salary_max_usd=100000.0 + 10000 * r)
             for r in range(10)]
    # Data scientists: Python everywhere, Docker in 4 of 40; two postings without a company.
    jobs += [job(f"ashby:ds:{i:02d}", skills=("python", "docker") if i in (0, 5, 10, 15) else ("python",),
                 company=DS_COMPANIES[i // 5] if i < 38 else None, role_family="data_scientist", title="Data Scientist")
             for i in range(40)]
    # Applied scientists in CA: 12 jobs in W2 (6 of them also sighted in W1), 20 more in W1.
    ca_weeks = {i: [W2] + ([W1] if i < 6 else []) if i < 12 else [W1] for i in range(32)}
    jobs += [job(f"greenhouse:ca:{i:02d}", week=week, skills=("python",) if i % 4 != 3 else (), company=CA_COMPANIES[i // 4],
                 role_family="applied_scientist", country="CA", title="Applied Scientist")
             for i, weeks in ca_weeks.items() for week in weeks]
    # ... in AU: 8 jobs in W2, 24 twelve weeks back, 8 thirteen weeks back (outside W2's 13 weeks).
    jobs += [job(f"greenhouse:au:{i:02d}", week=W2 - timedelta(weeks=(0, 12, 12, 12, 13)[i // 8]),
                 skills=("python",) if i < 20 else (), company=AU_COMPANIES[i % 4], role_family="applied_scientist",
                 country="AU", title="Applied Scientist") for i in range(40)]
    # ... in FR: 5 jobs.
    jobs += [job(f"greenhouse:fr:{i}", skills=("python",), company="Brioche Labs", role_family="applied_scientist",
                 country="FR", title="Applied Scientist") for i in range(5)]
    return jobs + hn_jobs()


def hn_month(first: date, offset: int) -> date:
    month = first.month - 1 + offset
    return date(first.year + month // 12, month % 12 + 1, 1)


def hn_jobs() -> list[dict]:
    """10 employers, 4 postings each in the 12 thread months up to W2 (crawled by HN_WEEK: Dec 2025 to Jun 2026)
    and 4 each in the 12 before (Dec 2024 to Nov 2025). LLMs: 20 of 40 recent, 8 of 40 earlier; LangChain:
    6 of 40 recent, 5 of 40 earlier."""
    jobs = []
    for c, company in enumerate(HN_COMPANIES):
        for p in range(4):
            n = 4 * c + p
            recent = [s for s, inside in (("llm", p < 2), ("langchain", n % 7 == 0)) if inside]
            earlier = [s for s, inside in (("llm", p == 0 and c < 8), ("langchain", n % 8 == 0)) if inside]
            jobs.append(job(f"hn:whoishiring:{1000 + n}", week=HN_WEEK, skills=tuple(recent), company=company,
                            country="US", period_month=hn_month(date(2025, 12, 1), (c + p) % 7)))
            jobs.append(job(f"hn:whoishiring:{2000 + n}", week=HN_WEEK, skills=tuple(earlier), company=company,
                            country="US", period_month=hn_month(date(2024, 12, 1), (c + p) % 12)))
    return jobs


MAIN_CANONICAL = {"lever:main:dup": pid(0)}
MAIN_STALE = [(pid(i), "java") for i in range(40, 50)]  # an older taxonomy's java: ignored

MAIN_SKILLS = [
    ("python", "Python", "language", None), ("java", "Java", "language", None), ("rust", "Rust", "language", None),
    ("cobol", "COBOL", "language", None), ("scala", "Scala", "language", None), ("fortran", "Fortran", "language", None),
    ("docker", "Docker", "infra", None), ("kubernetes", "Kubernetes", "infra", None),
    ("pytorch", "PyTorch", "ml-library", None), ("tensorflow", "TensorFlow", "ml-library", None),
    ("keras", "Keras", "ml-library", None), ("langchain", "LangChain", "ml-library", None),
    ("sql", "SQL", "database", None), ("spark", "Spark", "data-tool", None), ("pyspark", "PySpark", "data-tool", "spark"),
    ("llm", "LLMs", "concept", None),
    ("statistics", "Statistics", "concept", None, True), ("linear_algebra", "Linear algebra", "math", None, True),
    ("machine_learning", "Machine learning", "concept", None, True, True),
]


def main_entries() -> list[dict]:
    """The main registry, as claims.toml tables."""
    e = claim_entry
    return [
        e("g001-python-essential", "g001-p01", G1, ["python"], "essential"),
        e("g001-rust-essential", "g001-p02", G1, ["rust"], "essential"),
        e("g001-docker-essential", "g001-p02", G1, ["docker"], "essential", topic="infra"),
        e("g001-cobol-essential", "g001-p03", G1, ["cobol"], "essential"),
        e("g001-java-not-needed", "g001-p04", G1, ["java"], "not-needed"),
        e("g001-frameworks-any", "g001-p05", G1, ["pytorch", "tensorflow"], "important", topic="ml-library"),
        e("g001-frameworks-each", "g001-p06", G1, ["pytorch", "tensorflow"], "important", "each share >= 0.25",
          topic="ml-library"),
        e("g001-python-cobol-each", "g001-p07", G1, ["python", "cobol"], "essential", "each share >= 0.5"),
        e("g001-statistics-important", "g001-p08", G1, ["statistics"], "important", topic="concept"),
        e("g001-math-foundation", "g001-p09", G1, ["foundation:math"], "important", topic="math"),
        e("g001-degree-master", "g001-p10", G1, ["degree:master+"], "essential", topic="education"),
        e("g001-docker-us-mid", "g001-p11", G1, ["docker"], "important", segment="country=US,seniority=mid",
          topic="infra"),
        e("g001-python-over-java", "g001-p12", G1, ["python", "java"], "comparison", "share(python) > share(java)"),
        e("g001-salary-150k", "g001-p13", G1, ["salary"], "figure", "median = 150000 ± 10%", topic="salary"),
        e("g001-salary-under-100k", "g001-p14", G1, ["salary"], "figure", "median <= 100000", topic="salary"),
        e("g001-scala-research", "g001-p15", G1, ["scala"], "essential", segment="role=research"),
        e("g001-docker-mle-over-ds", "g001-p16", G1, ["docker"], "comparison",
          "share in role=ml_engineer > share in role=data_scientist", topic="infra"),
        e("g001-llm-rising", "g001-p17", G1, ["llm"], "trend", "share rising", topic="concept"),
        e("g001-sql-recommended", "g001-p18", G1, ["sql"], "recommended", topic="database"),
        e("g001-python-applied-ca", "g001-p19", G1, ["python"], "essential", segment="role=applied_scientist,country=CA"),
        e("g002-cobol-not-needed", "g002-p01", G2, ["cobol"], "not-needed", quote=QUOTE_WITH_QUOTES),
        e("g002-kubernetes-not-needed", "g002-p01", G2, ["kubernetes"], "not-needed", topic="infra"),
        e("g002-docker-important", "g002-p02", G2, ["docker"], "important", topic="infra"),
        e("g002-java-over-python", "g002-p03", G2, ["java", "python"], "comparison", "share(java) > share(python)"),
        e("g002-tensorflow-over-keras", "g002-p04", G2, ["tensorflow", "keras"], "comparison",
          "share(tensorflow) > share(keras)", topic="ml-library"),
        e("g002-salary-110k", "g002-p05", G2, ["salary"], "figure", "median >= 110000", topic="salary"),
        e("g002-research-salary-200k", "g002-p06", G2, ["salary"], "figure", "median >= 200000", topic="salary",
          segment="role=research"),
        e("g002-years-3", "g002-p07", G2, ["years"], "figure", "median = 3 ± 1", topic="experience"),
        e("g002-ds-over-mle", "g002-p08", G2, ["docker"], "comparison",
          "share in role=data_scientist > share in role=ml_engineer", topic="infra"),
        e("g002-llm-falling", "g002-p09", G2, ["llm"], "trend", "share falling", topic="concept"),
        e("g002-langchain-falling", "g002-p10", G2, ["langchain"], "trend", "share falling", topic="ml-library"),
        e("g002-interviews", "g002-p11", G2, ["python"], "essential", "untestable", topic="other",
          reason="Postings do not describe the interviews."),
        e("g002-python-applied-fr", "g002-p11", G2, ["python"], "essential", segment="role=applied_scientist,country=FR"),
        e("g002-python-applied-au", "g002-p12", G2, ["python"], "essential", segment="role=applied_scientist,country=AU"),
        e("g002-python-any-role", "g002-p13", G2, ["python"], "essential", segment="role=any"),
        e("g002-spark-recommended", "g002-p14", G2, ["spark"], "recommended", topic="data-tool"),
        e("g002-fortran-optional", "g002-p15", G2, ["fortran"], "optional"),
    ]


def main_claims() -> list[dict]:
    return [claim_row(entry) for entry in main_entries()]


MAIN_GUIDES = [(G1, "Alpha guide", "alpha.example"), (G2, "Beta guide", "beta.example")]

# The main warehouse's verdicts in W2, as designed (tests/flows/test_claims_cli.py uses them too).
LATEST_VERDICTS = {
    "g001-python-essential": "supported", "g001-rust-essential": "partly supported",
    "g001-docker-essential": "rarely asked for", "g001-cobol-essential": "rarely asked for",
    "g001-java-not-needed": "contradicted", "g001-frameworks-any": "supported",
    "g001-frameworks-each": "partly supported", "g001-python-cobol-each": "rarely asked for",
    "g001-statistics-important": "rarely stated", "g001-math-foundation": "rarely stated",
    "g001-degree-master": "contradicted", "g001-docker-us-mid": "supported", "g001-python-over-java": "supported",
    "g001-salary-150k": "partly supported", "g001-salary-under-100k": "contradicted",
    "g001-scala-research": "partly supported", "g001-docker-mle-over-ds": "supported",
    "g001-llm-rising": "supported", "g001-sql-recommended": "supported", "g001-python-applied-ca": "supported",
    "g002-cobol-not-needed": "supported", "g002-kubernetes-not-needed": "supported",
    "g002-docker-important": "supported", "g002-java-over-python": "contradicted",
    "g002-tensorflow-over-keras": "not testable yet", "g002-salary-110k": "supported",
    "g002-research-salary-200k": "contradicted", "g002-years-3": "supported", "g002-ds-over-mle": "contradicted",
    "g002-llm-falling": "contradicted", "g002-langchain-falling": "partly supported",
    "g002-interviews": "untestable", "g002-python-applied-fr": "not testable yet",
    "g002-python-applied-au": "partly supported", "g002-python-any-role": "supported",
    "g002-spark-recommended": "partly supported", "g002-fortran-optional": "supported",
}


def main_spec() -> dict[str, Any]:
    """The keyword arguments of ``build_warehouse`` for the main warehouse."""
    return {"skills": MAIN_SKILLS, "guides": MAIN_GUIDES, "claims": main_claims(), "jobs": main_jobs(),
            "canonical": MAIN_CANONICAL, "stale_mentions": MAIN_STALE}


def write_main_warehouse(home: Path) -> Path:
    """The main warehouse as a file in ``home`` (for the CLI tests)."""
    home.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db.warehouse_path(home)))
    try:
        build_warehouse(con, **main_spec())
    finally:
        con.close()
    return home


# --- the reference scorer: the README's rules on the made-up jobs -----------------------------------------


def subject_kind(subject: str, tacit: dict[str, bool]) -> str:
    """observed (a fact every posting has), tacit (a foundation taken for granted) or listable."""
    if subject.startswith(("degree:", "remote:", "role:")):
        return "observed"
    if subject.startswith("foundation:") or tacit.get(subject):
        return "tacit"
    return "listable"


def shortfall_of(subjects: list[str], tacit: dict[str, bool]) -> str:
    kinds = {subject_kind(s, tacit) for s in subjects}
    return "contradicted" if kinds == {"observed"} else "rarely stated" if kinds == {"tacit"} else "rarely asked for"


def share_verdict(lo: float, hi: float, op: str, bar: float, shortfall: str) -> str:
    if op == ">=":
        return "supported" if lo >= bar else shortfall if hi < bar else "partly supported"
    return "supported" if hi <= bar else "contradicted" if lo > bar else "partly supported"


def band_verdict(lo: float, hi: float, low: float | None, high: float | None) -> str:
    low, high = -math.inf if low is None else low, math.inf if high is None else high
    return "supported" if low <= lo and hi <= high else "contradicted" if hi < low or lo > high else "partly supported"


def difference_verdict(lo: float, hi: float, sign: int = 1) -> str:
    """A difference expected above 0 (sign 1) or below it (sign -1)."""
    lo, hi = sorted((sign * lo, sign * hi))
    return "supported" if lo > 0 else "contradicted" if hi < 0 else "partly supported"


def employer_of(company: str | None, key: str) -> str:
    return company.strip(" ").lower() if company is not None else key


def tally(items: list[dict], hit) -> list[tuple[int, int]]:
    """(n_c, k_c) per employer."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        counts[item["employer"]][0] += 1
        counts[item["employer"]][1] += bool(hit(item))
    return [tuple(c) for c in counts.values()]


class Reference:
    """What the scorecard should say, from the sightings, by the rules in reference/README.md."""

    def __init__(self, skills: list[tuple], jobs: list[dict], canonical: dict[str, str] | None = None):
        canonical = canonical or {}
        self.parent = {s[0]: s[3] for s in skills}
        self.category = {s[0]: s[2] for s in skills}
        self.tacit = {s[0]: len(s) > 4 and bool(s[4]) for s in skills}
        latest: dict[str, dict] = {}
        for j in sorted(jobs, key=lambda j: j["week"]):
            latest[j["posting_id"]] = {**SIGHTING_DEFAULTS, **FACET_DEFAULTS, **j}  # a posting's facets: its latest version
        self.postings = latest
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for j in jobs:
            groups[(j["week"], canonical.get(j["posting_id"], j["posting_id"]))].append(j)
        self.views = []
        for (week, cid), group in groups.items():
            if not any(latest[g["posting_id"]]["is_ml_role"] for g in group):
                continue
            first = latest[min(g["posting_id"] for g in group)]
            subjects: dict[str, bool] = {}
            for g in group:
                for skill, level, _ in g["skills"]:
                    for a in self.ancestors(skill):
                        subjects[a] = subjects.get(a, False) or level == "required"
            maths = [req for s, req in subjects.items() if self.category.get(s) == "math"]
            if maths:
                subjects["foundation:math"] = subjects["foundation:quantitative"] = any(maths)
            degree = first["degree_min"]
            facets = ["remote:" + first["remote"], "role:" + first["role_family"]]
            facets += ["degree:any"] if degree in ("bachelor", "master", "phd") else []
            facets += ["degree:master+"] if degree in ("master", "phd") else []
            facets += ["degree:phd"] if degree == "phd" else []
            facets += ["degree:none"] if degree == "none" or first["degree_or_equivalent"] else []
            subjects |= dict.fromkeys(facets, True)
            lo_usd, hi_usd = first["salary_min_usd"], first["salary_max_usd"]
            self.views.append({
                "week": week, "cid": cid, "employer": employer_of(first["company"], "job:" + cid),
                "role": first["role_family"], "seniority": first["seniority"], "country": first["country"],
                "state": None, "remote": first["remote"], "subjects": subjects,
                "states_degree": degree in ("bachelor", "master", "phd", "none") or first["degree_or_equivalent"],
                "salary": None if lo_usd is None and hi_usd is None
                else ((lo_usd if lo_usd is not None else hi_usd) + (hi_usd if hi_usd is not None else lo_usd)) / 2,
                "years": first["years_min"],
            })

    def ancestors(self, skill: str) -> list[str]:
        out = [skill]
        while self.parent.get(out[-1]):
            out.append(self.parent[out[-1]])
        return out

    @staticmethod
    def in_population(item: dict, pop: dict) -> bool:
        return all(values is None or item[field] in values for field, values in pop.items())

    def window(self, week: date, span: int, pop: dict) -> list[dict]:
        """The population's jobs in the `span` weeks up to `week`, each job once (its latest week)."""
        chosen: dict[str, dict] = {}
        for v in self.views:
            if week - timedelta(weeks=span) < v["week"] <= week and self.in_population(v, pop):
                if v["cid"] not in chosen or chosen[v["cid"]]["week"] < v["week"]:
                    chosen[v["cid"]] = v
        return list(chosen.values())

    def span(self, week: date, enough) -> int:
        return next((span for span in (1, 4, 13) if enough(span)), 13)

    def score(self, c: dict, week: date = W2) -> dict[str, Any]:
        kind = c["test_kind"]
        if kind == "untestable":
            return {"verdict": "untestable", "weighted_verdict": "untestable", "n": 0, "observed": None, "p_value": None,
                    "weeks_pooled": None}
        result = getattr(self, f"_{kind}")(c, week)
        result.setdefault("weeks_pooled", None if kind == "trend" else 13)
        if result["verdict"] == "not testable yet":
            result["p_value"] = None
        return result

    @staticmethod
    def _untested(**fields: Any) -> dict[str, Any]:
        return {"verdict": "not testable yet", "weighted_verdict": "not testable yet", "n": 0, "observed": None,
                "p_value": None, **fields}

    def has(self, v: dict, subject: str, required_only: bool) -> bool:
        return subject in v["subjects"] and (v["subjects"][subject] or not required_only)

    def _share(self, c: dict, week: date) -> dict[str, Any]:
        pop = c["population"]
        span = self.span(week, lambda s: len(self.window(week, s, pop)) >= 30)
        jobs = self.window(week, span, pop)
        if all(s.startswith(("degree:", "degree_field:")) for s in c["subjects"]):
            jobs = [v for v in jobs if v["states_degree"]]  # what postings do not state says nothing
        if not jobs:
            return self._untested()
        op, bar = c["test_op"], c["threshold"]
        items = [c["subjects"]] if c["test_kind"] == "share_any" else [[s] for s in c["subjects"]]
        rows = []
        for subjects in items:
            st = clustered(tally(jobs, lambda v: any(self.has(v, s, c["required_only"]) for s in subjects)))
            short = shortfall_of(subjects, self.tacit)
            st["verdict"] = share_verdict(st["lo"], st["hi"], op, bar, short)
            st["weighted_verdict"] = share_verdict(st["w_lo"], st["w_hi"], op, bar, short)
            rows.append(st)
        decisive = max(rows, key=lambda r: SEVERITY.get(r["verdict"], 0) * 10 - r["share"])

        def combine(key: str) -> str:
            worst = max((r[key] for r in rows), key=lambda v: SEVERITY.get(v, 0))
            return "supported" if all(r[key] == "supported" for r in rows) else worst if worst in SEVERITY else "partly supported"

        n = decisive["n"]
        return {
            "verdict": "not testable yet" if n < 30 else combine("verdict"),
            "weighted_verdict": "not testable yet" if n < 30 else combine("weighted_verdict"),
            "n": n, "observed": decisive["share"], "ci_low": decisive["lo"], "ci_high": decisive["hi"],
            "n_employers": decisive["m"], "design_effect": decisive["deff"], "weighted_observed": decisive["weighted"],
            "weighted_ci_low": decisive["w_lo"], "weighted_ci_high": decisive["w_hi"], "weeks_pooled": span,
            "p_value": None if bar in (0, 1) else p_two_sided(
                (decisive["share"] - bar) / math.sqrt(bar * (1 - bar) * decisive["deff"] / n)),
        }

    _share_any = _share_each = _share

    def _compare(self, c: dict, week: date) -> dict[str, Any]:
        pop = c["population"]
        span = self.span(week, lambda s: len(self.window(week, s, pop)) >= 30)
        jobs = self.window(week, span, pop)
        a, b = c["compare_a"], c["compare_b"]
        discordant = [v for v in jobs if self.has(v, a, False) != self.has(v, b, False)]
        if not discordant:
            return self._untested(weeks_pooled=span)
        st = clustered(tally(discordant, lambda v: self.has(v, a, False)))
        testable = st["n"] >= 10 and len(jobs) >= 30
        return {
            "verdict": share_verdict(st["lo"], st["hi"], ">=", 0.5, "contradicted") if testable else "not testable yet",
            "weighted_verdict": share_verdict(st["w_lo"], st["w_hi"], ">=", 0.5, "contradicted") if testable
            else "not testable yet",
            "n": st["n"], "observed": st["share"], "ci_low": st["lo"], "ci_high": st["hi"], "n_employers": st["m"],
            "design_effect": st["deff"], "weighted_observed": st["weighted"], "weighted_ci_low": st["w_lo"],
            "weighted_ci_high": st["w_hi"], "weeks_pooled": span,
            "p_value": p_two_sided((st["share"] - 0.5) / math.sqrt(0.25 * st["deff"] / st["n"])),
        }

    def _difference(self, a: list[dict], b: list[dict], subjects: list[str], sign: int) -> dict[str, Any]:
        """Two groups of jobs or postings: the share naming any subject in a minus that in b, Newcombe's interval."""
        sa, sb = (clustered(tally(side, lambda v: any(self.has(v, s, False) for s in subjects))) for side in (a, b))
        diff, lo, hi = newcombe(sa["share"], (sa["lo"], sa["hi"]), sb["share"], (sb["lo"], sb["hi"]))
        w_diff, w_lo, w_hi = newcombe(sa["weighted"], (sa["w_lo"], sa["w_hi"]), sb["weighted"], (sb["w_lo"], sb["w_hi"]))
        pooled = (sa["k"] + sb["k"]) / (sa["n"] + sb["n"])
        testable = sa["n"] >= 30 and sb["n"] >= 30
        return {
            "verdict": difference_verdict(lo, hi, sign) if testable else "not testable yet",
            "weighted_verdict": difference_verdict(w_lo, w_hi, sign) if testable else "not testable yet",
            "n": sa["n"] + sb["n"], "observed": diff, "ci_low": lo, "ci_high": hi, "n_employers": sa["m"] + sb["m"],
            "design_effect": (sa["deff"] * sa["n"] + sb["deff"] * sb["n"]) / (sa["n"] + sb["n"]),
            "weighted_observed": w_diff, "weighted_ci_low": w_lo, "weighted_ci_high": w_hi,
            "p_value": None if pooled in (0, 1) else p_two_sided(
                diff / math.sqrt(pooled * (1 - pooled) * (sa["deff"] / sa["n"] + sb["deff"] / sb["n"]))),
            "sides": (sa, sb),
        }

    def _compare_groups(self, c: dict, week: date) -> dict[str, Any]:
        ga, gb = c["group_a"], c["group_b"]
        span = self.span(week, lambda s: min(len(self.window(week, s, ga)), len(self.window(week, s, gb))) >= 30)
        a, b = self.window(week, span, ga), self.window(week, span, gb)
        if not a or not b:
            return self._untested()
        return self._difference(a, b, c["subjects"], 1) | {"weeks_pooled": span}

    def hn_posts(self, pop: dict) -> list[dict]:
        out = []
        for p in self.postings.values():
            if p["posting_id"].startswith("hn:") and p["is_ml_role"] and p["period_month"] is not None:
                subjects = {a: True for skill, _, _ in p["skills"] for a in self.ancestors(skill)}
                item = {"employer": employer_of(p["company"], "post:" + p["posting_id"]), "month": p["period_month"],
                        "subjects": subjects, "role": p["role_family"], "seniority": p["seniority"],
                        "country": p["country"], "state": None, "remote": p["remote"]}
                if self.in_population(item, pop):
                    out.append(item)
        return out

    def _trend(self, c: dict, week: date) -> dict[str, Any]:
        posts = self.hn_posts(c["population"])
        year_ago, two_years_ago = week.replace(year=week.year - 1), week.replace(year=week.year - 2)
        recent = [p for p in posts if year_ago < p["month"] <= week]
        earlier = [p for p in posts if two_years_ago < p["month"] <= year_ago]
        if not recent or not earlier:
            return self._untested(n=len(recent) + len(earlier))
        return self._difference(recent, earlier, c["subjects"], 1 if c["test_op"] == "rising" else -1)

    def _median(self, c: dict, week: date) -> dict[str, Any]:
        pop, field = c["population"], c["subjects"][0]

        def stated(span: int) -> list[dict]:
            return [v for v in self.window(week, span, pop) if v[field] is not None]

        span = self.span(week, lambda s: len(stated(s)) >= 30)
        values = stated(span)
        if not values:
            return self._untested(weeks_pooled=span)
        by_employer: dict[str, list[float]] = defaultdict(list)
        for v in values:
            by_employer[v["employer"]].append(v[field])
        observed, lo, hi = median_interval([statistics.median(vs) for vs in by_employer.values()])
        weighted, w_lo, w_hi = median_interval([v[field] for v in values])
        n, low, high = len(values), c["figure_low"], c["figure_high"]
        m = len(by_employer)
        distance = min(abs(observed - low) if low is not None else math.inf, abs(high - observed) if high is not None else math.inf)
        return {
            # under 6 employers even [min, max] covers the median less than 95 % of the time
            "verdict": band_verdict(lo, hi, low, high) if n >= 30 and m >= 6 else "not testable yet",
            "weighted_verdict": band_verdict(w_lo, w_hi, low, high) if n >= 30 else "not testable yet",
            "n": n, "observed": observed, "ci_low": lo, "ci_high": hi, "n_employers": len(by_employer),
            "design_effect": None, "weighted_observed": weighted, "weighted_ci_low": w_lo, "weighted_ci_high": w_hi,
            "weeks_pooled": span,
            "p_value": None if n < 30 or m < 6 or hi == lo else p_two_sided(distance / ((hi - lo) / (2 * Z))),
        }

    def scorecard(self, claims: list[dict], week: date = W2) -> dict[str, dict[str, Any]]:
        """Every claim's expected row, with Benjamini–Hochberg q-values over the week's p-values."""
        rows = {c["claim_id"]: self.score(c, week) for c in claims}
        q = bh_q_values({cid: r["p_value"] for cid, r in rows.items() if r["p_value"] is not None})
        for cid, r in rows.items():
            r["q_value"] = q.get(cid)
            r["could_be_chance"] = r["verdict"] in DECISIVE and cid in q and q[cid] > 0.05
            r["verdict_flips"] = r["verdict"] != r["weighted_verdict"]
        return rows


# --- fixtures and helpers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    build_warehouse(connection, **main_spec())
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference(MAIN_SKILLS, main_jobs(), MAIN_CANONICAL)


def rows_of(cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def scorecard(con) -> dict[tuple[date, str], dict[str, Any]]:
    """claim_scorecard_weekly, read once: (week, claim_id) -> row (each query of the view computes every week)."""
    rows = rows_of(con.execute("SELECT * FROM claim_scorecard_weekly"))
    by_key = {(r["week"], r["claim_id"]): r for r in rows}
    assert len(by_key) == len(rows)
    return by_key


def card(scorecard: dict, claim_id: str, week: date = W2) -> dict[str, Any]:
    return scorecard[(week, claim_id)]


# p-values: DuckDB has no erf, the SQL's normal tail is Abramowitz & Stegun's (error < 1e-7); q-values multiply it.
TOLERANCE = {"p_value": 1e-6, "q_value": 1e-5}


def assert_row(row: dict[str, Any], **expected: Any) -> None:
    for key, want in expected.items():
        got = row[key]
        if isinstance(want, float) and not isinstance(want, bool):
            assert got == pytest.approx(want, abs=TOLERANCE.get(key, 1e-9)), (row["claim_id"], key, got, want)
        else:
            assert got == want, (row["claim_id"], key, got, want)


def assert_share(row: dict[str, Any], verdict: str, clusters: list[tuple[int, int]]) -> dict[str, float]:
    """The row is the share of these employer clusters (n_c, k_c) with its clustered interval and twin."""
    st = clustered(clusters)
    assert_row(row, verdict=verdict, n=st["n"], observed=st["share"], ci_low=st["lo"], ci_high=st["hi"],
               design_effect=st["deff"], n_employers=st["m"], weighted_observed=st["weighted"],
               weighted_ci_low=st["w_lo"], weighted_ci_high=st["w_hi"])
    return st


COMPARED = ("verdict", "weighted_verdict", "n", "observed", "ci_low", "ci_high", "n_employers", "design_effect",
            "weighted_observed", "weighted_ci_low", "weighted_ci_high", "weeks_pooled", "p_value", "q_value",
            "could_be_chance", "verdict_flips")


# --- the statistics macros against the textbook ----------------------------------------------------------


@pytest.mark.parametrize(("k", "n"), [(0, 10), (10, 10), (3, 10), (70, 100), (1, 1), (0, 1), (17, 250), (6.65, 19.0),
                                      (3.3057851, 4.4077135)])
def test_wilson_macros_match_python(con, k, n):
    low, high = wilson(k, n)
    [(sql_low, sql_high)] = con.execute("SELECT wilson_low(?::DOUBLE, ?::DOUBLE), wilson_high(?::DOUBLE, ?::DOUBLE)",
                                        [k, n, k, n]).fetchall()
    assert (sql_low, sql_high) == (pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12))


def test_wilson_of_no_trials_is_null(con):
    assert con.execute("SELECT wilson_low(0, 0), wilson_high(0, 0)").fetchall() == [(None, None)]


@pytest.mark.parametrize(("clusters", "by_hand"), [
    # java in the main warehouse: ss = 7·3.25² + 13·1.75² = 113.75; 20/19 · 113.75/100² over 0.35·0.65/100 = 100/19
    ([(5, 5)] * 7 + [(5, 0)] * 13, 100 / 19),
    # one employer's 30 templated postings against 10 single postings: 11/10 · 61.875/40² over 0.75·0.25/40
    ([(30, 30)] + [(1, 0)] * 10, 9.075),
    ([(5, 4)] * 20, 1.0),            # no spread between employers: the robust variance is 0, floored at 1
    ([(5, 0)] * 3 + [(1, 0)], 4.0),  # p = 0: n / m
    ([(5, 5), (3, 3)], 4.0),         # p = 1: n / m
    ([(12, 5)], 12.0),               # one employer: n (one effective observation)
])
def test_design_effect_macro_matches_python(con, clusters, by_hand):
    assert design_effect(clusters) == pytest.approx(by_hand)
    n, k, m = sum(c[0] for c in clusters), sum(c[1] for c in clusters), len(clusters)
    ss = sum((kc - k / n * nc) ** 2 for nc, kc in clusters)
    [(deff,)] = con.execute("SELECT design_effect(?::BIGINT, ?::BIGINT, ?::BIGINT, ?::DOUBLE)", [n, k, m, ss]).fetchall()
    assert deff == pytest.approx(by_hand, abs=1e-12)


def test_newcombe_macros_match_python(con):
    for (ka, na), (kb, nb) in (((42, 70), (4, 40)), ((6, 40), (5, 40)), ((0, 30), (30, 30))):
        pa, pb = ka / na, kb / nb
        a, b = wilson(ka, na), wilson(kb, nb)
        diff, low, high = newcombe(pa, a, pb, b)
        [(sql_low, sql_high)] = con.execute("SELECT newcombe_low($1, $2, $3, $4, $5, $6), newcombe_high($1, $2, $3, $4, $5, $6)",
                                            [pa, *a, pb, *b]).fetchall()
        assert (sql_low, sql_high) == (pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12))
        assert low <= diff <= high


@pytest.mark.parametrize("z", [0.0, 0.5, 1.0, 1.959964, 2.0, -2.45, 3.5, 6.0])
def test_p_two_sided_macro_matches_erfc(con, z):
    [(p,)] = con.execute("SELECT p_two_sided(?::DOUBLE)", [z]).fetchall()
    assert p == pytest.approx(p_two_sided(z), abs=2e-7)


def test_in_population_macro(con):
    pop = "{'role': ['ml_engineer'], 'seniority': NULL, 'country': ['US'], 'state': ['CA', 'WA'], 'remote': NULL}"
    cases = [(("ml_engineer", "mid", "US", "CA", "onsite"), True), (("ml_engineer", "mid", "US", "NY", "onsite"), False),
             (("ml_engineer", "mid", "US", None, "onsite"), False), (("mlops", "mid", "US", "CA", "onsite"), False),
             (("ml_engineer", "mid", "GB", "CA", "remote"), False)]
    for job_fields, inside in cases:
        [(got,)] = con.execute(f"SELECT coalesce(in_population({pop}, ?, ?, ?, ?, ?), false)", list(job_fields)).fetchall()
        assert got is inside, job_fields


# --- the whole scorecard against the reference --------------------------------------------------------------


def test_fixture_claims_pass_the_grammar():
    data = {"guide": [{"doc": d, "title": t} for d, t, _ in MAIN_GUIDES], "claim": main_entries()}
    assert claim_problems(data, {s[0] for s in MAIN_SKILLS}) == []


def test_every_week_of_every_claim_matches_the_reference(scorecard, reference):
    claims = main_claims()
    weeks = sorted({week for week, _ in scorecard})
    assert weeks == [HN_WEEK, W2 - timedelta(weeks=13), W2 - timedelta(weeks=12), W1, W2]
    for week in weeks:
        expected = reference.scorecard(claims, week)
        rows = [row for (w, _), row in sorted(scorecard.items()) if w == week]
        assert [r["claim_id"] for r in rows] == sorted(expected)
        for row in rows:
            want = expected[row["claim_id"]]
            assert_row(row, **{k: want[k] for k in COMPARED if k in want})


def latest(scorecard: dict) -> dict[str, dict[str, Any]]:
    return {claim_id: row for (week, claim_id), row in scorecard.items() if week == W2}


def test_latest_week_verdicts(scorecard):
    """Every verdict path, as designed (the tests below spell out the numbers)."""
    assert {claim_id: row["verdict"] for claim_id, row in latest(scorecard).items()} == LATEST_VERDICTS


# --- share claims, verdict by verdict -------------------------------------------------------------------------


def test_supported_share(scorecard):
    # Python is required in 4 of each employer's 5 jobs: no spread between employers, deff 1.
    row = card(scorecard, "g001-python-essential")
    st = assert_share(row, "supported", [(5, 4)] * 20)
    assert st["deff"] == 1.0 and st["lo"] == pytest.approx(wilson(80, 100)[0]) and st["lo"] > 0.5
    assert (row["expected"], row["segment"], row["weeks_pooled"]) == ("share >= 0.50 (required)", "ML-engineer roles", 1)
    assert row["explanation"] == "python required by 80.0% of 100 jobs (20 employers)"
    assert (row["weighted_verdict"], row["verdict_flips"]) == ("supported", False)


def test_partly_supported_share(scorecard):
    # Rust: 2 of 5 jobs at employers 0..9, 3 of 5 at 10..19.
    st = assert_share(card(scorecard, "g001-rust-essential"), "partly supported", [(5, 2)] * 10 + [(5, 3)] * 10)
    assert st["lo"] < 0.5 < st["hi"]


def test_not_needed_subject_that_many_jobs_require_is_contradicted(scorecard):
    row = card(scorecard, "g001-java-not-needed")
    st = assert_share(row, "contradicted", [(5, 5)] * 7 + [(5, 0)] * 13)
    assert st["deff"] == pytest.approx(100 / 19)
    assert (st["lo"], st["hi"]) == pytest.approx(wilson(35 * 19 / 100, 19))  # n_eff = 19, k_eff = 6.65
    assert st["lo"] > 0.1
    assert row["expected"] == "share <= 0.10 (required)"


def test_listable_subject_too_few_jobs_ask_for_is_rarely_asked_for(scorecard):
    st = assert_share(card(scorecard, "g001-cobol-essential"), "rarely asked for", [(5, 1)] * 2 + [(5, 0)] * 18)
    assert st["hi"] < 0.5


def test_tacit_foundations_too_few_jobs_state_are_rarely_stated(con, scorecard):
    # statistics (a tacit concept) in 5 jobs at 5 employers; linear algebra (tacit maths) in 3: the foundation:math
    # baseline counts a job naming any maths skill.
    st = assert_share(card(scorecard, "g001-statistics-important"), "rarely stated", [(5, 1)] * 5 + [(5, 0)] * 15)
    assert st["hi"] < 0.25
    st = assert_share(card(scorecard, "g001-math-foundation"), "rarely stated", [(5, 1)] * 3 + [(5, 0)] * 17)
    assert st["hi"] < 0.25
    kinds = con.execute("SELECT claim_id, subject, kind FROM stg_claim_subject_kinds WHERE claim_id IN"
                        " ('g001-statistics-important', 'g001-math-foundation', 'g001-cobol-essential',"
                        " 'g001-degree-master') ORDER BY claim_id").fetchall()
    assert kinds == [("g001-cobol-essential", "cobol", "listable"), ("g001-degree-master", "degree:master+", "observed"),
                     ("g001-math-foundation", "foundation:math", "tacit"),
                     ("g001-statistics-important", "statistics", "tacit")]
    assert con.execute("SELECT count(*) FROM stg_claim_job_subjects WHERE week = ? AND subject = 'foundation:math'",
                       [W2]).fetchall() == [(3,)]


def test_degree_claim_counts_only_jobs_that_state_a_degree(scorecard):
    # 60 of the 100 jobs state a degree (j = 0 master, j = 1, 2 bachelor), 3 at each employer; a master's or more in
    # 20 of them (a third), so the stated requirements put the share below one half: contradicted. Counted over
    # all 100 jobs it would be 0.2.
    row = card(scorecard, "g001-degree-master")
    st = assert_share(row, "contradicted", [(3, 1)] * 20)
    assert st["hi"] < 0.5
    assert row["explanation"] == "degree:master+ required by 33.3% of 60 degree-stating jobs (20 employers)"


def test_untestable_and_not_testable_yet(con, scorecard):
    row = card(scorecard, "g002-interviews")
    assert_row(row, verdict="untestable", weighted_verdict="untestable", n=0, observed=None, expected=None,
               weeks_pooled=None, p_value=None, q_value=None, could_be_chance=False)
    assert row["explanation"] == "Postings do not describe the interviews."
    assert con.execute("SELECT count(*) FROM stg_claim_segment_jobs WHERE claim_id = 'g002-interviews'").fetchall() == [(0,)]
    # FR: 5 applied-scientist jobs, all in W2, however far back the window goes.
    row = card(scorecard, "g002-python-applied-fr")
    assert_row(row, verdict="not testable yet", weighted_verdict="not testable yet", n=5, observed=1.0,
               weeks_pooled=13, p_value=None, q_value=None, could_be_chance=False, verdict_flips=False)


def test_any_of_against_each(con, scorecard):
    # PyTorch is required in 40 jobs (j = 1, 2), TensorFlow in jobs 0..11; any of them: 47 jobs.
    row = card(scorecard, "g001-frameworks-any")
    assert_share(row, "supported", [(5, 5), (5, 5), (5, 3)] + [(5, 2)] * 17)
    # Each: PyTorch 40 % passes; TensorFlow 12 %, concentrated at employers 0..2, straddles 0.25; none clearly fails.
    row = card(scorecard, "g001-frameworks-each")
    tensorflow = assert_share(row, "partly supported", [(5, 5), (5, 5), (5, 2)] + [(5, 0)] * 17)
    pytorch = clustered([(5, 2)] * 20)
    assert pytorch["lo"] > 0.25 and tensorflow["lo"] < 0.25 < tensorflow["hi"]
    assert row["expected"] == "each share >= 0.25"
    assert row["explanation"] == "pytorch 40.0%, tensorflow 12.0% of 100 jobs; the weakest, tensorflow, decides"
    shares = con.execute("SELECT item, n, k, share FROM claim_subject_shares WHERE claim_id = 'g001-frameworks-each'"
                         " AND week = ? ORDER BY item", [W2]).fetchall()
    assert shares == [("pytorch", 100, 40, 0.4), ("tensorflow", 100, 12, 0.12)]


def test_each_with_a_clearly_failing_subject_takes_its_class(scorecard):
    # Python passes, COBOL (2 jobs) clearly fails: the claim is what COBOL is, and shows COBOL's share.
    row = card(scorecard, "g001-python-cobol-each")
    assert_share(row, "rarely asked for", [(5, 1)] * 2 + [(5, 0)] * 18)
    assert row["explanation"] == "python 80.0%, cobol 2.0% of 100 jobs; the weakest, cobol, decides"


def test_required_only_stances_count_requirements(con, scorecard):
    # Docker: required in 20 jobs (j = 0), a "nice to have" in 40 more (skill_mentions.level = 'preferred').
    assert con.execute("SELECT level, count(*) FROM stg_current_mentions WHERE skill = 'docker' AND content_hash LIKE"
                       " 'h:greenhouse:main:%' GROUP BY level ORDER BY level").fetchall() == [("preferred", 40), ("required", 20)]
    assert_share(card(scorecard, "g001-docker-essential"), "rarely asked for", [(5, 1)] * 20)  # essential: requirements only
    assert_share(card(scorecard, "g002-docker-important"), "supported", [(5, 3)] * 20)  # important: any mention
    # Kubernetes: required by 2 jobs, preferred by 60: not-needed counts the 2 (any mention would contradict it).
    row = card(scorecard, "g002-kubernetes-not-needed")
    assert_share(row, "supported", [(5, 1)] * 2 + [(5, 0)] * 18)
    assert row["expected"] == "share <= 0.10 (required)"
    assert clustered([(5, 3)] * 20)["lo"] > 0.1


def test_default_population_is_the_ml_engineer_roles(con, scorecard):
    # The default: ML, AI and MLOps engineers (100 jobs). role=any adds 40 research, 40 data-scientist and 25
    # applied-scientist jobs of W2: 205, of which 182 require Python (80 + 40 + 40 + 22).
    row = card(scorecard, "g001-python-essential")
    assert (row["n"], row["segment"]) == (100, "ML-engineer roles")
    assert con.execute("SELECT count(*) FROM stg_claim_segment_jobs AS s JOIN stg_claim_jobs AS j ON j.week = s.job_week"
                       " AND j.canonical_id = s.canonical_id WHERE s.claim_id = 'g001-python-essential' AND s.week = ?"
                       " AND j.role_family = 'data_scientist'", [W2]).fetchall() == [(0,)]
    row = card(scorecard, "g002-python-any-role")
    assert (row["n"], row["observed"], row["segment"], row["verdict"]) == (205, 182 / 205, "role=any", "supported")


def test_combined_segment_needs_every_condition(scorecard):
    # country=US (employers 0..11, 60 jobs) and seniority=mid (j = 1..3, 60 jobs): 36 jobs, Docker named by 24.
    row = card(scorecard, "g001-docker-us-mid")
    assert_share(row, "supported", [(3, 2)] * 12)
    assert row["segment"] == "country=US,seniority=mid"


def test_one_employers_many_postings_widen_the_interval(scorecard):
    # Research: Templata's 30 identical postings all name Scala, none of 10 other labs' postings does.
    row = card(scorecard, "g001-scala-research")
    st = assert_share(row, "partly supported", [(30, 30)] + [(1, 0)] * 10)
    assert st["deff"] == pytest.approx(9.075)
    independent = wilson(30, 40)
    assert independent[0] > 0.5  # as 40 independent jobs it would be supported
    assert st["lo"] < independent[0] and st["hi"] > independent[1]
    assert (row["explanation"], row["segment"]) == ("scala required by 75.0% of 40 jobs (11 employers)", "role=research")


def test_each_employer_once_can_flip_the_verdict(scorecard):
    # Each employer once, Scala is named by 1 of 11 employers: rarely asked for.
    row = card(scorecard, "g001-scala-research")
    assert_row(row, weighted_observed=1 / 11, weighted_verdict="rarely asked for", verdict_flips=True)
    assert (row["weighted_ci_low"], row["weighted_ci_high"]) == pytest.approx(wilson(1, 11))
    assert wilson(1, 11)[1] < 0.5
    row = card(scorecard, "g001-python-essential")
    assert (row["weighted_verdict"], row["verdict_flips"]) == ("supported", False)


def test_small_segments_pool_4_then_13_weeks_each_job_once(con, scorecard):
    # CA: 12 jobs in W2 (under 30), in 4 weeks 32 jobs (38 sightings: 6 of W2's were also seen in W1).
    row = card(scorecard, "g001-python-applied-ca")
    assert_share(row, "supported", [(4, 3)] * 8)
    assert row["weeks_pooled"] == 4
    assert con.execute("SELECT count(*), count(DISTINCT canonical_id) FROM stg_claim_segment_jobs"
                       " WHERE claim_id = 'g001-python-applied-ca' AND week = ?", [W2]).fetchall() == [(32, 32)]
    assert con.execute("SELECT count(*) FROM sightings WHERE posting_id LIKE 'greenhouse:ca:%' AND week > ?",
                       [W2 - timedelta(weeks=4)]).fetchall() == [(38,)]
    # AU: 8 jobs in W2 and in 4 weeks, 32 in 13 weeks (the 8 of 13 weeks back are outside).
    row = card(scorecard, "g002-python-applied-au")
    assert_share(row, "partly supported", [(8, 5)] * 4)
    assert row["weeks_pooled"] == 13


# --- comparisons ----------------------------------------------------------------------------------------------


def test_paired_comparison_on_jobs_naming_one_side(scorecard):
    # Python in jobs j < 4, Java at employers 0, 3, ..., 18: Python only in 4 jobs at each of the 13 other employers;
    # Java only in job j = 4 at each of the 7 Java employers. 59 jobs name one side, 52 of them Python.
    clusters = [(4, 4)] * 13 + [(1, 0)] * 7
    row = card(scorecard, "g001-python-over-java")
    st = assert_share(row, "supported", clusters)
    assert st["deff"] > 1
    assert_row(row, weighted_verdict="partly supported", verdict_flips=True)  # 13 of 20 employers: 0.65
    assert row["expected"] == "more jobs name python than java (> 0.5 of those naming one)"
    assert row["explanation"] == "python 80.0% vs java 35.0% of 100 jobs; of the 59 naming only one, 52 name python"
    assert row["p_value"] == pytest.approx(p_two_sided((52 / 59 - 0.5) / math.sqrt(0.25 * st["deff"] / 59)), abs=1e-6)
    assert_share(card(scorecard, "g002-java-over-python"), "contradicted", [(4, 0)] * 13 + [(1, 1)] * 7)
    # TensorFlow in jobs 0..11, Keras in 0..9: 2 jobs name one side, under the 10 a comparison needs.
    assert_row(card(scorecard, "g002-tensorflow-over-keras"), verdict="not testable yet", n=2, observed=1.0, p_value=None)


def test_group_comparison_with_newcombe(scorecard):
    # Docker (any mention) in 42 of 70 ML-engineer jobs (3 of 5 at each of 14 employers) against 4 of 40
    # data-scientist jobs (1 at each of 4 employers; 8 employers, two postings without a company).
    mle = clustered([(5, 3)] * 14)
    ds = clustered([(5, 1)] * 4 + [(5, 0)] * 3 + [(3, 0), (1, 0), (1, 0)])
    assert (mle["deff"], ds["deff"]) == (1.0, 1.0)
    diff, low, high = newcombe(0.6, wilson(42, 70), 0.1, wilson(4, 40))
    pooled = 46 / 110
    row = card(scorecard, "g001-docker-mle-over-ds")
    assert_row(row, verdict="supported", n=110, observed=diff, ci_low=low, ci_high=high, n_employers=24,
               design_effect=1.0, weeks_pooled=1,
               p_value=p_two_sided(0.5 / math.sqrt(pooled * (1 - pooled) * (1 / 70 + 1 / 40))))
    assert low > 0
    assert row["expected"] == "a larger share in role=ml_engineer than in role=data_scientist (difference > 0)"
    assert row["explanation"] == ("60.0% of 70 jobs in role=ml_engineer vs 10.0% of 40 in role=data_scientist:"
                                  " a difference of +50.0 points")
    w_diff, w_low, w_high = newcombe(mle["weighted"], (mle["w_lo"], mle["w_hi"]), ds["weighted"], (ds["w_lo"], ds["w_hi"]))
    assert_row(row, weighted_observed=w_diff, weighted_ci_low=w_low, weighted_ci_high=w_high)
    row = card(scorecard, "g002-ds-over-mle")
    assert_row(row, verdict="contradicted", observed=-diff, ci_low=-high, ci_high=-low)


def test_trends_on_hacker_news_postings(scorecard):
    # LLMs: 20 of the last 12 months' 40 postings (2 at each employer) against 8 of the 40 before.
    recent, earlier = clustered([(4, 2)] * 10), clustered([(4, 1)] * 8 + [(4, 0)] * 2)
    assert (recent["deff"], earlier["deff"]) == (1.0, 1.0)
    diff, low, high = newcombe(0.5, wilson(20, 40), 0.2, wilson(8, 40))
    row = card(scorecard, "g001-llm-rising")
    assert_row(row, verdict="supported", n=80, observed=diff, ci_low=low, ci_high=high, n_employers=20, weeks_pooled=None)
    assert low > 0
    assert row["explanation"] == "50.0% of 40 Hacker News postings in the last 12 months vs 20.0% of 40 in the 12 before"
    assert_row(card(scorecard, "g002-llm-falling"), verdict="contradicted", observed=diff, ci_low=low, ci_high=high)
    # LangChain: 6 of 40 against 5 of 40, an interval across 0: a falling trend is partly supported, no more.
    diff, low, high = newcombe(6 / 40, wilson(6, 40), 5 / 40, wilson(5, 40))
    assert low < 0 < high
    assert_row(card(scorecard, "g002-langchain-falling"), verdict="partly supported", weighted_verdict="partly supported",
               observed=diff, ci_low=low, ci_high=high)


# --- medians --------------------------------------------------------------------------------------------------


def test_median_salary_over_employers(scorecard):
    # The 12 US employers' medians: 122,000 + 5,000·e; ranks 2 and 11 bound the median of 12.
    employers = [122000.0 + 5000 * e for e in range(12)]
    assert median_interval(employers) == (149500.0, 127000.0, 172000.0)
    # Each job once (the twin): 60 salaries, ranks 22 and 39.
    jobs = [s for s in map(salary_of, range(N)) if s is not None]
    assert median_interval(jobs) == (149500.0, 141000.0, 158000.0)
    row = card(scorecard, "g001-salary-150k")
    assert_row(row, verdict="partly supported", n=60, observed=149500.0, ci_low=127000.0, ci_high=172000.0,
               n_employers=12, design_effect=None, weighted_observed=149500.0, weighted_ci_low=141000.0,
               weighted_ci_high=158000.0, weighted_verdict="supported", verdict_flips=True)
    assert row["expected"] == "median 135,000 to 165,000"
    assert row["explanation"] == ("median salary $149,500 over 12 employers (each employer's median once);"
                                  " $149,500 over the 60 jobs stating it")
    se = (172000 - 127000) / (2 * Z)
    assert row["p_value"] == pytest.approx(p_two_sided(14500 / se), abs=1e-6)
    assert_row(card(scorecard, "g001-salary-under-100k"), verdict="contradicted", expected="median <= 100,000")
    assert_row(card(scorecard, "g002-salary-110k"), verdict="supported", expected="median >= 110,000")


def test_median_of_one_employers_many_postings_counts_it_once(scorecard):
    # Research: Templata's 30 postings at 200,000, ten labs at 100,000..190,000. Over employers the median is
    # 150,000 within [110,000, 190,000]: below 200,000. Job by job it would be 200,000 exactly.
    employers = [100000.0 + 10000 * r for r in range(10)] + [200000.0]
    assert median_interval(employers) == (150000.0, 110000.0, 190000.0)
    assert median_interval(employers[:10] + [200000.0] * 30) == (200000.0, 200000.0, 200000.0)
    row = card(scorecard, "g002-research-salary-200k")
    assert_row(row, verdict="contradicted", n=40, observed=150000.0, ci_low=110000.0, ci_high=190000.0, n_employers=11,
               weighted_observed=200000.0, weighted_verdict="supported", verdict_flips=True,
               p_value=p_two_sided(50000 / ((190000 - 110000) / (2 * Z))))


def test_median_years(scorecard):
    # Years asked: 1 + e % 5 at employer e, so each value 1..5 is four employers' median: [2, 4] around 3.
    assert median_interval([1.0 + e % 5 for e in range(20)]) == (3.0, 2.0, 4.0)
    assert_row(card(scorecard, "g002-years-3"), verdict="supported", n=100, observed=3.0, ci_low=2.0, ci_high=4.0,
               expected="median 2 to 4")


# --- multiplicity ---------------------------------------------------------------------------------------------


def test_benjamini_hochberg_q_values_and_could_be_chance(scorecard):
    rows = list(latest(scorecard).values())
    p = {r["claim_id"]: r["p_value"] for r in rows if r["p_value"] is not None}
    assert len(p) == 33  # not the untestable, the two not testable yet, nor the optional claim (no bar to test)
    q = bh_q_values(p)
    for r in rows:
        assert r["q_value"] == (None if r["p_value"] is None else pytest.approx(q[r["claim_id"]], abs=1e-12))
    # SQL recommended: 16 of 100, Wilson's low 0.1010 just clears 0.10, but z = 0.06 / 0.03 = 2: p = 0.0455, and
    # with 33 tests the q-value is above 0.05. The years figure sits 1.96 standard errors from its band's edges.
    assert wilson(16, 100)[0] == pytest.approx(0.10096, abs=1e-5)
    chance = {r["claim_id"]: (r["verdict"], r["p_value"], r["q_value"]) for r in rows if r["could_be_chance"]}
    assert chance.keys() == {"g001-sql-recommended", "g002-years-3"}
    assert chance["g001-sql-recommended"][:2] == ("supported", pytest.approx(p_two_sided(2.0), abs=1e-6))
    assert chance["g002-years-3"][:2] == ("supported", pytest.approx(0.05, abs=1e-6))
    assert all(q_value > 0.05 for _, _, q_value in chance.values())
    # A decisive verdict with a small q-value is not flagged; a partly supported one never is.
    assert not card(scorecard, "g001-python-essential")["could_be_chance"]
    assert not card(scorecard, "g001-rust-essential")["could_be_chance"]


# --- points and guides -------------------------------------------------------------------------------------------


def test_claim_points(con, scorecard):
    points = {p: (n, ids, v) for p, n, ids, v in con.execute(
        "SELECT point_id, n_claims, claim_ids, verdict FROM claim_points").fetchall()}
    assert len(points) == 34
    assert points["g001-p01"] == (1, ["g001-python-essential"], "supported")
    # partly supported and rarely asked for disagree: partly supported
    assert points["g001-p02"] == (2, ["g001-docker-essential", "g001-rust-essential"], "partly supported")
    assert points["g002-p01"] == (2, ["g002-cobol-not-needed", "g002-kubernetes-not-needed"], "supported")
    assert points["g002-p11"] == (2, ["g002-interviews", "g002-python-applied-fr"], "not testable yet")
    verdicts = {claim_id: row["verdict"] for claim_id, row in latest(scorecard).items()}
    for n_claims, ids, verdict in points.values():
        if n_claims == 1:
            assert verdict == verdicts[ids[0]]


def test_guide_overstated_is_contradicted_or_rarely_asked_for(con):
    # Not the contradicted not-needed Java claim (not a stance that stresses a skill), nor the rarely stated tacit
    # foundations, nor partly supported claims.
    rows = con.execute("SELECT claim_id, point_id, stance, verdict, n FROM guide_overstated").fetchall()
    assert rows == [
        ("g001-cobol-essential", "g001-p03", "essential", "rarely asked for", 100),
        ("g001-python-cobol-each", "g001-p07", "essential", "rarely asked for", 100),
        ("g001-docker-essential", "g001-p02", "essential", "rarely asked for", 100),
        ("g001-degree-master", "g001-p10", "essential", "contradicted", 60),
    ]


def test_claim_contradictions(con):
    rows = con.execute("SELECT subjects, kind, claim_a, claim_b, verdict_a, verdict_b, postings_support, n"
                       " FROM claim_contradictions").fetchall()
    assert rows == [
        (["cobol"], "contradiction", "g001-cobol-essential", "g002-cobol-not-needed", "rarely asked for", "supported",
         "g002-cobol-not-needed", 100),
        (["java", "python"], "contradiction", "g001-python-over-java", "g002-java-over-python", "supported",
         "contradicted", "g001-python-over-java", 59),
        (["salary"], "contradiction", "g001-salary-under-100k", "g002-salary-110k", "contradicted", "supported",
         "g002-salary-110k", 60),
        (["docker"], "strength", "g001-docker-essential", "g002-docker-important", "rarely asked for", "supported",
         "g002-docker-important", 100),
        (["salary"], "strength", "g001-salary-150k", "g002-salary-110k", "partly supported", "supported",
         "g002-salary-110k", 60),
    ]


def test_scorecard_by_role(con):
    rows = con.execute("SELECT role_family, n, k FROM claim_scorecard_by_role WHERE claim_id = 'g001-python-essential'"
                       ).fetchall()
    assert rows == [("ai_engineer", 20, 16), ("applied_scientist", 25, 22), ("data_scientist", 40, 40),
                    ("ml_engineer", 70, 56), ("mlops", 10, 8), ("research", 40, 40)]


# --- jobs, weeks, text ------------------------------------------------------------------------------------------


def test_a_job_sighted_twice_counts_once_and_an_employer_is_its_name(con, scorecard):
    # lever:main:dup is a second posting of job 000: one job, its facets from its first posting. Job 004 writes its
    # employer " ASTER ANALYTICS ": the same employer as jobs 000..003.
    assert con.execute("SELECT count(*), count(DISTINCT canonical_id) FROM stg_claim_jobs WHERE week = ? AND"
                       " role_family IN ('ml_engineer', 'ai_engineer', 'mlops')", [W2]).fetchall() == [(100, 100)]
    assert con.execute("SELECT posting_id, seniority FROM stg_claim_jobs WHERE canonical_id = ?", [pid(0)]).fetchall() == [
        (pid(0), "junior")]
    assert con.execute("SELECT employer, count(*) FROM stg_claim_jobs WHERE week = ? AND canonical_id BETWEEN ? AND ?"
                       " GROUP BY employer", [W2, pid(0), pid(4)]).fetchall() == [("aster analytics", 5)]
    assert con.execute("SELECT employer FROM stg_claim_jobs WHERE posting_id = 'ashby:ds:39'").fetchall() == [
        ("job:ashby:ds:39",)]  # no company: its own cluster
    # The stale taxonomy's Java on jobs 40..49 is ignored: still 35 jobs.
    assert card(scorecard, "g001-java-not-needed")["observed"] == 0.35


def test_scorecard_is_the_latest_week(con, scorecard):
    n_claims = len(main_claims())
    assert con.execute("SELECT week, count(*), count(DISTINCT claim_id) FROM claim_scorecard GROUP BY week").fetchall() == [
        (W2, n_claims, n_claims)]
    row = card(scorecard, "g001-python-essential", W1)  # 10 jobs in W1, and none before
    assert_row(row, verdict="not testable yet", n=10, observed=1.0, weeks_pooled=13)


def test_quotes_with_quote_characters_round_trip(con, scorecard):
    assert card(scorecard, "g002-cobol-not-needed")["quote"] == QUOTE_WITH_QUOTES
    assert con.execute("SELECT evidence FROM stg_current_mentions WHERE skill = 'cobol' AND content_hash = ?",
                       [content_hash(pid(7), W2)]).fetchall() == [(EVIDENCE_WITH_QUOTES,)]


# --- state and degree fields (jobs_weekly's placeholders, stood in for) ------------------------------------------


def test_state_segment_and_degree_field_claims():
    """jobs_weekly.state and .degree_fields are placeholders until the extractor fills them: a stand-in view
    gives 40 US jobs states and degree fields, to test the SQL that reads them."""
    connection = duckdb.connect()
    try:
        jobs = [job(f"greenhouse:st:{i:02d}", skills=("python",) if i % 4 else (), company=f"State Co {i % 8}",
                    country="US", degree_min="bachelor" if i < 32 else "unspecified") for i in range(40)]
        build_warehouse(connection, skills=MAIN_SKILLS[:1], guides=[(G1, "Alpha guide", "alpha.example")], jobs=jobs,
                        claims=[claim("g001-python-ca", "g001-p01", G1, ["python"], "essential", segment="state=CA"),
                                claim("g001-python-us-ca", "g001-p02", G1, ["python"], "essential",
                                      segment="country=US,state=CA|WA"),
                                claim("g001-cs-degree", "g001-p03", G1, ["degree_field:cs"], "important",
                                      topic="education")])
        connection.execute("ALTER VIEW jobs_weekly RENAME TO jobs_weekly_base")
        connection.execute("CREATE TABLE stand_in (canonical_id VARCHAR, state VARCHAR, degree_fields VARCHAR[])")
        connection.executemany("INSERT INTO stand_in VALUES (?, ?, ?)", [
            (f"greenhouse:st:{i:02d}", "CA" if i < 30 else "WA" if i < 36 else None, ["cs", "math"] if (i // 8) % 2 else ["math"])
            for i in range(40)])
        connection.execute("CREATE VIEW jobs_weekly AS SELECT b.* REPLACE (s.state AS state, s.degree_fields AS degree_fields)"
                           " FROM jobs_weekly_base AS b LEFT JOIN stand_in AS s USING (canonical_id)")
        verdicts = {r["claim_id"]: r for r in rows_of(connection.execute("SELECT * FROM claim_scorecard"))}
        clusters = {"ca": [], "cawa": []}
        for e in range(8):  # State Co e: jobs e, e+8, ..., python unless i % 4 == 0
            ids = range(e, 40, 8)
            clusters["ca"].append((sum(i < 30 for i in ids), sum(i < 30 and i % 4 > 0 for i in ids)))
            clusters["cawa"].append((sum(i < 36 for i in ids), sum(i < 36 and i % 4 > 0 for i in ids)))
        ca = clustered(clusters["ca"])
        assert_row(verdicts["g001-python-ca"], n=30, observed=ca["share"], ci_low=ca["lo"], ci_high=ca["hi"])
        cawa = clustered(clusters["cawa"])
        assert_row(verdicts["g001-python-us-ca"], n=36, observed=cawa["share"], ci_low=cawa["lo"], ci_high=cawa["hi"])
        # CS among the 32 jobs stating a degree: jobs 8..15 and 24..31, 16, two at each employer.
        cs = clustered([(4, 2)] * 8)
        assert_row(verdicts["g001-cs-degree"], verdict="supported", n=32, observed=0.5, ci_low=cs["lo"], ci_high=cs["hi"])
    finally:
        connection.close()


# --- guides: alignment and blind spots ----------------------------------------------------------------------------

A1, A2 = "001_aligned.md", "002_reversed.md"
ALIGN_JOBS = {"python": range(0, 90), "sql": range(0, 70), "docker": range(0, 50), "spark": range(0, 30),
              "r": range(98, 100), "fortran": range(97, 98), "statistics": range(96, 97),
              "machine_learning": range(0, 100)}
ALIGN_SHARES = {skill: len(jobs) / 100 for skill, jobs in ALIGN_JOBS.items()}
ALIGN_MENTIONS = {A1: {"python": 8, "sql": 6, "docker": 4, "spark": 2, "r": 1},
                  A2: {"sql": 1, "docker": 2, "spark": 4, "r": 8}}  # A2's text never names python
RANKED = [s for s in ALIGN_SHARES if s != "machine_learning"]  # every ML job names machine learning: left out


@pytest.fixture(scope="module")
def guides_con():
    connection = duckdb.connect()
    jobs = [job(f"greenhouse:guide:{i:03d}", skills=tuple(s for s, inside in ALIGN_JOBS.items() if i in inside),
                company=f"Guide Co {i % 20}") for i in range(100)]
    build_warehouse(
        connection,
        skills=[(s, s.title(), "language", None) for s in ALIGN_SHARES if s not in ("statistics", "machine_learning")]
        + [("statistics", "Statistics", "concept", None, True), ("machine_learning", "ML", "concept", None, True, True)],
        guides=[(A1, "Aligned guide", "a.example"), (A2, "Reversed guide", "b.example")],
        claims=[
            claim("g001-python-essential", "g001-p01", A1, ["python"], "essential"),
            claim("g001-sql-essential", "g001-p02", A1, ["sql"], "essential"),
            claim("g001-r-not-needed", "g001-p03", A1, ["r"], "not-needed"),
            claim("g002-sql-important", "g002-p01", A2, ["sql"], "important"),
            claim("g002-r-essential", "g002-p02", A2, ["r"], "essential", quote="R is a must, it's \"the\" language."),
            claim("g002-statistics-important", "g002-p03", A2, ["statistics"], "important", topic="concept"),
            # A2's only word on Python: a trend (no Hacker News postings here, so not testable yet).
            claim("g002-python-rising", "g002-p04", A2, ["python"], "trend", "share rising"),
        ],
        jobs=jobs,
        guide_mentions=[(doc, s, m) for doc, counts in ALIGN_MENTIONS.items() for s, m in counts.items()],
    )
    yield connection
    connection.close()


def expected_emphasis() -> dict[str, dict[str, float]]:
    stances = {A1: {"python": 4, "sql": 4, "r": 0}, A2: {"sql": 3, "r": 4, "statistics": 3, "python": 1}}
    return {doc: {s: (stances[doc].get(s, 1) + math.log(1 + ALIGN_MENTIONS[doc].get(s, 0))
                      if s in stances[doc] or s in ALIGN_MENTIONS[doc] else 0.0) for s in ALIGN_SHARES}
            for doc in (A1, A2)}


def test_guide_skill_emphasis(guides_con):
    got = {(d, s): e for d, s, e in guides_con.execute("SELECT doc, skill, emphasis FROM guide_skill_emphasis").fetchall()}
    want = {(d, s): e for d, skills in expected_emphasis().items() for s, e in skills.items() if e}
    assert got.keys() == want.keys()
    assert all(got[key] == pytest.approx(want[key], abs=1e-12) for key in want)


def test_guide_alignment_leaves_out_population_defining_skills(guides_con):
    emphasis = expected_emphasis()
    rho = {doc: spearman([emphasis[doc][s] for s in RANKED], [ALIGN_SHARES[s] for s in RANKED]) for doc in (A1, A2)}
    assert rho[A2] < 0 < rho[A1]
    rows = rows_of(guides_con.execute("SELECT * FROM guide_alignment"))
    assert [(r["doc"], r["n_skills"], r["alignment_rank"]) for r in rows] == [(A1, 7, 1), (A2, 7, 2)]
    assert [r["spearman_rho"] for r in rows] == [pytest.approx(rho[A1], abs=1e-9), pytest.approx(rho[A2], abs=1e-9)]
    # A1: python, sql supported, r not-needed supported. A2: sql supported, r rarely asked for, statistics rarely
    # stated, the python trend not testable yet.
    counts = ("n_points", "n_supported", "n_partly_supported", "n_contradicted", "n_rarely_asked_for", "n_rarely_stated",
              "n_not_tested", "supported_share")
    assert [tuple(r[c] for c in counts) for r in rows] == [(3, 3, 0, 0, 0, 0, 0, 1.0), (4, 1, 0, 0, 1, 1, 1, 1 / 3)]


def test_guide_blind_spots_leave_out_population_defining_skills(guides_con):
    # Machine learning (every job names it) is nobody's blind spot; A2 names Python only in a trend claim, which
    # is naming it.
    rows = guides_con.execute("SELECT doc, skill, demand_rank, share, n_with_skill FROM guide_blind_spots").fetchall()
    assert rows == [(A1, "fortran", 6, 0.01, 1), (A1, "statistics", 7, 0.01, 1), (A2, "fortran", 6, 0.01, 1)]


def test_guide_overstated_and_contradictions_in_the_guides(guides_con):
    low, high = wilson(2, 100)  # r: jobs 98 and 99, at two employers
    rows = guides_con.execute("SELECT doc, claim_id, stance, subjects, verdict, expected, observed, ci_low, ci_high, n,"
                              " quote FROM guide_overstated").fetchall()
    assert rows == [(A2, "g002-r-essential", "essential", ["r"], "rarely asked for", "share >= 0.50 (required)", 0.02,
                     pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12), 100, "R is a must, it's \"the\" language.")]
    rows = guides_con.execute("SELECT subjects, kind, claim_a, expected_a, verdict_a, claim_b, expected_b, verdict_b,"
                              " postings_support FROM claim_contradictions").fetchall()
    assert rows == [
        (["r"], "contradiction", "g001-r-not-needed", "share <= 0.10 (required)", "supported",
         "g002-r-essential", "share >= 0.50 (required)", "rarely asked for", "g001-r-not-needed"),
        (["sql"], "strength", "g001-sql-essential", "share >= 0.50 (required)", "supported",
         "g002-sql-important", "share >= 0.25", "supported", "g001-sql-essential"),
    ]


@pytest.mark.parametrize(("n_employers", "verdict"), [(5, "not testable yet"), (6, "supported")])
def test_a_median_needs_six_employers(n_employers, verdict):
    """36 salaried jobs spread over 5 employers are not enough for a median over employers: with 5, even
    [min, max] covers it only 1 - 2·0.5^5 = 94 % of the time. Over 6 the interval is [min, max] (97 %)."""
    salaries = [140000.0 + 2000 * e for e in range(n_employers)]
    assert 1 - 2 * 0.5 ** n_employers < 0.95 if n_employers == 5 else 1 - 2 * 0.5 ** n_employers > 0.95
    jobs = [job(f"greenhouse:few:{i:03d}", company=f"Few Co {i % n_employers}", salary_min=salaries[i % n_employers],
                salary_max=salaries[i % n_employers], salary_min_usd=salaries[i % n_employers],
                salary_max_usd=salaries[i % n_employers], salary_currency="USD", salary_period="year")
            for i in range(36)]
    connection = duckdb.connect()
    try:
        build_warehouse(connection, skills=[("python", "Python", "language", None)], guides=[(G1, "Alpha guide", "a.example")],
                        claims=[claim("g001-salary-band", "g001-p01", G1, ["salary"], "figure", "median = 150000 ± 20%",
                                      topic="salary")],
                        jobs=jobs)
        [row] = rows_of(connection.execute("SELECT * FROM claim_scorecard WHERE claim_id = 'g001-salary-band'"))
    finally:
        connection.close()
    observed, low, high = median_interval(salaries)
    assert (low, high) == (min(salaries), max(salaries))
    assert_row(row, verdict=verdict, n=36, n_employers=n_employers, observed=observed, ci_low=low, ci_high=high)
    assert (row["p_value"] is None) == (verdict == "not testable yet")
