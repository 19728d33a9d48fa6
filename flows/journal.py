"""The run journal: ``<home>/state/runs.jsonl``, one JSON line when a weekly run starts and one when it
ends — ``completed``, ``degraded`` (boards failed or a board's volume dropped), or ``failed`` with its
error. A run that fails outright loads nothing into the warehouse, and a killed one does not even get
to say so: this file is their only record. Each load copies it into the warehouse (``runs`` view), and
the next report names what went wrong.

No Prefect here: the flow runs its body inside ``recorded()`` and sets the ``Outcome`` it yields.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

JOURNAL_FILE = "runs.jsonl"
STATUSES = ("completed", "degraded", "failed", "unfinished")
ERROR_CHARS = 2000


def journal_path(state_dir: Path) -> Path:
    return Path(state_dir) / JOURNAL_FILE


@dataclass
class Outcome:
    """How a run that finished went: ``completed``, or ``degraded`` when boards failed or volumes dropped."""

    status: str = "completed"
    n_failed_boards: int = 0
    n_volume_drops: int = 0

    def set(self, failed_boards: list[str], volume_drops: list[str]) -> None:
        self.status = "degraded" if failed_boards or volume_drops else "completed"
        self.n_failed_boards, self.n_volume_drops = len(failed_boards), len(volume_drops)

    @property
    def message(self) -> str:
        return f"{_plural(self.n_failed_boards, 'board')} failed, {_plural(self.n_volume_drops, 'volume drop')}"


def append(path: Path, record: dict[str, Any]) -> None:
    """One line per call, written with a single ``write`` in append mode, so lines never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, default=_json_default, ensure_ascii=False) + "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def recorded(path: Path, run_id: str, week: date, started_at: datetime) -> Iterator[Outcome]:
    """Journal a run: a ``started`` line now; on exit the outcome the body set, or ``failed`` and the
    error when the body raised (the exception goes on)."""
    append(path, {"event": "started", "run_id": run_id, "week": week, "started_at": started_at})
    result = Outcome()
    try:
        yield result
    except BaseException as exc:
        error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        append(path, {"event": "finished", "run_id": run_id, "finished_at": _now(), "status": "failed",
                      "error": error[:ERROR_CHARS]})
        raise
    append(path, {"event": "finished", "run_id": run_id, "finished_at": _now(), "status": result.status,
                  "n_failed_boards": result.n_failed_boards, "n_volume_drops": result.n_volume_drops})


def read_runs(path: Path) -> list[dict[str, Any]]:
    """One dict per run started, oldest first: run_id, week, started_at, finished_at, status,
    n_failed_boards, n_volume_drops, error. A run with no ``finished`` line is ``unfinished`` (still
    running, or killed). Lines that do not parse (a write cut short) are skipped."""
    if not path.exists():
        return []
    runs: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
            run_id = record["run_id"]
        except (ValueError, TypeError, KeyError):
            continue
        if record.get("event") == "started":
            runs[run_id] = {
                "run_id": run_id, "week": date.fromisoformat(record["week"]),
                "started_at": datetime.fromisoformat(record["started_at"]), "finished_at": None,
                "status": "unfinished", "n_failed_boards": None, "n_volume_drops": None, "error": None,
            }
        elif record.get("event") == "finished" and run_id in runs:
            runs[run_id].update(
                finished_at=datetime.fromisoformat(record["finished_at"]), status=record["status"],
                n_failed_boards=record.get("n_failed_boards"), n_volume_drops=record.get("n_volume_drops"),
                error=record.get("error"),
            )
    return sorted(runs.values(), key=lambda r: r["started_at"])


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _json_default(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
