"""Replay ../shared/corpus through each spider (skipped when the corpus is absent).

The corpus holds real API responses; it is read in place and never copied into the repository.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from crawlers.replay import boards_in, snapshots
from crawlers.replay.server import ReplayServer
from crawlers.run import run_spider

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
API = {"greenhouse": "GREENHOUSE_API_URL", "lever": "LEVER_API_URL", "ashby": "ASHBY_API_URL"}
KEY = {"greenhouse": "jobs", "lever": None, "ashby": "jobs"}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}"),
]


@pytest.fixture(scope="module")
def corpus_server():
    ((_, snapshot),) = snapshots(CORPUS)
    with ReplayServer(snapshot) as server:
        yield server, snapshot


@pytest.mark.parametrize("spider", ["greenhouse", "lever", "ashby"])
def test_every_corpus_board_lands_ok(corpus_server, spider, tmp_path):
    server, snapshot = corpus_server
    boards = boards_in(snapshot)[spider]
    summary = run_spider(
        spider, tmp_path, boards=boards, timeout=120,
        settings={API[spider]: server.url, "JOBTRENDS_FAST_HOSTS": ["127.0.0.1"], "LEVER_PAGE_SIZE": 1},
    )
    for board in boards:
        data = json.loads((snapshot / spider / f"{board}.json").read_bytes())
        expected = len(data if KEY[spider] is None else data[KEY[spider]])
        outcome = summary["boards"][board]
        assert (outcome["status"], outcome["n_items"]) == ("ok", expected), board
    with gzip.open(tmp_path / f"{spider}.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh]
    assert len(lines) == sum(o["n_responses"] for o in summary["boards"].values())
    if spider != "lever":  # Lever pages are re-sliced; the others are served and landed unchanged
        for line in lines:
            assert line["body"].encode("utf-8") == (snapshot / spider / f"{line['board']}.json").read_bytes()
