"""Downloader middlewares and the settings add-on that keep the crawlers polite.

* :class:`RetryAfterMiddleware` — Scrapy's retries plus a wait before each retry: the server's
  ``Retry-After`` on 429/503 when it sends one, else exponential backoff.
* :class:`JobtrendsAddon` — settings derived from other settings once the command line is known:
  ``USER_AGENT`` from ``JOBTRENDS_CONTACT_URL`` and per-host ``DOWNLOAD_SLOTS`` for
  ``JOBTRENDS_FAST_HOSTS``.
* :class:`FastHostsMiddleware` — keeps AutoThrottle from re-imposing a delay on those fast hosts.
* :class:`RobotsTxtMiddleware` — Scrapy's, fixed so robots.txt binds every request that waited
  for it (Scrapy 2.19 lets all but the first waiter through; see the class).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
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


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, fixed and a little stricter.

    * robots.txt applies to *every* request that waited for it. In Scrapy 2.19 (asyncio reactor)
      the requests arriving while robots.txt is being fetched all await one Deferred through
      ``Deferred.asFuture()``, which consumes its result: the first waiter gets the parser, every
      later one ``None`` — "no robots.txt" — and is downloaded even when robots.txt forbids it.
      Here each waiter gets its own Deferred that the shared one feeds.
    * A robots.txt answered with a 5xx status (after retries) means "complete disallow"
      (RFC 9309, 2.3.1.4); Scrapy would parse the error page and allow everything. A 4xx still
      means "no robots.txt", and a network error leaves the requests to fail on their own.
    """

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            logger.warning(
                "robots.txt of %s answered HTTP %d: assuming complete disallow (RFC 9309)",
                netloc, response.status,
            )
            self.crawler.stats.inc_value("jobtrends/robots/unavailable_disallow_all")
            response = response.replace(body=DISALLOW_ALL)
        await super()._parse_robots(response, netloc, request)

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
