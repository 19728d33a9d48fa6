"""`jobtrends sources list | check | discover` (flows/sources_cli.py). No network: `check` runs against a
loopback ReplayServer serving tiny fictional boards written here."""

from __future__ import annotations

import argparse
import csv
import io
import json
import socket
from itertools import pairwise
from pathlib import Path

import pytest

from crawlers.replay import server as replay_server
from crawlers.replay.server import ReplayServer
from crawlers.settings import user_agent
from crawlers.sources import Board, load_sources
from flows.config import Settings
from flows.cli import main
from flows.sources_cli import add_parser, check_boards, discover_boards
from warehouse import db


def parse(*argv: str) -> argparse.Namespace:
    """Parse like flows/cli.py does once it registers `sources` on its subcommands."""
    parser = argparse.ArgumentParser(prog="jobtrends")
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser(commands)
    return parser.parse_args(["sources", *argv])


def run(settings: Settings, *argv: str) -> int:
    args = parse(*argv)
    return args.handler(args, settings)


def write_sources(path: Path, boards: list[tuple[str, str, str]]) -> Path:
    path.write_text(
        "".join(f'[[board]]\nats = "{a}"\ntoken = "{t}"\ncompany = "{c}"\n\n' for a, t, c in boards),
        encoding="utf-8",
    )
    return path


# --- wiring ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["list"], ["check"], ["discover"], ["discover", "--home", "h"]])
def test_every_subcommand_has_a_handler_and_a_home(argv):
    args = parse(*argv)
    assert callable(args.handler)
    assert hasattr(args, "home")  # flows.cli.main reads args.home for every command


def test_sources_needs_a_subcommand(capsys):
    with pytest.raises(SystemExit) as exc:
        parse()
    assert exc.value.code == 2
    assert "list,check,discover" in capsys.readouterr().err


# --- list -------------------------------------------------------------------------------------------------


def test_list_csv_prints_every_bundled_board(capsys):
    assert run(Settings(), "list", "--format", "csv") == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "ats,board,company"
    assert lines[0].startswith("ats,board,company")
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert len(rows) >= 150
    assert len(rows) == len(load_sources())
    assert rows == [[b.ats, b.token, b.company] for b in load_sources()]


def test_list_table_is_aligned_and_filters_by_ats(tmp_path, capsys):
    sources = write_sources(tmp_path / "s.toml", [("lever", "acme", "Acme Robotics"), ("greenhouse", "quillai", "Quill, Inc.")])
    assert run(Settings(sources_file=sources), "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ats", "board", "company", "confirmed"]
    assert lines[1].split(None, 2)[:2] == ["lever", "acme"]
    assert len({line.index(line.split()[1], len(line.split()[0])) for line in lines}) == 1  # column 2 aligned
    assert run(Settings(sources_file=sources), "list", "--ats", "greenhouse", "--format", "csv") == 0
    assert capsys.readouterr().out == 'ats,board,company\ngreenhouse,quillai,"Quill, Inc."\n'


def test_a_bad_sources_file_is_a_one_line_error(tmp_path, capsys):
    assert run(Settings(sources_file=tmp_path / "nope.toml"), "list") == 2
    err = capsys.readouterr().err
    assert err.startswith("jobtrends: ") and "nope.toml" in err and err.count("\n") == 1
    bad = tmp_path / "bad.toml"
    bad.write_text('[[board]]\nats = "workday"\ntoken = "a"\ncompany = "A"\n', encoding="utf-8")
    assert run(Settings(), "check", "--sources", str(bad)) == 2
    err = capsys.readouterr().err
    assert "unknown ats" in err and err.count("\n") == 1


def test_jobtrends_sources_list(tmp_path, capsys):
    sources = write_sources(tmp_path / "s.toml", [("ashby", "Acme", "Acme")])
    assert main(["sources", "list", "--format", "csv"], settings=Settings(sources_file=sources)) == 0
    assert capsys.readouterr().out == "ats,board,company\nashby,Acme,Acme\n"


# --- check (against a loopback replay server) --------------------------------------------------------------


@pytest.fixture
def replay_root(tmp_path) -> Path:
    root = tmp_path / "replay"
    for ats in ("greenhouse", "lever", "ashby"):
        (root / ats).mkdir(parents=True)
    (root / "greenhouse" / "acme.json").write_text(
        json.dumps({"jobs": [{"id": 1, "title": "ML Engineer"}, {"id": 2, "title": "Research Scientist"}],
                    "meta": {"total": 2}}), encoding="utf-8")
    (root / "lever" / "quill.json").write_text(
        json.dumps([{"id": "a", "text": "ML Engineer"}, {"id": "b", "text": "Data Scientist"},
                    {"id": "c", "text": "MLOps Engineer"}]), encoding="utf-8")
    (root / "ashby" / "Otter Labs.json").write_text(
        json.dumps({"apiVersion": "1", "jobs": [{"id": "x", "title": "Applied AI Engineer"}]}), encoding="utf-8")
    (root / "ashby" / "broken.json").write_text('{"apiVersion": "1"}', encoding="utf-8")
    return root


@pytest.fixture
def user_agents(monkeypatch) -> list[str]:
    """User-Agent headers the replay server received."""
    seen: list[str] = []
    original = replay_server._Handler.do_GET

    def do_get(self):
        seen.append(self.headers.get("User-Agent", ""))
        original(self)

    monkeypatch.setattr(replay_server._Handler, "do_GET", do_get)
    return seen


def test_check_reports_each_board_politely(replay_root, tmp_path, capsys, user_agents):
    sources = write_sources(tmp_path / "s.toml", [
        ("greenhouse", "acme", "Acme"), ("greenhouse", "missing", "Gone Inc"),
        ("lever", "quill", "Quill"), ("ashby", "Otter Labs", "Otter"),
    ])
    with ReplayServer(replay_root) as server:
        settings = Settings(sources_file=sources, contact_url="https://example.test/about",
                            greenhouse_api_url=server.url, lever_api_url=server.url + "/", ashby_api_url=server.url)
        assert run(settings, "check", "--format", "csv", "--timeout", "5") == 1
        requests = list(server.requests)
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "ats,board,status",
        "greenhouse,acme,ok 2 jobs",
        "greenhouse,missing,HTTP 404",
        "lever,quill,ok 1+ jobs",
        "ashby,Otter Labs,ok 1 jobs",
    ]
    assert err == "jobtrends: 3 of 4 boards answered; 1 did not\n"
    assert sorted(path for _, path, _ in requests) == sorted([
        "/v1/boards/acme/jobs", "/v1/boards/missing/jobs",
        "/v0/postings/quill?mode=json&limit=1", "/posting-api/job-board/Otter%20Labs",
    ])
    assert user_agents == [user_agent("https://example.test/about")] * 4
    starts = sorted(t for t, _, _ in requests)  # one host here: >= 1 s between request starts
    assert all(b - a >= 0.95 for a, b in pairwise(starts)), starts


def test_check_exits_zero_when_every_board_answers(replay_root, tmp_path, capsys):
    sources = write_sources(tmp_path / "s.toml", [("greenhouse", "acme", "Acme"), ("lever", "quill", "Quill")])
    with ReplayServer(replay_root) as server:
        settings = Settings(sources_file=sources, greenhouse_api_url=server.url, lever_api_url=server.url)
        assert run(settings, "check", "--ats", "lever") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["ats", "board", "status"]
    assert out[1].split(None, 2) == ["lever", "quill", "ok 1+ jobs"]
    assert len(out) == 2


def test_check_boards_caps_concurrency_and_spaces_requests(replay_root):
    boards = [Board("greenhouse", "acme", "Acme")] * 4 + [Board("ashby", "broken", "Broken")] * 2
    with ReplayServer(replay_root, delay=0.4) as server:
        results = list(check_boards(boards, base_urls={"greenhouse": server.url, "ashby": server.url},
                                    user_agent="test", timeout=5, interval=0.15))
        assert server.max_in_flight == 2
        starts = sorted(t for t, _, _ in server.requests)
    assert [status for _, status in results] == ["ok 2 jobs"] * 4 + ["error: expected a JSON object with a 'jobs' array, got dict"] * 2
    assert [b for b, _ in results] == boards
    assert all(b - a >= 0.14 for a, b in pairwise(starts)), starts


def test_check_boards_reports_network_errors_on_one_line(replay_root):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with ReplayServer(replay_root, delay=1.5) as slow:
        results = {
            b.ats: status for b, status in check_boards(
                [Board("greenhouse", "acme", "A"), Board("lever", "quill", "Q"), Board("ashby", "x", "X")],
                base_urls={"greenhouse": closed, "lever": slow.url}, user_agent="test", timeout=0.3)
        }
    assert results["greenhouse"].startswith("error: ") and "refused" in results["greenhouse"].lower()
    assert results["lever"] == "error: timed out after 0.3s"
    assert results["ashby"] == "error: no API base URL for ashby"
    assert all("\n" not in s for s in results.values())


# --- discover -------------------------------------------------------------------------------------------


POSTINGS = [
    ("h1", "ML Engineer", '<p>Also hiring: <a href="https://jobs.ashbyhq.com/heronlabs">jobs.ashbyhq.com&#x2F;heronlabs</a></p>'),
    ("h2", "Research Engineer", "<p>https:&#x2F;&#x2F;jobs.ashbyhq.com&#x2F;HeronLabs&#x2F;123 and https://boards.greenhouse.io/acme</p>"),
    ("h3", "Data Scientist", "<p>See https://jobs.lever.co/mossgrid/abc, or jobs.ashbyhq.com/heronlabs.</p>"),
    ("h4", "MLOps", '<iframe src="https://boards.greenhouse.io/embed/job_board?for=quillai"></iframe>'),
    ("h5", "Nothing", None),
]


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    with db.write_window(home) as con:
        for content_hash, title, html in POSTINGS:
            con.execute(
                "INSERT INTO posting_content (content_hash, title, description_html, description_text) VALUES (?, ?, ?, ?)",
                [content_hash, title, html, None],
            )
    return home


def test_discover_proposes_boards_not_yet_listed(home, tmp_path, capsys):
    sources = write_sources(tmp_path / "s.toml", [("greenhouse", "ACME", "Acme"), ("lever", "other", "Other")])
    assert run(Settings(sources_file=sources), "discover", "--home", str(home), "--format", "csv") == 0
    assert capsys.readouterr().out == (
        "ats,board,n_mentions\n"
        "ashby,heronlabs,3\n"
        "greenhouse,quillai,1\n"
        "lever,mossgrid,1\n"
    )
    assert run(Settings(sources_file=sources, home=home), "discover") == 0  # home from the settings
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ats", "board", "n_mentions"] and lines[1].split() == ["ashby", "heronlabs", "3"]


def test_discover_without_a_warehouse_is_a_clear_error(tmp_path, capsys):
    assert run(Settings(home=tmp_path / "empty"), "discover") == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("jobtrends: no warehouse at ") and err.count("\n") == 1


def test_discover_boards_counts_texts_and_keeps_the_common_spelling():
    texts = ["jobs.ashbyhq.com/Wren jobs.ashbyhq.com/wren", "jobs.ashbyhq.com/Wren", "jobs.ashbyhq.com/wren",
             "jobs.ashbyhq.com/wren", None, "", "jobs.lever.co/known"]
    assert discover_boards(texts, known=[("lever", "KNOWN")]) == [("ashby", "wren", 4)]
    assert discover_boards([]) == []
