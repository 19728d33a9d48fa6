"""The weekly flow: crawl -> land -> normalise -> extract skills -> load -> report.

Thin orchestration: each task wraps one step from the pure modules (``crawlers.parsers``,
``flows.normalize``, ``flows.skills``) or one I/O edge (a Scrapy subprocess, the warehouse's write
window, the report renderer). A spider that fails after its retries is recorded and the run goes on.
"""

# No `from __future__ import annotations` here: Prefect validates a deployment's parameters against
# the flow's signature at run time, and string annotations leave that model undefined.
import uuid
from dataclasses import asdict
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, State

from crawlers.checkpoints import pause_point
from crawlers.run import CrawlError, run_spider
from crawlers.sources import load_sites, load_sources
from flows import journal
from flows.config import Settings, load_settings
from flows.dedup import assign_canonical_ids
from flows.land import CRAWL_FIELDS, QUARANTINE_FIELDS, Landed, crawl_rows, failed_rows, land_responses, read_raw_lines
from flows.normalize import normalize_postings
from flows.normalize.dates import today_utc, week_of
from flows.runlock import run_lock
from flows.skills import SkillExtractor, load_taxonomy
from warehouse import db
from warehouse.load import (
    RunInfo, extract_missing, extracted_hashes, fill_states, load_canonical_jobs, load_journal, load_mentions,
    load_reference, load_week,
)

# Scrapy setting -> the Settings attribute that holds its live value.
BASE_URL_SETTINGS = {
    "GREENHOUSE_API_URL": "greenhouse_api_url", "LEVER_API_URL": "lever_api_url", "ASHBY_API_URL": "ashby_api_url",
    "HN_API_URL": "hn_api_url", "HN_ALGOLIA_URL": "hn_algolia_url", "REMOTEOK_API_URL": "remoteok_api_url",
    "REMOTIVE_API_URL": "remotive_api_url",
}
# Spiders whose source name differs from their own (the history twin of the HN spider).
SPIDER_SOURCE = {"hn_algolia": "hn"}
# Sources with a single fixed "board".
SINGLE_BOARD = {"hn": "whoishiring", "remoteok": "remoteok", "remotive": "remotive"}
LOOPBACK_HOSTS = "127.0.0.1,localhost"
# The name of a weekly run's Completed state in Prefect when boards failed or a board's volume dropped.
DEGRADED = "Degraded"


@task(name="crawl", cache_policy=NO_CACHE)
def crawl(
    spider: str, raw_dir: Path, boards: list[str], scrapy_settings: dict[str, Any], timeout: float,
    spider_args: dict[str, str] | None = None,
) -> dict[str, Any]:
    return run_spider(spider, raw_dir, boards=boards, settings=scrapy_settings, timeout=timeout, spider_args=spider_args)


@task(name="land", cache_policy=NO_CACHE)
def land(raw_dir: Path, summaries: dict[str, dict[str, Any] | str], boards: dict[str, list[str]]) -> Landed:
    """``summaries`` maps each spider that ran to its summary, or to its error when it never finished."""
    pause_point("land")
    landed = Landed()
    for spider, summary in summaries.items():
        source = SPIDER_SOURCE.get(spider, spider)
        path = raw_dir / f"{spider}.jsonl.gz"
        if isinstance(summary, str):  # the spider never finished: its error for every board
            landed.crawl.extend(failed_rows(source, boards.get(spider, []), summary))
            continue
        responses = land_responses(read_raw_lines(path)) if path.exists() else Landed()
        responses.crawl = crawl_rows(summary, source, responses)
        landed.merge(responses)
    return landed


@task(name="normalise", cache_policy=NO_CACHE)
def normalise(landed: Landed, companies: dict[tuple[str, str], str]) -> pl.DataFrame:
    pause_point("normalise")
    frame = normalize_postings(landed.records, companies)
    # A posting listed twice in one crawl (overlapping pages, a board named twice) counts once.
    return frame.unique("posting_id", keep="first", maintain_order=True)


@task(name="extract-skills", cache_policy=NO_CACHE)
def extract_skills(home: Path, postings: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Skills and text facets (degree, years, salary) of the posting versions not extracted before
    with this taxonomy (content hash unchanged means both unchanged) -> (mentions, facets). The facets
    hold one row per extracted version, so their ``content_hash`` column lists the versions extracted."""
    extractor = SkillExtractor(load_taxonomy())
    known: set[str] = set()
    if db.warehouse_path(home).exists():
        with db.connect_read(home) as con:
            known = extracted_hashes(con, extractor.taxonomy.version)
    fresh = postings.filter(~pl.col("content_hash").is_in(list(known)))
    return extractor.extract_all(fresh)


@task(name="load", cache_policy=NO_CACHE)
def load(
    home: Path, run: RunInfo, postings: pl.DataFrame, landed: Landed, mentions: pl.DataFrame, facets: pl.DataFrame,
    journal_file: Path | None = None,
) -> dict[str, int]:
    """``journal_file``: the run journal to copy in (the runs before this one; this one is still running)."""
    taxonomy = load_taxonomy()
    crawl_frame = pl.DataFrame(landed.crawl, schema={
        "source": pl.String, "board": pl.String, "started_at": pl.String, "finished_at": pl.String,
        "status": pl.String, "n_items": pl.Int64, "error": pl.String}).with_columns(
        pl.col("started_at", "finished_at").str.to_datetime(time_zone="UTC", strict=False))
    quarantine_frame = pl.DataFrame(landed.quarantine, schema={k: pl.String for k in QUARANTINE_FIELDS})
    skipped_frame = pl.DataFrame(
        [(source, board, reason, n) for (source, board, reason), n in landed.skipped.items()],
        schema={"source": pl.String, "board": pl.String, "reason": pl.String, "n": pl.Int32}, orient="row",
    )
    with db.write_window(home) as con:
        load_reference(con, taxonomy)
        load_week(con, run, postings, crawl_frame.select(CRAWL_FIELDS), quarantine_frame, skipped_frame)
        fill_states(con)  # sightings stored before the state column
        pause_point("load")  # mid-transaction: the week's rows are in, not yet committed
        n_jobs = load_canonical_jobs(con, assign_canonical_ids)
        load_mentions(con, taxonomy.version, mentions, facets=facets)
        backfilled = extract_missing(con, SkillExtractor(taxonomy))
        if journal_file is not None:
            load_journal(con, [r for r in journal.read_runs(journal_file) if r["run_id"] != run.run_id])
    with db.connect_read(home) as con:
        drops = con.execute(
            "SELECT source || '/' || board || ': ' || problem || ' (' || previous_n_items || ' -> ' || n_items || ')'"
            " FROM check_volume_drop WHERE week = ?", [run.week],
        ).fetchall()
    for (drop,) in drops:
        get_run_logger().warning("volume drop, check the source: %s", drop)
    return {"postings": postings.height, "quarantined": quarantine_frame.height, "extracted": facets.height,
            "backfilled": backfilled, "volume_drops": [d for (d,) in drops], "jobs_all_weeks": n_jobs,
            "skipped": sum(landed.skipped.values())}


@task(name="report", cache_policy=NO_CACHE)
def report(home: Path, week: date) -> str:
    from reports.render import build_report

    return str(build_report(home, week))


@flow(name="weekly", log_prints=True)
def weekly(
    home: str | None = None,
    run_date: date | None = None,
    api_base_url: str | None = None,
    boards: dict[str, list[str]] | None = None,
    dataset: str | None = None,
) -> State | dict[str, Any]:
    """One weekly run. ``api_base_url`` points every spider at one replay server (demo and tests);
    ``boards`` (ats -> tokens) overrides the sources file; ``dataset`` labels what was crawled
    (``sample`` marks the bundled fictional sample wherever the data is shown).

    Called directly (or as a subflow) it returns the run's summary dict. In Prefect the run ends
    Completed, or Completed named ``Degraded`` (message: the counts) when boards failed or a board's
    volume dropped; a run that raises ends Failed. Every run is journalled in ``<home>/state/runs.jsonl``."""
    settings = load_settings()
    if home:
        settings = settings.with_overrides(home=home)
    home_path = settings.home.resolve()
    # One run per home at a time; a second one refuses (flows/runlock.py).
    with run_lock(home_path, "weekly run"):
        return _run_week(settings, home_path, run_date, api_base_url, boards, dataset)


def _run_week(
    settings: Settings, home_path: Path, run_date: date | None, api_base_url: str | None,
    boards: dict[str, list[str]] | None, dataset: str | None,
) -> State | dict[str, Any]:
    logger = get_run_logger()
    run_date = run_date or today_utc()
    started = datetime.now(timezone.utc)
    run = RunInfo(
        run_id=f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}", week=week_of(run_date), run_date=run_date,
        mode="replay" if api_base_url else "live", dataset=dataset or ("replay" if api_base_url else "live"),
        started_at=started,
        raw_dir=str(settings.raw_dir.resolve() / f"{run_date:%Y-%m-%d}"),
    )
    journal_file = journal.journal_path(settings.state_dir.resolve())
    with journal.recorded(journal_file, run.run_id, run.week, started) as outcome:
        raw_dir = Path(run.raw_dir) / run.run_id
        raw_dir.mkdir(parents=True, exist_ok=True)
        sources = load_sources(settings.sources_file)
        sites = load_sites(settings.sources_file)
        companies = {(b.ats, b.token): b.company for b in sources if b.company}
        companies.update({("jsonld", site.name): site.company for site in sites if site.company})
        if boards is None:
            boards = live_boards(settings, sources, sites)
        spiders = [s for s in settings.spiders if boards.get(s)]

        scrapy_settings: dict[str, Any] = {
            "JOBTRENDS_CONTACT_URL": settings.contact_url, "JOBTRENDS_STATE_DIR": str(settings.state_dir.resolve()),
            "HN_MAX_THREADS": settings.hn_max_threads,
        }
        for key, attribute in BASE_URL_SETTINGS.items():
            scrapy_settings[key] = api_base_url or getattr(settings, attribute)
        if api_base_url:
            scrapy_settings.update({
                "JOBTRENDS_FAST_HOSTS": LOOPBACK_HOSTS, "JSONLD_BASE_URL": api_base_url,
                # A replayed folder holds the threads it holds: read them all.
                "HN_MAX_THREADS": 1000,
            })
        else:
            scrapy_settings["JSONLD_SITEMAPS"] = {s.name: s.sitemap for s in sites if s.sitemap}
            scrapy_settings["JSONLD_URLS"] = {s.name: list(s.urls) for s in sites if s.urls}
        crawl_task = crawl.with_options(
            retries=0 if api_base_url else settings.crawl_retries, retry_delay_seconds=settings.crawl_retry_delay_s
        )
        futures = {s: crawl_task.submit(s, raw_dir, boards[s], scrapy_settings, settings.crawl_timeout_s) for s in spiders}
        summaries: dict[str, dict[str, Any] | str] = {}
        for spider, future in futures.items():
            try:
                summaries[spider] = _result(future)
            except Exception as exc:  # any failure of one source is recorded; the other sources go on
                logger.error("source %s failed: %s", spider, exc)
                kind = "" if isinstance(exc, CrawlError) else f"{type(exc).__name__}: "
                summaries[spider] = f"crawl failed: {kind}{str(exc)[:2000]}"

        landed = land(raw_dir, summaries, boards)
        postings = normalise(landed, companies)
        mentions, facets = extract_skills(home_path, postings)
        counts = load(home_path, run, postings, landed, mentions, facets, journal_file)
        report_path = report(home_path, run.week)
        failed = [f"{r['source']}/{r['board']}: {r['error']}" for r in landed.crawl if r["status"] in ("failed", "blocked")]
        skipped = [f"{r['source']}/{r['board']}: {r['error']}" for r in landed.crawl if r["status"] == "skipped"]
        summary = {
            **{k: str(v) for k, v in asdict(run).items()}, **counts,
            "ml_postings": int(postings["is_ml_role"].sum()) if postings.height else 0,
            "failed_boards": failed, "skipped_boards": skipped, "report": report_path, "warehouse": str(db.warehouse_path(home_path)),
        }
        logger.info(
            "week %s: %d postings (%d ML), %d quarantined, %d boards failed; report %s",
            run.week, counts["postings"], summary["ml_postings"], counts["quarantined"], len(failed), report_path,
        )
        outcome.set(failed, counts["volume_drops"])
    if outcome.status == "degraded":
        logger.warning("week %s: degraded run: %s", run.week, outcome.message)
        return Completed(name=DEGRADED, message=outcome.message, data=summary)
    return summary


def _result(future: Any) -> Any:
    """A crawl's result, waited for in short slices. CPython runs a signal's Python handler in the main
    thread only, and Linux may deliver the signal to another thread: a main thread blocked without a
    timeout would leave Ctrl-C and SIGTERM unanswered until the crawl ends."""
    while not future.wrapped_future.done():
        future.wait(timeout=0.5)
    return future.result()


def live_boards(settings: Settings, sources: list, sites: list) -> dict[str, list[str]]:
    """What a live run crawls: the ATS boards and JSON-LD sites of the sources file, and the fixed
    feeds (HN's hiring threads, Remote OK, Remotive) when their spiders are enabled."""
    boards = {spider: [b.token for b in sources if b.ats == spider] for spider in ("greenhouse", "lever", "ashby")}
    boards["jsonld"] = [site.name for site in sites]
    boards.update({spider: [board] for spider, board in SINGLE_BOARD.items()})
    return {spider: boards.get(spider, []) for spider in settings.spiders}
