"""Text facets (degree, years, text salary) in the warehouse, and skill roll-up to parents.

Every posting here is written for these tests (fictional companies, short made-up texts).
"""

from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.land import CRAWL_FIELDS, QUARANTINE_FIELDS
from flows.normalize import normalize_postings
from flows.normalize.salary import annual_usd
from flows.skills import SKILL_SCHEMA, SkillExtractor, load_taxonomy
from warehouse import db
from warehouse.load import (
    RunInfo, extract_missing, extracted_hashes, fill_states, load_mentions, load_reference, load_week,
)

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "skills_small.toml"
WEEK = date(2026, 11, 16)
CRAWL_SCHEMA = {"source": pl.String, "board": pl.String, "started_at": pl.Datetime(time_zone="UTC"),
                "finished_at": pl.Datetime(time_zone="UTC"), "status": pl.String, "n_items": pl.Int64, "error": pl.String}
FACETS = {
    "content_hash": pl.String, "degree_min": pl.String, "degree_or_equivalent": pl.Boolean, "years_min": pl.Int32,
    "salary_min": pl.Float64, "salary_max": pl.Float64, "salary_currency": pl.String, "salary_period": pl.String,
    "degree_fields": pl.List(pl.String),
}

# A posting that states a degree, years and a salary in its text.
STATED = (
    "<p>Tidewell Labs builds forecasting tools.</p>"
    "<h3>Requirements</h3><ul>"
    "<li>Bachelor's degree in Computer Science or equivalent practical experience</li>"
    "<li>3+ years of experience building models in Python</li></ul>"
    "<h3>Compensation</h3><p>Salary: $150,000 - $180,000 per year</p>"
)


def record(source_id, title="Machine Learning Engineer", html=STATED, **fields):
    """A posting record as a parser gives it; its reference number makes each text (and hash) its own."""
    return {"source": "greenhouse", "board": "tidewell", "source_id": str(source_id), "title": title,
            "description_html": f"{html}<p>Ref. TW-{source_id}</p>", **fields}


def frames(records):
    postings = normalize_postings(records)
    crawl = pl.DataFrame([{"source": "greenhouse", "board": "tidewell", "started_at": None, "finished_at": None,
                           "status": "ok", "n_items": len(records), "error": None}], schema=CRAWL_SCHEMA).select(CRAWL_FIELDS)
    return postings, crawl, pl.DataFrame(schema={k: pl.String for k in QUARANTINE_FIELDS})


def load_extracted(home, records, taxonomy=None, day=WEEK, run_id="r1"):
    """One week's load as the weekly flow does it: skills and facets from the extractor."""
    taxonomy = taxonomy or load_taxonomy(SMALL)
    postings, crawl, quarantine = frames(records)
    mentions, facets = SkillExtractor(taxonomy).extract_all(postings)
    with db.write_window(home) as con:
        load_reference(con, taxonomy)
        load_week(con, RunInfo(run_id, day, day, "replay", "test", datetime.now(timezone.utc), "/tmp/raw"), postings, crawl, quarantine)
        load_mentions(con, taxonomy.version, mentions, facets=facets)
    return postings


def load_given(home, records, facets=None, mentions=None, taxonomy=None):
    """One week's load with hand-written facets (source_id -> facet values) and mentions
    (source_id -> [(skill, level)]), so the views are tested apart from the extractor."""
    taxonomy = taxonomy or load_taxonomy(SMALL)
    postings, crawl, quarantine = frames(records)
    hash_of = dict(zip(postings["source_id"].to_list(), postings["content_hash"].to_list()))
    facet_rows = [{"degree_min": "unspecified", "degree_or_equivalent": False, "years_min": None, "salary_min": None,
                   "salary_max": None, "salary_currency": None, "salary_period": None, "degree_fields": [],
                   **(facets or {}).get(sid, {}),
                   "content_hash": h} for sid, h in hash_of.items()]
    mention_rows = [{"content_hash": hash_of[sid], "skill": skill, "level": level, "evidence": f"uses {skill}"}
                    for sid, skills in (mentions or {}).items() for skill, level in skills]
    with db.write_window(home) as con:
        load_reference(con, taxonomy)
        load_week(con, RunInfo("r1", WEEK, WEEK, "replay", "test", datetime.now(timezone.utc), "/tmp/raw"), postings, crawl, quarantine)
        load_mentions(con, taxonomy.version, pl.DataFrame(mention_rows, schema=SKILL_SCHEMA),
                      facets=pl.DataFrame(facet_rows, schema=FACETS))
    return hash_of


def q(home, sql, params=None):
    with db.connect_read(home) as con:
        return con.execute(sql, params or []).fetchall()


def posting(home, source_id, columns):
    [row] = q(home, f"select {columns} from postings where source_id = ?", [str(source_id)])
    return row


def test_facets_are_stored_and_shown_in_postings(tmp_path):
    postings = load_extracted(tmp_path, [record(1)])
    [stored] = q(tmp_path, "select content_hash, taxonomy_version, degree_min, degree_or_equivalent, years_min,"
                           " salary_min, salary_max, salary_currency, salary_period, salary_min_usd, salary_max_usd from posting_facets")
    assert stored == (postings["content_hash"][0], "test.1", "bachelor", True, 3, 150000.0, 180000.0, "USD", "year", 150000.0, 180000.0)
    assert posting(tmp_path, 1, "degree_min, degree_or_equivalent, years_min, salary_source") == ("bachelor", True, 3, "text")


def test_skill_mentions_store_the_years_stated_for_each_skill(tmp_path):
    load_extracted(tmp_path, [record(1, html=STATED.replace("</ul>", "<li>Experience with Kubernetes</li></ul>", 1))])
    stored = dict(q(tmp_path, "select skill, years from skill_mentions"))
    assert stored["python"] == 3 and stored["kubernetes"] is None
    # ...and the public view users query shows them.
    shown = dict(q(tmp_path, "select skill, years from posting_skills"))
    assert shown["python"] == 3 and shown["kubernetes"] is None


def test_text_salary_is_used_when_there_is_no_structured_salary(tmp_path):
    load_given(tmp_path, [record(1), record(2)], facets={
        "1": {"salary_min": 4000.0, "salary_max": 5000.0, "salary_currency": "EUR", "salary_period": "month"},
    })
    row = posting(tmp_path, 1, "salary_source, salary_min, salary_max, salary_currency, salary_period, salary_min_usd, salary_max_usd")
    assert row == ("text", 4000.0, 5000.0, "EUR", "month", annual_usd(4000.0, "EUR", "month"), annual_usd(5000.0, "EUR", "month"))
    assert row[5] > 4000 * 12  # annualised, in US dollars
    # Neither structured nor text: no salary, and no source.
    assert posting(tmp_path, 2, "salary_source, salary_min, salary_max_usd") == (None, None, None)


def test_structured_salary_wins_over_text_salary(tmp_path):
    structured = {"salary_min": 200000.0, "salary_max": 240000.0, "salary_currency": "USD", "salary_period": "year"}
    text = {"salary_min": 50000.0, "salary_max": 60000.0, "salary_currency": "GBP", "salary_period": "year"}
    load_given(tmp_path, [
        record(1, **structured),
        # Only a structured minimum: the whole salary still comes from the structured fields (no max
        # borrowed from the text).
        record(2, salary_min=90000.0, salary_currency="USD", salary_period="year"),
    ], facets={"1": text, "2": text})
    columns = "salary_source, salary_min, salary_max, salary_currency, salary_period, salary_min_usd, salary_max_usd"
    assert posting(tmp_path, 1, columns) == ("structured", 200000.0, 240000.0, "USD", "year", 200000.0, 240000.0)
    assert posting(tmp_path, 2, columns) == ("structured", 90000.0, None, "USD", "year", 90000.0, None)


def test_extracted_text_salary_loses_to_the_structured_one(tmp_path):
    load_extracted(tmp_path, [record(1, salary_min=120000.0, salary_max=130000.0, salary_currency="CAD", salary_period="year")])
    assert posting(tmp_path, 1, "salary_source, salary_min, salary_currency") == ("structured", 120000.0, "CAD")
    assert q(tmp_path, "select salary_min, salary_currency from posting_facets") == [(150000.0, "USD")]  # kept, not shown


def test_rerunning_a_week_does_not_duplicate_facets(tmp_path):
    records = [record(1), record(2, title="Data Scientist", html="<p>Python and SQL.</p>")]
    load_extracted(tmp_path, records, run_id="r1")
    first = q(tmp_path, "select * from posting_facets order by content_hash")
    load_extracted(tmp_path, records, run_id="r2")
    assert q(tmp_path, "select * from posting_facets order by content_hash") == first
    assert len(first) == 2
    assert q(tmp_path, "select count(*), count(distinct posting_id) from postings") == [(2, 2)]


def test_taxonomy_version_change_reextracts_facets(tmp_path):
    small = load_taxonomy(SMALL)
    load_extracted(tmp_path, [record(1), record(2, title="Data Scientist", html="<p>Python and SQL.</p>")], taxonomy=small)
    changed = small.__class__(version="test.2", skills=small.skills)
    with db.write_window(tmp_path) as con:
        load_reference(con, changed)
        assert extracted_hashes(con, "test.2") == set()
        assert extract_missing(con, SkillExtractor(changed)) == 2
        assert extract_missing(con, SkillExtractor(changed)) == 0
    assert dict(q(tmp_path, "select taxonomy_version, count(*) from posting_facets group by 1")) == {"test.1": 2, "test.2": 2}
    assert q(tmp_path, "select count(*) from stg_current_facets") == [(2,)]
    assert posting(tmp_path, 1, "degree_min, years_min, salary_source") == ("bachelor", 3, "text")


def test_versions_extracted_before_facets_existed_are_read_again(tmp_path):
    # Skills stored without facets (as a warehouse built before posting_facets holds them): the
    # version does not count as extracted, so the next load's extract_missing reads it again.
    small = load_taxonomy(SMALL)
    postings, crawl, quarantine = frames([record(1)])
    with db.write_window(tmp_path) as con:
        load_reference(con, small)
        load_week(con, RunInfo("r1", WEEK, WEEK, "replay", "test", datetime.now(timezone.utc), "/tmp/raw"), postings, crawl, quarantine)
        load_mentions(con, small.version, SkillExtractor(small).extract(postings), postings["content_hash"].to_list())
        assert extracted_hashes(con, small.version) == set()
        assert extract_missing(con, SkillExtractor(small)) == 1
        assert extracted_hashes(con, small.version) == set(postings["content_hash"].to_list())
    assert q(tmp_path, "select count(*) from posting_facets") == [(1,)]
    assert q(tmp_path, "select count(*) from skill_mentions") == q(tmp_path, "select count(*) from posting_skills")


def test_facets_stored_without_degree_fields_are_read_again(tmp_path):
    # Rows stored before migration 0007 hold NULL degree_fields: the version does not count as extracted,
    # so the next load's extract_missing reads it again (same taxonomy version, no bump needed).
    small = load_taxonomy(SMALL)
    postings = load_extracted(tmp_path, [record(1), record(2, html="<p>Python and SQL.</p>")])
    with db.write_window(tmp_path) as con:
        assert extracted_hashes(con, small.version) == set(postings["content_hash"].to_list())
        con.execute("UPDATE posting_facets SET degree_fields = NULL")
        assert extracted_hashes(con, small.version) == set()
        assert extract_missing(con, SkillExtractor(small)) == 2
        assert extract_missing(con, SkillExtractor(small)) == 0
    assert q(tmp_path, "select count(*), count(degree_fields) from posting_facets") == [(2, 2)]
    assert sorted(q(tmp_path, "select source_id, degree_fields from postings")) == [("1", ["cs", "quantitative"]), ("2", [])]


def test_a_warehouse_without_degree_fields_counts_nothing_as_extracted(tmp_path):
    # The weekly flow asks the published warehouse what was extracted before its load migrates it.
    load_extracted(tmp_path, [record(1)])
    with duckdb.connect(str(db.warehouse_path(tmp_path))) as con:  # made as old as before migration 0007
        assert extracted_hashes(con, "test.1") != set()
        con.execute("ALTER TABLE posting_facets DROP COLUMN degree_fields")
        assert extracted_hashes(con, "test.1") == set()


def test_jobs_weekly_exposes_state_and_degree_fields(tmp_path):
    fields_html = ("<h3>Requirements</h3><ul><li>BS/MS in Computer Science, Statistics or a related quantitative field</li>"
                   "<li>Strong background in physics</li></ul>")
    load_extracted(tmp_path, [
        record(1, html=fields_html, location_raw="San Francisco, CA | New York, NY"),
        record(2, html="<p>No degree needed. Python and SQL.</p>", location_raw="Remote - US"),
        record(3, html=STATED, location_raw="Austin, Texas"),
        record(4, html=STATED, location_raw="Portland, ME"),
        record(5, html=STATED, location_raw="London, UK"),
    ])
    rows = {sid: (state, fields) for sid, state, fields in q(
        tmp_path, "select posting_id.split(':')[3], state, degree_fields from jobs_weekly")}
    assert rows == {
        "1": ("CA", ["cs", "statistics", "quantitative"]),  # physics without a degree is no degree field
        "2": (None, []),                                   # a US posting naming no state; no degree field
        "3": ("TX", ["cs", "quantitative"]),
        "4": ("ME", ["cs", "quantitative"]),
        "5": (None, ["cs", "quantitative"]),               # not in the US: no state
    }
    assert q(tmp_path, "select state, count(*) from jobs_weekly where country = 'US' group by 1 order by 1") == [
        ("CA", 1), ("ME", 1), ("TX", 1), (None, 1)]
    # postings shows the same, and keeps the raw twin.
    assert posting(tmp_path, 1, "location_raw, country, state, degree_fields") == (
        "San Francisco, CA | New York, NY", "US", "CA", ["cs", "statistics", "quantitative"])
    # Both are the last columns of each view (the public surface is append-only).
    for view in ("postings", "jobs_weekly"):
        assert q(tmp_path, f"select column_name from (describe {view})")[-2:] == [("state",), ("degree_fields",)]


def test_fill_states_gives_older_sightings_their_state(tmp_path):
    # Sightings stored before the state column hold NULL: the next load reads their location again.
    load_extracted(tmp_path, [record(1, location_raw="Austin, TX"), record(2, location_raw="Remote - US"),
                              record(3, location_raw="Berlin, Germany")])
    with db.write_window(tmp_path) as con:
        con.execute("UPDATE sightings SET state = NULL")
        assert fill_states(con) == 1
        assert fill_states(con) == 0
    assert sorted(q(tmp_path, "select source_id, country, state from postings")) == [
        ("1", "US", "TX"), ("2", "US", None), ("3", "DE", None)]


def test_seniority_falls_back_to_years_when_the_title_says_nothing(tmp_path):
    load_given(tmp_path, [
        record(1), record(2), record(3), record(4), record(5), record(6),
        record(7, title="Senior Machine Learning Engineer"),
    ], facets={"1": {"years_min": 1}, "2": {"years_min": 2}, "3": {"years_min": 4}, "4": {"years_min": 5},
               "5": {}, "6": {"years_min": 0}, "7": {"years_min": 1}})
    rows = dict((sid, (s, src)) for sid, s, src in q(tmp_path, "select source_id, seniority, seniority_source from postings"))
    assert rows == {
        "1": ("junior", "years"), "2": ("mid", "years"), "3": ("mid", "years"), "4": ("senior", "years"),
        "5": ("unspecified", None), "6": ("junior", "years"),
        "7": ("senior", "title"),  # the title wins over the years
    }
    # jobs read their seniority from postings.
    assert q(tmp_path, "select count(*) from jobs where seniority = 'mid'") == [(2,)]


def test_skill_demand_rolls_pyspark_up_to_spark_once(tmp_path):
    taxonomy = load_taxonomy()  # the real taxonomy: pyspark's parent is spark
    skills = taxonomy.by_id()
    assert skills["pyspark"].parent == "spark" and skills["spark"].parent is None
    load_given(tmp_path, [record(i) for i in range(1, 5)], taxonomy=taxonomy, mentions={
        "1": [("pyspark", "required")],                          # PySpark only
        "2": [("pyspark", "preferred"), ("spark", "preferred")],  # both: spark once
        "3": [("spark", "preferred"), ("python", "required")],
        "4": [("python", "required")],
    })
    demand = {skill: (n, n_req, total, share) for skill, n, n_req, total, share in q(
        tmp_path, "select skill, n_with_skill, n_required, n_postings, share from skill_demand_weekly"
                  " where skill in ('spark', 'pyspark', 'python')")}
    assert demand["spark"] == (3, 1, 4, 0.75)    # jobs 1, 2, 3; required only through job 1's PySpark
    assert demand["pyspark"] == (2, 1, 4, 0.5)   # a parent does not count for its children
    assert demand["python"] == (2, 2, 4, 0.5)
    # posting_skills stays as extracted: job 1 names PySpark only.
    assert q(tmp_path, "select skill from posting_skills where posting_id = 'greenhouse:tidewell:1'") == [("pyspark",)]


def test_skill_ancestors_follow_parents_through_every_level(tmp_path):
    with db.write_window(tmp_path) as con:
        for skill, parent in (("vcs", None), ("git", "vcs"), ("github", "git"), ("python", None)):
            con.execute("INSERT INTO ref_skills (skill, name, category, aliases, parent, taxonomy_version)"
                        " VALUES (?, ?, 'practice', [], ?, 't.1')", [skill, skill, parent])
        pairs = set(con.execute("select skill, ancestor from stg_skill_ancestors").fetchall())
    assert pairs == {("vcs", "vcs"), ("git", "git"), ("git", "vcs"), ("github", "github"), ("github", "git"),
                     ("github", "vcs"), ("python", "python")}


@pytest.mark.parametrize("view", ["postings", "skill_demand_weekly", "posting_skills", "jobs"])
def test_views_read_an_empty_warehouse(tmp_path, view):
    with db.write_window(tmp_path):
        pass
    assert q(tmp_path, f"select count(*) from {view}") == [(0,)]
