"""Shared terminal output of the CLI subcommands: errors, tables and CSV, a closed pipe."""

from __future__ import annotations

import argparse
import csv
import functools
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from flows.config import Settings


def stdout_may_close(handler):
    """``jobtrends sources list | head`` ends quietly: a closed stdout is not an error worth a traceback."""

    @functools.wraps(handler)
    def wrapped(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return handler(args, settings)
        except BrokenPipeError:
            try:  # so the interpreter's final flush of stdout does not fail too
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                os.close(devnull)
            except (OSError, ValueError, AttributeError):
                pass
            return 141

    return wrapped


def fail(message: str, code: int) -> int:
    print(f"jobtrends: {message}", file=sys.stderr)
    return code


def truncate(text: str, limit: int | None) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (``None``: as it is)."""
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def one_line(exc: BaseException | str) -> str:
    return " ".join(str(exc).split())


class RowWriter:
    """Writes rows as they come: CSV, or a table aligned on the given widths of the leading columns."""

    def __init__(self, header: Sequence[str], fmt: str, widths: Sequence[int], out: TextIO | None = None,
                 flush: bool = True):
        self.fmt, self.widths, self.out, self.flush = fmt, tuple(widths), out or sys.stdout, flush
        self._csv = csv.writer(self.out, lineterminator="\n") if fmt == "csv" else None
        self.row(header)

    def row(self, values: Sequence[object]) -> None:
        if self._csv is not None:
            self._csv.writerow(values)
        else:
            cells = [str(v).ljust(w) for v, w in zip(values, self.widths)] + [str(v) for v in values[len(self.widths):]]
            self.out.write("  ".join(cells).rstrip() + "\n")
        if self.flush:
            self.out.flush()


def write_rows(header: Sequence[str], rows: Sequence[Sequence[object]], fmt: str, out: TextIO | None = None) -> None:
    """*rows* under *header* as CSV or as an aligned table (every column but the last padded)."""
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(header[:-1])]
    writer = RowWriter(header, fmt, widths, out, flush=False)
    for row in rows:
        writer.row(row)
