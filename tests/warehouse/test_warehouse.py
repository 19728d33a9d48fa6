"""The warehouse's write path: migrations, idempotent week loads, crash consistency, concurrent reads."""

from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import polars as pl
import pytest

from crawlers.parsers import parser_for
from flows.land import CRAWL_FIELDS, QUARANTINE_FIELDS
from flows.normalize import normalize_postings
from flows.skills import SkillExtractor, load_taxonomy
from warehouse import db
from warehouse.load import RunInfo, extract_missing, load_mentions, load_reference, load_week, reference_skills

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "skills_small.toml"
CRAWL_SCHEMA = {"source": pl.String, "board": pl.String, "started_at": pl.Datetime(time_zone="UTC"),
                "finished_at": pl.Datetime(time_zone="UTC"), "status": pl.String, "n_items": pl.Int64, "error": pl.String}


def week_frames(fixture_text, drop_designer=False):
    records = parser_for("greenhouse")(fixture_text("api/greenhouse_acme.json"), "acme").records
    records += parser_for("ashby")(fixture_text("api/ashby_nimbus.json"), "nimbus").records
    if drop_designer:
        records = [r for r in records if r["title"] != "Product Designer"]
    postings = normalize_postings(records)
    crawl = pl.DataFrame([
        {"source": "greenhouse", "board": "acme", "started_at": None, "finished_at": None, "status": "ok", "n_items": 2, "error": None},
        {"source": "lever", "board": "gone", "started_at": None, "finished_at": None, "status": "failed", "n_items": 0, "error": "HTTP 404"},
    ], schema=CRAWL_SCHEMA).select(CRAWL_FIELDS)
    quarantine = pl.DataFrame([{"source": "greenhouse", "board": "acme", "url": None, "reason": "missing title", "record": "{}"}],
                              schema={k: pl.String for k in QUARANTINE_FIELDS})
    return postings, crawl, quarantine


def load(home, fixture_text, day, run_id, **kwargs):
    taxonomy = load_taxonomy(SMALL)
    extractor = SkillExtractor(taxonomy)
    postings, crawl, quarantine = week_frames(fixture_text, **kwargs)
    run = RunInfo(run_id, day, day, "replay", "test", datetime.now(timezone.utc), "/tmp/raw")
    with db.write_window(home) as con:
        load_reference(con, taxonomy)
        load_week(con, run, postings, crawl, quarantine)
        mentions, facets = extractor.extract_all(postings)
        load_mentions(con, taxonomy.version, mentions, facets=facets)


def counts(home):
    with db.connect_read(home) as con:
        return {
            "postings": db.scalar(con, "select count(*) from postings"),
            "sightings": db.scalar(con, "select count(*) from sightings"),
            "skills": db.scalar(con, "select count(*) from posting_skills"),
            "demand": db.scalar(con, "select sum(n_with_skill) from skill_demand_weekly"),
            "quarantine": db.scalar(con, "select count(*) from quarantine"),
            "facets": db.scalar(con, "select count(*) from posting_facets"),
        }


def test_migrations_apply_once(tmp_path):
    with db.write_window(tmp_path):
        pass
    with db.write_window(tmp_path) as con:
        assert db.migrate(con) == []
        assert db.scalar(con, "select count(*) from schema_migrations") == len(list(db.MIGRATIONS_DIR.glob("*.sql")))


def test_same_week_twice_gives_same_counts(tmp_path, fixture_text):
    load(tmp_path, fixture_text, date(2026, 11, 16), "r1")
    first = counts(tmp_path)
    load(tmp_path, fixture_text, date(2026, 11, 16), "r2")
    assert counts(tmp_path) == first
    assert first["postings"] == 4 and first["quarantine"] == 1 and first["facets"] == 4
    with db.connect_read(tmp_path) as con:
        assert db.scalar(con, "select count(*) from crawl_runs") == 4  # runs are a log: both kept
        assert con.sql("select * from check_duplicate_postings").fetchall() == []


def test_weeks_accumulate_first_and_last_seen(tmp_path, fixture_text):
    load(tmp_path, fixture_text, date(2026, 11, 9), "r1")
    load(tmp_path, fixture_text, date(2026, 11, 16), "r2", drop_designer=True)
    with db.connect_read(tmp_path) as con:
        rows = dict(con.sql("select title, last_seen from postings").fetchall())
        weeks = con.sql("select week, n_postings from skill_demand_weekly group by all order by 1").fetchall()
        demand = db.scalar(con, "select share from skill_demand_weekly where skill = 'python' and week = '2026-11-16'")
    assert rows["Product Designer"] == date(2026, 11, 9)
    assert rows["Senior Machine Learning Engineer, Ranking"] == date(2026, 11, 16)
    assert weeks == [(date(2026, 11, 9), 2), (date(2026, 11, 16), 2)]  # ML roles only
    assert demand == pytest.approx(0.5)


def test_crash_mid_load_leaves_warehouse_unchanged(tmp_path, fixture_text):
    load(tmp_path, fixture_text, date(2026, 11, 9), "r1")
    before = counts(tmp_path)
    with pytest.raises(RuntimeError, match="boom"):
        with db.write_window(tmp_path) as con:
            con.execute("DELETE FROM sightings")
            raise RuntimeError("boom")
    assert counts(tmp_path) == before
    assert not list(tmp_path.glob(".warehouse.duckdb.next*"))


def test_readers_work_while_a_load_is_open(tmp_path, fixture_text):
    load(tmp_path, fixture_text, date(2026, 11, 9), "r1")
    with db.write_window(tmp_path) as con:
        con.execute("DELETE FROM sightings")
        # Another connection (as another process would) still opens and reads the published file.
        reader = duckdb.connect(str(db.warehouse_path(tmp_path)), read_only=True)
        assert db.scalar(reader, "select count(*) from postings") == 4
        reader.close()


def test_taxonomy_change_reextracts_history(tmp_path, fixture_text):
    load(tmp_path, fixture_text, date(2026, 11, 9), "r1")
    changed = load_taxonomy(SMALL).__class__(version="test.2", skills=load_taxonomy(SMALL).skills)
    with db.write_window(tmp_path) as con:
        load_reference(con, changed)
        assert extract_missing(con, SkillExtractor(changed)) == 4
        assert extract_missing(con, SkillExtractor(changed)) == 0
    assert counts(tmp_path)["skills"] > 0
    with db.connect_read(tmp_path) as con:
        by_version = dict(con.sql("select taxonomy_version, count(*) from posting_facets group by 1").fetchall())
        assert by_version == {"test.1": 4, "test.2": 4}
        assert db.scalar(con, "select count(*) from stg_current_facets") == 4


def test_reference_skills_carry_their_flags():
    """ref_skills (as migrated) takes each skill's tacit and defines_population flags from skills.toml."""
    taxonomy = load_taxonomy()
    con = duckdb.connect()
    db.migrate(con)
    con.register("incoming", reference_skills(taxonomy))
    con.execute("INSERT INTO ref_skills BY NAME SELECT * FROM incoming")
    rows = {skill: (tacit, population) for skill, tacit, population in
            con.execute("select skill, tacit, defines_population from ref_skills").fetchall()}
    con.close()
    assert rows == {s.id: (s.tacit, s.defines_population) for s in taxonomy.skills}
    assert rows["statistics"] == (True, False) and rows["pytorch"] == (False, False)
    assert rows["machine-learning"] == (False, True)


def test_query_surface_columns(tmp_path, fixture_text):
    load(tmp_path, fixture_text, date(2026, 11, 9), "r1")
    expected = {
        "postings": ["posting_id", "source", "board", "company", "title", "url", "is_ml_role", "role_family", "seniority",
                     "location", "country", "remote", "salary_min_usd", "salary_max_usd", "posted_at", "first_seen", "last_seen"],
        "posting_skills": ["posting_id", "skill", "category", "level", "evidence"],
        "skills": ["skill", "name", "category", "aliases"],
        "skill_demand_weekly": ["week", "skill", "n_with_skill", "n_postings", "share", "n_required"],
        "crawl_runs": ["run_id", "source", "board", "started_at", "finished_at", "status", "n_items", "error"],
    }
    # Columns added later go at the end.
    postings_tail = ["canonical_id", "period_month", "period_raw", "salary_text", "tags_raw", "roles_raw",
                     "degree_min", "degree_or_equivalent", "years_min", "salary_source", "seniority_source",
                     "state", "degree_fields"]
    jobs_weekly = ["week", "canonical_id", "posting_id", "source", "company", "title", "is_ml_role", "role_family",
                   "seniority", "country", "region", "remote", "degree_min", "degree_or_equivalent", "years_min",
                   "salary_usd", "content_hash", "state", "degree_fields"]
    with db.connect_read(tmp_path) as con:
        for view, columns in expected.items():
            actual = [d[0] for d in con.sql(f"select * from {view} limit 0").description]
            assert actual[: len(columns)] == columns, view
        actual = [d[0] for d in con.sql("select * from postings limit 0").description]
        assert actual[-len(postings_tail):] == postings_tail
        assert [d[0] for d in con.sql("select * from jobs_weekly limit 0").description][: len(jobs_weekly)] == jobs_weekly
        # state is the first location's naming one (the ashby fixture's "San Francisco, CA | New York, NY").
        assert con.sql("select state, degree_fields from jobs_weekly where posting_id = 'ashby:nimbus:a1b2'").fetchall() == [("CA", [])]


def test_missing_warehouse_is_a_clear_error(tmp_path):
    with pytest.raises(db.WarehouseMissing, match="jobtrends demo"):
        db.connect_read(tmp_path)


def test_volume_drop_check_flags_broken_boards(tmp_path):
    rows = [
        ("2026-11-09", "big", 10, "ok"), ("2026-11-16", "big", 0, "ok"),
        ("2026-11-09", "half", 10, "ok"), ("2026-11-16", "half", 4, "ok"),
        ("2026-11-09", "down", 10, "ok"), ("2026-11-16", "down", 0, "failed"),
        ("2026-11-09", "steady", 10, "ok"), ("2026-11-16", "steady", 9, "ok"),
        ("2026-11-09", "tiny", 3, "ok"), ("2026-11-16", "tiny", 0, "ok"),
    ]
    with db.write_window(tmp_path) as con:
        for week, board, n, status in rows:
            con.execute("INSERT INTO crawl_log VALUES ('r', ?, 'ashby', ?, NULL, NULL, ?, ?, NULL)", [week, board, status, n])
    with db.connect_read(tmp_path) as con:
        flagged = dict(con.execute("select board, problem from check_volume_drop").fetchall())
    assert flagged == {"big": "dropped to zero", "half": "dropped by more than half", "down": "crawl failed"}


def test_a_week_is_partitioned_by_source(tmp_path, fixture_text):
    load(tmp_path, fixture_text, date(2026, 11, 16), "r1")
    taxonomy = load_taxonomy(SMALL)
    postings, crawl, quarantine = week_frames(fixture_text)
    only_ashby = postings.filter(pl.col("source") == "ashby")
    run = RunInfo("r2", date(2026, 11, 16), date(2026, 11, 16), "replay", "test", datetime.now(timezone.utc), "/tmp/raw")
    with db.write_window(tmp_path) as con:
        load_reference(con, taxonomy)
        # A re-run in which greenhouse failed: its sightings from the first run of the week stay.
        load_week(con, run, only_ashby, crawl.filter(pl.col("source") == "lever"), quarantine.clear())
    with db.connect_read(tmp_path) as con:
        by_source = dict(con.execute("select source, count(*) from sightings group by 1").fetchall())
    assert by_source == {"greenhouse": 2, "ashby": 2}
