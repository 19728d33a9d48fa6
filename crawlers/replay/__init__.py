"""Replay: serve saved job-board responses at the real endpoint paths on 127.0.0.1.

A replay folder is laid out like ``../shared/corpus``: ``greenhouse/<token>.json``,
``lever/<site>.json``, ``ashby/<org>.json``, ``hn/user/<name>.json`` + ``hn/item/<id>.json``,
``jsonld/<site>/<id>.html``, ``remoteok/api.json``, ``remotive/remote-jobs.json`` and optionally
``robots.txt``. It is either one snapshot, or a parent of several snapshots named ``YYYY-MM-DD``
(their crawl dates). The server lives in :mod:`crawlers.replay.server`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

ATS_FOLDERS = ("greenhouse", "lever", "ashby")
# Every source a snapshot may hold, in the order the spiders are listed (one spider per source).
SOURCE_FOLDERS = (*ATS_FOLDERS, "hn", "jsonld", "remoteok", "remotive")
# The single "board" of the one-feed sources, and the file whose presence means it was recorded.
SINGLE_BOARD_FILES = {
    "hn": ("whoishiring", Path("hn/user/whoishiring.json")),
    "remoteok": ("remoteok", Path("remoteok/api.json")),
    "remotive": ("remotive", Path("remotive/remote-jobs.json")),
}
_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_snapshot(folder: Path) -> bool:
    """True when *folder* holds at least one source folder (``greenhouse``, ``lever``, ``ashby``,
    ``hn``, ``jsonld``, ``remoteok`` or ``remotive``)."""
    return any((Path(folder) / source).is_dir() for source in SOURCE_FOLDERS)


def snapshots(root: Path) -> list[tuple[date | None, Path]]:
    """The snapshots under *root*, oldest first.

    ``[(None, root)]`` when *root* is itself a snapshot; else its ``YYYY-MM-DD`` subfolders with their
    dates, sorted by date (other entries are ignored). Empty when there are none.
    """
    root = Path(root)
    if is_snapshot(root):
        return [(None, root)]
    found: list[tuple[date | None, Path]] = []
    if not root.is_dir():
        return found
    for child in root.iterdir():
        if child.is_dir() and _DATE_DIR.match(child.name):
            try:
                found.append((date.fromisoformat(child.name), child))
            except ValueError:  # e.g. 2026-13-01
                continue
    found.sort(key=lambda pair: pair[0] or date.min)
    return found


def boards_in(snapshot: Path) -> dict[str, list[str]]:
    """Source (= spider) -> the boards to crawl in one snapshot; every source is a key, ``[]`` when
    the snapshot does not hold it.

    * ``greenhouse``/``lever``/``ashby``: sorted board tokens (file names without ``.json``);
    * ``hn``: ``["whoishiring"]`` when ``hn/user/whoishiring.json`` exists;
    * ``jsonld``: sorted site folder names under ``jsonld/``;
    * ``remoteok`` / ``remotive``: ``["remoteok"]`` / ``["remotive"]`` when ``remoteok/api.json`` /
      ``remotive/remote-jobs.json`` exists.
    """
    snapshot = Path(snapshot)
    result: dict[str, list[str]] = {}
    for ats in ATS_FOLDERS:
        folder = snapshot / ats
        files = folder.glob("*.json") if folder.is_dir() else []
        result[ats] = sorted(p.name[: -len(".json")] for p in files if p.is_file())
    for source, (board, file) in SINGLE_BOARD_FILES.items():
        result[source] = [board] if (snapshot / file).is_file() else []
    jsonld = snapshot / "jsonld"
    sites = jsonld.iterdir() if jsonld.is_dir() else []
    result["jsonld"] = sorted(d.name for d in sites if d.is_dir() and not d.name.startswith("."))
    return {source: result[source] for source in SOURCE_FOLDERS}
