"""Land: a run's raw responses -> posting records, quarantined rejects and per-board crawl rows.

Reads the raw files of one run (``crawlers`` wrote them; see docs/ARCHITECTURE.md) and parses
each body with the pure parser of its source. Nothing is dropped silently: an unreadable body or
posting becomes a quarantine row with its reason.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawlers.parsers import UnparseableBody, parser_for

QUARANTINE_FIELDS = ("source", "board", "url", "reason", "record")
CRAWL_FIELDS = ("source", "board", "started_at", "finished_at", "status", "n_items", "error")


@dataclass
class Landed:
    records: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    crawl: list[dict[str, Any]] = field(default_factory=list)
    # Records a source returned that are not postings (deleted HN comments): counted, not quarantined.
    skipped: dict[tuple[str, str, str], int] = field(default_factory=dict)
    # Boards whose response body could not be read at all: (source, board) -> reason.
    unreadable: dict[tuple[str, str], str] = field(default_factory=dict)

    def merge(self, other: "Landed") -> None:
        self.records.extend(other.records)
        self.quarantine.extend(other.quarantine)
        self.crawl.extend(other.crawl)
        for key, n in other.skipped.items():
            self.skipped[key] = self.skipped.get(key, 0) + n
        self.unreadable.update(other.unreadable)


def read_raw_lines(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the landed responses of one spider; a truncated gzip tail (crashed crawl) ends the file."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    except (EOFError, gzip.BadGzipFile) as exc:
        raise UnparseableBody(f"{path.name}: raw file truncated ({exc})") from exc


def land_responses(responses: Iterable[dict[str, Any]]) -> Landed:
    """Pure: landed responses -> records and quarantine rows (crawl rows come from summaries)."""
    landed = Landed()
    for response in responses:
        source, board, url = response["source"], response["board"], response.get("url")
        status = response.get("status")
        if status is None or not 200 <= int(status) < 300:
            continue  # the spider's summary already records the board as failed
        body = response.get("body")
        if body is None and response.get("body_b64") is not None:
            landed.quarantine.append(_reject(source, board, url, "body is not UTF-8", response["body_b64"]))
            landed.unreadable[(source, board)] = "body is not UTF-8"
            continue
        context = response.get("context")
        if context and context.get("kind") == "sitemap":
            continue  # how the spider found the pages, not a posting
        try:
            parse = parser_for(source)
            result = parse(body or "", board, context) if context else parse(body or "", board)
        except UnparseableBody as exc:
            landed.quarantine.append(_reject(source, board, url, f"unparseable body: {exc}", body))
            landed.unreadable[(source, board)] = f"unparseable body: {exc}"
            continue
        for record in result.records:
            record["url"] = record["url"] or url
        landed.records.extend(result.records)
        landed.quarantine.extend(_reject(source, board, url, reason, raw) for reason, raw in result.rejects)
        for reason, _ in getattr(result, "skipped", ()):
            key = (source, board, reason)
            landed.skipped[key] = landed.skipped.get(key, 0) + 1
    return landed


def crawl_rows(summary: dict[str, Any], source: str, landed: Landed) -> list[dict[str, Any]]:
    """One row per board from a spider's summary, with the item count the parsers actually read."""
    parsed: dict[str, int] = {}
    for record in landed.records:
        if record["source"] == source:
            parsed[record["board"]] = parsed.get(record["board"], 0) + 1
    rows = []
    for board, outcome in sorted(summary.get("boards", {}).items()):
        status, error = outcome.get("status", "failed"), outcome.get("error")
        if status == "ok" and (source, board) in landed.unreadable:
            status, error = "failed", landed.unreadable[(source, board)]
        rows.append({
            "source": source, "board": board, "started_at": summary.get("started_at"),
            "finished_at": summary.get("finished_at"), "status": status,
            "n_items": parsed.get(board, 0), "error": error,
        })
    return rows


def failed_rows(source: str, boards: Iterable[str], error: str) -> list[dict[str, Any]]:
    """Crawl rows for a spider that could not run at all: every board failed with the same error."""
    return [
        {"source": source, "board": b, "started_at": None, "finished_at": None, "status": "failed", "n_items": 0, "error": error}
        for b in boards
    ]


def _reject(source: str, board: str, url: str | None, reason: str, record: Any) -> dict[str, Any]:
    if isinstance(record, bytes):
        record = base64.b64encode(record).decode("ascii")
    return {"source": source, "board": board, "url": url, "reason": reason, "record": record}
