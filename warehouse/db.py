"""The DuckDB warehouse file: open it for reading, or change it inside one write window.

DuckDB lets no other process open a file while one process holds it read-write (STACK-NOTES), so a
weekly load never writes ``warehouse.duckdb`` in place. It copies the file, migrates and loads the
copy in one transaction, checkpoints, and atomically renames the copy over the original. Readers
(``jobtrends query``, reports) keep working during a load and see the old or the new warehouse,
never half of one; a crash mid-load leaves the original untouched. A lock file serialises writers.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

WAREHOUSE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = WAREHOUSE_DIR / "migrations"
MODELS_DIR = WAREHOUSE_DIR / "models"
WAREHOUSE_FILE = "warehouse.duckdb"
_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class WarehouseMissing(FileNotFoundError):
    pass


def warehouse_path(home: Path) -> Path:
    return Path(home) / WAREHOUSE_FILE


def connect_read(home: Path, retries: int = 20) -> duckdb.DuckDBPyConnection:
    """A read-only connection. Nothing ever holds the published file read-write, but a rename may be
    under way, so a failed open is retried briefly."""
    path = warehouse_path(home)
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: run `jobtrends demo` or `jobtrends run` first")
    for attempt in range(retries):
        try:
            return duckdb.connect(str(path), read_only=True)
        except duckdb.IOException:
            if attempt == retries - 1:
                raise
            time.sleep(0.25)
    raise AssertionError("unreachable")


@contextlib.contextmanager
def write_window(home: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection to a private copy, inside one transaction; publish it on success."""
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    path = warehouse_path(home)
    staging = home / f".{WAREHOUSE_FILE}.next"
    with _exclusive(home / f".{WAREHOUSE_FILE}.lock"):
        for leftover in (staging, staging.with_name(staging.name + ".wal")):
            leftover.unlink(missing_ok=True)
        if path.exists():
            shutil.copyfile(path, staging)
        con = duckdb.connect(str(staging))
        try:
            migrate(con)
            con.execute("BEGIN TRANSACTION")
            create_models(con)  # first, so loads can read through the staging views
            yield con
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")
            con.close()
            staging.unlink(missing_ok=True)
            raise
        con.close()
        _fsync(staging)
        os.replace(staging, path)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations not yet applied, each in its own transaction."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    done = []
    for file in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION.match(file.name)
        if not match:
            raise ValueError(f"migration file name must look like 0001_name.sql: {file.name}")
        version = int(match.group(1))
        if version in applied:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(file.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, file.name])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        done.append(file.name)
    return done


def create_models(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the derived views from warehouse/models/*.sql, in file order."""
    for file in sorted(MODELS_DIR.glob("*.sql")):
        con.execute(file.read_text(encoding="utf-8"))


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value a query returns. (DuckDB 2.0 keeps an execute() open until fetched to the end,
    so fetchall, never fetchone.)"""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None
