"""Run one spider in a subprocess and return its summary.

Twisted's reactor cannot be restarted inside one process, so every crawl is a fresh
``python -P -m scrapy crawl <spider>`` with this folder as its working directory. The crawl's log goes
to ``<raw_dir>/<spider>.log``; its raw output to ``<raw_dir>/<spider>.jsonl.gz`` and
``<raw_dir>/<spider>.summary.json`` (see docs/ARCHITECTURE.md, "Raw layer").
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CRAWLERS_DIR = Path(__file__).resolve().parent
REPO_ROOT = CRAWLERS_DIR.parent
LOG_TAIL_LINES = 40
_PR_SET_PDEATHSIG = 1


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - every Linux libc has prctl
        return None


_LIBC = _libc()


def die_with_parent() -> None:
    """``preexec_fn`` of a child: SIGTERM it when the thread that started it dies, even by SIGKILL
    (Linux), so a killed run leaves no crawl behind. libc is resolved in the parent, so the child makes
    one system call between fork and exec. The starting thread waits for the child, so it cannot end
    first."""
    prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def prctl(option: int, value: int) -> bool:
    """Linux ``prctl(2)`` with one argument; False where it is missing or fails."""
    return _LIBC is not None and _LIBC.prctl(option, value, 0, 0, 0) == 0


class CrawlError(RuntimeError):
    """A crawl subprocess failed, timed out or wrote no summary. ``log_tail`` holds its last lines."""

    def __init__(self, message: str, *, log_tail: str = "", returncode: int | None = None):
        super().__init__(f"{message}\n--- log tail ---\n{log_tail}" if log_tail else message)
        self.log_tail = log_tail
        self.returncode = returncode


def setting_arg(value: object) -> str:
    """Encode a setting value for ``scrapy crawl -s NAME=VALUE``.

    Lists and tuples become comma-separated strings (Scrapy's ``getlist`` splits them; our
    ``setting_list`` also reads JSON lists), or JSON when an element holds a comma; dicts become
    JSON (``getdict`` parses it); booleans ``True``/``False`` (``getbool`` reads them).
    """
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
        if any("," in v for v in items):
            return json.dumps(items)
        return ",".join(items)
    if isinstance(value, Mapping):
        return json.dumps(dict(value))
    if value is None:
        raise ValueError("a setting passed with -s cannot be None")
    return str(value)


def crawl_command(
    spider: str,
    raw_dir: Path,
    *,
    boards: list[str] | None = None,
    settings: Mapping[str, object] | None = None,
    spider_args: Mapping[str, object] | None = None,
) -> list[str]:
    """The argv :func:`run_spider` runs (exposed for logging and tests).

    *spider_args* become ``-a NAME=VALUE``, encoded like settings (lists comma-separated, dicts as
    JSON): e.g. ``{"stories": [47975571]}`` for ``hn``, ``{"since": "2011-04"}`` for ``hn_algolia``,
    ``{"sitemaps": {"acme": "https://..."}}`` for ``jsonld``.
    """
    cmd = [sys.executable, "-P", "-m", "scrapy", "crawl", spider]
    if boards is not None:
        bad = [b for b in boards if "," in b or not b.strip()]
        if bad:
            raise ValueError(f"board tokens must be non-empty and hold no comma: {bad}")
        cmd += ["-a", "boards=" + ",".join(boards)]
    for name, value in (spider_args or {}).items():
        if name == "boards" or not name.isidentifier():
            raise ValueError(f"bad spider argument name {name!r} (pass boards with boards=)")
        cmd += ["-a", f"{name}={setting_arg(value)}"]
    merged: dict[str, object] = dict(settings or {})
    merged["JOBTRENDS_RAW_DIR"] = str(raw_dir)
    for name, value in merged.items():
        cmd += ["-s", f"{name}={setting_arg(value)}"]
    return cmd


def _tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def run_spider(
    spider: str,
    raw_dir: Path,
    *,
    boards: list[str] | None = None,
    settings: dict[str, object] | None = None,
    timeout: float = 1800,
    spider_args: Mapping[str, object] | None = None,
) -> dict[str, Any]:
    """Crawl *boards* (default: the spider's default or sources.toml boards) into *raw_dir*; return
    the summary.

    *settings* are passed as ``-s NAME=VALUE`` (e.g. ``{"GREENHOUSE_API_URL": server.url,
    "JOBTRENDS_FAST_HOSTS": ["127.0.0.1"]}``), *spider_args* as ``-a NAME=VALUE`` (see
    :func:`crawl_command`). A board whose daily request budget is spent is ``skipped`` in the summary;
    the crawl still succeeds. Raises :class:`CrawlError` when the process exits
    non-zero, exceeds *timeout* seconds, or leaves no readable summary — and before starting when
    *raw_dir* already holds this spider's output (raw files are never rewritten).
    """
    raw_dir = Path(raw_dir).resolve()
    raw_dir.mkdir(parents=True, exist_ok=True)
    summary_file = raw_dir / f"{spider}.summary.json"
    raw_file = raw_dir / f"{spider}.jsonl.gz"
    log_file = raw_dir / f"{spider}.log"
    existing = [p.name for p in (summary_file, raw_file) if p.exists()]
    if existing:
        raise CrawlError(f"{raw_dir} already holds {', '.join(existing)}; raw files are never rewritten")

    cmd = crawl_command(spider, raw_dir, boards=boards, settings=settings, spider_args=spider_args)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    env.pop("SCRAPY_SETTINGS_MODULE", None)  # scrapy.cfg in CRAWLERS_DIR decides
    with log_file.open("wb") as log:
        try:
            proc = subprocess.run(
                cmd, cwd=CRAWLERS_DIR, env=env, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, timeout=timeout, check=False, preexec_fn=die_with_parent,
            )
        except subprocess.TimeoutExpired:
            log.flush()
            raise CrawlError(f"crawl {spider} timed out after {timeout:g} s", log_tail=_tail(log_file)) from None
    if proc.returncode != 0:
        raise CrawlError(
            f"crawl {spider} exited with status {proc.returncode}",
            log_tail=_tail(log_file), returncode=proc.returncode,
        )
    try:
        summary = json.loads(summary_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CrawlError(f"crawl {spider} left no readable summary ({exc})", log_tail=_tail(log_file)) from exc
    return summary
