"""The one item the crawlers produce: an HTTP response to land in the raw layer, unchanged.

Its JSON line (see docs/ARCHITECTURE.md, "Raw layer") is built by :func:`raw_record`::

    {"spider": "lever", "source": "lever", "board": "acme",
     "url": "https://api.lever.co/v0/postings/acme?mode=json&skip=0&limit=100",
     "status": 200, "fetched_at": "2026-01-05T06:00:01.234+00:00", "body": "[{...}]"}

``body`` is the response body decoded as strict UTF-8 (a byte-order mark stays as U+FEFF). A body
that is not valid UTF-8 is stored base64-encoded under ``body_b64`` instead, and ``body`` is absent.

A line may carry ``"context"``: a JSON object of provenance the spider knew when it asked, never part
of the body (absent when the spider had none). Hacker News comment lines carry the thread,
``{"story_id": 47975571, "story_title": "Ask HN: Who is hiring? (May 2026)", "story_time": 1777647557}``;
JSON-LD lines carry ``{"kind": "sitemap"}`` or ``{"kind": "page", "url", ...}`` (see
:mod:`crawlers.spiders.jsonld`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any


def utc_now_iso() -> str:
    """ISO-8601 UTC timestamp with milliseconds, e.g. ``2026-01-05T06:00:01.234+00:00``."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class RawResponse:
    spider: str
    source: str
    board: str
    url: str
    status: int
    fetched_at: str
    body: bytes
    context: dict[str, Any] | None = None


def raw_record(item: RawResponse) -> dict[str, Any]:
    """The raw-layer JSON object for one response (``body`` or ``body_b64``)."""
    record: dict[str, Any] = {
        "spider": item.spider,
        "source": item.source,
        "board": item.board,
        "url": item.url,
        "status": item.status,
        "fetched_at": item.fetched_at,
    }
    if item.context is not None:
        record["context"] = item.context
    try:
        record["body"] = item.body.decode("utf-8")
    except UnicodeDecodeError:
        record["body_b64"] = base64.b64encode(item.body).decode("ascii")
    return record
