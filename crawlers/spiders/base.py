"""The shared base of the board spiders: they fetch and land, nothing else.

A platform spider only declares where its API lives (All-the-Places style)::

    class GreenhouseSpider(BoardSpider):
        name = "greenhouse"
        source = "greenhouse"
        base_url_setting = "GREENHOUSE_API_URL"
        endpoint = "/v1/boards/{board}/jobs?content=true"

The base turns boards (``-a boards=tok1,tok2``, else ``sources.toml``) into requests, lands every
final response — any status — as a :class:`~crawlers.items.RawResponse`, follows skip/limit paging
when ``page_size_setting`` is set, and keeps one outcome per board, written to
``<spider>.summary.json`` when the spider closes.

Outcomes: ``ok`` (every response 2xx with the expected JSON shape), ``failed`` (a non-2xx final
status — "HTTP 404" —, a network error, or an unparseable body) or ``blocked`` (robots.txt forbade
the request). A board that never got an answer is ``failed``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from crawlers.items import RawResponse, utc_now_iso
from crawlers.pipelines import raw_dir, write_summary
from crawlers.sources import load_sources

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

ROBOTS_ERROR = "disallowed by robots.txt"
NO_RESPONSE_ERROR = "no response received"
# Statuses passed to the callback. 3xx stay out so RedirectMiddleware still follows redirects; a
# redirect it cannot follow reaches the errback as HttpError and is landed there the same way.
HANDLED_STATUSES = [*range(200, 300), *range(400, 600)]
# Stats worth keeping in the summary (prefix match).
SUMMARY_STATS_PREFIXES = (
    "jobtrends/", "downloader/request_count", "downloader/response_count",
    "downloader/response_status_count/", "downloader/exception_type_count/", "retry/",
    "robotstxt/", "httperror/", "item_scraped_count", "item_dropped_count", "log_count/ERROR",
    "log_count/WARNING", "elapsed_time_seconds", "finish_reason",
)


class UnparseableBody(ValueError):
    pass


@dataclass
class BoardOutcome:
    status: str = "pending"  # -> ok | failed | blocked
    error: str | None = None
    n_responses: int = 0
    n_items: int = 0

    def fail(self, status: str, error: str) -> None:
        # The first failure explains the board; later pages or retries do not overwrite it.
        if self.status not in ("failed", "blocked"):
            self.status, self.error = status, error


class BoardSpider(scrapy.Spider):
    """Base of the per-ATS spiders. Subclasses set the class attributes below and nothing else."""

    source: ClassVar[str]
    base_url_setting: ClassVar[str]
    # Path and query after the base URL; {board} is the URL-quoted token, {skip}/{limit} the page.
    endpoint: ClassVar[str]
    # Where the postings are in the JSON body: a key of the top-level object, or None for an array.
    postings_key: ClassVar[str | None] = "jobs"
    # Setting holding the page size for skip/limit paging; None = one request per board.
    page_size_setting: ClassVar[str | None] = None

    def __init__(self, *args: Any, boards: str | list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if isinstance(boards, str):
            boards = [b.strip() for b in boards.split(",") if b.strip()]
        self.board_arg: list[str] | None = list(dict.fromkeys(boards)) if boards is not None else None
        self.outcomes: dict[str, BoardOutcome] = {}
        self.started_at: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Resolve the boards and their URLs now, so a bad sources file or a missing base URL fails
        # the crawl at start-up (non-zero exit) instead of ending it quietly with no boards.
        for board in spider.boards():
            spider.board_url(board)
            spider.outcomes[board] = BoardOutcome()
        # Signals hold receivers weakly: connect bound methods of the (long-lived) spider.
        crawler.signals.connect(spider.on_spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.on_spider_closed, signal=signals.spider_closed)
        return spider

    # --- boards and requests ----------------------------------------------------------------------

    def boards(self) -> list[str]:
        if self.board_arg is not None:
            return self.board_arg
        return [b.token for b in load_sources(self.settings.get("JOBTRENDS_SOURCES_FILE")) if b.ats == self.source]

    def page_size(self) -> int | None:
        return self.settings.getint(self.page_size_setting) if self.page_size_setting else None

    def board_url(self, board: str, skip: int = 0) -> str:
        base = str(self.settings.get(self.base_url_setting) or "").rstrip("/")
        if not base:
            raise ValueError(f"setting {self.base_url_setting} is empty")
        path = self.endpoint.format(board=quote(board, safe=""), skip=skip, limit=self.page_size())
        return base + path

    def board_request(self, board: str, skip: int = 0) -> scrapy.Request:
        return scrapy.Request(
            self.board_url(board, skip),
            callback=self.parse_board,
            errback=self.board_error,
            cb_kwargs={"board": board, "skip": skip},
            meta={"handle_httpstatus_list": HANDLED_STATUSES},
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in list(self.outcomes):
            yield self.board_request(board)

    # --- responses ----------------------------------------------------------------------------------

    def land(self, response: Response, board: str) -> RawResponse:
        self.outcomes[board].n_responses += 1
        return RawResponse(
            spider=self.name, source=self.source, board=board, url=response.url,
            status=response.status, fetched_at=utc_now_iso(), body=response.body,
        )

    def parse_board(self, response: Response, board: str, skip: int) -> Any:
        yield self.land(response, board)
        outcome = self.outcomes[board]
        if not 200 <= response.status < 300:
            self.crawler.stats.inc_value(f"jobtrends/board/http_{response.status}")
            outcome.fail("failed", f"HTTP {response.status}")
            return
        try:
            n = self.count_postings(response.body)
        except UnparseableBody as exc:
            self.crawler.stats.inc_value("jobtrends/board/unparseable_body")
            outcome.fail("failed", f"unparseable body: {exc}")
            return
        outcome.n_items += n
        if outcome.status == "pending":
            outcome.status = "ok"
        limit = self.page_size()
        if limit and n >= limit:
            max_pages = self.settings.getint("JOBTRENDS_MAX_PAGES")
            if outcome.n_responses >= max_pages:
                # A server that ignores skip would otherwise be paged forever.
                self.crawler.stats.inc_value("jobtrends/board/max_pages")
                outcome.fail("failed", f"stopped after {max_pages} pages (JOBTRENDS_MAX_PAGES)")
                return
            yield self.board_request(board, skip + limit)

    def board_error(self, failure: Failure) -> Any:
        request = failure.request  # type: ignore[attr-defined]
        board = request.cb_kwargs["board"]
        outcome = self.outcomes.setdefault(board, BoardOutcome())
        if failure.check(HttpError):  # a redirect RedirectMiddleware could not follow
            response = failure.value.response
            yield self.land(response, board)
            self.crawler.stats.inc_value(f"jobtrends/board/http_{response.status}")
            outcome.fail("failed", f"HTTP {response.status}")
        elif failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            self.crawler.stats.inc_value("jobtrends/board/robots_blocked")
            outcome.fail("blocked", ROBOTS_ERROR)
        else:
            self.crawler.stats.inc_value("jobtrends/board/request_error")
            outcome.fail("failed", f"{failure.type.__name__}: {failure.getErrorMessage()}")
            self.logger.warning("Board %s failed: %s", board, outcome.error)

    def count_postings(self, body: bytes) -> int:
        """Number of postings in a 2xx body; raises :class:`UnparseableBody` when it is not the
        JSON this endpoint serves. Lenient on encoding (BOM, UTF-16, Latin-1) — only counting."""
        try:
            data = json.loads(body)  # detects UTF-8 (with or without BOM), UTF-16 and UTF-32
        except UnicodeDecodeError:
            self.crawler.stats.inc_value("jobtrends/body/not_utf8")
            try:
                data = json.loads(body.decode("latin-1"))
            except ValueError as exc:
                raise UnparseableBody(str(exc)) from exc
        except ValueError as exc:
            raise UnparseableBody(str(exc)) from exc
        if self.postings_key is None:
            postings = data
            shape = "a JSON array"
        else:
            postings = data.get(self.postings_key) if isinstance(data, dict) else None
            shape = f"a JSON object with a {self.postings_key!r} array"
        if not isinstance(postings, list):
            raise UnparseableBody(f"expected {shape}, got {type(data).__name__}")
        return len(postings)

    # --- summary ------------------------------------------------------------------------------------

    def on_spider_opened(self, spider: scrapy.Spider) -> None:
        if spider is self:
            self.started_at = utc_now_iso()

    def on_spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        if spider is not self:
            return
        if self.started_at is None:  # never opened (e.g. its raw file already existed): no summary
            self.logger.error("Spider closed (%s) before it opened: no summary written", reason)
            return
        stats = self.crawler.stats
        for outcome in self.outcomes.values():
            if outcome.status == "pending":
                outcome.fail("failed", NO_RESPONSE_ERROR)
        for outcome in self.outcomes.values():
            stats.inc_value(f"jobtrends/boards/{outcome.status}")
        all_stats = stats.get_stats()
        subset = {k: v for k, v in sorted(all_stats.items()) if k.startswith(SUMMARY_STATS_PREFIXES)}
        subset.setdefault("finish_reason", reason)
        summary = {
            "spider": self.name,
            "started_at": self.started_at,
            "finished_at": utc_now_iso(),
            "boards": {board: asdict(o) for board, o in self.outcomes.items()},
            "stats": subset,
        }
        path = write_summary(raw_dir(self.settings), self.name, summary)
        self.logger.info(
            "Summary written to %s: %s", path,
            {s: sum(o.status == s for o in self.outcomes.values()) for s in ("ok", "failed", "blocked")},
        )
