"""crawlers/sources.toml, load_sources(), load_sites() and crawlers.discover.find_board_links()."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.discover import find_board_links
from crawlers.sources import (
    ATS_NAMES,
    DEFAULT_SOURCES,
    Board,
    Site,
    SourcesError,
    board_tokens,
    load_sites,
    load_sources,
)


def test_the_bundled_sources_file_is_valid():
    boards = load_sources()
    assert boards == load_sources(DEFAULT_SOURCES)
    assert len(boards) >= 15
    assert {b.ats for b in boards} == set(ATS_NAMES)
    assert all(isinstance(b, Board) and b.token and b.company for b in boards)
    assert len({(b.ats, b.token) for b in boards}) == len(boards)
    assert any(not b.confirmed for b in boards)
    assert board_tokens("lever") == [b.token for b in boards if b.ats == "lever"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_sources_reads_tables_in_order(tmp_path):
    path = write(
        tmp_path,
        '[[board]]\nats = "lever"\ntoken = "acme"\ncompany = "Acme"\n\n'
        '[[board]]\nats = "ashby"\ntoken = "Beta.ai"\ncompany = "Beta"\nconfirmed = false\n',
    )
    assert load_sources(path) == [
        Board("lever", "acme", "Acme", True),
        Board("ashby", "Beta.ai", "Beta", False),
    ]
    assert load_sources(write(tmp_path, "")) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[board]]\nats = "workday"\ntoken = "a"\ncompany = "A"\n', "unknown ats"),
        ('[[board]]\nats = "lever"\ncompany = "A"\n', "'token'"),
        ('[[board]]\nats = "lever"\ntoken = ""\ncompany = "A"\n', "'token'"),
        ('[[board]]\nats = "lever"\ntoken = "a"\ncompany = "A"\nconfirmed = "no"\n', "'confirmed'"),
        ('[[board]]\nats = "lever"\ntoken = "a"\ncompany = "A"\nurl = "x"\n', "unknown keys"),
        ('[[board]]\nats = "lever"\ntoken = "a"\ncompany = "A"\n' * 2, "listed twice"),
        ("board = 3\n", "array of tables"),
        ("[[board]\n", "sources.toml"),
    ],
)
def test_load_sources_rejects_malformed_files(tmp_path, text, message):
    with pytest.raises(SourcesError, match=message):
        load_sources(write(tmp_path, text))


# --- the bundled board list ---------------------------------------------------------------------------


def test_the_bundled_board_list_is_large_sorted_and_annotated():
    boards = load_sources()
    assert len(boards) >= 150
    keys = [(b.ats, b.token.casefold(), b.token) for b in boards]
    assert keys == sorted(keys), "sources.toml is sorted by ats, then token"
    assert len({(b.ats, b.token.casefold()) for b in boards}) == len(boards)
    per_ats = {ats: sum(b.ats == ats for b in boards) for ats in ATS_NAMES}
    assert all(n >= 5 for n in per_ats.values()), per_ats
    for board in boards:
        assert board.token == board.token.strip() and "/" not in board.token
        if board.confirmed:  # every confirmed board says where it was seen
            assert board.seen and board.seen.startswith(("corpus ", "hn ")), board
    assert sum(b.confirmed for b in boards) > sum(not b.confirmed for b in boards)


def test_seen_is_an_optional_string(tmp_path):
    path = write(tmp_path, '[[board]]\nats = "lever"\ntoken = "acme"\ncompany = "Acme"\nseen = "hn 2026-01 link"\n')
    assert load_sources(path) == [Board("lever", "acme", "Acme", True, "hn 2026-01 link")]
    with pytest.raises(SourcesError, match="'seen'"):
        load_sources(write(tmp_path, '[[board]]\nats = "lever"\ntoken = "a"\ncompany = "A"\nseen = 3\n'))


def test_load_sources_ignores_site_tables(tmp_path):
    path = write(tmp_path, '[[site]]\nname = "acme"\ncompany = "Acme"\nurls = ["https://acme.example/jobs/1"]\n')
    assert load_sources(path) == []


# --- [[site]] tables -----------------------------------------------------------------------------------


def test_the_bundled_sites():
    sites = load_sites()
    assert sites == load_sites(DEFAULT_SOURCES)
    openai = {s.name: s for s in sites}["openai"]
    assert isinstance(openai, Site) and openai.company == "OpenAI"
    assert openai.sitemap and openai.sitemap.startswith("https://jobs.ashbyhq.com/openai")
    assert openai.confirmed is False  # the pages are in the corpus, the sitemap URL is not


def test_load_sites_reads_sitemaps_and_url_lists(tmp_path):
    path = write(
        tmp_path,
        '[[board]]\nats = "lever"\ntoken = "acme"\ncompany = "Acme"\n\n'
        '[[site]]\nname = "acme"\ncompany = "Acme Robotics"\nsitemap = "https://careers.acme.example/sitemap.xml"\n\n'
        '[[site]]\nname = "beta"\ncompany = "Beta"\nurls = ["https://beta.example/jobs/1", "http://beta.example/jobs/2"]\n'
        'confirmed = false\nseen = "guess"\n',
    )
    assert load_sites(path) == [
        Site("acme", "Acme Robotics", "https://careers.acme.example/sitemap.xml", (), True, None),
        Site("beta", "Beta", None, ("https://beta.example/jobs/1", "http://beta.example/jobs/2"), False, "guess"),
    ]
    assert load_sources(path) == [Board("lever", "acme", "Acme")]
    assert load_sites(write(tmp_path, "")) == []


SITE = '[[site]]\nname = "acme"\ncompany = "Acme"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SITE, "'sitemap' URL or a list of 'urls'"),
        (SITE + "urls = []\n", "'sitemap' URL or a list of 'urls'"),
        (SITE + 'sitemap = ""\n', "'sitemap'"),
        (SITE + 'urls = "https://acme.example/1"\n', "'urls'"),
        (SITE + 'urls = [1]\n', "'urls'"),
        (SITE + 'sitemap = "ftp://acme.example/sitemap.xml"\n', "not an http"),
        (SITE + 'urls = ["acme.example/jobs/1"]\n', "not an http"),
        ('[[site]]\ncompany = "Acme"\nsitemap = "https://a.example/s.xml"\n', "'name'"),
        ('[[site]]\nname = "acme"\nsitemap = "https://a.example/s.xml"\n', "'company'"),
        (SITE + 'sitemap = "https://a.example/s.xml"\nconfirmed = "yes"\n', "'confirmed'"),
        (SITE + 'sitemap = "https://a.example/s.xml"\ntoken = "x"\n', "unknown keys"),
        ((SITE + 'sitemap = "https://a.example/s.xml"\n') * 2, "listed twice"),
        ("site = 3\n", "array of tables"),
        ("[[site]\n", "sources.toml"),
    ],
)
def test_load_sites_rejects_malformed_tables(tmp_path, text, message):
    with pytest.raises(SourcesError, match=message):
        load_sites(write(tmp_path, text))


# --- crawlers.discover.find_board_links ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apply at https://boards.greenhouse.io/acmerobotics", {("greenhouse", "acmerobotics")}),
        ("https://job-boards.greenhouse.io/zetalabs/jobs/4012345", {("greenhouse", "zetalabs")}),
        ('<iframe src="https://boards.greenhouse.io/embed/job_board?for=quillai&amp;b=https://quill.example">',
         {("greenhouse", "quillai")}),
        ("https://boards.greenhouse.io/embed/job_app?token=77&for=otterworks", {("greenhouse", "otterworks")}),
        ("curl https://boards-api.greenhouse.io/v1/boards/vectorpine/jobs", {("greenhouse", "vectorpine")}),
        ("Roles: jobs.lever.co/mossgrid/0a1b2c3d-aaaa-bbbb-cccc-1234567890ab", {("lever", "mossgrid")}),
        ("https://api.lever.co/v0/postings/mossgrid?mode=json", {("lever", "mossgrid")}),
        ("See https://jobs.ashbyhq.com/Nimbus.ai/9f8e7d6c for details", {("ashby", "Nimbus.ai")}),
        ("https:&#x2F;&#x2F;jobs.ashbyhq.com&#x2F;heronlabs&#x2F;", {("ashby", "heronlabs")}),
        ("jobs&#x2F;boards: https:&#x2F;&#x2F;boards.greenhouse.io&#x2F;tidewater.", {("greenhouse", "tidewater")}),
        ("(https://jobs.lever.co/kestrel-ai), or https://jobs.ashbyhq.com/kestrel.", {("lever", "kestrel-ai"), ("ashby", "kestrel")}),
        ("Apply: HTTPS://BOARDS.GREENHOUSE.IO/LoudCamel!", {("greenhouse", "loudcamel")}),
        ("JOBS.ASHBYHQ.COM/BigOrca and Jobs.Lever.Co/BigOrca", {("ashby", "BigOrca"), ("lever", "BigOrca")}),
        ("https://jobs.ashbyhq.com/Pine%20Hollow%20Labs/abc", {("ashby", "Pine Hollow Labs")}),
        ("go.example/r?u=https%3A%2F%2Fjobs.lever.co%2Ffernbyte%2F123", {("lever", "fernbyte")}),
        ("double escaped: jobs.ashbyhq.com&amp;#x2F;wrenco", {("ashby", "wrenco")}),
        ("EU boards use other APIs: https://jobs.eu.lever.co/alpenrose https://job-boards.eu.greenhouse.io/alpenrose",
         set()),
        ("not a board: https://notjobs.lever.co/x https://boards.greenhouse.io/ or https://jobs.ashbyhq.com/", set()),
        ("https://boards.greenhouse.io/embed/job_board/js?for=lumenkit", {("greenhouse", "lumenkit")}),
        ("", set()),
    ],
)
def test_find_board_links(text, expected):
    assert find_board_links(text) == expected


def test_find_board_links_deduplicates_within_a_text():
    text = "https://boards.greenhouse.io/acme https://job-boards.greenhouse.io/acme/jobs/1 boards.greenhouse.io/ACME"
    assert find_board_links(text) == {("greenhouse", "acme")}


# --- against the corpus (where the confirmed tokens came from) ----------------------------------------


@pytest.mark.corpus
def test_confirmed_boards_are_attested_in_the_corpus():
    import json

    from tests.conftest import require_corpus

    corpus = require_corpus()
    hn_links: set[tuple[str, str]] = set()
    for item in (corpus / "hn" / "item").glob("*.json"):
        hn_links |= find_board_links(json.loads(item.read_text(encoding="utf-8")).get("text") or "")
    for board in load_sources():
        if not board.confirmed:
            continue
        if board.seen.startswith("hn "):
            assert (board.ats, board.token) in hn_links, board
        elif board.seen.startswith("corpus jsonld"):
            assert (corpus / "jsonld" / board.token).is_dir(), board
        else:
            files = {board.token, board.token.replace(" ", "-")}  # the corpus wrote %20 as '-'
            assert any((corpus / board.ats / f"{name}.json").is_file() for name in files), board
