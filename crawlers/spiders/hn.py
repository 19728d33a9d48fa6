"""Hacker News "Ask HN: Who is hiring?" threads through the official Firebase API.

Board ``whoishiring`` (the HN user that posts the threads; any user name works as a board)::

    GET {HN_API_URL}/v0/user/whoishiring.json    -> "submitted": item ids, newest first
    GET {HN_API_URL}/v0/item/<id>.json            -> each submitted item in order, until
                                                     HN_MAX_THREADS hiring threads are found or
                                                     HN_MAX_SCAN items were looked at
    GET {HN_API_URL}/v0/item/<kid>.json           -> every top-level comment ("kids") of a thread

A hiring thread is a live story titled "Ask HN: Who is hiring? (<Month> <Year>)", case-insensitively
(see :func:`hiring_month`). ``-a stories=ID,ID`` skips the user and crawls those thread ids directly
(the backfill). Every response lands (user, stories, comments); comment lines carry
``"context": {"story_id", "story_title", "story_time"}`` — the thread's id, title and ``time`` (Unix
seconds) as served. The board's ``n_items`` counts landed comments that are neither deleted nor dead;
those (and ids the API answers with ``null``) count in ``n_skipped`` and in the stats
``jobtrends/hn/deleted``, ``jobtrends/hn/dead`` and ``jobtrends/hn/missing``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import scrapy

from crawlers.spiders.base import BoardOutcome, BoardSpider, UnparseableBody, split_arg

if TYPE_CHECKING:
    from scrapy.http import Response
    from twisted.python.failure import Failure

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_HIRING_TITLE = re.compile(
    r"^\s*ask\s+hn\s*:\s*who\s+is\s+hiring\s*\?\s*\(\s*([a-z]+)\.?\s*,?\s*(\d{4})\s*\)\s*$", re.IGNORECASE
)
# Scanning the user's submissions goes ahead of the comment requests queued behind it.
SCAN_PRIORITY = 10


def hiring_month(title: Any) -> str | None:
    """``"YYYY-MM"`` when *title* is a "Who is hiring?" thread title, else None.

    ``Ask HN: Who is hiring? (May 2026)`` and ``ask hn: who is Hiring? (Sept 2014)`` -> a month;
    "Who wants to be hired?", "Freelancer? Seeking freelancer?" and anything else -> None.
    """
    if not isinstance(title, str):
        return None
    match = _HIRING_TITLE.match(title)
    if not match:
        return None
    word, year = match.group(1).lower(), int(match.group(2))
    for number, month in enumerate(MONTHS, start=1):
        if len(word) >= 3 and month.startswith(word):
            return f"{year:04d}-{number:02d}"
    return None


def is_live(item: Any) -> bool:
    return isinstance(item, dict) and not item.get("deleted") and not item.get("dead")


@dataclass
class Scan:
    """Where a board's walk through the user's ``submitted`` list stands."""

    ids: list[int] = field(default_factory=list)
    threads: int = 0


class HnSpider(BoardSpider):
    name = "hn"
    source = "hn"
    base_url_setting = "HN_API_URL"
    default_boards = ("whoishiring",)

    def __init__(self, *args: Any, stories: str | list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        ids = split_arg(stories)
        try:
            self.story_ids: list[int] | None = [int(s) for s in ids] if ids is not None else None
        except ValueError:
            raise ValueError(f"spider argument stories must be comma-separated item ids, got {stories!r}") from None
        self.scans: dict[str, Scan] = {}

    def check_board(self, board: str) -> None:
        self.board_url(board)
        if self.story_ids is not None and len(self.boards()) != 1:
            raise ValueError("-a stories=... crawls threads for exactly one board")

    def new_outcome(self) -> BoardOutcome:
        return BoardOutcome(n_skipped=0)

    def board_url(self, board: str, skip: int = 0) -> str:
        return f"{self.base_url()}/v0/user/{quote(board, safe='')}.json"

    def item_url(self, item_id: int) -> str:
        return f"{self.base_url()}/v0/item/{int(item_id)}.json"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in list(self.outcomes):
            if self.story_ids is None:
                yield self.request(self.board_url(board), board, self.parse_user)
                continue
            for story_id in self.story_ids:
                yield self.request(self.item_url(story_id), board, self.parse_story, priority=SCAN_PRIORITY)

    # --- the user's submissions, newest first -------------------------------------------------------

    def json_item(self, response: Response, board: str) -> tuple[bool, Any]:
        """(ok, parsed JSON) for a response already landed; records failures on the board."""
        if not self.check_status(response, board):
            return False, None
        try:
            data = self.load_json(response.body)
        except UnparseableBody as exc:
            self.unparseable(board, exc)
            return False, None
        self.outcomes[board].succeed()
        return True, data

    def parse_user(self, response: Response, board: str) -> Iterator[Any]:
        yield self.land(response, board)
        ok, user = self.json_item(response, board)
        if not ok:
            return
        submitted = user.get("submitted") if isinstance(user, dict) else None
        if not isinstance(submitted, list):
            self.unparseable(board, UnparseableBody("expected a user object with a 'submitted' list"))
            return
        max_scan = self.settings.getint("HN_MAX_SCAN")
        ids = [i for i in submitted if isinstance(i, int) and not isinstance(i, bool)][:max_scan]
        self.scans[board] = Scan(ids=ids)
        if len(submitted) > max_scan:
            self.crawler.stats.inc_value("jobtrends/hn/scan_limited")
        yield from self.next_scan(board, 0)

    def next_scan(self, board: str, index: int) -> Iterator[scrapy.Request]:
        scan = self.scans[board]
        if scan.threads >= self.settings.getint("HN_MAX_THREADS"):
            return
        if index >= len(scan.ids):
            if scan.threads == 0:
                self.crawler.stats.inc_value("jobtrends/hn/no_thread_found")
                self.logger.warning("No hiring thread among the %d items scanned for %s", len(scan.ids), board)
            return
        yield self.request(
            self.item_url(scan.ids[index]), board, self.parse_scanned, priority=SCAN_PRIORITY, scan_index=index,
        )

    def parse_scanned(self, response: Response, board: str, scan_index: int) -> Iterator[Any]:
        yield self.land(response, board)
        self.crawler.stats.inc_value("jobtrends/hn/scanned")
        ok, item = self.json_item(response, board)
        if ok and is_live(item) and item.get("type") == "story" and hiring_month(item.get("title")):
            self.scans[board].threads += 1
            yield from self.thread_comments(item, board)
        yield from self.next_scan(board, scan_index + 1)

    # --- threads and their comments ------------------------------------------------------------------

    def parse_story(self, response: Response, board: str) -> Iterator[Any]:
        """A thread named with ``-a stories=``: crawled whatever its title."""
        yield self.land(response, board)
        ok, item = self.json_item(response, board)
        if not ok:
            return
        if not isinstance(item, dict) or "id" not in item:
            self.unparseable(board, UnparseableBody("expected an item object"))
            return
        if not hiring_month(item.get("title")):
            self.crawler.stats.inc_value("jobtrends/hn/story_not_hiring_title")
            self.logger.warning("Story %s is not titled as a hiring thread: %r", item.get("id"), item.get("title"))
        yield from self.thread_comments(item, board)

    def thread_comments(self, story: dict[str, Any], board: str) -> Iterator[scrapy.Request]:
        self.crawler.stats.inc_value("jobtrends/hn/threads")
        context = {"story_id": story.get("id"), "story_title": story.get("title"), "story_time": story.get("time")}
        kids = story.get("kids") or []
        for kid in kids:
            if isinstance(kid, int) and not isinstance(kid, bool):
                yield self.request(self.item_url(kid), board, self.parse_comment, context=context)

    def parse_comment(self, response: Response, board: str, context: dict[str, Any]) -> Iterator[Any]:
        yield self.land(response, board, context)
        ok, item = self.json_item(response, board)
        if not ok:
            return
        outcome = self.outcomes[board]
        stats = self.crawler.stats
        if item is None:  # the API's answer for an id it does not know
            stats.inc_value("jobtrends/hn/missing")
            outcome.skip()
        elif not isinstance(item, dict):
            self.unparseable(board, UnparseableBody(f"expected an item object, got {type(item).__name__}"))
        elif item.get("deleted"):
            stats.inc_value("jobtrends/hn/deleted")
            outcome.skip()
        elif item.get("dead"):
            stats.inc_value("jobtrends/hn/dead")
            outcome.skip()
        else:
            stats.inc_value("jobtrends/hn/comments")
            outcome.n_items += 1

    def board_error(self, failure: Failure) -> Iterator[Any]:
        yield from super().board_error(failure)
        request = failure.request  # type: ignore[attr-defined]
        index = request.cb_kwargs.get("scan_index")
        if index is not None:  # one lost item does not end the scan
            yield from self.next_scan(request.cb_kwargs["board"], index + 1)
