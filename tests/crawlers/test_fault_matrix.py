"""The crawl half of the fault matrix: one row per way a server misbehaves, each a test.

Every row ends the same way: the crawl process exits 0 (``run_spider`` raises otherwise), the faulty
board gets a clear status and error in its summary and in the row bound for the warehouse table
``crawl_runs`` (``crawl_rows`` of ``land_responses`` on the raw file), and the healthy boards crawled
alongside lose nothing.

Each ``scrapy crawl`` costs seconds, so there are three, run two at a time once per module:
Greenhouse for the board rows (one board per fault, next to healthy boards), Lever for faults on one
page of a paged board (keyed by the page's query string), and JSON-LD for the robots.txt rows
(robots.txt is per host, and a JSON-LD site's sitemap can live on any host: each row is a site on a
replay server of its own, next to a healthy site). Timeouts, retries and sizes are small settings.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawlers.replay.server import Fault, ReplayServer
from crawlers.run import run_spider
from flows.land import Landed, crawl_rows, land_responses, read_raw_lines

from .conftest import BASIC

pytestmark = pytest.mark.slow  # the crawls wait out timeouts and retries

DOWNLOAD_TIMEOUT = 2
RETRY_TIMES = 2
BACKOFF = 0.1
MAXSIZE = 4096
SETTINGS: dict[str, object] = {
    "DOWNLOAD_TIMEOUT": DOWNLOAD_TIMEOUT,
    "RETRY_TIMES": RETRY_TIMES,
    "JOBTRENDS_RETRY_BACKOFF_BASE": BACKOFF,
    "DOWNLOAD_MAXSIZE": MAXSIZE,
    "DOWNLOAD_WARNSIZE": MAXSIZE // 2,
    "REDIRECT_MAX_TIMES": 3,
    "LEVER_PAGE_SIZE": 2,
    "JOBTRENDS_FAST_HOSTS": ["127.0.0.1"],
}
HTML_PAGE = b"<!doctype html><html><head><title>Jobs</title></head><body><h1>Careers</h1></body></html>\n"
HEALTHY_GREENHOUSE = ("acme-robotics", "birchwood-labs")
HEALTHY_LEVER = ("cobalt-ai", "dune-data")
HEALTHY_SITE = "acme-careers"
# Every faulty Greenhouse board serves a copy of this (two postings) when it answers normally.
TEMPLATE = BASIC / "greenhouse" / "acme-robotics.json"
# ... and every faulty Lever board a copy of this (five postings: pages of 2, 2 and 1).
LEVER_TEMPLATE = BASIC / "lever" / "cobalt-ai.json"
ROBOTS = "/robots.txt"


def gh(board: str, query: str = "") -> str:
    return f"/v1/boards/{board}/jobs{query}"


def lever_page(board: str, skip: int | None = None) -> str:
    """The path of a Lever board (every page), or of its page at *skip*."""
    return f"/v0/postings/{board}" + ("" if skip is None else f"?mode=json&skip={skip}&limit=2")


@dataclass
class Crawled:
    raw_dir: Path
    summary: dict[str, Any]
    landed: Landed
    rows: dict[str, dict[str, Any]]  # board -> its crawl_runs row

    @property
    def lines(self) -> list[dict[str, Any]]:
        return list(read_raw_lines(self.raw_dir / f"{self.summary['spider']}.jsonl.gz"))


def crawl(spider: str, boards: list[str], raw_dir: Path, args: dict[str, object] | None = None,
          **settings: object) -> Crawled:
    merged = {**SETTINGS, "JOBTRENDS_STATE_DIR": str(raw_dir.parent / "state"), **settings}
    # run_spider raises CrawlError unless the process exits 0 and leaves a summary.
    summary = run_spider(spider, raw_dir, boards=boards, settings=merged, spider_args=args, timeout=180)
    landed = land_responses(read_raw_lines(raw_dir / f"{spider}.jsonl.gz"))
    rows = {row["board"]: row for row in crawl_rows(summary, spider, landed)}
    return Crawled(raw_dir, summary, landed, rows)


def request_times(server: ReplayServer, path: str) -> list[float]:
    """When *path* (without query) was requested, in order."""
    return [at for at, got, _ in list(server.requests) if got.split("?")[0] == path]


def closed_port() -> int:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def expected_records(root: Path, source: str, board: str) -> int:
    """How many postings the parser reads from the board's files when nothing goes wrong."""
    if source == "jsonld":
        responses = []
        for page in sorted((root / "jsonld" / board).glob("*.html")):
            url = f"https://example.test/{page.stem}"
            responses.append({"source": source, "board": board, "url": url, "status": 200,
                              "body": page.read_text(encoding="utf-8"), "context": {"kind": "page", "url": url}})
        return len(land_responses(responses).records)
    data = json.loads((root / source / f"{board}.json").read_bytes())
    return len(data) if source == "lever" else len(data["jobs"])


def assert_board_loses_nothing(result: Crawled, root: Path, board: str) -> None:
    source = result.summary["spider"]
    expected = expected_records(root, source, board)
    assert expected > 0
    records = [r for r in result.landed.records if r["board"] == board]
    assert result.summary["boards"][board]["status"] == "ok", board
    assert len(records) == expected, board
    assert result.rows[board]["status"] == "ok" and result.rows[board]["error"] is None, board
    assert result.rows[board]["n_items"] == expected, board
    assert not [q for q in result.landed.quarantine if q["board"] == board], board


# --- the rows ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A Greenhouse (or Lever) board and the fault its server serves."""

    board: str
    setup: Callable[[ReplayServer], Any]
    status: str  # in the summary and in crawl_runs
    error: str | None  # the error starts with this (None: no error)
    n_items: int  # postings read: in the summary, and parsed into crawl_runs
    requests: int  # requests that reached the board's path (retries and pages included)
    spider: str = "greenhouse"

    @property
    def path(self) -> str:
        return lever_page(self.board) if self.spider == "lever" else gh(self.board)


def _redirect_chain(server: ReplayServer) -> None:
    # Four distinct hops (no URL repeats), one more than REDIRECT_MAX_TIMES.
    hops = [gh("redirect-chain", "?content=true")] + [gh("redirect-chain", f"?hop={i}") for i in range(1, 5)]
    for here, there in zip(hops, hops[1:]):
        server.inject(here, Fault(status=307, location=there), times=None)


ROWS = [
    Row("retry-after", lambda s: s.inject(gh("retry-after"), (429, {"Retry-After": "1"})),
        "ok", None, 2, 2),
    Row("retry-after-too-long", lambda s: s.inject(gh("retry-after-too-long"), (429, {"Retry-After": "3600"})),
        "failed", "HTTP 429", 0, 1),
    Row("flaky-5xx", lambda s: [s.inject(gh("flaky-5xx"), Fault(status=code)) for code in (500, 503)],
        "ok", None, 2, 3),
    Row("down-5xx", lambda s: s.inject(gh("down-5xx"), Fault(status=500), times=None),
        "failed", "HTTP 500", 0, 1 + RETRY_TIMES),
    Row("slow-once", lambda s: s.inject(gh("slow-once"), Fault(delay=DOWNLOAD_TIMEOUT + 2)),
        "ok", None, 2, 2),
    Row("slow", lambda s: s.inject(gh("slow"), Fault(delay=DOWNLOAD_TIMEOUT + 2), times=None),
        "failed", "timeout: DownloadTimeoutError: Getting ", 0, 1 + RETRY_TIMES),
    Row("reset-once", lambda s: s.inject(gh("reset-once"), Fault(reset=True)),
        "ok", None, 2, 2),
    Row("reset", lambda s: s.inject(gh("reset"), Fault(reset=True), times=None),
        "failed", "connection lost: DownloadFailedError: ConnectionLost: ", 0, 1 + RETRY_TIMES),
    Row("truncated-once", lambda s: s.inject(gh("truncated-once"), Fault(truncate=True)),
        "ok", None, 2, 2),
    Row("truncated", lambda s: s.inject(gh("truncated"), Fault(truncate=True), times=None),
        "failed", "truncated response: ResponseDataLossError: the connection closed before", 0,
        1 + RETRY_TIMES),
    # Over DOWNLOAD_MAXSIZE: cancelled once its Content-Length is known, and not retried.
    Row("oversized", lambda s: s.inject(gh("oversized"), Fault(oversize=2 * MAXSIZE), times=None),
        "failed", "body over DOWNLOAD_MAXSIZE: DownloadCancelledError: "
                  f"Expected to receive {2 * MAXSIZE} bytes which is larger than download max size ({MAXSIZE})", 0, 1),
    Row("html-body", lambda s: s.inject(gh("html-body"), Fault(body=HTML_PAGE, content_type="text/html"), times=None),
        "failed", "unparseable body: Expecting value: line 1 column 1 (char 0) (served as text/html)", 0, 1),
    Row("redirect-self", lambda s: s.inject(gh("redirect-self"), Fault(location=gh("redirect-self")), times=None),
        "failed", "redirect loop: redirected back to ", 0, 2),
    Row("redirect-ab", lambda s: (s.inject(gh("redirect-ab"), Fault(location=gh("redirect-ba")), times=None),
                                  s.inject(gh("redirect-ba"), Fault(location=gh("redirect-ab")), times=None)),
        "failed", "redirect loop: redirected back to ", 0, 2),
    Row("redirect-chain", _redirect_chain,
        "failed", "too many redirects: gave up after 3 redirects (REDIRECT_MAX_TIMES)", 0, 4),
    Row("moved", lambda s: s.inject(gh("moved"), Fault(status=301, location=gh("moved-here", "?content=true"))),
        "ok", None, 2, 1),
    Row("missing", lambda s: None, "failed", "HTTP 404", 0, 1),
]
NO_FILE = {"missing", "redirect-ba"}  # boards with nothing on disk: 404 unless a fault answers
NO_REQUEST = {"redirect-ba"}  # reached by redirect only, not a board of its own
LEVER_ROWS = [
    # The second page fails for good: the board fails, and the first page's postings still land.
    Row("page-down", lambda s: s.inject(lever_page("page-down", 2), Fault(status=500), times=None),
        "failed", "HTTP 500", 2, 1 + (1 + RETRY_TIMES), spider="lever"),
    Row("page-html", lambda s: s.inject(lever_page("page-html", 2), Fault(body=HTML_PAGE, content_type="text/html")),
        "failed", "unparseable body: Expecting value: line 1 column 1 (char 0) (served as text/html)", 2, 2,
        spider="lever"),
    Row("page-reset-once", lambda s: s.inject(lever_page("page-reset-once", 2), Fault(reset=True)),
        "ok", None, 5, 4, spider="lever"),
]


@dataclass(frozen=True)
class RobotsRow:
    """A JSON-LD site on a host of its own, whose robots.txt misbehaves."""

    site: str
    setup: Callable[[ReplayServer], Any]
    status: str
    error: str | None
    robots_requests: int  # with RETRY_TIMES=1 for this crawl
    refused: bool = False  # nothing listens on the host


ROBOTS_ROWS = [
    # Slower than DOWNLOAD_TIMEOUT on every try: unreachable, so complete disallow (RFC 9309 2.3.1.4).
    RobotsRow("robots-timeout", lambda s: s.inject(ROBOTS, Fault(delay=DOWNLOAD_TIMEOUT + 8), times=None),
              "blocked", "robots.txt unreachable (timeout): treated as disallow (RFC 9309)", 2),
    RobotsRow("robots-reset", lambda s: s.inject(ROBOTS, Fault(reset=True), times=None),
              "blocked", "robots.txt unreachable (connection lost): treated as disallow (RFC 9309)", 2),
    RobotsRow("robots-refused", lambda s: None,
              "blocked", "robots.txt unreachable (connection refused): treated as disallow (RFC 9309)", 0,
              refused=True),
    RobotsRow("robots-5xx", lambda s: s.inject(ROBOTS, Fault(status=503), times=None),
              "blocked", "robots.txt unavailable (HTTP 503): treated as disallow (RFC 9309)", 2),
    # A 5xx, then the retry finds no robots.txt (404): everything is allowed.
    RobotsRow("robots-5xx-once", lambda s: s.inject(ROBOTS, Fault(status=500)), "ok", None, 2),
    # A 404 means allow all, whatever its error page says.
    RobotsRow("robots-404", lambda s: s.inject(
        ROBOTS, Fault(status=404, body=b"User-agent: *\nDisallow: /\n", content_type="text/plain"), times=None),
              "ok", None, 1),
]


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The three crawls and their servers: {"root", "servers", "greenhouse", "lever", "jsonld"}.
    Greenhouse and Lever share the server "api"; each robots.txt row has a server of its own."""
    base = tmp_path_factory.mktemp("faults")
    root = base / "replay"
    shutil.copytree(BASIC, root)
    for row in ROWS:
        if row.board not in NO_FILE:
            shutil.copy(TEMPLATE, root / "greenhouse" / f"{row.board}.json")
    shutil.copy(TEMPLATE, root / "greenhouse" / "moved-here.json")
    for row in LEVER_ROWS:
        shutil.copy(LEVER_TEMPLATE, root / "lever" / f"{row.board}.json")
    for robots_row in ROBOTS_ROWS:  # each a copy of the healthy site
        shutil.copytree(root / "jsonld" / HEALTHY_SITE, root / "jsonld" / robots_row.site)
    servers = {"api": ReplayServer(root)}
    servers.update((r.site, ReplayServer(root)) for r in ROBOTS_ROWS if not r.refused)
    try:
        for server in servers.values():
            server.start()
        api = servers["api"]
        for row in [*ROWS, *LEVER_ROWS]:
            row.setup(api)
        sitemaps = {HEALTHY_SITE: f"{api.url}/{HEALTHY_SITE}/sitemap.xml"}
        for robots_row in ROBOTS_ROWS:
            if robots_row.refused:
                host = f"http://127.0.0.1:{closed_port()}"
            else:
                robots_row.setup(servers[robots_row.site])
                host = servers[robots_row.site].url
            sitemaps[robots_row.site] = f"{host}/{robots_row.site}/sitemap.xml"
        greenhouse_boards = [*HEALTHY_GREENHOUSE, *(row.board for row in ROWS if row.board not in NO_REQUEST)]
        lever_boards = [*HEALTHY_LEVER, *(row.board for row in LEVER_ROWS)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {
                # The longest first: the other two run one after the other beside it.
                "greenhouse": pool.submit(crawl, "greenhouse", greenhouse_boards, base / "greenhouse",
                                          GREENHOUSE_API_URL=api.url),
                # One retry shows robots.txt is retried, and spares a DOWNLOAD_TIMEOUT on the timeout row.
                "jsonld": pool.submit(crawl, "jsonld", list(sitemaps), base / "jsonld", args={"sitemaps": sitemaps},
                                      RETRY_TIMES=1),
                "lever": pool.submit(crawl, "lever", lever_boards, base / "lever", LEVER_API_URL=api.url),
            }
            results = {name: future.result() for name, future in futures.items()}
        yield {"root": root, "servers": servers, **results}
    finally:
        for server in servers.values():
            server.stop()


# --- the board rows ------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", [*ROWS, *LEVER_ROWS], ids=[row.board for row in [*ROWS, *LEVER_ROWS]])
def test_board_fault(crawls, row: Row):
    result: Crawled = crawls[row.spider]
    outcome, crawl_row = result.summary["boards"][row.board], result.rows[row.board]
    assert (outcome["status"], outcome["n_items"]) == (row.status, row.n_items), outcome
    assert (crawl_row["source"], crawl_row["status"], crawl_row["n_items"]) == (row.spider, row.status, row.n_items)
    if row.error is None:
        assert outcome["error"] is None and crawl_row["error"] is None
    else:
        assert outcome["error"].startswith(row.error), outcome["error"]
        assert crawl_row["error"] == outcome["error"]
    times = request_times(crawls["servers"]["api"], row.path)
    assert len(times) == row.requests, times


@pytest.mark.parametrize("spider", ["greenhouse", "lever"])
def test_healthy_boards_lose_nothing_next_to_the_faulty_ones(crawls, spider):
    for board in {"greenhouse": HEALTHY_GREENHOUSE, "lever": HEALTHY_LEVER}[spider]:
        assert_board_loses_nothing(crawls[spider], crawls["root"], board)
    # A board that recovered (a retry, a redirect) loses nothing either.
    for row in [*ROWS, *LEVER_ROWS]:
        if row.spider == spider and row.status == "ok":
            assert_board_loses_nothing(crawls[spider], crawls["root"], row.board)


def test_retries_wait_as_asked(crawls):
    server = crawls["servers"]["api"]
    first, second = request_times(server, gh("retry-after"))
    assert second - first >= 1.0  # Retry-After: 1
    down = request_times(server, gh("down-5xx"))
    for (a, b), backoff in zip(zip(down, down[1:]), (BACKOFF, 2 * BACKOFF)):
        assert b - a >= backoff * 0.95
    slow = request_times(server, gh("slow"))
    assert all(b - a >= DOWNLOAD_TIMEOUT * 0.95 for a, b in zip(slow, slow[1:]))  # each try waited out
    stats = crawls["greenhouse"].summary["stats"]
    assert stats["jobtrends/retry/retry_after_honoured"] == 1
    assert stats["jobtrends/retry/retry_after_too_long"] == 1


def test_what_the_faulty_boards_land(crawls):
    result: Crawled = crawls["greenhouse"]
    lines = result.lines
    landed = ("retry-after", "retry-after-too-long", "flaky-5xx", "down-5xx", "html-body", "moved")
    statuses = {b: [line["status"] for line in lines if line["board"] == b] for b in landed}
    # Only the final response is landed (a retried one never is); a download that got no response
    # lands nothing.
    assert statuses == {
        "retry-after": [200], "retry-after-too-long": [429], "flaky-5xx": [200], "down-5xx": [500],
        "html-body": [200], "moved": [200],
    }
    nothing = ("slow", "reset", "truncated", "oversized", "redirect-self", "redirect-ab", "redirect-chain")
    assert not [line for line in lines if line["board"] in nothing]
    (moved,) = [line for line in lines if line["board"] == "moved"]
    assert moved["url"].endswith(gh("moved-here", "?content=true"))
    # HTML where JSON was expected: quarantined with its reason, never parsed into postings.
    (rejected,) = [q for q in result.landed.quarantine if q["board"] == "html-body"]
    assert rejected["reason"].startswith("unparseable body: ") and "<html>" in rejected["record"]


def test_a_board_failing_mid_paging_keeps_its_first_page(crawls):
    result: Crawled = crawls["lever"]
    pages = {b: [(line["url"].split("skip=")[1].split("&")[0], line["status"]) for line in result.lines
                 if line["board"] == b] for b in ("page-down", "page-html")}
    assert pages == {"page-down": [("0", 200), ("2", 500)], "page-html": [("0", 200), ("2", 200)]}
    # Page 1's postings are parsed (crawl_runs counts them); the HTML page 2 is quarantined.
    (rejected,) = [q for q in result.landed.quarantine if q["board"] == "page-html"]
    assert "skip=2" in rejected["url"] and rejected["reason"].startswith("unparseable body: ")
    # The page was asked for by its query: the other pages of the board were served normally.
    assert crawls["servers"]["api"].paths().count(lever_page("page-html", 0)) == 1


# --- the robots.txt rows -------------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROBOTS_ROWS, ids=[row.site for row in ROBOTS_ROWS])
def test_robots_fault(crawls, row: RobotsRow):
    result: Crawled = crawls["jsonld"]
    outcome, crawl_row = result.summary["boards"][row.site], result.rows[row.site]
    assert (outcome["status"], outcome["error"]) == (row.status, row.error)
    assert (crawl_row["source"], crawl_row["status"], crawl_row["error"]) == ("jsonld", row.status, row.error)
    server = crawls["servers"].get(row.site)
    if row.status == "ok":
        assert_board_loses_nothing(result, crawls["root"], row.site)
    else:
        # Disallowed for the rest of the crawl: the sitemap was never requested, nothing landed.
        assert crawl_row["n_items"] == 0 and outcome["n_responses"] == 0
        assert not [line for line in result.lines if line["board"] == row.site]
        assert server is None or set(server.paths()) == {ROBOTS}
    assert (len(request_times(server, ROBOTS)) if server else 0) == row.robots_requests


def test_robots_faults_leave_other_hosts_alone(crawls):
    result: Crawled = crawls["jsonld"]
    assert_board_loses_nothing(result, crawls["root"], HEALTHY_SITE)
    blocked = [r for r in ROBOTS_ROWS if r.status == "blocked"]
    assert result.summary["stats"]["robotstxt/forbidden"] == len(blocked)  # one sitemap request each
    assert result.summary["stats"]["jobtrends/robots/unreachable_disallow_all"] == 3
    assert result.summary["stats"]["jobtrends/robots/unavailable_disallow_all"] == 1
