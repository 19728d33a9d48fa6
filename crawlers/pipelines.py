"""Landing: every :class:`~crawlers.items.RawResponse` becomes one line of ``<spider>.jsonl.gz``.

The raw folder is the setting ``JOBTRENDS_RAW_DIR`` (required; created when missing). Raw files are
never rewritten: a spider whose raw file already exists in that folder fails to open.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawlers.checkpoints import pause_point
from crawlers.items import RawResponse, raw_record

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings


def raw_dir(settings: BaseSettings) -> Path:
    value = settings.get("JOBTRENDS_RAW_DIR")
    if not value:
        raise ValueError("JOBTRENDS_RAW_DIR is not set: pass -s JOBTRENDS_RAW_DIR=<folder>")
    return Path(value)


def raw_path(folder: Path, spider: str) -> Path:
    return folder / f"{spider}.jsonl.gz"


def summary_path(folder: Path, spider: str) -> Path:
    return folder / f"{spider}.summary.json"


def write_summary(folder: Path, spider: str, summary: dict[str, Any]) -> Path:
    """Write ``<spider>.summary.json`` atomically (a reader never sees half a file).

    Raises FileExistsError rather than replace an earlier run's summary.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = summary_path(folder, spider)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8")
    try:
        os.link(tmp, path)  # atomic, and fails when path exists
    finally:
        tmp.unlink()
    return path


class RawLandingPipeline:
    """Appends one JSON line per response to ``<JOBTRENDS_RAW_DIR>/<spider>.jsonl.gz``."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.folder = raw_dir(crawler.settings)
        self.file: IO[bytes] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        # "x": refuse to overwrite an earlier run's raw file.
        self.file = gzip.open(raw_path(self.folder, spider.name), "xb")

    def close_spider(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def process_item(self, item: Any) -> Any:
        stats = self.crawler.stats
        if not isinstance(item, RawResponse):
            stats.inc_value("jobtrends/drop/not_a_raw_response")
            raise DropItem(f"not a RawResponse: {type(item).__name__}")
        assert self.file is not None
        record = raw_record(item)
        if "body_b64" in record:
            stats.inc_value("jobtrends/raw/body_b64")
        if "context" in record:
            stats.inc_value("jobtrends/raw/with_context")
        self.file.write(json.dumps(record).encode("ascii") + b"\n")
        stats.inc_value("jobtrends/raw/lines")
        if stats.get_value("jobtrends/raw/lines") == 1:
            self.file.flush()
            pause_point("crawl")  # the raw file is half-written: a kill here must not be read as a crawl
        return item
