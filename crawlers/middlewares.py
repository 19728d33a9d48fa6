"""Downloader middlewares and the settings add-on that keep the crawlers polite.

* :class:`RetryAfterMiddleware` — Scrapy's retries plus a wait before each retry: the server's
  ``Retry-After`` on 429/503 when it sends one, else exponential backoff.
* :class:`JobtrendsAddon` — settings derived from other settings once the command line is known:
  ``USER_AGENT`` from ``JOBTRENDS_CONTACT_URL`` and per-host ``DOWNLOAD_SLOTS`` for
  ``JOBTRENDS_FAST_HOSTS``.
* :class:`FastHostsMiddleware` — keeps AutoThrottle from re-imposing a delay on those fast hosts.
* :class:`RobotsTxtMiddleware` — Scrapy's, fixed so robots.txt binds every request that waited
  for it (Scrapy 2.19 lets all but the first waiter through; see the class), a robots.txt that
  fails (5xx, timeout, no connection) disallows the host (RFC 9309), and ``Crawl-delay`` is honoured
  per host (Scrapy parses it but ignores it).
* :class:`DailyLimitMiddleware` — a persistent per-spider, per-host request budget over a rolling
  24 h window (``JOBTRENDS_DAILY_LIMITS``; Remotive asks for at most 4 calls a day), kept in
  ``JOBTRENDS_STATE_DIR``; see :class:`RequestBudget`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.response import response_status_message
from twisted.internet import error as tx
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from scrapy.robotstxt import RobotParser
    from scrapy.settings import Settings

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = frozenset({429, 503})
# The download delay of a fast (replay) host: 1 ms, not 0. With a delay of exactly 0, Scrapy 2.19's
# downloader (asyncio reactor) starts every queued request of a slot at once — it schedules them as
# tasks before any counts as transferring — so the slot's concurrency limit is not enforced. Any
# positive delay makes it start one request per pass, and the limit holds.
FAST_HOST_DELAY = 0.001
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


def setting_list(settings: BaseSettings, name: str) -> list[str]:
    """A list setting given as a list, a comma-separated string or a JSON list string."""
    value = settings.get(name)
    if isinstance(value, str) and value.strip().startswith("["):
        value = json.loads(value)
        if not isinstance(value, list):  # pragma: no cover - startswith("[") makes this a list
            raise ValueError(f"{name} must be a JSON list")
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(v).strip() for v in settings.getlist(name) if str(v).strip()]


def parse_retry_after(value: str | bytes | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date), else None."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    value = value.strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware that waits before each retry.

    The wait is the ``Retry-After`` the server sent with a 429 or 503 response, else
    ``JOBTRENDS_RETRY_BACKOFF_BASE * 2 ** (retry - 1)`` seconds; never more than
    ``JOBTRENDS_RETRY_AFTER_MAX``. A ``Retry-After`` longer than that maximum is honoured by not
    retrying at all: the final response (429/503) goes to the spider, which records the board as
    failed. The wait holds only the request being retried, not the download slot.
    """

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("JOBTRENDS_RETRY_BACKOFF_BASE")
        self.max_wait = settings.getfloat("JOBTRENDS_RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        o = cls(crawler.settings)
        o.crawler = crawler
        return o

    def backoff(self, request: Request) -> float:
        retry = request.meta.get("retry_times", 0) + 1
        return min(self.backoff_base * 2 ** (retry - 1), self.max_wait)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        stats = self.crawler.stats
        wait = self.backoff(request)
        if response.status in RETRY_AFTER_STATUSES:
            asked = parse_retry_after(response.headers.get(b"Retry-After"))
            if asked is not None:
                if asked > self.max_wait:
                    logger.warning(
                        "Not retrying %s: Retry-After %.0f s exceeds JOBTRENDS_RETRY_AFTER_MAX %.0f s",
                        request, asked, self.max_wait,
                    )
                    stats.inc_value("jobtrends/retry/retry_after_too_long")
                    return response
                wait = asked
                stats.inc_value("jobtrends/retry/retry_after_honoured")
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await self._wait(request, wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        wait = self.backoff(request)
        retry = self._retry(request, exception)
        if retry is not None:
            await self._wait(request, wait)
        return retry

    async def _wait(self, request: Request, seconds: float) -> None:
        if seconds <= 0:
            return
        logger.debug("Waiting %.1f s before retrying %s", seconds, request)
        self.crawler.stats.inc_value("jobtrends/retry/wait_seconds", seconds)
        await sleep(seconds)


class JobtrendsAddon:
    """Derives settings from other settings after ``-s`` overrides are known.

    * ``JOBTRENDS_CONTACT_URL`` set at a higher priority than ``USER_AGENT`` rebuilds the UA.
    * Each host in ``JOBTRENDS_FAST_HOSTS`` gets a ``DOWNLOAD_SLOTS`` entry with (next to) no delay
      (:data:`FAST_HOST_DELAY`, no jitter) and the usual per-host concurrency
      (``CONCURRENT_REQUESTS_PER_DOMAIN``, at most 2).
    """

    def update_settings(self, settings: Settings) -> None:
        from crawlers.settings import user_agent

        contact_priority = settings.getpriority("JOBTRENDS_CONTACT_URL") or 0
        if contact_priority > (settings.getpriority("USER_AGENT") or 0):
            settings.set(
                "USER_AGENT", user_agent(settings["JOBTRENDS_CONTACT_URL"]), priority=contact_priority
            )

        hosts = setting_list(settings, "JOBTRENDS_FAST_HOSTS")
        if not hosts:
            return
        slots: dict[str, dict[str, Any]] = settings.getdict("DOWNLOAD_SLOTS")
        concurrency = min(settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") or 2, 2)
        for host in hosts:
            slot = dict(slots.get(host, {}))
            slot["delay"] = FAST_HOST_DELAY
            slot["jitter"] = 0
            slot["concurrency"] = min(int(slot.get("concurrency", concurrency)), concurrency)
            slots[host] = slot
        priority = max(
            settings.getpriority("JOBTRENDS_FAST_HOSTS") or 0,
            settings.getpriority("DOWNLOAD_SLOTS") or 0,
        )
        settings.set("DOWNLOAD_SLOTS", slots, priority=priority)


class FastHostsMiddleware:
    """Marks requests to ``JOBTRENDS_FAST_HOSTS`` so AutoThrottle never raises their delay."""

    def __init__(self, hosts: list[str]):
        self.hosts = frozenset(h.lower() for h in hosts)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(setting_list(crawler.settings, "JOBTRENDS_FAST_HOSTS"))

    def process_request(self, request: Request) -> None:
        if self.hosts and (urlparse_cached(request).hostname or "").lower() in self.hosts:
            request.meta["autothrottle_dont_adjust_delay"] = True
        return None


class RobotsTxtUnavailable(IgnoreRequest):
    """A request not sent because its host's robots.txt could not be fetched (complete disallow)."""


def robots_unavailable_error(reason: str) -> str:
    """The error of a board whose host's robots.txt failed: *reason* is "HTTP 503", "timeout", ..."""
    kind = "unavailable" if reason.startswith("HTTP ") else "unreachable"
    return f"robots.txt {kind} ({reason}): treated as disallow (RFC 9309)"


def network_error_reason(exc: BaseException) -> str:
    """A short reason for a download that got no (complete) response."""
    if isinstance(exc, (DownloadTimeoutError, tx.TimeoutError, TimeoutError)):
        return "timeout"
    if isinstance(exc, (DownloadConnectionRefusedError, tx.ConnectionRefusedError, ConnectionRefusedError)):
        return "connection refused"
    if isinstance(exc, (CannotResolveHostError, tx.DNSLookupError)):
        return "host name not resolved"
    if isinstance(exc, ResponseDataLossError):
        return "truncated response"
    if isinstance(exc, DownloadCancelledError) and "max size" in str(exc):
        return "body over DOWNLOAD_MAXSIZE"
    text = str(exc).lower()
    if "reset" in text or "lost" in text or "closed" in text or isinstance(exc, (tx.ConnectionLost, tx.ConnectionDone)):
        return "connection lost"
    return type(exc).__name__


# How Twisted failures look inside the message of the exception Scrapy wraps them in.
_FAILURE_REPR = re.compile(r"<twisted\.python\.failure\.Failure (?:[\w.]+\.)?(\w+): (.*?)>")


def download_error(exc: BaseException) -> str:
    """A board's error for a download that got no (complete) response: a short reason, then what
    Scrapy said, e.g. ``"connection lost: DownloadFailedError: ConnectionLost: Connection to the
    other side was lost in a non-clean fashion."``."""
    name = type(exc).__name__
    reasons = getattr(exc.__cause__, "reasons", None)  # Twisted's ResponseFailed: a list of failures
    if isinstance(exc, ResponseDataLossError):  # its causes say "closed cleanly", which misleads
        message = "the connection closed before the whole body (Content-Length) arrived (DOWNLOAD_FAIL_ON_DATALOSS)"
    elif reasons:
        message = "; ".join(f"{f.type.__name__}: {f.getErrorMessage()}" for f in reasons)
    else:
        message = _FAILURE_REPR.sub(r"\1: \2", str(exc)).strip("[] ")
    detail = f"{name}: {message}" if message else name
    reason = network_error_reason(exc)
    return detail if reason == name else f"{reason}: {detail}"


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, fixed, a little stricter, and honouring ``Crawl-delay``.

    * robots.txt applies to *every* request that waited for it. In Scrapy 2.19 (asyncio reactor)
      the requests arriving while robots.txt is being fetched all await one Deferred through
      ``Deferred.asFuture()``, which consumes its result: the first waiter gets the parser, every
      later one ``None`` — "no robots.txt" — and is downloaded even when robots.txt forbids it.
      Here each waiter gets its own Deferred that the shared one feeds.
    * A robots.txt answered with a 5xx status (after retries), or not answered at all (a timeout,
      a refused or reset connection: after retries), means "complete disallow" for that host for the
      rest of the crawl (RFC 9309, 2.3.1.4); Scrapy would parse the error page and allow everything,
      or allow everything after a network error. The requests it stops fail with
      :class:`RobotsTxtUnavailable`, whose message says why. A 4xx means "no robots.txt": allow all,
      whatever the error page says.
    * ``Crawl-delay``: Scrapy parses it (``RobotParser.crawl_delay``) but never applies it. Once a
      host's robots.txt is parsed, each allowed request to it raises its download slot's delay to
      at least the crawl delay for our user agent (capped at ``JOBTRENDS_MAX_CRAWL_DELAY``) and
      narrows the slot's jitter so no randomised gap falls below it. It binds fast (replay) hosts
      too: robots.txt is the site's word. AutoThrottle may lower a slot's delay after a response;
      the floor is re-applied right after (``response_downloaded``), before the next request.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.max_crawl_delay = crawler.settings.getfloat("JOBTRENDS_MAX_CRAWL_DELAY")
        self._crawl_delays: dict[str, float | None] = {}  # netloc -> crawl delay (None: none)
        self._floors: dict[str, float] = {}  # download slot key -> minimum delay
        self._unavailable: dict[str, str] = {}  # netloc -> why its robots.txt means disallow
        # Connected after AutoThrottle's receiver (extensions are built before the downloader), so
        # the floor wins over its adjustment. A bound method: signals hold receivers weakly.
        crawler.signals.connect(self._restore_floor, signal=signals.response_downloaded)

    async def process_request(self, request: Request) -> None:  # type: ignore[override]
        await super().process_request(request)  # raises IgnoreRequest when forbidden
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return
        netloc = urlparse_cached(request).netloc
        delay = self._crawl_delay(netloc, request)
        if delay:
            self._apply_floor(request, delay)

    def _crawl_delay(self, netloc: str, request: Request) -> float | None:
        if netloc in self._crawl_delays:
            return self._crawl_delays[netloc]
        parser = self._parsers.get(netloc)
        if parser is None or isinstance(parser, Deferred):
            return None  # no robots.txt (or not parsed yet): nothing to honour
        useragent = self._robotstxt_useragent or request.headers.get(b"User-Agent", self._default_useragent)
        try:
            asked = parser.crawl_delay(useragent)
        except Exception:  # a parser backend without Crawl-delay support  # noqa: BLE001
            asked = None
        delay: float | None = None
        if asked is not None and asked > 0:
            delay = min(float(asked), self.max_crawl_delay)
            if asked > self.max_crawl_delay:
                logger.warning(
                    "robots.txt of %s asks Crawl-delay %g s; capped at JOBTRENDS_MAX_CRAWL_DELAY %g s",
                    netloc, asked, self.max_crawl_delay,
                )
                self.crawler.stats.inc_value("jobtrends/robots/crawl_delay_capped")
            logger.info("Honouring Crawl-delay %g s for %s", delay, netloc)
            self.crawler.stats.set_value(f"jobtrends/robots/crawl_delay/{netloc}", delay)
        self._crawl_delays[netloc] = delay
        return delay

    def _apply_floor(self, request: Request, delay: float) -> None:
        downloader = self.crawler.engine.downloader
        key, slot = downloader._get_slot(request)  # creates the slot as the download would
        self._floors[key] = delay
        _floor_slot(slot, delay)

    def _restore_floor(self, response: Response, request: Request, spider: Any = None) -> None:
        key = request.meta.get("download_slot")
        floor = self._floors.get(key) if key is not None else None
        if floor is None:
            return
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None:
            _floor_slot(slot, floor)

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            reason = self._unavailable.get(urlparse_cached(request).netloc)
            if reason is None:
                raise
            raise RobotsTxtUnavailable(reason) from None

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            logger.warning(
                "robots.txt of %s answered HTTP %d: assuming complete disallow (RFC 9309)",
                netloc, response.status,
            )
            self.crawler.stats.inc_value("jobtrends/robots/unavailable_disallow_all")
            self._unavailable[netloc] = robots_unavailable_error(f"HTTP {response.status}")
            response = response.replace(body=DISALLOW_ALL)
        elif response.status >= 400:
            # "Unavailable" (RFC 9309, 2.3.1.3): allow all. Scrapy would parse the error page.
            response = response.replace(body=b"")
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if isinstance(exc, IgnoreRequest):  # e.g. too many redirects: "unavailable", allow all
            super()._robots_error(exc, netloc)
            return
        reason = network_error_reason(exc)
        logger.warning("robots.txt of %s unreachable (%s): assuming complete disallow (RFC 9309)", netloc, reason)
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        self._stats.inc_value("jobtrends/robots/unreachable_disallow_all")
        self._unavailable[netloc] = robots_unavailable_error(reason)
        # The parser every later request to this host gets: complete disallow, for the whole crawl.
        parser = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        pending = self._parsers[netloc]
        self._parsers[netloc] = parser
        if isinstance(pending, Deferred):
            pending.callback(parser)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        waiter: Deferred[RobotParser | None] = Deferred()

        def relay(result: Any) -> Any:
            waiter.callback(result)
            return result  # keep the result for the next waiter

        pending.addCallback(relay)
        return await maybe_deferred_to_future(waiter)


def _floor_slot(slot: Any, delay: float) -> None:
    """Make *slot* wait at least *delay* seconds between request starts, jitter included."""
    if slot.delay < delay:
        slot.delay = delay
    # download_delay() is delay * (1 ± jitter): keep delay * (1 - jitter) >= the floor.
    slot.jitter = max(0.0, min(slot.jitter, 1.0 - delay / slot.delay))


# --- daily request budget ---------------------------------------------------------------------------

BUDGET_FILE = "request-budget.json"
BUDGET_WINDOW_S = 24 * 3600.0


def daily_limit_error(limit: int) -> str:
    return f"daily request limit reached ({limit} per 24 h)"


class DailyLimitReached(IgnoreRequest):
    """A request not sent because its spider's daily budget for that host is spent."""


class RequestBudget:
    """At most ``limits[spider]`` requests per spider and host in any rolling 24 h window, across runs.

    The state is a JSON file, ``<state_dir>/request-budget.json``:
    ``{"<spider>": {"<host>": ["<ISO-8601 UTC time of a request>", ...]}}`` — one entry per request
    sent (retries included; robots.txt not), pruned to the window on every write. Read-modify-write
    happens under an exclusive lock (``request-budget.json.lock``), so concurrent crawls share one
    budget. Hosts in *exempt_hosts* (``JOBTRENDS_FAST_HOSTS``: our loopback replay server) are never
    counted nor limited. An unreadable state file is logged and treated as empty.
    """

    def __init__(
        self, state_dir: Path | str, limits: dict[str, int], exempt_hosts: list[str] | None = None,
        *, window: float = BUDGET_WINDOW_S,
    ):
        self.state_dir = Path(state_dir).expanduser()
        self.limits = {str(k): int(v) for k, v in limits.items()}
        self.exempt = frozenset(h.lower() for h in (exempt_hosts or []))
        self.window = window

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RequestBudget:
        return cls(
            settings.get("JOBTRENDS_STATE_DIR") or "~/.local/state/jobtrends",
            settings.getdict("JOBTRENDS_DAILY_LIMITS"),
            setting_list(settings, "JOBTRENDS_FAST_HOSTS"),
        )

    @property
    def path(self) -> Path:
        return self.state_dir / BUDGET_FILE

    def limit_for(self, spider: str, host: str) -> int | None:
        """The spider's daily limit on *host*, or None when it has none there (or the host is exempt)."""
        if host.lower() in self.exempt:
            return None
        return self.limits.get(spider)

    def remaining(self, spider: str, host: str, *, now: float | None = None) -> int | None:
        """Requests left in the window (None = unlimited). Reads the state; changes nothing."""
        limit = self.limit_for(spider, host)
        if limit is None:
            return None
        now = time.time() if now is None else now
        with self._locked():
            used = self._recent(self._read(), spider, host.lower(), now)
        return max(0, limit - len(used))

    def acquire(self, spider: str, host: str, *, now: float | None = None) -> bool:
        """Record one request and return True, or return False (recording nothing) when spent."""
        limit = self.limit_for(spider, host)
        if limit is None:
            return True
        host = host.lower()
        now = time.time() if now is None else now
        with self._locked():
            state = self._read()
            used = self._recent(state, spider, host, now)
            if len(used) >= limit:
                return False
            used.append(now)
            state.setdefault(spider, {})[host] = used
            for hosts in state.values():  # prune every entry, not only ours
                for name in list(hosts):
                    hosts[name] = [t for t in hosts[name] if now - t < self.window]
                    if not hosts[name]:
                        del hosts[name]
            self._write({s: h for s, h in state.items() if h})
        return True

    # --- file handling ------------------------------------------------------------------------------

    def _recent(self, state: dict[str, dict[str, list[float]]], spider: str, host: str, now: float) -> list[float]:
        return [t for t in state.get(spider, {}).get(host, []) if now - t < self.window]

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(BUDGET_FILE + ".lock"), "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _read(self) -> dict[str, dict[str, list[float]]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            logger.warning("Request budget %s unreadable (%s): starting afresh", self.path, exc)
            return {}
        state: dict[str, dict[str, list[float]]] = {}
        if not isinstance(raw, dict):
            return state
        for spider, hosts in raw.items():
            if not isinstance(hosts, dict):
                continue
            for host, stamps in hosts.items():
                times = []
                for stamp in stamps if isinstance(stamps, list) else []:
                    try:
                        times.append(datetime.fromisoformat(stamp).timestamp())
                    except (TypeError, ValueError):
                        continue
                state.setdefault(str(spider), {})[str(host)] = times
        return state

    def _write(self, state: dict[str, dict[str, list[float]]]) -> None:
        out = {
            spider: {
                host: [datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds") for t in sorted(times)]
                for host, times in sorted(hosts.items())
            }
            for spider, hosts in sorted(state.items())
        }
        tmp = self.path.with_name(f".{BUDGET_FILE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)


class DailyLimitMiddleware:
    """Counts each request of a spider with a ``JOBTRENDS_DAILY_LIMITS`` entry against its budget
    (:class:`RequestBudget`) and refuses it with :class:`DailyLimitReached` once the budget is spent.

    Placed after the robots.txt middleware, so a request robots.txt forbids costs nothing; robots.txt
    fetches themselves are not counted. Spiders check the budget before their first request too
    (:meth:`crawlers.spiders.base.BoardSpider.budget_refusal`), so a spent budget means no request
    at all reaches the host — not even robots.txt.
    """

    def __init__(self, crawler: Crawler, budget: RequestBudget):
        self.crawler = crawler
        self.budget = budget

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler, RequestBudget.from_settings(crawler.settings))

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        if spider is None or not self.budget.limits:
            return None
        if request.meta.get("dont_obey_robotstxt") and urlparse_cached(request).path == "/robots.txt":
            return None
        host = urlparse_cached(request).hostname or ""
        limit = self.budget.limit_for(spider.name, host)
        if limit is None:
            return None
        stats = self.crawler.stats
        if not self.budget.acquire(spider.name, host):
            stats.inc_value("jobtrends/budget/refused")
            raise DailyLimitReached(daily_limit_error(limit))
        stats.inc_value("jobtrends/budget/requests")
        return None
