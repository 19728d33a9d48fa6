"""Which boards to crawl: ``crawlers/sources.toml`` (data, not code) read into :class:`Board` rows.

Each ``[[board]]`` table has ``ats`` (``greenhouse`` | ``lever`` | ``ashby``), ``token`` (the board's
name in the ATS URL), ``company`` (display name), optionally ``confirmed = false`` for a token we
believe but have not seen answer, and optionally ``seen`` (a free-text note on where the token was
seen, e.g. ``"corpus 2025-10"``). Unconfirmed boards are crawled like the others: a wrong token shows
up as a failed board ("HTTP 404") in the spider's summary.

Each ``[[site]]`` table names a career site whose pages carry schema.org ``JobPosting`` JSON-LD (the
``jsonld`` source): ``name`` (the board name, e.g. ``openai``), ``company``, ``sitemap`` (a URL)
and/or ``urls`` (a list of page URLs), optionally ``confirmed`` and ``seen`` as for boards. Read
with :func:`load_sites`; :func:`load_sources` reads boards only.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ATS_NAMES = ("greenhouse", "lever", "ashby")
DEFAULT_SOURCES = Path(__file__).with_name("sources.toml")
_KEYS = {"ats", "token", "company", "confirmed", "seen"}
_SITE_KEYS = {"name", "company", "sitemap", "urls", "confirmed", "seen"}


class SourcesError(ValueError):
    """sources.toml is malformed."""


@dataclass(frozen=True)
class Board:
    ats: str
    token: str
    company: str
    confirmed: bool = True
    seen: str | None = None


@dataclass(frozen=True)
class Site:
    """A schema.org JSON-LD career site: pages listed by a sitemap and/or explicit URLs."""

    name: str
    company: str
    sitemap: str | None = None
    urls: tuple[str, ...] = ()
    confirmed: bool = True
    seen: str | None = None


def _read(path: Path | str | None) -> tuple[Path, dict[str, Any]]:
    path = Path(path) if path is not None else DEFAULT_SOURCES
    with path.open("rb") as fh:
        try:
            return path, tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise SourcesError(f"{path}: {exc}") from exc


def _tables(path: Path, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise SourcesError(f"{path}: '{key}' must be an array of tables ([[{key}]])")
    return tables


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SourcesError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _flag_and_note(table: dict[str, Any], where: str) -> tuple[bool, str | None]:
    confirmed = table.get("confirmed", True)
    if not isinstance(confirmed, bool):
        raise SourcesError(f"{where}: 'confirmed' must be true or false")
    seen = table.get("seen")
    if seen is not None and not isinstance(seen, str):
        raise SourcesError(f"{where}: 'seen' must be a string")
    return confirmed, (seen.strip() or None) if seen is not None else None


def load_sources(path: Path | str | None = None) -> list[Board]:
    """Boards listed in *path* (default ``crawlers/sources.toml``), in file order.

    Raises :class:`SourcesError` on an unknown ATS, a missing or non-string field, an unknown key
    or a board listed twice. ``[[site]]`` tables are not read here (see :func:`load_sites`).
    """
    path, data = _read(path)
    boards: list[Board] = []
    seen: set[tuple[str, str]] = set()
    for i, table in enumerate(_tables(path, data, "board"), start=1):
        where = f"{path}: board #{i}"
        unknown = set(table) - _KEYS
        if unknown:
            raise SourcesError(f"{where}: unknown keys {sorted(unknown)}")
        ats, token, company = (_text(table, key, where) for key in ("ats", "token", "company"))
        if ats not in ATS_NAMES:
            raise SourcesError(f"{where}: unknown ats {ats!r} (expected one of {ATS_NAMES})")
        confirmed, note = _flag_and_note(table, where)
        if (ats, token) in seen:
            raise SourcesError(f"{where}: {ats} board {token!r} is listed twice")
        seen.add((ats, token))
        boards.append(Board(ats=ats, token=token, company=company, confirmed=confirmed, seen=note))
    return boards


def load_sites(path: Path | str | None = None) -> list[Site]:
    """JSON-LD career sites listed as ``[[site]]`` in *path* (default ``crawlers/sources.toml``).

    Raises :class:`SourcesError` on a missing or empty ``name``/``company``, a site with neither
    ``sitemap`` nor ``urls``, a URL that is not http(s), an unknown key or a name listed twice.
    """
    path, data = _read(path)
    sites: list[Site] = []
    names: set[str] = set()
    for i, table in enumerate(_tables(path, data, "site"), start=1):
        where = f"{path}: site #{i}"
        unknown = set(table) - _SITE_KEYS
        if unknown:
            raise SourcesError(f"{where}: unknown keys {sorted(unknown)}")
        name, company = _text(table, "name", where), _text(table, "company", where)
        sitemap = _text(table, "sitemap", where) if "sitemap" in table else None
        urls = table.get("urls", [])
        if not isinstance(urls, list) or not all(isinstance(u, str) and u.strip() for u in urls):
            raise SourcesError(f"{where}: 'urls' must be a list of non-empty strings")
        urls = tuple(u.strip() for u in urls)
        if sitemap is None and not urls:
            raise SourcesError(f"{where}: give a 'sitemap' URL or a list of 'urls'")
        for url in (sitemap, *urls):
            if url is not None and not url.startswith(("https://", "http://")):
                raise SourcesError(f"{where}: {url!r} is not an http(s) URL")
        confirmed, note = _flag_and_note(table, where)
        if name in names:
            raise SourcesError(f"{where}: site {name!r} is listed twice")
        names.add(name)
        sites.append(Site(name=name, company=company, sitemap=sitemap, urls=urls, confirmed=confirmed, seen=note))
    return sites


def board_tokens(ats: str, path: Path | str | None = None) -> list[str]:
    """Tokens of the boards on *ats*, in file order."""
    return [b.token for b in load_sources(path) if b.ats == ats]
