"""The DuckDB warehouse file: open it for reading, or change it inside one write window.

DuckDB lets no other process open a file while one process holds it read-write (STACK-NOTES), so a
weekly load never writes ``warehouse.duckdb`` in place. It copies the file, migrates and loads the
copy in one transaction, checkpoints, and atomically renames the copy over the original. Readers
(``jobtrends query``, reports) keep working during a load and see the old or the new warehouse,
never half of one; a crash mid-load leaves the original untouched. A lock file serialises writers.

What a user can fix is raised as a ``WarehouseError`` whose message, one line, says what to do:
``WarehouseMissing`` (no file yet), ``WarehouseUnreadable`` (damaged, not ours, or from a newer
jobtrends: refused, never written over) and ``WarehouseUnwritable`` (disk full, read-only filesystem:
the published warehouse is unchanged).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

WAREHOUSE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = WAREHOUSE_DIR / "migrations"
MODELS_DIR = WAREHOUSE_DIR / "models"
WAREHOUSE_FILE = "warehouse.duckdb"
_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Every DuckDB file starts with an 8-byte checksum and this magic; its blocks follow three 4 KiB headers.
_DUCKDB_MAGIC = b"DUCK"
_HEADERS_SIZE = 3 * 4096


class WarehouseError(Exception):
    """A warehouse problem the user can fix; the message names the file or home and what to do."""


class WarehouseMissing(WarehouseError, FileNotFoundError):
    pass


class WarehouseUnreadable(WarehouseError):
    """The file at the warehouse path is damaged, not a jobtrends warehouse, or from a newer jobtrends."""


class WarehouseUnwritable(WarehouseError):
    """A load could not write the new warehouse; the published one is unchanged."""


class WarehouseDiskFull(WarehouseUnwritable):
    pass


class WarehouseReadOnly(WarehouseUnwritable):
    pass


def warehouse_path(home: Path) -> Path:
    return Path(home) / WAREHOUSE_FILE


def connect_read(home: Path, retries: int = 20) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a checked warehouse. We never hold the published file read-write, but
    another program may, so a lock conflict is retried briefly; any other failed open is final."""
    path = warehouse_path(home)
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: run `jobtrends demo` or `jobtrends run` first")
    _check_file(path)
    for attempt in range(retries):
        try:
            con = duckdb.connect(str(path), read_only=True, config=_read_config(path))
            break
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower() or attempt == retries - 1:
                raise WarehouseUnreadable(_unreadable(path, exc)) from exc
            time.sleep(0.25)
    try:
        _check_contents(con, path)
    except BaseException:
        con.close()
        raise
    return con


def _read_config(path: Path) -> dict[str, str]:
    # A reader writes nothing but what DuckDB spills from big sorts and joins, into <file>.tmp beside the
    # file: on a read-only home spill to a folder of this process's own in the system temp folder
    # instead (DuckDB creates it when needed and removes it on close).
    if os.access(path.parent, os.W_OK):
        return {}
    return {"temp_directory": str(Path(tempfile.gettempdir()) / f"jobtrends-{os.getpid()}.duckdb.tmp")}


@contextlib.contextmanager
def write_window(home: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection to a private copy, inside one transaction; publish it on success.
    A file that is not a warehouse of ours, or is from a newer jobtrends, is refused before anything is
    written; running out of space or a read-only home raises ``WarehouseUnwritable``."""
    home = Path(home)
    path = warehouse_path(home)
    staging = home / f".{WAREHOUSE_FILE}.next"
    leftovers = (staging, staging.with_name(staging.name + ".wal"))
    try:
        home.mkdir(parents=True, exist_ok=True)
        with _exclusive(home / f".{WAREHOUSE_FILE}.lock"):
            for leftover in leftovers:
                leftover.unlink(missing_ok=True)
            con = None
            try:
                if path.exists():
                    _check_file(path)
                    shutil.copyfile(path, staging)
                    con = _connect_staging(staging, path)
                    _check_contents(con, path)
                else:
                    con = _connect_staging(staging, path)
                migrate(con)
                con.execute("BEGIN TRANSACTION")
                create_models(con)  # first, so loads can read through the staging views
                yield con
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
                con.close()
                _fsync(staging)
                os.replace(staging, path)
            except BaseException:
                if con is not None:
                    with contextlib.suppress(duckdb.Error):
                        con.execute("ROLLBACK")
                    with contextlib.suppress(duckdb.Error):  # a failed write may have invalidated it
                        con.close()
                # A half-written copy (or its WAL) must not fill the disk until the next load.
                for leftover in leftovers:
                    leftover.unlink(missing_ok=True)
                raise
    except (OSError, duckdb.Error) as exc:
        unwritable = _unwritable(exc, home)
        if unwritable is None:
            raise
        raise unwritable from exc


def _connect_staging(staging: Path, path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(staging))
    except duckdb.Error as exc:
        if _unwritable(exc, staging.parent):
            raise
        raise WarehouseUnreadable(_unreadable(path, exc)) from exc


def _check_file(path: Path) -> None:
    """Refuse what is not a DuckDB file at all, before DuckDB sees it: it reports one as "not a valid
    DuckDB database file", and for a SQLite file tries (offline: fails) to download an extension."""
    with path.open("rb") as handle:
        head = handle.read(16)
    if not head:
        what = "an empty file"
    elif head.startswith(b"SQLite format 3"):
        what = "a SQLite database"
    elif head[8:12] != _DUCKDB_MAGIC:
        what = "not a DuckDB file"
    else:
        return
    raise WarehouseUnreadable(_not_ours(path, what))


def _check_contents(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a DuckDB file that another program wrote (no schema_migrations), one a newer jobtrends
    wrote (a migration we do not ship: we cannot read it right, and a load would write it over), and
    a truncated one (DuckDB opens it, and fails only on reading a missing block)."""
    try:
        ours = scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                           " AND schema_name = 'main' AND table_name = 'schema_migrations'")
        if not ours:
            raise WarehouseUnreadable(_not_ours(path, "a DuckDB file with no schema_migrations table"))
        version = scalar(con, "SELECT max(version) FROM schema_migrations")
        block_size, blocks = con.execute(
            "SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = current_database()"
        ).fetchall()[0]
    except duckdb.Error as exc:
        raise WarehouseUnreadable(_unreadable(path, exc)) from exc
    shipped = latest_migration()
    if version is not None and version > shipped:
        raise WarehouseUnreadable(
            f"{path} was written by a newer jobtrends (schema version {version}; this one knows up to {shipped}):"
            " upgrade jobtrends, or point --home elsewhere"
        )
    # Used blocks must all be in the file; free ones at its end may have been cut off by a checkpoint,
    # so total_blocks would flag a healthy file. A lower bound: a cut that only removes free space, or
    # leaves as many bytes as the used blocks need, is caught when a block is read.
    size, expected = path.stat().st_size, _HEADERS_SIZE + block_size * blocks
    if size < expected:
        raise WarehouseUnreadable(_unreadable(path, f"truncated: {size} of {expected} bytes"))


def _not_ours(path: Path, what: str) -> str:
    return f"{path} is not a jobtrends warehouse ({what}); move it aside or point --home elsewhere"


def _unreadable(path: Path, why: object) -> str:
    why = " ".join(str(why).split())  # DuckDB's messages span lines; ours is one
    return f"{path} cannot be read as a jobtrends warehouse ({why[:300]}); restore it from a backup, move it aside or point --home elsewhere"


def _unwritable(exc: BaseException, home: Path) -> WarehouseUnwritable | None:
    """The WarehouseUnwritable that a failed write stands for, if it is one. DuckDB wraps the OS error in
    its own message, with no errno."""
    code, text = getattr(exc, "errno", None), str(exc)
    after = ("the previous warehouse is unchanged" if warehouse_path(home).exists() else "no warehouse was written")
    if code in (errno.ENOSPC, errno.EDQUOT) or os.strerror(errno.ENOSPC) in text or os.strerror(errno.EDQUOT) in text:
        return WarehouseDiskFull(f"disk full: home {home} has no room for the new warehouse; {after}. Free some space and load again")
    if code == errno.EROFS or os.strerror(errno.EROFS) in text:
        return WarehouseReadOnly(f"home {home} is on a read-only filesystem, so nothing can be loaded there; {after}."
                                 " Remount it read-write or point --home elsewhere")
    return None


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


def latest_migration() -> int:
    """The newest schema version this jobtrends ships."""
    return max(int(m.group(1)) for file in MIGRATIONS_DIR.glob("*.sql") if (m := _MIGRATION.match(file.name)))


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
