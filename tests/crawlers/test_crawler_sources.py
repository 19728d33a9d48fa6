"""crawlers/sources.toml and load_sources()."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.sources import ATS_NAMES, DEFAULT_SOURCES, Board, SourcesError, board_tokens, load_sources


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
