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


# --- the other sources: hn, jsonld, remoteok, remotive ----------------------------------------------

FEED_API = {"hn": "HN_API_URL", "jsonld": "JSONLD_BASE_URL", "remoteok": "REMOTEOK_API_URL",
            "remotive": "REMOTIVE_API_URL"}
# Items the corpus README states: 1,660 top-level HN comments in five threads, 100 saved OpenAI
# career pages, 97 Remote OK postings (98 elements less the legal notice), 35 Remotive postings.
FEED_ITEMS = {"hn": 1660, "jsonld": 100, "remoteok": 97, "remotive": 35}


@pytest.mark.parametrize("spider", ["hn", "jsonld", "remoteok", "remotive"])
def test_every_corpus_feed_lands_ok(corpus_server, spider, tmp_path):
    server, snapshot = corpus_server
    boards = boards_in(snapshot)[spider]
    assert boards, f"the corpus holds no {spider} data"
    summary = run_spider(
        spider, tmp_path, boards=boards, timeout=300,
        settings={FEED_API[spider]: server.url, "JOBTRENDS_FAST_HOSTS": ["127.0.0.1"], "HN_MAX_THREADS": 1000,
                  "JOBTRENDS_STATE_DIR": str(tmp_path / "state")},
    )
    assert {o["status"] for o in summary["boards"].values()} == {"ok"}
    assert sum(o["n_items"] for o in summary["boards"].values()) == FEED_ITEMS[spider]
    with gzip.open(tmp_path / f"{spider}.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = [json.loads(line) for line in fh]
    assert len(lines) == sum(o["n_responses"] for o in summary["boards"].values())
    assert all(line["status"] == 200 for line in lines)
    if spider == "hn":
        comments = [line for line in lines if "context" in line]
        assert len(comments) == FEED_ITEMS["hn"]  # none deleted or dead in the corpus
        assert {c["context"]["story_title"] for c in comments} == {
            f"Ask HN: Who is hiring? ({m} 2026)" for m in ("January", "February", "March", "April", "May")
        }
        for line in comments[:50]:
            path = snapshot / "hn" / "item" / line["url"].rsplit("/", 1)[1]
            assert line["body"].encode("utf-8") == path.read_bytes()
    elif spider == "jsonld":
        pages = [line for line in lines if line["context"]["kind"] == "page"]
        for line in pages:
            site, page_id = line["url"].rsplit("/", 2)[1:]
            assert line["body"].encode("utf-8") == (snapshot / "jsonld" / site / f"{page_id}.html").read_bytes()
    else:
        (line,) = lines
        file = snapshot / spider / ("api.json" if spider == "remoteok" else "remote-jobs.json")
        assert line["body"].encode("utf-8") == file.read_bytes()  # a BOM or mojibake stays as served
