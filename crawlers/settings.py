"""Scrapy settings for the jobtrends crawlers: polite by default, every endpoint a setting.

Live crawls use these values as they are. Replay runs (tests, the demo) point the ``*_API_URL``
settings at a :class:`crawlers.replay.server.ReplayServer` and list its host in
``JOBTRENDS_FAST_HOSTS``, which lifts the download delay for that host only.

Any setting can be overridden per run with ``scrapy crawl <spider> -s NAME=VALUE`` (which is what
:func:`crawlers.run.run_spider` does). List settings accept a comma-separated string or a JSON list.
"""

from __future__ import annotations

import os

BOT_NAME = "jobtrends"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# --- where the job-board APIs live (live values; replay overrides them) --------------------------
GREENHOUSE_API_URL = "https://boards-api.greenhouse.io"
LEVER_API_URL = "https://api.lever.co"
ASHBY_API_URL = "https://api.ashbyhq.com"
LEVER_PAGE_SIZE = 100
# Paged boards (Lever, Algolia search) stop after this many pages and count as failed: a server
# ignoring `skip` would otherwise be asked for pages forever.
JOBTRENDS_MAX_PAGES = 200

# Hacker News "Ask HN: Who is hiring?" threads (spider `hn`, board `whoishiring`).
HN_API_URL = "https://hacker-news.firebaseio.com"
# How many hiring threads to read, newest first (the weekly run reads the current one; a replay of
# a recorded folder passes a large number to read every thread it holds).
HN_MAX_THREADS = 1
# Stop scanning the user's `submitted` list after this many items, hiring thread or not.
HN_MAX_SCAN = 60
# History via the Algolia HN Search API (spider `hn_algolia`, used by the backfill, live only).
HN_ALGOLIA_URL = "https://hn.algolia.com"

# Remote OK and Remotive public feeds (one "board" each, named after the source).
REMOTEOK_API_URL = "https://remoteok.com"
REMOTIVE_API_URL = "https://remotive.com"

# schema.org JobPosting career pages (spider `jsonld`, board = site name). Live: sitemap / page URLs
# per site from sources.toml [[site]] (passed as JSONLD_SITEMAPS / JSONLD_URLS, or the spider args
# `-a sitemaps=<json>` / `-a urls=<json>`). Replay: JSONLD_BASE_URL = the replay server, whose
# /<site>/sitemap.xml lists the site's saved pages.
JSONLD_BASE_URL = None
JSONLD_SITEMAPS: dict[str, str] = {}
JSONLD_URLS: dict[str, list[str]] = {}
# Pages requested per site at most (a sitemap may list a whole website); the rest are counted in
# stats (jobtrends/jsonld/pages_over_limit) and not requested.
JSONLD_MAX_PAGES = 2000

# Per-spider request budgets over a rolling 24 h window, across runs (crawlers.middlewares.
# RequestBudget): Remotive asks clients to call its API at most 4 times a day. A spider whose budget
# for a host is spent sends nothing there; its board is recorded `skipped` and the run still exits 0.
# Hosts in JOBTRENDS_FAST_HOSTS (our loopback replay server) are exempt: never counted or limited.
JOBTRENDS_DAILY_LIMITS = {"remotive": 4}
# Where crawl state that outlives a run lives (the budget's request-budget.json). The weekly flow
# passes <home>/state.
JOBTRENDS_STATE_DIR = "~/.local/state/jobtrends"

# --- what to crawl and where to land it -----------------------------------------------------------
# Required for a crawl: the run's raw folder. <spider>.jsonl.gz and <spider>.summary.json go there.
JOBTRENDS_RAW_DIR = None
# The boards file read when a spider gets no `-a boards=...`; None means crawlers/sources.toml.
JOBTRENDS_SOURCES_FILE = None

# --- identify honestly ----------------------------------------------------------------------------
# Where a site operator can read who we are. Overriding it with -s rebuilds USER_AGENT (see
# crawlers.middlewares.JobtrendsAddon); the environment variable is read here for convenience.
JOBTRENDS_CONTACT_URL = os.environ.get(
    "JOBTRENDS_CONTACT_URL", "https://github.com/jobtrends/jobtrends"
)


def user_agent(contact_url: str) -> str:
    return f"jobtrends/0.1 (+{contact_url}; job-market research)"


USER_AGENT = user_agent(JOBTRENDS_CONTACT_URL)

# --- be polite ------------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # Scrapy's default is 8
DOWNLOAD_DELAY = 1
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
COOKIES_ENABLED = False
DEFAULT_REQUEST_HEADERS = {"Accept": "application/json, text/plain;q=0.9, */*;q=0.8", "Accept-Language": "en"}
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

# Hosts served by our own loopback replay server: no download delay there, AutoThrottle leaves
# them alone; concurrency stays CONCURRENT_REQUESTS_PER_DOMAIN. Never put a real site here.
JOBTRENDS_FAST_HOSTS: list[str] = []
# robots.txt Crawl-delay is honoured per host (crawlers.middlewares.RobotsTxtMiddleware), up to this
# many seconds; a longer one is capped (and logged).
JOBTRENDS_MAX_CRAWL_DELAY = 60

# --- retries: 3, with backoff, honouring Retry-After ----------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Wait before retry n (1-based) when the server gave no Retry-After: BASE * 2 ** (n - 1) seconds.
JOBTRENDS_RETRY_BACKOFF_BASE = 2.0
# The longest we wait before a retry. A Retry-After asking for longer is honoured by not retrying.
JOBTRENDS_RETRY_AFTER_MAX = 120.0

DOWNLOADER_MIDDLEWARES = {
    # Scrapy 2.19's robots.txt middleware lets concurrent requests through; ours does not.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawlers.middlewares.RobotsTxtMiddleware": 100,
    # After robots.txt: a forbidden request costs no budget.
    "crawlers.middlewares.DailyLimitMiddleware": 150,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.RetryAfterMiddleware": 550,
    "crawlers.middlewares.FastHostsMiddleware": 560,
}
ADDONS = {
    "crawlers.middlewares.JobtrendsAddon": 0,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.RawLandingPipeline": 100,
}

# --- nothing listening, nothing cached ------------------------------------------------------------
# Scrapy 2.19 otherwise starts a code-executing HTTP server on 127.0.0.1.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False

FEED_EXPORT_ENCODING = "utf-8"
