"""One run at a time per home: a second ``demo``/``run``/``backfill`` on the same home refuses at once.

The lock is an ``flock`` on ``<home>/.run.lock``, held for the whole run. The kernel releases it when
the holder exits in any way, ``kill -9`` included, so a crash never leaves a stale lock behind; the
pid and start time written inside only explain who holds it. Re-entrant within one process: ``demo``
holds it across its weeks, and each weekly flow it calls takes it again.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

LOCK_FILE = ".run.lock"
# The CLI's exit status for "another run holds this home" (EX_TEMPFAIL: try again later).
EXIT_BUSY = 75

_held: dict[Path, tuple[IO[str], int]] = {}


class RunInProgress(RuntimeError):
    """Another process is running on this home."""


@contextlib.contextmanager
def run_lock(home: Path, what: str = "run") -> Iterator[None]:
    path = (Path(home) / LOCK_FILE).resolve()
    if path in _held:
        handle, depth = _held[path]
        _held[path] = (handle, depth + 1)
        try:
            yield
        finally:
            handle, depth = _held[path]
            _held[path] = (handle, depth - 1)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise RunInProgress(
            f"another jobtrends run is using {path.parent} ({holder}); wait for it to finish, or stop it"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{what}, pid {os.getpid()}, since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC\n")
    handle.flush()
    _held[path] = (handle, 1)
    try:
        yield
    finally:
        handle, depth = _held[path]
        if depth <= 1:
            del _held[path]
            handle.close()  # releases the flock
        else:
            _held[path] = (handle, depth - 1)
