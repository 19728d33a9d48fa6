"""Hacker News hiring-thread history through the Algolia HN Search API (the backfill; live only).

Board ``whoishiring`` (the author of the threads), spider argument ``-a since=YYYY-MM``::

    GET {HN_ALGOLIA_URL}/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=100&page=N
        N = 0, 1, ... until a page has no hits, N reaches nbPages, or the hits are older than `since`
    GET {HN_ALGOLIA_URL}/api/v1/items/<id>     for each hiring thread (see crawlers.spiders.hn.
                                               hiring_month) of month >= since: the whole thread,
                                               comments nested under "children", in one response

Every response lands (search pages and threads) with no context: a thread body holds its own title
and date. ``n_items`` counts the threads' top-level comments that have text; deleted ones (no text)
count in ``n_skipped``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import scrapy

from crawlers.spiders.base import BoardOutcome, BoardSpider, UnparseableBody
from crawlers.spiders.hn import hiring_month

if TYPE_CHECKING:
    from scrapy.http import Response

HITS_PER_PAGE = 100
_SINCE = re.compile(r"^(\d{4})-(\d{2})$")
# A month's thread is posted on or just before its first weekday: a page whose newest hit is older
# than `since` minus this margin cannot hold a wanted thread, and paging stops.
SINCE_MARGIN = timedelta(days=7)


def parse_since(value: str | None) -> str | None:
    """Validate ``YYYY-MM`` (None = every thread)."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    match = _SINCE.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"spider argument since must be YYYY-MM, got {value!r}")
    return value


class HnAlgoliaSpider(BoardSpider):
    name = "hn_algolia"
    source = "hn"
    base_url_setting = "HN_ALGOLIA_URL"
    default_boards = ("whoishiring",)

    def __init__(self, *args: Any, since: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.since = parse_since(since)
        self.requested: set[str] = set()

    def new_outcome(self) -> BoardOutcome:
        return BoardOutcome(n_skipped=0)

    def board_url(self, board: str, skip: int = 0) -> str:
        """The search page *skip* (0-based) of *board*'s stories, newest first."""
        return (
            f"{self.base_url()}/api/v1/search_by_date?tags=story,author_{quote(board, safe='')}"
            f"&hitsPerPage={HITS_PER_PAGE}&page={skip}"
        )

    def item_url(self, item_id: str) -> str:
        return f"{self.base_url()}/api/v1/items/{quote(item_id, safe='')}"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in list(self.outcomes):
            yield self.request(self.board_url(board, 0), board, self.parse_search, page=0)

    def since_start(self) -> datetime | None:
        if self.since is None:
            return None
        year, month = map(int, self.since.split("-"))
        return datetime(year, month, 1, tzinfo=timezone.utc) - SINCE_MARGIN

    def parse_search(self, response: Response, board: str, page: int) -> Iterator[Any]:
        yield self.land(response, board)
        outcome = self.outcomes[board]
        if not self.check_status(response, board):
            return
        try:
            data = self.load_json(response.body)
            hits = data.get("hits") if isinstance(data, dict) else None
            if not isinstance(hits, list):
                raise UnparseableBody("expected a JSON object with a 'hits' array")
        except UnparseableBody as exc:
            self.unparseable(board, exc)
            return
        outcome.succeed()
        oldest: float | None = None
        for hit in hits:
            if not isinstance(hit, dict):
                continue
            created = hit.get("created_at_i")
            if isinstance(created, (int, float)):
                oldest = created if oldest is None else min(oldest, created)
            month = hiring_month(hit.get("title"))
            if not month or (self.since is not None and month < self.since):
                continue
            item_id = str(hit.get("objectID") or hit.get("story_id") or "").strip()
            if not item_id or item_id in self.requested:
                continue
            self.requested.add(item_id)
            self.crawler.stats.inc_value("jobtrends/hn/threads")
            yield self.request(self.item_url(item_id), board, self.parse_thread)

        n_pages = data.get("nbPages")
        start = self.since_start()
        if not hits:
            return
        if isinstance(n_pages, int) and page + 1 >= n_pages:
            return
        if start is not None and oldest is not None and oldest < start.timestamp():
            return  # everything further back is older than `since`
        max_pages = self.settings.getint("JOBTRENDS_MAX_PAGES")
        if page + 1 >= max_pages:
            self.crawler.stats.inc_value("jobtrends/board/max_pages")
            outcome.fail("failed", f"stopped after {max_pages} pages (JOBTRENDS_MAX_PAGES)")
            return
        yield self.request(self.board_url(board, page + 1), board, self.parse_search, priority=10, page=page + 1)

    def parse_thread(self, response: Response, board: str) -> Iterator[Any]:
        yield self.land(response, board)
        outcome = self.outcomes[board]
        if not self.check_status(response, board):
            return
        try:
            thread = self.load_json(response.body)
            children = thread.get("children") if isinstance(thread, dict) else None
            if not isinstance(children, list):
                raise UnparseableBody("expected a JSON object with a 'children' array")
        except UnparseableBody as exc:
            self.unparseable(board, exc)
            return
        outcome.succeed()
        for child in children:
            if isinstance(child, dict) and child.get("text"):
                outcome.n_items += 1
                self.crawler.stats.inc_value("jobtrends/hn/comments")
            else:
                outcome.skip()
                self.crawler.stats.inc_value("jobtrends/hn/deleted")
