"""Bad homes and bad warehouse files: a full disk, a read-only home, a damaged or foreign file. Each gives
one clear line and an exit code, and none loses or changes the published warehouse."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows import cli
from warehouse import db


def first_load(home: Path) -> None:
    with db.write_window(home) as con:
        con.execute("INSERT INTO run_log VALUES ('r1', DATE '2026-11-16', DATE '2026-11-16', 'replay', 'test', now(), now(), '/raw', 2, 0, 0)")
        con.execute("INSERT INTO ref_skills (skill, name, category, aliases, parent, taxonomy_version) VALUES ('python', 'Python', 'language', ['python'], NULL, 'v1')")


def big_load(home: Path) -> None:
    """A second load that needs new blocks (DuckDB's are 256 KiB)."""
    with db.write_window(home) as con:
        con.execute("INSERT INTO ref_skills (skill, name, category, aliases, parent, taxonomy_version) SELECT 's' || i, 'S' || i, 'language', ['s' || i], NULL, 'v1' FROM range(20000) t(i)")


def counts(home: Path) -> tuple[int, int]:
    with db.connect_read(home) as con:
        return db.scalar(con, "SELECT count(*) FROM run_log"), db.scalar(con, "SELECT count(*) FROM ref_skills")


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.glob(".warehouse.duckdb.next*"))


def one_line(err: str, *parts: str) -> str:
    assert err.startswith("jobtrends: ") and err.count("\n") == 1 and "Traceback" not in err, err
    for part in parts:
        assert part in err, err
    return err


@pytest.fixture
def mount(tmp_path):
    """mount(options) -> a fresh tmpfs; every mount is undone after the test. Skips where mounting is
    not permitted (not root, no CAP_SYS_ADMIN, no mount command)."""
    mounted: list[Path] = []

    def make(size: str = "16m") -> Path:
        if os.geteuid() != 0 or not shutil.which("mount"):
            pytest.skip("mounting a tmpfs needs root and the mount command")
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"mounting a tmpfs is not permitted here: {result.stderr.strip()}")
        mounted.append(point)
        return point

    yield make
    for point in reversed(mounted):
        subprocess.run(["umount", str(point)], check=True)


def fill(point: Path, leave: int) -> None:
    """Fill the filesystem at ``point`` until ``leave`` bytes are free."""
    stat = os.statvfs(point)
    (point / "filler").write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - leave))


# --- disk full -----------------------------------------------------------------------------------


@pytest.mark.parametrize("room", ["none for the copy", "for the copy, not the load"])
def test_disk_full_during_a_load_keeps_the_previous_warehouse(mount, room, capsys):
    home = mount() / "home"
    first_load(home)
    before = db.warehouse_path(home).read_bytes()
    size = len(before)
    fill(home.parent, size // 2 if room == "none for the copy" else size + 64 * 1024)

    with pytest.raises(db.WarehouseDiskFull) as caught:
        big_load(home)
    message = str(caught.value)
    assert "disk full" in message and str(home) in message and "previous warehouse is unchanged" in message
    assert isinstance(caught.value, db.WarehouseError)
    assert leftovers(home) == []
    assert db.warehouse_path(home).read_bytes() == before
    assert counts(home) == (1, 1)
    # Readers still answer on the full disk.
    assert cli.main(["query", "--home", str(home), "--format", "csv", "select count(*) as n from skills"]) == 0
    assert capsys.readouterr().out == "n\n1\n"
    # Once there is room again, the same load goes through.
    (home.parent / "filler").unlink()
    big_load(home)
    assert counts(home) == (1, 20001)


def test_disk_full_on_a_first_load_writes_nothing(mount):
    home = mount() / "home"
    home.mkdir()
    fill(home.parent, 128 * 1024)
    with pytest.raises(db.WarehouseDiskFull, match="no warehouse was written"):
        big_load(home)
    assert not db.warehouse_path(home).exists() and leftovers(home) == []


@pytest.mark.parametrize("command", [["run"], ["demo"], ["backfill", "hn"]])
def test_cli_load_commands_map_disk_full_to_one_line(mount, monkeypatch, command, capsys):
    home = mount() / "home"
    first_load(home)
    fill(home.parent, 64 * 1024)
    # The flows' load task raises what write_window raises (a flow re-raises its task's exception):
    # stand in for the flow with the same write window, not a slow full run.
    handler = lambda args, settings: big_load(settings.home)  # noqa: E731
    monkeypatch.setattr(cli, {"run": "cmd_run", "demo": "cmd_demo", "backfill": "cmd_backfill"}[command[0]], handler)
    assert cli.main([*command, "--home", str(home)]) == 4
    one_line(capsys.readouterr().err, "disk full", str(home), "previous warehouse is unchanged")


# --- read-only home --------------------------------------------------------------------------------


def test_read_only_home_reads_but_refuses_loads(mount, monkeypatch, capsys):
    point = mount()
    home = point / "home"
    first_load(home)
    before = db.warehouse_path(home).read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)

    assert cli.main(["query", "--home", str(home), "--format", "csv", "select count(*) as n from skills"]) == 0
    assert capsys.readouterr().out == "n\n1\n"
    with db.connect_read(home) as con:  # big sorts spill outside the read-only home
        assert not db.scalar(con, "SELECT current_setting('temp_directory')").startswith(str(point))

    with pytest.raises(db.WarehouseReadOnly) as caught:
        big_load(home)
    assert "read-only filesystem" in str(caught.value) and str(home) in str(caught.value)
    assert "previous warehouse is unchanged" in str(caught.value)

    monkeypatch.setattr(cli, "cmd_run", lambda args, settings: big_load(settings.home))
    assert cli.main(["run", "--home", str(home)]) == 4
    one_line(capsys.readouterr().err, f"home {home} is on a read-only filesystem")
    # A flow's first write is its raw folder, before any load: the same exit code.
    monkeypatch.setattr(cli, "cmd_demo", lambda args, settings: (settings.home / "raw").mkdir())
    assert cli.main(["demo", "--home", str(home)]) == 4
    one_line(capsys.readouterr().err, str(home / "raw"), "read-only filesystem")
    assert db.warehouse_path(home).read_bytes() == before


# --- damaged and foreign files ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory) -> bytes:
    home = tmp_path_factory.mktemp("real")
    first_load(home)
    return db.warehouse_path(home).read_bytes()


def sqlite_file(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
        con.commit()


def other_duckdb_file(path: Path) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE orders (id INTEGER)")


def newer_warehouse(path: Path, real: bytes) -> None:
    path.write_bytes(real)
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, '9999_future.sql')", [db.latest_migration() + 1])


BAD_FILES = {
    # kind: (make(path, real warehouse bytes), what the message says)
    "random bytes": (lambda p, real: p.write_bytes(bytes(range(256)) * 64), "is not a jobtrends warehouse (not a DuckDB file)"),
    "empty": (lambda p, real: p.write_bytes(b""), "is not a jobtrends warehouse (an empty file)"),
    "truncated": (lambda p, real: p.write_bytes(real[: len(real) // 2]), "cannot be read as a jobtrends warehouse (truncated"),
    "cut in its headers": (lambda p, real: p.write_bytes(real[:5000]), "cannot be read as a jobtrends warehouse"),
    "sqlite": (lambda p, real: sqlite_file(p), "is not a jobtrends warehouse (a SQLite database)"),
    "another program's duckdb": (lambda p, real: other_duckdb_file(p), "is not a jobtrends warehouse (a DuckDB file with no schema_migrations"),
    "newer jobtrends": (newer_warehouse, "was written by a newer jobtrends"),
}


@pytest.fixture(params=list(BAD_FILES))
def bad_home(request, tmp_path, real_warehouse):
    make, expected = BAD_FILES[request.param]
    make(db.warehouse_path(tmp_path), real_warehouse)
    return tmp_path, expected


def test_bad_file_is_refused_by_readers(bad_home, capsys):
    home, expected = bad_home
    path = db.warehouse_path(home)
    with pytest.raises(db.WarehouseUnreadable, match="point --home elsewhere") as caught:
        db.connect_read(home)
    assert str(path) in str(caught.value) and expected in str(caught.value)

    assert cli.main(["query", "--home", str(home), "select 1"]) == 3
    one_line(capsys.readouterr().err, str(path), expected)
    assert cli.main(["report", "--home", str(home)]) == 3
    one_line(capsys.readouterr().err, str(path), expected)


def test_bad_file_is_never_written_over_by_a_load(bad_home):
    home, expected = bad_home
    path = db.warehouse_path(home)
    before = path.read_bytes()
    with pytest.raises(db.WarehouseUnreadable) as caught:
        first_load(home)
    assert str(path) in str(caught.value) and expected in str(caught.value)
    assert path.read_bytes() == before
    assert leftovers(home) == []


def test_cli_process_prints_one_line_for_a_foreign_file(tmp_path):
    sqlite_file(db.warehouse_path(tmp_path))
    result = subprocess.run([sys.executable, "-m", "flows.cli", "query", "--home", str(tmp_path), "select 1"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3 and result.stdout == ""
    one_line(result.stderr, "is not a jobtrends warehouse (a SQLite database)")
