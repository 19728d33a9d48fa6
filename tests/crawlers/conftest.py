"""Shared fixtures for the crawler tests: one loopback replay server, and a crawl helper.

Every crawl is a real ``scrapy crawl`` subprocess (~1 s) against :class:`ReplayServer` on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawlers.replay.server import ReplayServer
from crawlers.run import run_spider

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "replay"
BASIC = FIXTURES / "basic"
API_SETTINGS = {
    "greenhouse": "GREENHOUSE_API_URL", "lever": "LEVER_API_URL", "ashby": "ASHBY_API_URL",
    "hn": "HN_API_URL", "hn_algolia": "HN_ALGOLIA_URL", "jsonld": "JSONLD_BASE_URL",
    "remoteok": "REMOTEOK_API_URL", "remotive": "REMOTIVE_API_URL",
}


def read_raw(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="session")
def basic_root() -> Path:
    """The hand-written replay fixture: tests/fixtures/replay/basic (fictional boards)."""
    return BASIC


@pytest.fixture(scope="session")
def raw_lines():
    """raw_lines(path) -> the JSON objects of a <spider>.jsonl.gz file."""
    return read_raw


@pytest.fixture(scope="session")
def _replay_server() -> Iterator[ReplayServer]:
    with ReplayServer(BASIC) as server:
        yield server


@pytest.fixture
def server(_replay_server: ReplayServer) -> Iterator[ReplayServer]:
    """The shared server, serving the basic fixture with a clean log, no faults and no delay."""
    _replay_server.set_root(BASIC)
    _replay_server.delay = 0.0
    _replay_server.reset()
    yield _replay_server
    _replay_server.set_root(BASIC)
    _replay_server.delay = 0.0
    _replay_server.reset()


@pytest.fixture
def root_copy(tmp_path: Path) -> Path:
    """A writable copy of the basic fixture (e.g. to add a robots.txt)."""
    dest = tmp_path / "replay"
    shutil.copytree(BASIC, dest)
    return dest


class Crawl:
    def __init__(self, raw_dir: Path, spider: str, summary: dict[str, Any]):
        self.raw_dir = raw_dir
        self.spider = spider
        self.summary = summary

    @property
    def boards(self) -> dict[str, dict[str, Any]]:
        return self.summary["boards"]

    @property
    def lines(self) -> list[dict[str, Any]]:
        return read_raw(self.raw_dir / f"{self.spider}.jsonl.gz")

    def lines_for(self, board: str) -> list[dict[str, Any]]:
        return [line for line in self.lines if line["board"] == board]


@pytest.fixture
def crawl(tmp_path: Path, server: ReplayServer):
    """crawl(spider, boards, args=None, **settings) -> Crawl, against the shared replay server.

    *args* are spider arguments (``-a``). The request-budget state goes to ``tmp_path/state``, never
    to the real ``~/.local/state``.
    """
    counter = iter(range(1000))

    def _crawl(spider: str, boards: list[str] | None, args: dict[str, object] | None = None,
               **settings: object) -> Crawl:
        raw_dir = tmp_path / f"raw{next(counter)}"
        merged: dict[str, object] = {
            API_SETTINGS[spider]: server.url,
            "JOBTRENDS_FAST_HOSTS": ["127.0.0.1"],
            "JOBTRENDS_RETRY_BACKOFF_BASE": 0,
            "JOBTRENDS_STATE_DIR": str(tmp_path / "state"),
        }
        merged.update(settings)
        summary = run_spider(spider, raw_dir, boards=boards, settings=merged, spider_args=args, timeout=60)
        return Crawl(raw_dir, spider, summary)

    return _crawl
