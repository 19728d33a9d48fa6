"""The shared base of the spiders: they fetch and land, nothing else.

A platform spider only declares where its API lives (All-the-Places style)::

    class GreenhouseSpider(BoardSpider):
        name = "greenhouse"
        source = "greenhouse"
        base_url_setting = "GREENHOUSE_API_URL"
        endpoint = "/v1/boards/{board}/jobs?content=true"

The base turns boards (``-a boards=tok1,tok2``, else ``default_boards``, else ``sources.toml``) into
requests, lands every final response — any status — as a :class:`~crawlers.items.RawResponse`,
follows skip/limit paging when ``page_size_setting`` is set, and keeps one outcome per board, written
to ``<spider>.summary.json`` when the spider closes. Spiders that walk several requests per board
(Hacker News, JSON-LD sites) reuse :meth:`BoardSpider.request`, :meth:`BoardSpider.land`,
:meth:`BoardSpider.check_status` and :meth:`BoardSpider.board_error` with callbacks of their own.

Outcomes: ``ok`` (every response 2xx with the expected shape), ``failed`` (a non-2xx final status —
"HTTP 404" —, a network error, a redirect loop or an unparseable body), ``blocked`` (robots.txt
forbade the request, or could not be fetched: "robots.txt unreachable (timeout): treated as
disallow (RFC 9309)") or ``skipped`` (the spider's daily request budget for the host is spent, see
:class:`crawlers.middlewares.RequestBudget`: nothing was requested). A board that never got an
answer is ``failed``. The first non-ok outcome of a board sticks.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from crawlers.items import RawResponse, utc_now_iso
from crawlers.middlewares import (
    DailyLimitReached,
    RequestBudget,
    RobotsTxtUnavailable,
    daily_limit_error,
    download_error,
)
from crawlers.pipelines import raw_dir, write_summary
from crawlers.sources import load_sources

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from twisted.python.failure import Failure

ROBOTS_ERROR = "disallowed by robots.txt"
NO_RESPONSE_ERROR = "no response received"
STATUSES = ("ok", "failed", "blocked", "skipped")
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


# RedirectMiddleware's IgnoreRequest message once REDIRECT_MAX_TIMES is used up.
MAX_REDIRECTS_MESSAGE = "max redirections reached"


def too_many_redirects_error(request: scrapy.Request) -> str:
    urls = request.meta.get("redirect_urls", [])
    kind = "redirect loop" if request.url in urls else "too many redirects"
    return f"{kind}: gave up after {len(urls)} redirects (REDIRECT_MAX_TIMES) at {request.url}"


def redirect_loop_error(request: scrapy.Request) -> str:
    n = len(request.meta.get("redirect_urls", []))
    return f"redirect loop: redirected back to {request.url} after {n} redirects"


@dataclass
class BoardOutcome:
    status: str = "pending"  # -> ok | failed | blocked | skipped
    error: str | None = None
    n_responses: int = 0
    n_items: int = 0
    # Responses or records that are not postings and were not counted in n_items (HN: deleted and
    # dead comments). Only spiders that skip things report it; None keeps it out of the summary.
    n_skipped: int | None = None

    def fail(self, status: str, error: str) -> None:
        # The first failure explains the board; later pages or retries do not overwrite it.
        if self.status not in ("failed", "blocked", "skipped"):
            self.status, self.error = status, error

    def succeed(self) -> None:
        if self.status == "pending":
            self.status = "ok"

    def skip(self, n: int = 1) -> None:
        self.n_skipped = (self.n_skipped or 0) + n

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["n_skipped"] is None:
            del data["n_skipped"]
        return data


def split_arg(value: str | list[str] | None) -> list[str] | None:
    """A comma-separated spider argument as a de-duplicated list (None stays None)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    return list(dict.fromkeys(v.strip() for v in value if v and v.strip()))


def json_arg(value: str | dict[str, Any] | None, name: str) -> dict[str, Any]:
    """A spider argument holding a JSON object (``-a sitemaps='{"acme": "https://..."}'``)."""
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise ValueError(f"spider argument {name} must be a JSON object: {exc}") from None
    if not isinstance(value, dict):
        raise ValueError(f"spider argument {name} must be a JSON object, got {type(value).__name__}")
    return value


class BoardSpider(scrapy.Spider):
    """Base of the spiders. Per-ATS subclasses set the class attributes below and nothing else."""

    source: ClassVar[str]
    base_url_setting: ClassVar[str]
    # Path and query after the base URL; {board} is the URL-quoted token, {skip}/{limit} the page.
    endpoint: ClassVar[str] = ""
    # Where the postings are in the JSON body: a key of the top-level object, or None for an array.
    postings_key: ClassVar[str | None] = "jobs"
    # Leading elements of the postings array that are not postings (Remote OK: a legal notice).
    leading_non_postings: ClassVar[int] = 0
    # Setting holding the page size for skip/limit paging; None = one request per board.
    page_size_setting: ClassVar[str | None] = None
    # Boards crawled when no `-a boards=` is given, for sources that are one feed (hn, remoteok,
    # remotive); empty = the source's boards in sources.toml.
    default_boards: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, boards: str | list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.board_arg: list[str] | None = split_arg(boards)
        self.outcomes: dict[str, BoardOutcome] = {}
        self.started_at: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.budget = RequestBudget.from_settings(crawler.settings)
        # Resolve the boards and their URLs now, so a bad sources file or a missing base URL fails
        # the crawl at start-up (non-zero exit) instead of ending it quietly with no boards.
        for board in spider.boards():
            spider.check_board(board)
            spider.outcomes[board] = spider.new_outcome()
        # Signals hold receivers weakly: connect bound methods of the (long-lived) spider.
        crawler.signals.connect(spider.on_spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.on_spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(spider.on_request_dropped, signal=signals.request_dropped)
        return spider

    # --- boards and requests ----------------------------------------------------------------------

    def boards(self) -> list[str]:
        if self.board_arg is not None:
            return self.board_arg
        if self.default_boards:
            return list(self.default_boards)
        return [b.token for b in load_sources(self.settings.get("JOBTRENDS_SOURCES_FILE")) if b.ats == self.source]

    def new_outcome(self) -> BoardOutcome:
        return BoardOutcome()

    def check_board(self, board: str) -> None:
        """Raise (failing the crawl at start-up) when *board* cannot be crawled as configured."""
        self.board_url(board)

    def base_url(self) -> str:
        base = str(self.settings.get(self.base_url_setting) or "").rstrip("/")
        if not base:
            raise ValueError(f"setting {self.base_url_setting} is empty")
        return base

    def page_size(self) -> int | None:
        return self.settings.getint(self.page_size_setting) if self.page_size_setting else None

    def board_url(self, board: str, skip: int = 0) -> str:
        path = self.endpoint.format(board=quote(board, safe=""), skip=skip, limit=self.page_size())
        return self.base_url() + path

    def request(
        self, url: str, board: str, callback: Any, *, priority: int = 0,
        headers: dict[str, str] | None = None, **cb_kwargs: Any,
    ) -> scrapy.Request:
        """A request whose every final response reaches *callback* and every failure
        :meth:`board_error`; *cb_kwargs* go to both (``board`` always)."""
        return scrapy.Request(
            url, callback=callback, errback=self.board_error, priority=priority, headers=headers,
            cb_kwargs={"board": board, **cb_kwargs},
            meta={"handle_httpstatus_list": HANDLED_STATUSES},
        )

    def board_request(self, board: str, skip: int = 0) -> scrapy.Request:
        return self.request(self.board_url(board, skip), board, self.parse_board, skip=skip)

    def budget_refusal(self, url: str) -> str | None:
        """The error to record when this spider's daily budget for *url*'s host is already spent
        (so nothing at all is requested there, robots.txt included); else None."""
        host = urlsplit(url).hostname or ""
        if self.budget.remaining(self.name, host) != 0:
            return None
        limit = self.budget.limit_for(self.name, host)
        assert limit is not None
        self.crawler.stats.inc_value("jobtrends/budget/refused")
        return daily_limit_error(limit)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in list(self.outcomes):
            refusal = self.budget_refusal(self.board_url(board))
            if refusal:
                self.logger.info("Board %s skipped: %s", board, refusal)
                self.outcomes[board].fail("skipped", refusal)
                continue
            yield self.board_request(board)

    # --- responses ----------------------------------------------------------------------------------

    def land(self, response: Response, board: str, context: dict[str, Any] | None = None) -> RawResponse:
        self.outcomes[board].n_responses += 1
        return RawResponse(
            spider=self.name, source=self.source, board=board, url=response.url,
            status=response.status, fetched_at=utc_now_iso(), body=response.body, context=context,
        )

    def check_status(self, response: Response, board: str) -> bool:
        """True for a 2xx response; else record the board as failed ("HTTP <status>")."""
        if 200 <= response.status < 300:
            return True
        self.crawler.stats.inc_value(f"jobtrends/board/http_{response.status}")
        self.outcomes[board].fail("failed", f"HTTP {response.status}")
        return False

    def load_json(self, body: bytes) -> Any:
        """The JSON in a body, lenient on encoding (BOM, UTF-16, Latin-1) — for counting only.
        Raises :class:`UnparseableBody`."""
        try:
            return json.loads(body)  # detects UTF-8 (with or without BOM), UTF-16 and UTF-32
        except UnicodeDecodeError:
            self.crawler.stats.inc_value("jobtrends/body/not_utf8")
            try:
                return json.loads(body.decode("latin-1"))
            except ValueError as exc:
                raise UnparseableBody(str(exc)) from exc
        except ValueError as exc:
            raise UnparseableBody(str(exc)) from exc

    def unparseable(self, board: str, exc: Exception, response: Response | None = None) -> None:
        self.crawler.stats.inc_value("jobtrends/board/unparseable_body")
        error = f"unparseable body: {exc}"
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1") if response is not None else ""
        if ctype and "json" not in ctype.lower():
            error += f" (served as {ctype})"  # e.g. an HTML error page where the API's JSON belongs
        self.outcomes[board].fail("failed", error)

    def parse_board(self, response: Response, board: str, skip: int) -> Any:
        yield self.land(response, board)
        outcome = self.outcomes[board]
        if not self.check_status(response, board):
            return
        try:
            n = self.count_postings(response.body)
        except UnparseableBody as exc:
            self.unparseable(board, exc, response)
            return
        outcome.n_items += max(0, n - (self.leading_non_postings if skip == 0 else 0))
        outcome.succeed()
        limit = self.page_size()
        if limit and n >= limit:
            max_pages = self.settings.getint("JOBTRENDS_MAX_PAGES")
            if outcome.n_responses >= max_pages:
                # A server that ignores skip would otherwise be paged forever.
                self.crawler.stats.inc_value("jobtrends/board/max_pages")
                outcome.fail("failed", f"stopped after {max_pages} pages (JOBTRENDS_MAX_PAGES)")
                return
            yield self.board_request(board, skip + limit)

    def board_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        board = request.cb_kwargs["board"]
        outcome = self.outcomes.setdefault(board, self.new_outcome())
        if failure.check(HttpError):  # a redirect RedirectMiddleware could not follow
            response = failure.value.response
            yield self.land(response, board, request.cb_kwargs.get("context"))
            self.crawler.stats.inc_value(f"jobtrends/board/http_{response.status}")
            outcome.fail("failed", f"HTTP {response.status}")
        elif failure.check(DailyLimitReached):
            outcome.fail("skipped", failure.getErrorMessage())
            self.logger.info("Board %s: %s", board, outcome.error)
        elif failure.check(RobotsTxtUnavailable):
            self.crawler.stats.inc_value("jobtrends/board/robots_blocked")
            outcome.fail("blocked", failure.getErrorMessage())
        elif failure.check(IgnoreRequest) and failure.getErrorMessage() == MAX_REDIRECTS_MESSAGE:
            self.crawler.stats.inc_value("jobtrends/board/too_many_redirects")
            outcome.fail("failed", too_many_redirects_error(request))
            self.logger.warning("Board %s failed: %s", board, outcome.error)
        elif failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            self.crawler.stats.inc_value("jobtrends/board/robots_blocked")
            outcome.fail("blocked", ROBOTS_ERROR)
        else:
            self.crawler.stats.inc_value("jobtrends/board/request_error")
            outcome.fail("failed", download_error(failure.value))
            self.logger.warning("Board %s failed: %s", board, outcome.error)

    def on_request_dropped(self, request: scrapy.Request, spider: scrapy.Spider | None = None) -> None:
        # A redirect back to a URL of its own chain is dropped by the duplicate filter before
        # REDIRECT_MAX_TIMES is reached, and no callback hears of it: record the loop here. (A
        # redirect to a URL another request fetched is a duplicate, not a failure.)
        board = request.cb_kwargs.get("board")
        if board not in self.outcomes or request.url not in request.meta.get("redirect_urls", ()):
            return
        self.crawler.stats.inc_value("jobtrends/board/redirect_loop")
        self.outcomes[board].fail("failed", redirect_loop_error(request))
        self.logger.warning("Board %s failed: %s", board, self.outcomes[board].error)

    def count_postings(self, body: bytes) -> int:
        """Number of elements in the postings array of a 2xx body (``leading_non_postings``
        included); raises :class:`UnparseableBody` when it is not the JSON this endpoint serves."""
        data = self.load_json(body)
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
            "boards": {board: o.as_dict() for board, o in self.outcomes.items()},
            "stats": subset,
        }
        path = write_summary(raw_dir(self.settings), self.name, summary)
        self.logger.info(
            "Summary written to %s: %s", path,
            {s: sum(o.status == s for o in self.outcomes.values()) for s in STATUSES},
        )
