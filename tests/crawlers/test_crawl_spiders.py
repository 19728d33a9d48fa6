"""Each spider end to end: run_spider -> scrapy subprocess -> replay server -> raw file + summary."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from datetime import datetime

import pytest

from crawlers.run import CRAWLERS_DIR, CrawlError, crawl_command, run_spider, setting_arg

RAW_KEYS = {"spider", "source", "board", "url", "status", "fetched_at"}


def assert_raw_line(line: dict, spider: str) -> None:
    assert RAW_KEYS <= set(line)
    assert set(line) - RAW_KEYS in ({"body"}, {"body_b64"})
    assert line["spider"] == line["source"] == spider
    fetched = datetime.fromisoformat(line["fetched_at"])
    assert fetched.utcoffset() is not None and fetched.utcoffset().total_seconds() == 0


def test_greenhouse_lands_every_response_unchanged(crawl, server, basic_root):
    boards = ["acme-robotics", "birchwood-labs", "bom-co", "latin1-co", "garbled-co", "no-such-board"]
    result = crawl("greenhouse", boards)

    summary = result.summary
    assert summary["spider"] == "greenhouse"
    assert summary["started_at"] <= summary["finished_at"]
    assert set(summary["boards"]) == set(boards)
    b = summary["boards"]
    assert b["acme-robotics"] == {"status": "ok", "error": None, "n_responses": 1, "n_items": 2}
    assert b["birchwood-labs"] == {"status": "ok", "error": None, "n_responses": 1, "n_items": 1}
    assert b["bom-co"] == {"status": "ok", "error": None, "n_responses": 1, "n_items": 1}
    assert b["latin1-co"] == {"status": "ok", "error": None, "n_responses": 1, "n_items": 1}
    assert b["no-such-board"] == {"status": "failed", "error": "HTTP 404", "n_responses": 1, "n_items": 0}
    assert b["garbled-co"]["status"] == "failed"
    assert b["garbled-co"]["error"].startswith("unparseable body: ")
    assert summary["stats"]["finish_reason"] == "finished"
    assert summary["stats"]["jobtrends/raw/lines"] == 6
    assert summary["stats"]["jobtrends/raw/body_b64"] == 1

    lines = result.lines
    assert len(lines) == 6  # one per response, the 404 included
    for line in lines:
        assert_raw_line(line, "greenhouse")
    (acme,) = result.lines_for("acme-robotics")
    assert acme["status"] == 200
    assert acme["url"] == f"{server.url}/v1/boards/acme-robotics/jobs?content=true"
    assert acme["body"] == (basic_root / "greenhouse" / "acme-robotics.json").read_text(encoding="utf-8")
    (bom,) = result.lines_for("bom-co")
    assert bom["body"].startswith("\ufeff{")  # the byte-order mark stays
    assert bom["body"].encode("utf-8") == (basic_root / "greenhouse" / "bom-co.json").read_bytes()
    (latin1,) = result.lines_for("latin1-co")
    assert "body" not in latin1
    assert base64.b64decode(latin1["body_b64"]) == (basic_root / "greenhouse" / "latin1-co.json").read_bytes()
    (missing,) = result.lines_for("no-such-board")
    assert missing["status"] == 404 and json.loads(missing["body"])["error"] == "not found"

    assert (result.raw_dir / "greenhouse.log").stat().st_size > 0


def test_lever_pages_with_skip_and_limit(crawl, server, basic_root):
    result = crawl("lever", ["cobalt-ai", "dune-data"], LEVER_PAGE_SIZE=2)

    # cobalt-ai has 5 postings: 2 + 2 + 1; dune-data 4: 2 + 2 + 0 (the empty page ends it).
    assert result.boards["cobalt-ai"] == {"status": "ok", "error": None, "n_responses": 3, "n_items": 5}
    assert result.boards["dune-data"] == {"status": "ok", "error": None, "n_responses": 3, "n_items": 4}
    cobalt = sorted(result.lines_for("cobalt-ai"), key=lambda line: line["url"])
    assert [line["url"].split("?", 1)[1] for line in cobalt] == [
        "mode=json&skip=0&limit=2", "mode=json&skip=2&limit=2", "mode=json&skip=4&limit=2",
    ]
    ids = [p["id"] for line in cobalt for p in json.loads(line["body"])]
    source = json.loads((basic_root / "lever" / "cobalt-ai.json").read_text(encoding="utf-8"))
    assert ids == [p["id"] for p in source]
    for line in result.lines:
        assert_raw_line(line, "lever")
    assert sorted(p for p in server.paths() if p.startswith("/v0/postings/dune-data")) == [
        "/v0/postings/dune-data?mode=json&skip=0&limit=2",
        "/v0/postings/dune-data?mode=json&skip=2&limit=2",
        "/v0/postings/dune-data?mode=json&skip=4&limit=2",
    ]


def test_paging_stops_at_max_pages(crawl, server):
    result = crawl("lever", ["cobalt-ai"], LEVER_PAGE_SIZE=1, JOBTRENDS_MAX_PAGES=2)
    assert result.boards["cobalt-ai"] == {
        "status": "failed", "error": "stopped after 2 pages (JOBTRENDS_MAX_PAGES)", "n_responses": 2, "n_items": 2,
    }
    assert len([p for p in server.paths() if p.startswith("/v0/postings/")]) == 2


def test_ashby_one_request_per_board(crawl, server, basic_root):
    result = crawl("ashby", ["ember-ml", "fjord-vision", "ghost-org"])

    assert result.boards == {
        "ember-ml": {"status": "ok", "error": None, "n_responses": 1, "n_items": 3},
        "fjord-vision": {"status": "ok", "error": None, "n_responses": 1, "n_items": 0},
        "ghost-org": {"status": "failed", "error": "HTTP 404", "n_responses": 1, "n_items": 0},
    }
    (ember,) = result.lines_for("ember-ml")
    assert ember["url"] == f"{server.url}/posting-api/job-board/ember-ml?includeCompensation=true"
    assert ember["body"] == (basic_root / "ashby" / "ember-ml.json").read_text(encoding="utf-8")
    for line in result.lines:
        assert_raw_line(line, "ashby")


def test_boards_default_to_the_sources_file(crawl, tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[board]]\nats = "ashby"\ntoken = "ember-ml"\ncompany = "Ember ML"\n\n'
        '[[board]]\nats = "greenhouse"\ntoken = "acme-robotics"\ncompany = "Acme"\n\n'
        '[[board]]\nats = "ashby"\ntoken = "fjord-vision"\ncompany = "Fjord"\nconfirmed = false\n',
        encoding="utf-8",
    )
    result = crawl("ashby", None, JOBTRENDS_SOURCES_FILE=str(sources))
    assert sorted(result.boards) == ["ember-ml", "fjord-vision"]
    assert all(o["status"] == "ok" for o in result.boards.values())


def test_scrapy_list_names_every_spider():
    out = subprocess.run(
        [sys.executable, "-P", "-m", "scrapy", "list"], cwd=CRAWLERS_DIR,
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    assert out.split() == ["ashby", "greenhouse", "hn", "hn_algolia", "jsonld", "lever", "remoteok", "remotive"]


def test_run_spider_raises_crawl_error_with_the_log_tail(tmp_path):
    with pytest.raises(CrawlError) as info:
        run_spider("no-such-spider", tmp_path / "raw", boards=[], timeout=60)
    assert info.value.returncode not in (0, None)
    assert "no-such-spider" in info.value.log_tail


def test_run_spider_never_rewrites_raw_files(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "lever.jsonl.gz").write_bytes(b"")
    with pytest.raises(CrawlError, match="never rewritten"):
        run_spider("lever", raw, boards=["x"])


def test_crawl_command_encodes_settings(tmp_path):
    cmd = crawl_command(
        "lever", tmp_path, boards=["a", "b"],
        settings={"JOBTRENDS_FAST_HOSTS": ["127.0.0.1", "localhost"], "LEVER_PAGE_SIZE": 2,
                  "ROBOTSTXT_OBEY": False, "DOWNLOAD_SLOTS": {"x": {"delay": 0}}},
    )
    assert cmd[:6] == [sys.executable, "-P", "-m", "scrapy", "crawl", "lever"]
    assert ["-a", "boards=a,b"] == cmd[6:8]
    assert "JOBTRENDS_FAST_HOSTS=127.0.0.1,localhost" in cmd
    assert "LEVER_PAGE_SIZE=2" in cmd
    assert "ROBOTSTXT_OBEY=False" in cmd
    assert 'DOWNLOAD_SLOTS={"x": {"delay": 0}}' in cmd
    assert f"JOBTRENDS_RAW_DIR={tmp_path}" in cmd
    assert setting_arg(["a,b", "c"]) == '["a,b", "c"]'
    with pytest.raises(ValueError):
        crawl_command("lever", tmp_path, boards=["a,b"])


def test_crawl_command_encodes_spider_arguments(tmp_path):
    cmd = crawl_command(
        "jsonld", tmp_path, boards=["acme"],
        spider_args={"urls": {"acme": ["https://a.example/1"]}, "stories": [1, 2], "since": "2011-04"},
    )
    assert cmd[6:8] == ["-a", "boards=acme"]
    assert 'urls={"acme": ["https://a.example/1"]}' in cmd
    assert "stories=1,2" in cmd and "since=2011-04" in cmd
    assert cmd[cmd.index("stories=1,2") - 1] == "-a"
    for bad in ({"boards": "x"}, {"not a name": "x"}):
        with pytest.raises(ValueError):
            crawl_command("hn", tmp_path, spider_args=bad)


def test_a_bad_sources_file_fails_the_crawl_at_start_up(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[board]]\nats = "lever"\n', encoding="utf-8")
    with pytest.raises(CrawlError) as info:
        run_spider("lever", tmp_path / "raw", settings={"JOBTRENDS_SOURCES_FILE": str(sources)}, timeout=60)
    assert "SourcesError" in info.value.log_tail
