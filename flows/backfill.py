"""Backfill Hacker News "Who is hiring?" history through the Algolia HN Search API (live).

Algolia returns a whole thread with its comments in one request, where the Firebase API needs one
request per comment (~90k for the history). Each thread's postings are loaded into the week holding
the first day of the thread's month. Weeks are partitioned by source, so other sources' rows in
those weeks are untouched, and re-running a backfill replaces what it loaded before.
"""

import uuid
from pathlib import Path
from datetime import datetime, timezone
from typing import Any

from prefect import flow, get_run_logger

from flows.config import Settings, load_settings
from flows.land import Landed
from flows.normalize.dates import week_of
from flows.runlock import run_lock
from flows.weekly import LOOPBACK_HOSTS, crawl, extract_skills, land, load, normalise, report
from warehouse.load import RunInfo


@flow(name="backfill-hn", log_prints=True)
def backfill_hn(home: str | None = None, since: str = "2011-04", api_base_url: str | None = None) -> list[dict[str, Any]]:
    """Load every hiring thread from the month ``since`` (YYYY-MM) on. ``api_base_url`` points the
    spider at a replay server (tests)."""
    settings = load_settings()
    if home:
        settings = settings.with_overrides(home=home)
    home_path = settings.home.resolve()
    with run_lock(home_path, "HN backfill"):
        return _backfill(settings, home_path, since, api_base_url)


def _backfill(settings: Settings, home_path: Path, since: str, api_base_url: str | None) -> list[dict[str, Any]]:
    logger = get_run_logger()
    started = datetime.now(timezone.utc)
    run_id = f"{started:%Y%m%dT%H%M%SZ}-hn-backfill-{uuid.uuid4().hex[:6]}"
    raw_dir = settings.raw_dir.resolve() / f"{started:%Y-%m-%d}" / run_id
    raw_dir.mkdir(parents=True, exist_ok=True)
    scrapy_settings: dict[str, Any] = {
        "JOBTRENDS_CONTACT_URL": settings.contact_url, "HN_ALGOLIA_URL": api_base_url or settings.hn_algolia_url,
        "JOBTRENDS_STATE_DIR": str(settings.state_dir.resolve()),
    }
    if api_base_url:
        scrapy_settings["JOBTRENDS_FAST_HOSTS"] = LOOPBACK_HOSTS
    summary = crawl.with_options(retries=0 if api_base_url else settings.crawl_retries)(
        "hn_algolia", raw_dir, ["whoishiring"], scrapy_settings, settings.crawl_timeout_s, {"since": since},
    )
    landed = land(raw_dir, {"hn_algolia": summary}, {"hn_algolia": ["whoishiring"]})
    postings = normalise(landed, {})
    results: list[dict[str, Any]] = []
    months = sorted(m for m in postings["period_month"].unique().to_list() if m is not None)
    for month in months:
        month_postings = postings.filter(postings["period_month"] == month)
        run = RunInfo(
            run_id=f"{run_id}-{month:%Y-%m}", week=week_of(month), run_date=month, mode="backfill",
            dataset=f"HN backfill since {since}", started_at=started, raw_dir=str(raw_dir),
        )
        # The crawl row describes the whole backfill; each month records how many postings it holds.
        # What could not be read, or was skipped, is recorded once, with the first month.
        first = month == months[0]
        month_landed = Landed(
            quarantine=list(landed.quarantine) if first else [], skipped=dict(landed.skipped) if first else {},
            crawl=[{**row, "n_items": month_postings.height} for row in landed.crawl],
        )
        mentions, hashes = extract_skills(home_path, month_postings)
        counts = load(home_path, run, month_postings, month_landed, mentions, hashes)
        results.append({"month": f"{month:%Y-%m}", "week": str(run.week), **counts})
        logger.info("HN %s: %d postings into week %s", f"{month:%Y-%m}", month_postings.height, run.week)
    if not months:
        logger.warning("the backfill found no hiring thread since %s: %s", since, landed.crawl)
    else:
        report(home_path, week_of(months[-1]))
    return results
