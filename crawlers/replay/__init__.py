"""Replay: serve saved job-board responses at the real endpoint paths on 127.0.0.1.

A replay folder is laid out like ``../shared/corpus``: ``greenhouse/<token>.json``,
``lever/<site>.json``, ``ashby/<org>.json`` and optionally ``robots.txt``. It is either one
snapshot, or a parent of several snapshots named ``YYYY-MM-DD`` (their crawl dates).
The server lives in :mod:`crawlers.replay.server`.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

ATS_FOLDERS = ("greenhouse", "lever", "ashby")
_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_snapshot(folder: Path) -> bool:
    """True when *folder* holds at least one of the ``greenhouse``/``lever``/``ashby`` folders."""
    return any((Path(folder) / ats).is_dir() for ats in ATS_FOLDERS)


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
    """ATS -> sorted board tokens (file names without ``.json``) in one snapshot.

    Every ATS is a key; one with no folder maps to ``[]``.
    """
    snapshot = Path(snapshot)
    result: dict[str, list[str]] = {}
    for ats in ATS_FOLDERS:
        folder = snapshot / ats
        files = folder.glob("*.json") if folder.is_dir() else []
        result[ats] = sorted(p.name[: -len(".json")] for p in files if p.is_file())
    return result
