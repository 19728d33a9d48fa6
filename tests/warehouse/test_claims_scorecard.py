"""The claims scorecard (warehouse/models/25_claims.sql): verdicts, intervals, guides' alignment.

A tiny warehouse is built by hand (migrations and models, then rows inserted straight into the
tables the views read), so the SQL is tested apart from the crawlers and the extractor. Every
posting, company, guide and quote here is made up for these tests.

``build_warehouse`` / ``main_spec`` / ``write_main_warehouse`` are reused by tests/flows/test_claims_cli.py.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from warehouse import db
from warehouse.reference import STANCE_THRESHOLDS, parse_segment, parse_test

Z = 1.959964
W1 = date(2026, 11, 9)
W2 = date(2026, 11, 16)  # the latest week
TAXONOMY = "t.2"
STALE_TAXONOMY = "t.1"


# --- Python references for the SQL ------------------------------------------------------------------


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson score interval, 95 %, as a textbook writes it."""
    p = k / n
    centre = p + Z * Z / (2 * n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (centre - half) / (1 + Z * Z / n), (centre + half) / (1 + Z * Z / n)


def median_interval(values: list[float]) -> tuple[float, float, float]:
    """(median, low, high): order statistics n/2 - 0.98 sqrt(n) and 1 + n/2 + 0.98 sqrt(n), 1-based."""
    v, n = sorted(values), len(values)
    median = (v[(n - 1) // 2] + v[n // 2]) / 2
    lo = max(1, math.floor(n / 2 - 0.98 * math.sqrt(n)))
    hi = min(n, math.ceil(n / 2 + 1 + 0.98 * math.sqrt(n)))
    return median, v[lo - 1], v[hi - 1]


def average_ranks(values: list[float]) -> list[float]:
    order = sorted(values)
    return [order.index(x) + 1 + (order.count(x) - 1) / 2 for x in values]


def spearman(xs: list[float], ys: list[float]) -> float:
    rx, ry = average_ranks(xs), average_ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    return cov / math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))


# --- building a warehouse -----------------------------------------------------------------------------


def claim(claim_id: str, doc: str, subjects: list[str], stance: str, test: str | None = None, *,
          segment: str | None = None, quote: str | None = None, reason: str | None = None,
          topic: str = "language", note: str | None = None) -> dict[str, Any]:
    """A ref_claims row, its test and segment parsed as warehouse.reference does."""
    if test is None:
        op, value = STANCE_THRESHOLDS[stance]
        test = f"share {op} {value}"
    field, values = parse_segment(segment)
    return {"claim_id": claim_id, "doc": doc, "topic": topic, "subjects": subjects, "stance": stance,
            "quote": quote or f"Made-up quote for {claim_id}.", "test": test, **parse_test(test),
            "segment": segment, "segment_field": field, "segment_values": values, "reason": reason, "note": note}


def job(posting_id: str, week: date = W2, skills: tuple[str, ...] = (), **fields: Any) -> dict[str, Any]:
    return {"posting_id": posting_id, "week": week, "skills": list(skills), **fields}


SIGHTING_DEFAULTS = {
    "company": "Acme Widgets", "title": "ML Engineer", "url": None, "remote": "onsite", "role_family": "ml_engineer",
    "is_ml_role": True, "seniority": "mid", "country": "GB", "salary_raw": None, "salary_min": None, "salary_max": None,
    "salary_currency": None, "salary_period": None, "salary_min_usd": None, "salary_max_usd": None,
}
FACET_DEFAULTS = {"degree_min": "unspecified", "degree_or_equivalent": False, "years_min": None}


def build_warehouse(con: duckdb.DuckDBPyConnection, *, skills: list[tuple], guides: list[tuple], claims: list[dict],
                    jobs: list[dict], canonical: dict[str, str] | None = None, guide_mentions: list[tuple] = (),
                    stale_mentions: list[tuple] = ()) -> None:
    """skills: (id, name, category, parent); guides: (doc, title, site); jobs: see ``job`` (skills are
    (skill) or (skill, evidence)); canonical: posting_id -> canonical_id; guide_mentions:
    (doc, skill, mentions); stale_mentions: (posting_id, skill) extracted with an older taxonomy."""
    db.migrate(con)
    db.create_models(con)

    def insert(table: str, rows: list[dict], schema: dict | None = None) -> None:
        if not rows:
            return
        frame = pl.DataFrame(rows, schema=schema, orient="row") if schema else pl.DataFrame(rows)
        con.register("incoming", frame)
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        finally:
            con.unregister("incoming")

    insert("ref_skills", [{"skill": s, "name": name, "category": cat, "aliases": [name.lower()], "parent": parent,
                           "taxonomy_version": TAXONOMY} for s, name, cat, parent in skills],
           {"skill": pl.String, "name": pl.String, "category": pl.String, "aliases": pl.List(pl.String),
            "parent": pl.String, "taxonomy_version": pl.String})
    insert("ref_guides", [{"doc": d, "title": t, "site": s} for d, t, s in guides])
    claim_schema = {"subjects": pl.List(pl.String), "segment_values": pl.List(pl.String), "threshold": pl.Float64,
                    "figure_low": pl.Float64, "figure_high": pl.Float64}
    insert("ref_claims", claims, {**{k: pl.String for k in claims[0]}, **claim_schema})
    insert("ref_guide_mentions", [{"doc": d, "skill": s, "mentions": m, "taxonomy_version": TAXONOMY}
                                  for d, s, m in guide_mentions])
    sightings, facets, mentions, content = [], [], [], []
    hashes = {}
    for j in jobs:
        pid = j["posting_id"]
        h = f"h:{pid}:{j['week']}"
        hashes[pid] = h
        row = {**SIGHTING_DEFAULTS, **{k: v for k, v in j.items() if k in SIGHTING_DEFAULTS}}
        source, board, source_id = pid.split(":")
        sightings.append({"week": j["week"], "run_id": f"run-{j['week']}", "run_date": j["week"], "posting_id": pid,
                          "source": source, "board": board, "source_id": source_id, "content_hash": h, **row})
        content.append({"content_hash": h, "title": row["title"], "description_text": "made up"})
        facets.append({"content_hash": h, "taxonomy_version": TAXONOMY,
                       **{**FACET_DEFAULTS, **{k: v for k, v in j.items() if k in FACET_DEFAULTS}}})
        for skill in j["skills"]:
            skill, evidence = skill if isinstance(skill, tuple) else (skill, f"Experience with {skill}")
            mentions.append({"content_hash": h, "taxonomy_version": TAXONOMY, "skill": skill, "level": "required",
                             "evidence": evidence})
    mentions += [{"content_hash": hashes[pid], "taxonomy_version": STALE_TAXONOMY, "skill": skill, "level": "required",
                  "evidence": "stale"} for pid, skill in stale_mentions]
    insert("sightings", sightings, {
        "week": pl.Date, "run_id": pl.String, "run_date": pl.Date, "posting_id": pl.String, "source": pl.String,
        "board": pl.String, "source_id": pl.String, "content_hash": pl.String, "company": pl.String, "title": pl.String,
        "url": pl.String, "remote": pl.String, "role_family": pl.String, "is_ml_role": pl.Boolean,
        "seniority": pl.String, "country": pl.String, "salary_raw": pl.String, "salary_min": pl.Float64,
        "salary_max": pl.Float64, "salary_currency": pl.String, "salary_period": pl.String, "salary_min_usd": pl.Float64,
        "salary_max_usd": pl.Float64})
    insert("posting_content", content)
    insert("posting_facets", facets, {"content_hash": pl.String, "taxonomy_version": pl.String, "degree_min": pl.String,
                                      "degree_or_equivalent": pl.Boolean, "years_min": pl.Int32})
    insert("skill_mentions", mentions)
    insert("skill_extractions", [{"content_hash": h, "taxonomy_version": TAXONOMY} for h in hashes.values()])
    insert("canonical_jobs", [{"posting_id": p, "canonical_id": c} for p, c in (canonical or {}).items()])


# --- the main warehouse: 100 ML-role jobs in W2, 10 in W1 ---------------------------------------------

G1, G2 = "001_alpha_guide.md", "002_beta_guide.md"
QUOTE_WITH_QUOTES = "You don't need \"COBOL\" — it's 100% legacy; it's 'over'."
EVIDENCE_WITH_QUOTES = "We'd \"love\" some COBOL; it's 50% of the 'job'"
N = 100


def pid(i: int) -> str:
    return f"greenhouse:acme:{i:03d}"


def salary_of(i: int) -> float | None:
    """Jobs 50..89 state a salary: 130,000 + 1,000 per job; job 89 states only a minimum."""
    return 130000.0 + 1000 * (i - 50) if 50 <= i < 90 else None


SALARIES = [salary_of(i) for i in range(N) if salary_of(i) is not None]
YEARS = [2 + i % 5 for i in range(30)]  # jobs 0..29


def main_jobs() -> list[dict]:
    jobs = []
    for i in range(N):
        skills = [name for name, inside in (
            ("python", i < 70), ("java", 60 <= i < 90), ("rust", i < 50), ("pyspark", i < 40),
            ("spark", 30 <= i < 65), ("tensorflow", i < 20), ("keras", i < 15),
        ) if inside]
        if i >= 98:
            skills.append(("cobol", EVIDENCE_WITH_QUOTES))
        s = salary_of(i)
        low, high = (None, None) if s is None else (s, None) if i == 89 else (s - 10000, s + 10000)
        jobs.append(job(
            pid(i), skills=tuple(skills), seniority="junior" if i % 2 == 0 else "senior",
            country="US" if i < 25 else "GB", url=f"https://jobs.example.test/{i}",
            degree_min="master" if i < 60 else "bachelor" if i < 80 else "none",
            years_min=2 + i % 5 if i < 30 else None,
            salary_min=low, salary_max=high, salary_min_usd=low, salary_max_usd=high,
            salary_currency=None if s is None else "USD", salary_period=None if s is None else "year",
            salary_raw=None if s is None else "$ in the posting",
        ))
    # A second posting of job 000 (another board): the same job, counted once.
    jobs.append(job("lever:acme:dup", skills=("python",), seniority="senior", country="US"))
    # Not ML roles: never counted.
    jobs += [job(f"greenhouse:other:{i}", skills=("python", "cobol"), is_ml_role=False, title="Accountant")
             for i in range(5)]
    # An older week: 10 ML-role jobs, all with Python.
    jobs += [job(f"greenhouse:old:{i}", week=W1, skills=("python",)) for i in range(10)]
    return jobs


MAIN_SKILLS = [
    ("python", "Python", "language", None), ("java", "Java", "language", None), ("rust", "Rust", "language", None),
    ("cobol", "COBOL", "language", None), ("spark", "Spark", "data-tool", None),
    ("pyspark", "PySpark", "data-tool", "spark"), ("tensorflow", "TensorFlow", "ml-library", None),
    ("keras", "Keras", "ml-library", None),
]


def main_claims() -> list[dict]:
    return [
        claim("g001-python-essential", G1, ["python"], "essential"),
        claim("g001-java-essential", G1, ["java"], "essential"),
        claim("g001-rust-essential", G1, ["rust"], "essential"),
        claim("g001-cobol-essential", G1, ["cobol"], "essential"),
        claim("g002-cobol-not-needed", G2, ["cobol"], "not-needed", quote=QUOTE_WITH_QUOTES),
        claim("g002-java-not-needed", G2, ["java"], "not-needed"),
        claim("g001-python-java-each", G1, ["python", "java"], "essential", "each share >= 0.5"),
        claim("g001-python-spark-each", G1, ["python", "spark"], "essential", "each share >= 0.5"),
        claim("g002-spark-essential", G2, ["spark"], "essential", topic="data-tool"),
        claim("g001-python-junior", G1, ["python"], "essential", segment="seniority=junior"),
        claim("g001-python-us", G1, ["python"], "essential", segment="country=US"),
        claim("g001-python-fr", G1, ["python"], "essential", segment="country=FR"),
        claim("g002-interviews", G2, ["python"], "essential", "untestable", topic="other",
              reason="Postings do not describe the interviews."),
        claim("g001-python-over-java", G1, ["python", "java"], "comparison", "share(python) > share(java)"),
        claim("g002-java-over-python", G2, ["java", "python"], "comparison", "share(java) > share(python)"),
        claim("g002-tensorflow-over-keras", G2, ["tensorflow", "keras"], "comparison",
              "share(tensorflow) > share(keras)", topic="ml-library"),
        claim("g001-salary-150k", G1, ["salary"], "figure", "median = 150000 ± 10%", topic="salary"),
        claim("g001-salary-under-100k", G1, ["salary"], "figure", "median <= 100000", topic="salary"),
        claim("g002-salary-200k", G2, ["salary"], "figure", "median >= 200000", topic="salary"),
        claim("g002-salary-150k-min", G2, ["salary"], "figure", "median >= 150000", topic="salary"),
        claim("g002-salary-us", G2, ["salary"], "figure", "median >= 100000", topic="salary", segment="country=US"),
        claim("g001-years-at-most-2", G1, ["years"], "figure", "median <= 2", topic="experience"),
        claim("g002-degree-master", G2, ["degree:master+"], "important", topic="education"),
    ]


MAIN_GUIDES = [(G1, "Alpha guide", "alpha.example"), (G2, "Beta guide", "beta.example")]


def build_main(con: duckdb.DuckDBPyConnection) -> None:
    build_warehouse(con, skills=MAIN_SKILLS, guides=MAIN_GUIDES, claims=main_claims(), jobs=main_jobs(),
                    canonical={"lever:acme:dup": pid(0)},
                    stale_mentions=[(pid(i), "java") for i in range(10)])


def write_main_warehouse(home: Path) -> Path:
    """The main warehouse as a file in ``home`` (for the CLI tests)."""
    home.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db.warehouse_path(home)))
    try:
        build_main(con)
    finally:
        con.close()
    return home


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    build_main(connection)
    yield connection
    connection.close()


def card(con, claim_id: str) -> dict[str, Any]:
    cursor = con.execute("SELECT * FROM claim_scorecard WHERE claim_id = ?", [claim_id])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    assert len(rows) == 1, rows
    return rows[0]


def assert_share(row: dict, k: int, n: int, verdict: str) -> None:
    low, high = wilson(k, n)
    assert (row["verdict"], row["n"]) == (verdict, n)
    assert row["observed"] == pytest.approx(k / n, abs=1e-12)
    assert (row["ci_low"], row["ci_high"]) == (pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12))


# --- Wilson interval ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("k", "n"), [(0, 10), (10, 10), (3, 10), (70, 100), (1, 1), (0, 1), (17, 250)])
def test_wilson_macros_match_python(con, k, n):
    low, high = wilson(k, n)
    [(sql_low, sql_high)] = con.execute("SELECT wilson_low(?::BIGINT, ?::BIGINT), wilson_high(?::BIGINT, ?::BIGINT)",
                                        [k, n, k, n]).fetchall()
    assert sql_low == pytest.approx(low, abs=1e-12)
    assert sql_high == pytest.approx(high, abs=1e-12)
    if k == 0:
        assert sql_low == pytest.approx(0.0, abs=1e-12) and sql_high == pytest.approx(Z * Z / (n + Z * Z), abs=1e-12)
    if k == n:
        assert sql_high == pytest.approx(1.0, abs=1e-12) and sql_low == pytest.approx(n / (n + Z * Z), abs=1e-12)


def test_wilson_of_no_trials_is_null(con):
    assert con.execute("SELECT wilson_low(0, 0), wilson_high(0, 0)").fetchall() == [(None, None)]


@pytest.mark.parametrize(("lo", "hi", "exp_lo", "exp_hi", "verdict"), [
    (0.6, 0.8, 0.5, None, "supported"), (0.2, 0.4, 0.5, None, "not supported"), (0.4, 0.6, 0.5, None, "partly supported"),
    (0.01, 0.07, None, 0.1, "supported"), (0.2, 0.3, None, 0.1, "not supported"), (140, 160, 135, 165, "supported"),
    (170, 180, 135, 165, "not supported"), (130, 140, 135, 165, "partly supported"),
])
def test_interval_verdict(con, lo, hi, exp_lo, exp_hi, verdict):
    assert con.execute("SELECT interval_verdict(?::DOUBLE, ?::DOUBLE, ?::DOUBLE, ?::DOUBLE)",
                       [lo, hi, exp_lo, exp_hi]).fetchall() == [(verdict,)]


# --- share claims -------------------------------------------------------------------------------------


def test_share_at_least_supported_not_supported_and_partly(con):
    assert_share(card(con, "g001-python-essential"), 70, N, "supported")
    assert_share(card(con, "g001-java-essential"), 30, N, "not supported")  # stale t.1 java mentions ignored
    assert_share(card(con, "g001-rust-essential"), 50, N, "partly supported")
    assert_share(card(con, "g001-cobol-essential"), 2, N, "not supported")
    assert wilson(70, N)[0] > 0.5 > wilson(30, N)[1] and wilson(50, N)[0] < 0.5 < wilson(50, N)[1]


def test_share_at_most_for_not_needed(con):
    row = card(con, "g002-cobol-not-needed")
    assert_share(row, 2, N, "supported")
    assert row["expected"] == "share <= 0.10"
    assert row["explanation"] == "cobol 2.0% of 100 jobs"
    assert_share(card(con, "g002-java-not-needed"), 30, N, "not supported")


def test_each_share_one_fails_is_partly_supported(con):
    row = card(con, "g001-python-java-each")
    assert_share(row, 30, N, "partly supported")  # the decisive subject is the smallest share: java
    assert row["expected"] == "each share >= 0.50"
    assert row["explanation"] == "python 70.0%, java 30.0% of 100 jobs"


def test_each_share_all_pass_is_supported(con):
    row = card(con, "g001-python-spark-each")
    assert_share(row, 65, N, "supported")
    assert row["explanation"] == "python 70.0%, spark 65.0% of 100 jobs"


def test_subject_shares_per_subject(con):
    rows = con.execute("SELECT subject, n, k, share FROM claim_subject_shares WHERE claim_id = 'g001-python-java-each'"
                       " AND week = ? ORDER BY subject", [W2]).fetchall()
    assert rows == [("java", 100, 30, 0.3), ("python", 100, 70, 0.7)]


def test_facet_subject(con):
    row = card(con, "g002-degree-master")
    assert_share(row, 60, N, "supported")
    assert row["explanation"] == "degree:master+ 60.0% of 100 jobs"


def test_parent_rollup_counts_child_skill_once(con):
    # pyspark in jobs 0..39, spark in 30..64: 65 jobs have spark, those with both once.
    row = card(con, "g002-spark-essential")
    assert_share(row, 65, N, "supported")
    assert con.execute("SELECT count(*) FROM stg_claim_job_subjects WHERE week = ? AND subject = 'spark'", [W2]).fetchall() == [(65,)]


def test_canonical_job_sighted_twice_counts_once(con):
    # lever:acme:dup is a second sighting of job 000 (python, US): n stays 100, python 70, US 25.
    assert con.execute("SELECT count(*), count(DISTINCT canonical_id) FROM stg_claim_jobs WHERE week = ?", [W2]).fetchall() == [(100, 100)]
    [(posting, seniority)] = con.execute("SELECT posting_id, seniority FROM stg_claim_jobs WHERE canonical_id = ?", [pid(0)]).fetchall()
    assert (posting, seniority) == (pid(0), "junior")  # facets from the job's first posting
    assert card(con, "g001-python-essential")["n"] == 100
    assert card(con, "g001-python-us")["n"] == 25


# --- segments and testability -------------------------------------------------------------------------


def test_segment_seniority_restricts_n(con):
    row = card(con, "g001-python-junior")  # the 50 even-numbered jobs; python in 35 of them
    assert_share(row, 35, 50, "supported")
    assert row["segment"] == "seniority=junior"
    assert row["explanation"] == "python 70.0% of 50 jobs"


def test_fewer_than_30_jobs_is_not_testable_yet(con):
    row = card(con, "g001-python-us")
    assert (row["verdict"], row["n"], row["observed"]) == ("not testable yet", 25, 1.0)
    assert row["segment"] == "country=US"


def test_segment_without_jobs_gets_a_row(con):
    row = card(con, "g001-python-fr")
    assert (row["verdict"], row["n"], row["observed"], row["ci_low"], row["ci_high"]) == ("not testable yet", 0, None, None, None)
    assert row["explanation"] == "no ML-role jobs in the segment this week"
    assert row["segment"] == "country=FR"


def test_untestable_claim(con):
    row = card(con, "g002-interviews")
    assert (row["verdict"], row["n"], row["observed"], row["expected"]) == ("untestable", 0, None, None)
    assert row["explanation"] == "Postings do not describe the interviews."
    assert con.execute("SELECT count(*) FROM stg_claim_segment_jobs WHERE claim_id = 'g002-interviews'").fetchall() == [(0,)]


# --- comparisons --------------------------------------------------------------------------------------


def test_compare_supported_on_jobs_naming_exactly_one(con):
    # python 0..69, java 60..89: 60 python only, 20 java only, 10 both (ignored), 10 neither.
    row = card(con, "g001-python-over-java")
    assert_share(row, 60, 80, "supported")
    assert row["expected"] == "more jobs name python than java (> 0.5 of those naming one)"
    assert row["explanation"] == "python 70.0% vs java 30.0% of 100 jobs; of the 80 naming only one, 60 name python"


def test_compare_not_supported(con):
    assert_share(card(con, "g002-java-over-python"), 20, 80, "not supported")


def test_compare_fewer_than_10_discordant_is_not_testable_yet(con):
    row = card(con, "g002-tensorflow-over-keras")  # tensorflow 0..19, keras 0..14: 5 name only one
    assert (row["verdict"], row["n"], row["observed"]) == ("not testable yet", 5, 1.0)


# --- medians ------------------------------------------------------------------------------------------


def test_median_salary_range(con):
    median, low, high = median_interval(SALARIES)
    assert (median, low, high, len(SALARIES)) == (149500.0, 142000.0, 157000.0, 40)
    row = card(con, "g001-salary-150k")
    assert (row["verdict"], row["n"], row["observed"], row["ci_low"], row["ci_high"]) == ("supported", 40, median, low, high)
    assert row["expected"] == "median 135,000 to 165,000"
    assert row["explanation"] == "median salary $149,500 of 40 jobs stating it (100 in the segment)"


def test_median_bounds(con):
    row = card(con, "g002-salary-200k")
    assert (row["verdict"], row["expected"]) == ("not supported", "median >= 200,000")
    row = card(con, "g002-salary-150k-min")  # 142,000 .. 157,000 straddles 150,000
    assert (row["verdict"], row["expected"]) == ("partly supported", "median >= 150,000")
    row = card(con, "g001-salary-under-100k")
    assert (row["verdict"], row["expected"]) == ("not supported", "median <= 100,000")


def test_median_years(con):
    median, low, high = median_interval(YEARS)
    assert (median, low, high) == (4.0, 3, 5)
    row = card(con, "g001-years-at-most-2")
    assert (row["verdict"], row["n"], row["observed"], row["ci_low"], row["ci_high"]) == ("not supported", 30, 4.0, 3, 5)
    assert row["explanation"] == "median years 4.0 of 30 jobs stating it (100 in the segment)"


def test_median_without_values_is_not_testable_yet(con):
    row = card(con, "g002-salary-us")  # no US job states a salary
    assert (row["verdict"], row["n"], row["observed"]) == ("not testable yet", 0, None)
    assert row["explanation"] == "no job in the segment states its salary (25 jobs in the segment)"


# --- weeks --------------------------------------------------------------------------------------------


def test_scorecard_shows_the_latest_week_and_weekly_has_every_week(con):
    n_claims = len(main_claims())
    assert con.execute("SELECT week, count(*), count(DISTINCT claim_id) FROM claim_scorecard GROUP BY week").fetchall() == [(W2, n_claims, n_claims)]
    assert con.execute("SELECT week, count(*), count(DISTINCT claim_id) FROM claim_scorecard_weekly GROUP BY week ORDER BY week").fetchall() == [
        (W1, n_claims, n_claims), (W2, n_claims, n_claims)]
    [(verdict, n, observed)] = con.execute("SELECT verdict, n, observed FROM claim_scorecard_weekly WHERE week = ? AND claim_id = 'g001-python-essential'", [W1]).fetchall()
    assert (verdict, n, observed) == ("not testable yet", 10, 1.0)


def test_quotes_with_quote_characters_round_trip(con):
    row = card(con, "g002-cobol-not-needed")
    assert row["quote"] == QUOTE_WITH_QUOTES
    assert con.execute("SELECT evidence FROM stg_current_mentions WHERE skill = 'cobol' AND content_hash = ?",
                       [f"h:{pid(98)}:{W2}"]).fetchall() == [(EVIDENCE_WITH_QUOTES,)]


# --- contradictions -----------------------------------------------------------------------------------


def test_contradictions_between_share_and_compare_claims(con):
    rows = con.execute("SELECT subjects, kind, claim_a, claim_b, verdict_a, verdict_b, postings_support, n"
                       " FROM claim_contradictions WHERE NOT list_contains(subjects, 'salary')").fetchall()
    assert rows == [
        (["cobol"], "contradiction", "g001-cobol-essential", "g002-cobol-not-needed", "not supported", "supported", "g002-cobol-not-needed", 100),
        (["java"], "contradiction", "g001-java-essential", "g002-java-not-needed", "not supported", "not supported", "neither", 100),
        (["java", "python"], "contradiction", "g001-python-over-java", "g002-java-over-python", "supported", "not supported", "g001-python-over-java", 80),
    ]


def test_contradictions_between_median_bounds(con):
    rows = con.execute("SELECT kind, claim_a, claim_b, postings_support FROM claim_contradictions"
                       " WHERE list_contains(subjects, 'salary') ORDER BY claim_a, claim_b").fetchall()
    assert rows == [
        ("strength", "g001-salary-150k", "g002-salary-150k-min", "g001-salary-150k"),
        ("contradiction", "g001-salary-150k", "g002-salary-200k", "g001-salary-150k"),
        ("contradiction", "g001-salary-under-100k", "g002-salary-150k-min", "unclear"),
        ("contradiction", "g001-salary-under-100k", "g002-salary-200k", "neither"),
    ]


# --- guides: alignment, blind spots, overstated claims --------------------------------------------------

A1, A2 = "001_aligned.md", "002_reversed.md"
ALIGN_JOBS = {"python": range(0, 90), "sql": range(0, 70), "docker": range(0, 50), "spark": range(0, 30),
              "r": range(98, 100), "fortran": range(97, 98)}
ALIGN_SHARES = {skill: len(jobs) / 100 for skill, jobs in ALIGN_JOBS.items()}  # .9 .7 .5 .3 .02 .01
ALIGN_MENTIONS = {A1: {"python": 8, "sql": 6, "docker": 4, "spark": 2, "r": 1},
                  A2: {"sql": 1, "docker": 2, "spark": 4, "r": 8}}  # A2 never names python


@pytest.fixture(scope="module")
def guides_con():
    connection = duckdb.connect()
    jobs = [job(f"greenhouse:guide:{i:03d}", skills=tuple(s for s, inside in ALIGN_JOBS.items() if i in inside))
            for i in range(100)]
    build_warehouse(
        connection,
        skills=[(s, s.title(), "language", None) for s in ALIGN_SHARES],
        guides=[(A1, "Aligned guide", "a.example"), (A2, "Reversed guide", "b.example")],
        claims=[
            claim("g001-python-essential", A1, ["python"], "essential"),
            claim("g001-sql-essential", A1, ["sql"], "essential"),
            claim("g001-r-not-needed", A1, ["r"], "not-needed"),
            claim("g002-sql-important", A2, ["sql"], "important"),
            claim("g002-r-essential", A2, ["r"], "essential", quote="R is a must, it's \"the\" language."),
        ],
        jobs=jobs,
        guide_mentions=[(doc, s, m) for doc, counts in ALIGN_MENTIONS.items() for s, m in counts.items()],
    )
    yield connection
    connection.close()


def expected_emphasis() -> dict[str, dict[str, float]]:
    stances = {A1: {"python": 4, "sql": 4, "r": 0}, A2: {"sql": 3, "r": 4}}
    return {doc: {s: (stances[doc].get(s, 1) + math.log(1 + ALIGN_MENTIONS[doc].get(s, 0))
                      if s in stances[doc] or s in ALIGN_MENTIONS[doc] else 0.0) for s in ALIGN_SHARES}
            for doc in (A1, A2)}


def test_guide_skill_emphasis(guides_con):
    rows = guides_con.execute("SELECT doc, skill, emphasis FROM guide_skill_emphasis").fetchall()
    got = {(d, s): e for d, s, e in rows}
    want = {(d, s): e for d, skills in expected_emphasis().items() for s, e in skills.items() if e}
    assert got.keys() == want.keys()
    assert all(got[key] == pytest.approx(want[key], abs=1e-12) for key in want)


def test_guide_alignment_ranks_the_aligned_guide_first(guides_con):
    emphasis = expected_emphasis()
    shares = list(ALIGN_SHARES.values())
    rho = {doc: spearman([emphasis[doc][s] for s in ALIGN_SHARES], shares) for doc in (A1, A2)}
    assert rho[A1] == pytest.approx(1.0) and rho[A2] < 0
    rows = guides_con.execute("SELECT week, doc, title, n_skills, spearman_rho, alignment_rank, n_claims, n_supported,"
                              " n_not_supported, supported_share FROM guide_alignment").fetchall()
    assert [r[:4] + r[5:] for r in rows] == [
        (W2, A1, "Aligned guide", 6, 1, 3, 3, 0, 1.0),
        (W2, A2, "Reversed guide", 6, 2, 2, 1, 1, 0.5),
    ]
    assert rows[0][4] == pytest.approx(rho[A1], abs=1e-9)
    assert rows[1][4] == pytest.approx(rho[A2], abs=1e-9)


def test_guide_blind_spots(guides_con):
    rows = guides_con.execute("SELECT doc, skill, demand_rank, share, n_with_skill FROM guide_blind_spots").fetchall()
    assert rows == [(A1, "fortran", 6, 0.01, 1), (A2, "python", 1, 0.9, 90), (A2, "fortran", 6, 0.01, 1)]


def test_guide_overstated(guides_con):
    low, high = wilson(2, 100)
    rows = guides_con.execute("SELECT doc, claim_id, stance, subjects, expected, observed, ci_low, ci_high, n, quote"
                              " FROM guide_overstated").fetchall()
    assert rows == [(A2, "g002-r-essential", "essential", ["r"], "share >= 0.50", 0.02,
                     pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12), 100, "R is a must, it's \"the\" language.")]


def test_guide_contradiction_names_the_supported_side(guides_con):
    rows = guides_con.execute("SELECT subjects, kind, claim_a, doc_a, expected_a, verdict_a, claim_b, doc_b, expected_b,"
                              " verdict_b, postings_support FROM claim_contradictions").fetchall()
    assert rows == [
        (["r"], "contradiction", "g001-r-not-needed", A1, "share <= 0.10", "supported",
         "g002-r-essential", A2, "share >= 0.50", "not supported", "g001-r-not-needed"),
        (["sql"], "strength", "g001-sql-essential", A1, "share >= 0.50", "supported",
         "g002-sql-important", A2, "share >= 0.25", "supported", "g001-sql-essential"),
    ]
