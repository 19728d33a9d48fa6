"""Loads into an open write window (see warehouse.db.write_window). Parameterised SQL only.

Week-partitioned tables are delete-then-insert per week, and extractions (skill mentions, text
facets) per (content_hash, taxonomy_version), so loading a week twice gives the same rows; logs are
appended. The caller's write window makes all of it one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import polars as pl

from flows.normalize import locations
from flows.normalize.salary import annual_usd
from flows.skills import FACETS_BY_HASH, SkillExtractor, Taxonomy
from warehouse.reference import CLAIM_COLUMNS, load_guide_mentions, load_registry


# Versions extracted with taxonomy version $v: skills and facets both stored. A facet row stored before
# a facet existed holds NULL for it (degree_fields before migration 0007): that version is read again.
_EXTRACTED = (
    "SELECT e.content_hash FROM skill_extractions AS e"
    " JOIN posting_facets AS f ON f.content_hash = e.content_hash AND f.taxonomy_version = e.taxonomy_version"
    " WHERE e.taxonomy_version = $v AND f.degree_fields IS NOT NULL"
)


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    week: date
    run_date: date
    mode: str
    dataset: str
    started_at: datetime
    raw_dir: str


_SEGMENT = pl.Struct({field: pl.List(pl.String) for field in ("role", "seniority", "country", "state", "remote")})
CLAIM_SCHEMA = {
    "claim_id": pl.String, "point_id": pl.String, "doc": pl.String, "topic": pl.String, "subjects": pl.List(pl.String),
    "stance": pl.String, "quote": pl.String, "test": pl.String, "test_kind": pl.String, "test_op": pl.String,
    "threshold": pl.Float64, "required_only": pl.Boolean, "compare_a": pl.String, "compare_b": pl.String,
    "figure_low": pl.Float64, "figure_high": pl.Float64, "segment": pl.String, "population": _SEGMENT,
    "group_a": _SEGMENT, "group_b": _SEGMENT, "reason": pl.String, "note": pl.String,
}



def claims_frame(claims: list[dict]) -> pl.DataFrame:
    """ref_claims rows (warehouse.reference.claim_row) as a frame in the table's column order."""
    return pl.DataFrame(claims, schema=CLAIM_SCHEMA).select(CLAIM_COLUMNS)


def reference_skills(taxonomy: Taxonomy) -> pl.DataFrame:
    """The taxonomy as ``ref_skills`` rows: one per skill, with its tacit and defines_population flags."""
    return pl.DataFrame(
        [
            (s.id, s.name, s.category, list(s.aliases) + list(s.aliases_cs), s.parent, taxonomy.version,
             s.tacit, s.defines_population)
            for s in taxonomy.skills
        ],
        schema={"skill": pl.String, "name": pl.String, "category": pl.String, "aliases": pl.List(pl.String),
                "parent": pl.String, "taxonomy_version": pl.String, "tacit": pl.Boolean,
                "defines_population": pl.Boolean},
        orient="row",
    )


def load_reference(con: duckdb.DuckDBPyConnection, taxonomy: Taxonomy) -> None:
    con.execute("DELETE FROM ref_skills")
    _insert(con, "ref_skills", reference_skills(taxonomy))
    guides, claims, withdrawn = load_registry()
    con.execute("DELETE FROM ref_claims")
    con.execute("DELETE FROM ref_withdrawn_claims")
    con.execute("DELETE FROM ref_guides")
    con.execute("DELETE FROM ref_guide_mentions")
    if guides:
        _insert(con, "ref_guides", pl.DataFrame(guides, schema={
            "doc": pl.String, "title": pl.String, "site": pl.String, "year": pl.Int32, "author": pl.String}))
    if claims:
        _insert(con, "ref_claims", claims_frame(claims))
    if withdrawn:
        _insert(con, "ref_withdrawn_claims", pl.DataFrame(withdrawn, schema={"claim_id": pl.String, "reason": pl.String}))
    mentions = load_guide_mentions()
    if mentions:
        _insert(con, "ref_guide_mentions", pl.DataFrame(mentions, schema={
            "doc": pl.String, "skill": pl.String, "mentions": pl.Int32, "taxonomy_version": pl.String}))


def load_week(
    con: duckdb.DuckDBPyConnection,
    run: RunInfo,
    postings: pl.DataFrame,
    crawl: pl.DataFrame,
    quarantine: pl.DataFrame,
    skipped: pl.DataFrame | None = None,
) -> None:
    """Replace the week's sightings, quarantine and skipped counts of the sources this run crawled
    successfully (a week is partitioned by source, so a source that failed keeps what an earlier run of
    the same week loaded, and a backfill of one source leaves the others alone); append the run and its
    crawl rows."""
    crawled = sorted(set(crawl.filter(pl.col("status") == "ok")["source"].to_list()) | set(postings["source"].to_list()))
    scope = [run.week, crawled]
    con.execute("DELETE FROM sightings WHERE week = ? AND list_contains(?, source)", scope)
    con.execute("DELETE FROM quarantine WHERE week = ? AND list_contains(?, source)", scope)
    con.execute("DELETE FROM skipped_records WHERE week = ? AND list_contains(?, source)", scope)
    run_cols = [pl.lit(run.week).alias("week"), pl.lit(run.run_id).alias("run_id"), pl.lit(run.run_date).alias("run_date")]
    _insert(con, "sightings", postings.drop("description_html", "description_text").with_columns(run_cols))
    content = postings.select("content_hash", "title", "description_html", "description_text").unique("content_hash")
    con.register("new_content", content)
    try:
        con.execute(
            "INSERT INTO posting_content BY NAME SELECT * FROM new_content "
            "WHERE content_hash NOT IN (SELECT content_hash FROM posting_content)"
        )
    finally:
        con.unregister("new_content")
    _insert(con, "quarantine", quarantine.with_columns(run_cols[:2]))
    if skipped is not None:
        _insert(con, "skipped_records", skipped.with_columns(run_cols[:2]))
    _insert(con, "crawl_log", crawl.with_columns(run_cols[:2]))
    con.execute(
        "INSERT INTO run_log (run_id, week, run_date, mode, dataset, started_at, finished_at, raw_dir, n_postings,"
        " n_quarantined, n_failed_boards) VALUES (?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?)",
        [run.run_id, run.week, run.run_date, run.mode, run.dataset, run.started_at, run.raw_dir, postings.height,
         quarantine.height, crawl.filter(pl.col("status").is_in(["failed", "blocked"])).height],
    )


JOURNAL_SCHEMA = {
    "run_id": pl.String, "week": pl.Date, "started_at": pl.Datetime("us", "UTC"), "finished_at": pl.Datetime("us", "UTC"),
    "status": pl.String, "n_failed_boards": pl.Int32, "n_volume_drops": pl.Int32, "error": pl.String,
}


def load_journal(con: duckdb.DuckDBPyConnection, runs: list[dict]) -> None:
    """Upsert the run journal's runs (flows.journal.read_runs) into ``run_journal`` by run_id."""
    frame = pl.DataFrame(runs, schema=JOURNAL_SCHEMA)
    if frame.is_empty():
        return
    con.execute("DELETE FROM run_journal WHERE list_contains(?, run_id)", [frame["run_id"].to_list()])
    _insert(con, "run_journal", frame)


def load_mentions(
    con: duckdb.DuckDBPyConnection,
    taxonomy_version: str,
    mentions: pl.DataFrame,
    hashes: list[str] | None = None,
    facets: pl.DataFrame | None = None,
) -> None:
    """Record what was extracted from freshly extracted posting versions: their skills (``mentions``)
    and their text facets (``facets``: one row per version, as ``SkillExtractor.extract_all`` gives).
    ``hashes`` are the versions extracted, including those with no skill; they default to the facets'
    versions. Both tables are replaced per (content_hash, taxonomy_version), so loading the same
    versions twice stores them once. A version loaded without a facet row is not counted as extracted
    (see :func:`extracted_hashes`): :func:`extract_missing` reads it again."""
    facet_rows = _facet_rows(facets)
    extracted = sorted(set(hashes or []) | set(facet_rows["content_hash"].to_list()))
    frame = pl.DataFrame({"content_hash": extracted}, schema={"content_hash": pl.String})
    version = pl.lit(taxonomy_version).alias("taxonomy_version")
    con.register("extracted", frame.with_columns(version))
    con.register("mentions", mentions.with_columns(version))
    con.register("facets", facet_rows.with_columns(version))
    try:
        con.execute(
            "DELETE FROM skill_mentions WHERE taxonomy_version = ? AND content_hash IN (SELECT content_hash FROM extracted)",
            [taxonomy_version],
        )
        con.execute(
            "DELETE FROM posting_facets WHERE taxonomy_version = ? AND content_hash IN (SELECT content_hash FROM facets)",
            [taxonomy_version],
        )
        con.execute("INSERT INTO skill_mentions BY NAME SELECT * FROM mentions")
        con.execute("INSERT INTO posting_facets BY NAME SELECT * FROM facets")
        con.execute("INSERT OR REPLACE INTO skill_extractions BY NAME SELECT * FROM extracted")
    finally:
        con.unregister("extracted")
        con.unregister("mentions")
        con.unregister("facets")


def extract_missing(con: duckdb.DuckDBPyConnection, extractor: SkillExtractor) -> int:
    """Extract skills and facets of every stored posting version not yet extracted with this taxonomy
    (history after a taxonomy change, or after the facets table was added). Returns how many versions
    were extracted."""
    pending = con.sql(
        f"SELECT content_hash, title, description_text FROM posting_content WHERE content_hash NOT IN ({_EXTRACTED})",
        params={"v": extractor.taxonomy.version},
    ).pl()
    if pending.is_empty():
        return 0
    mentions, facets = extractor.extract_all(pending)
    load_mentions(con, extractor.taxonomy.version, mentions, pending["content_hash"].to_list(), facets)
    return pending.height


def load_canonical_jobs(con: duckdb.DuckDBPyConnection, assign: Callable[[pl.DataFrame], pl.DataFrame]) -> int:
    """Recompute which postings are the same job, over every posting's latest version (derived:
    replaced whole on each load, so a better matcher re-groups history). Returns the number of jobs."""
    latest = con.sql(
        "SELECT s.posting_id, s.source, s.board, s.company, s.title, s.location, s.country, s.remote,"
        " c.description_text FROM stg_latest_sightings AS s JOIN posting_content AS c USING (content_hash)"
    ).pl()
    mapping = assign(latest) if latest.height else pl.DataFrame(schema={"posting_id": pl.String, "canonical_id": pl.String})
    con.execute("DELETE FROM canonical_jobs")
    _insert(con, "canonical_jobs", mapping.select("posting_id", "canonical_id"))
    return mapping["canonical_id"].n_unique() if mapping.height else 0


def fill_states(con: duckdb.DuckDBPyConnection) -> int:
    """Give US sightings stored before there was a ``state`` column (migration 0007) the state their
    location_raw names, as normalisation now does for new ones. Sightings whose location names none
    stay NULL, and are looked at again on the next load (a few distinct strings). Returns how many
    sightings gained a state."""
    rows = con.execute(
        "SELECT DISTINCT location_raw FROM sightings WHERE state IS NULL AND country = 'US' AND location_raw IS NOT NULL"
    ).fetchall()
    found = [(raw, state) for (raw,) in rows if (state := locations.state(raw))]
    if not found:
        return 0
    con.register("found_states", pl.DataFrame(found, schema={"location_raw": pl.String, "state": pl.String}, orient="row"))
    try:
        [(n,)] = con.execute(
            "UPDATE sightings SET state = f.state FROM found_states AS f"
            " WHERE sightings.state IS NULL AND sightings.country = 'US' AND sightings.location_raw = f.location_raw"
        ).fetchall()
    finally:
        con.unregister("found_states")
    return n


def extracted_hashes(con: duckdb.DuckDBPyConnection, taxonomy_version: str) -> set[str]:
    """The versions whose skills and facets were both extracted with this taxonomy version."""
    # A published warehouse not yet migrated to 0007 (the weekly flow reads it before its load migrates
    # it) has no degree_fields: none of its versions counts as extracted.
    [(has_fields,)] = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'posting_facets' AND column_name = 'degree_fields'"
    ).fetchall()
    if not has_fields:
        return set()
    rows = con.sql(_EXTRACTED, params={"v": taxonomy_version}).fetchall()
    return {row[0] for row in rows}


def _facet_rows(facets: pl.DataFrame | None) -> pl.DataFrame:
    """Extractor facets -> posting_facets rows: one per version, the text salary also in annual USD."""
    if facets is None:
        facets = pl.DataFrame(schema=FACETS_BY_HASH)
    if "degree_fields" not in facets.columns:  # facets from before degree_fields: stored NULL, read again later
        facets = facets.with_columns(pl.lit(None, dtype=FACETS_BY_HASH["degree_fields"]).alias("degree_fields"))
    facets = facets.select([pl.col(name).cast(dtype) for name, dtype in FACETS_BY_HASH.items()]).unique("content_hash", keep="first")
    salary = facets.select("salary_min", "salary_max", "salary_currency", "salary_period").iter_rows()
    usd = [(annual_usd(low, currency, period), annual_usd(high, currency, period)) for low, high, currency, period in salary]
    return facets.with_columns(
        pl.Series("salary_min_usd", [low for low, _ in usd], dtype=pl.Float64),
        pl.Series("salary_max_usd", [high for _, high in usd], dtype=pl.Float64),
    )


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.is_empty():
        return
    # The table name is one of ours, never input; values travel as a registered frame.
    con.register("incoming", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        con.unregister("incoming")


__all__ = [
    "RunInfo", "extract_missing", "extracted_hashes", "fill_states", "load_canonical_jobs", "load_journal",
    "load_mentions", "load_reference", "load_week", "reference_skills",
]
