"""``jobtrends sources``: list, health-check and discover job boards for ``crawlers/sources.toml``.

    jobtrends sources list [--format table|csv] [--ats X]        the boards, one row each
    jobtrends sources check [--timeout S] [--ats X] [--format F]  LIVE: does each board's API answer?
    jobtrends sources discover [--home H] [--format F]            boards linked from crawled postings,
                                                                  not yet in sources.toml

Wiring into ``flows/cli.py`` (``commands`` is its ``add_subparsers`` object)::

    from flows.sources_cli import add_parser as add_sources_parser
    add_sources_parser(commands)

Every handler is ``handler(args, settings) -> int`` (``settings`` a :class:`flows.config.Settings`).
``check`` is the only command that touches the network: one GET per board on the public job-board
API, with the project's User-Agent, at most :data:`PER_HOST` requests in flight and at least
:data:`MIN_INTERVAL_S` seconds between request starts per host. Base URLs come from the settings
(``greenhouse_api_url``, ``lever_api_url``, ``ashby_api_url``), so tests point them at a replay server.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

from crawlers.sources import ATS_NAMES, Board, SourcesError, load_sources
from flows.cli_output import RowWriter, fail, one_line, stdout_may_close, write_rows
from flows.config import Settings

PER_HOST = 2
MIN_INTERVAL_S = 1.0
DEFAULT_TIMEOUT_S = 20.0
MAX_BODY_BYTES = 64 * 1024 * 1024
# Path and query of each ATS's public board endpoint; {token} is URL-escaped. Lever is asked for one
# posting only: the probe needs to know the board answers, not its size.
ENDPOINTS = {
    "greenhouse": "/v1/boards/{token}/jobs",
    "lever": "/v0/postings/{token}?mode=json&limit=1",
    "ashby": "/posting-api/job-board/{token}",
}
LEVER_PROBE_LIMIT = 1
DISCOVER_SQL = "select coalesce(description_html, description_text) from posting_content"


# --- argparse ------------------------------------------------------------------------------------------


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``sources`` (with ``list``, ``check``, ``discover``) on *subparsers*; return its parser."""
    sources = subparsers.add_parser("sources", help="list, check and discover job boards (crawlers/sources.toml)",
                                    description="The job boards the crawl visits: list them, check them live, "
                                                "or find new ones linked from crawled postings.")
    commands = sources.add_subparsers(dest="sources_command", required=True, metavar="{list,check,discover}")

    def leaf(name: str, help: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(name, help=help, description=help)
        parser.add_argument("--sources", type=Path, metavar="FILE",
                            help="boards file (default: settings sources_file, i.e. crawlers/sources.toml)")
        parser.add_argument("--format", choices=("table", "csv"), default="table")
        parser.set_defaults(home=None)
        return parser

    listing = leaf("list", "print the boards in the sources file")
    listing.add_argument("--ats", choices=ATS_NAMES, help="only boards on this ATS")
    listing.set_defaults(handler=cmd_list)

    check = leaf("check", "LIVE: GET each board's public API endpoint and report whether it answers")
    check.add_argument("--ats", choices=ATS_NAMES, help="only boards on this ATS")
    check.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT_S, metavar="S",
                       help=f"seconds to wait for each response (default {DEFAULT_TIMEOUT_S:g})")
    check.set_defaults(handler=cmd_check)

    discover = leaf("discover", "propose boards linked from crawled postings that are not in the sources file")
    discover.add_argument("--home", help="data folder (default: $JOBTRENDS_HOME, else ./data)")
    discover.set_defaults(handler=cmd_discover)
    return sources


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0: {text!r}")
    return value


# --- handlers ------------------------------------------------------------------------------------------


@stdout_may_close
def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    boards = _boards(args, settings)
    if boards is None:
        return 2
    # CSV is exactly ats,board,company (the documented contract); the table also shows which
    # entries were never seen answering.
    if args.format == "csv":
        write_rows(("ats", "board", "company"), [(b.ats, b.token, b.company) for b in boards], "csv")
    else:
        rows = [(b.ats, b.token, b.company, "yes" if b.confirmed else "NO") for b in boards]
        write_rows(("ats", "board", "company", "confirmed"), rows, args.format)
    return 0


@stdout_may_close
def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from crawlers.settings import user_agent

    boards = _boards(args, settings)
    if boards is None:
        return 2
    base_urls = {"greenhouse": settings.greenhouse_api_url, "lever": settings.lever_api_url,
                 "ashby": settings.ashby_api_url}
    widths = (max([len("ats"), *(len(b.ats) for b in boards)]), max([len("board"), *(len(b.token) for b in boards)]))
    out = RowWriter(("ats", "board", "status"), args.format, widths)
    n_ok = 0
    for board, status in check_boards(boards, base_urls=base_urls, user_agent=user_agent(settings.contact_url),
                                      timeout=args.timeout):
        n_ok += status.startswith("ok ")
        out.row((board.ats, board.token, status))
    failed = len(boards) - n_ok
    print(f"jobtrends: {n_ok} of {len(boards)} boards answered" + (f"; {failed} did not" if failed else ""),
          file=sys.stderr)
    return 1 if failed else 0


@stdout_may_close
def cmd_discover(args: argparse.Namespace, settings: Settings) -> int:
    import duckdb

    from warehouse.db import WarehouseMissing, connect_read

    boards = _boards(args, settings, filter_ats=False)
    if boards is None:
        return 2
    home = Path(args.home) if getattr(args, "home", None) else settings.home
    try:
        con = connect_read(home)
    except WarehouseMissing as exc:
        return fail(str(exc), 2)
    except duckdb.Error as exc:
        return fail(f"cannot open the warehouse: {one_line(exc)}", 2)
    try:
        proposals = discover_boards(_posting_texts(con), known=((b.ats, b.token) for b in boards))
    except duckdb.Error as exc:
        return fail(f"cannot read posting texts from the warehouse: {one_line(exc)}", 1)
    finally:
        con.close()
    write_rows(("ats", "board", "n_mentions"), proposals, args.format)
    return 0


def _boards(args: argparse.Namespace, settings: Settings, filter_ats: bool = True) -> list[Board] | None:
    path = args.sources or settings.sources_file
    try:
        boards = load_sources(path)
    except FileNotFoundError:
        fail(f"no sources file at {path}", 2)
        return None
    except (SourcesError, OSError) as exc:
        fail(one_line(exc), 2)
        return None
    ats = getattr(args, "ats", None) if filter_ats else None
    return [b for b in boards if ats is None or b.ats == ats]


def _posting_texts(con) -> Iterator[str | None]:
    cursor = con.execute(DISCOVER_SQL)
    while rows := cursor.fetchmany(1000):
        for (text,) in rows:
            yield text


# --- output --------------------------------------------------------------------------------------------


# --- check ---------------------------------------------------------------------------------------------


def board_api_url(board: Board, base_urls: dict[str, str]) -> str:
    """The public API URL probed for *board*, under ``base_urls[board.ats]``."""
    base = (base_urls.get(board.ats) or "").rstrip("/")
    if not base:
        raise ValueError(f"no API base URL for {board.ats}")
    return base + ENDPOINTS[board.ats].format(token=quote(board.token, safe=""))


class _HostGate:
    """At least *interval* seconds between request starts to one host (concurrency is the pool's)."""

    def __init__(self, interval: float):
        self.interval = interval
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


def probe(board: Board, url: str, *, user_agent: str, timeout: float) -> str:
    """One GET of *url*; ``"ok N jobs"``, ``"HTTP <status>"`` or ``"error: <reason>"`` (one line)."""
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent, "Accept": "application/json", "Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BODY_BYTES + 1)
            if response.headers.get("Content-Encoding", "").lower() == "gzip":
                body = gzip.decompress(body)
    except urllib.error.HTTPError as exc:
        exc.close()
        return f"HTTP {exc.code}"
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return f"error: timed out after {timeout:g}s"
        return f"error: {one_line(reason)}"
    except TimeoutError:
        return f"error: timed out after {timeout:g}s"
    except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
        return f"error: {type(exc).__name__}: {one_line(exc)}"
    if len(body) > MAX_BODY_BYTES:
        return f"error: response larger than {MAX_BODY_BYTES // (1024 * 1024)} MiB"
    try:
        data = json.loads(body)
    except ValueError:
        return "error: the response is not JSON"
    postings = data if board.ats == "lever" else (data.get("jobs") if isinstance(data, dict) else None)
    if not isinstance(postings, list):
        shape = "a JSON array" if board.ats == "lever" else "a JSON object with a 'jobs' array"
        return f"error: expected {shape}, got {type(data).__name__}"
    if board.ats == "lever" and len(postings) >= LEVER_PROBE_LIMIT:
        return f"ok {len(postings)}+ jobs"  # asked for one posting only
    return f"ok {len(postings)} jobs"


def check_boards(
    boards: Sequence[Board],
    *,
    base_urls: dict[str, str],
    user_agent: str,
    timeout: float = DEFAULT_TIMEOUT_S,
    per_host: int = PER_HOST,
    interval: float = MIN_INTERVAL_S,
) -> Iterator[tuple[Board, str]]:
    """Probe every board's API; yield ``(board, status)`` in the order of *boards*, as results arrive.

    Requests to one host (scheme + host + port) run on their own pool of *per_host* threads, and start
    at least *interval* seconds apart. A board whose base URL is missing gets an ``error:`` status.
    """
    pools: dict[str, ThreadPoolExecutor] = {}
    gates: dict[str, _HostGate] = defaultdict(lambda: _HostGate(interval))
    futures: list[Future[str] | str] = []

    def run(board: Board, url: str, gate: _HostGate) -> str:
        gate.wait()
        return probe(board, url, user_agent=user_agent, timeout=timeout)

    try:
        for board in boards:
            try:
                url = board_api_url(board, base_urls)
            except ValueError as exc:
                futures.append(f"error: {exc}")
                continue
            host = urlsplit(url)._replace(path="", query="", fragment="").geturl()
            if host not in pools:
                pools[host] = ThreadPoolExecutor(max_workers=per_host, thread_name_prefix=f"sources-check-{len(pools)}")
            futures.append(pools[host].submit(run, board, url, gates[host]))
        for board, future in zip(boards, futures):
            yield board, future if isinstance(future, str) else future.result()
    finally:
        for pool in pools.values():
            pool.shutdown(wait=True, cancel_futures=True)


# --- discover ------------------------------------------------------------------------------------------


def discover_boards(texts: Iterable[str | None], known: Iterable[tuple[str, str]] = ()) -> list[tuple[str, str, int]]:
    """``(ats, board, n_mentions)`` for boards linked from *texts* and not in *known*.

    ``n_mentions`` is the number of texts linking the board. Tokens compare case-insensitively; a board
    written in several cases is reported under its most frequent spelling. Sorted by mentions
    (most first), then ats and board.
    """
    from crawlers.discover import find_board_links

    known_keys = {(ats, token.casefold()) for ats, token in known}
    mentions: Counter[tuple[str, str]] = Counter()
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for text in texts:
        if not text:
            continue
        keys: set[tuple[str, str]] = set()
        for ats, token in find_board_links(text):
            key = (ats, token.casefold())
            if key in known_keys:
                continue
            spellings[key][token] += 1
            keys.add(key)
        mentions.update(keys)
    rows = [(ats, min(spellings[(ats, k)].items(), key=lambda kv: (-kv[1], kv[0]))[0], n)
            for (ats, k), n in mentions.items()]
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1].casefold(), r[1]))
