"""Which boards to crawl: ``crawlers/sources.toml`` (data, not code) read into :class:`Board` rows.

Each ``[[board]]`` table has ``ats`` (``greenhouse`` | ``lever`` | ``ashby``), ``token`` (the board's
name in the ATS URL), ``company`` (display name) and optionally ``confirmed = false`` for a token we
believe but have not seen answer. Unconfirmed boards are crawled like the others: a wrong token
shows up as a failed board ("HTTP 404") in the spider's summary.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

ATS_NAMES = ("greenhouse", "lever", "ashby")
DEFAULT_SOURCES = Path(__file__).with_name("sources.toml")
_KEYS = {"ats", "token", "company", "confirmed"}


class SourcesError(ValueError):
    """sources.toml is malformed."""


@dataclass(frozen=True)
class Board:
    ats: str
    token: str
    company: str
    confirmed: bool = True


def load_sources(path: Path | str | None = None) -> list[Board]:
    """Boards listed in *path* (default ``crawlers/sources.toml``), in file order.

    Raises :class:`SourcesError` on an unknown ATS, a missing or non-string field, an unknown key
    or a board listed twice.
    """
    path = Path(path) if path is not None else DEFAULT_SOURCES
    with path.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise SourcesError(f"{path}: {exc}") from exc
    tables = data.get("board", [])
    if not isinstance(tables, list):
        raise SourcesError(f"{path}: 'board' must be an array of tables ([[board]])")
    boards: list[Board] = []
    seen: set[tuple[str, str]] = set()
    for i, table in enumerate(tables, start=1):
        where = f"{path}: board #{i}"
        unknown = set(table) - _KEYS
        if unknown:
            raise SourcesError(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("ats", "token", "company"):
            if not isinstance(table.get(key), str) or not table[key].strip():
                raise SourcesError(f"{where}: '{key}' must be a non-empty string")
        ats, token = table["ats"].strip(), table["token"].strip()
        if ats not in ATS_NAMES:
            raise SourcesError(f"{where}: unknown ats {ats!r} (expected one of {ATS_NAMES})")
        confirmed = table.get("confirmed", True)
        if not isinstance(confirmed, bool):
            raise SourcesError(f"{where}: 'confirmed' must be true or false")
        if (ats, token) in seen:
            raise SourcesError(f"{where}: {ats} board {token!r} is listed twice")
        seen.add((ats, token))
        boards.append(Board(ats=ats, token=token, company=table["company"].strip(), confirmed=confirmed))
    return boards


def board_tokens(ats: str, path: Path | str | None = None) -> list[str]:
    """Tokens of the boards on *ats*, in file order."""
    return [b.token for b in load_sources(path) if b.ats == ats]
