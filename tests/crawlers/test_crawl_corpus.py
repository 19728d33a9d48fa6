"""../shared/corpus through each spider: the session's one replay of the corpus (``corpus_replay``,
skipped when the corpus is absent) crawled every source; here, what each spider landed.

The corpus holds real API responses; it is read in place and never copied into the repository.
"""

from __future__ import annotations

import gzip
import json

import pytest

from crawlers.replay import boards_in, snapshots
from tests.conftest import CORPUS

KEY = {"greenhouse": "jobs", "lever": None, "ashby": "jobs"}

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def crawled(corpus_replay):
    """spider -> (summary, landed lines, snapshot) of the session's corpus replay."""
    _, _, raw_dir = corpus_replay
    ((_, snapshot),) = snapshots(CORPUS)

    def read(spider: str):
        summary = json.loads((raw_dir / f"{spider}.summary.json").read_text(encoding="utf-8"))
        with gzip.open(raw_dir / f"{spider}.jsonl.gz", "rt", encoding="utf-8") as fh:
            lines = [json.loads(line) for line in fh]
        return summary, lines, snapshot

    return read


@pytest.mark.parametrize("spider", ["greenhouse", "lever", "ashby"])
def test_every_corpus_board_lands_ok(crawled, spider):
    summary, lines, snapshot = crawled(spider)
    boards = boards_in(snapshot)[spider]
    for board in boards:
        data = json.loads((snapshot / spider / f"{board}.json").read_bytes())
        expected = len(data if KEY[spider] is None else data[KEY[spider]])
        outcome = summary["boards"][board]
        assert (outcome["status"], outcome["n_items"]) == ("ok", expected), board
    assert len(lines) == sum(o["n_responses"] for o in summary["boards"].values())
    if spider != "lever":  # Lever pages are re-sliced; the others are served and landed unchanged
        for line in lines:
            assert line["body"].encode("utf-8") == (snapshot / spider / f"{line['board']}.json").read_bytes()


# --- the other sources: hn, jsonld, remoteok, remotive ----------------------------------------------

# Items the corpus README states: 1,660 top-level HN comments in five threads, 100 saved OpenAI
# career pages, 97 Remote OK postings (98 elements less the legal notice), 35 Remotive postings.
FEED_ITEMS = {"hn": 1660, "jsonld": 100, "remoteok": 97, "remotive": 35}


@pytest.mark.parametrize("spider", ["hn", "jsonld", "remoteok", "remotive"])
def test_every_corpus_feed_lands_ok(crawled, spider):
    summary, lines, snapshot = crawled(spider)
    assert boards_in(snapshot)[spider], f"the corpus holds no {spider} data"
    assert {o["status"] for o in summary["boards"].values()} == {"ok"}
    assert sum(o["n_items"] for o in summary["boards"].values()) == FEED_ITEMS[spider]
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
