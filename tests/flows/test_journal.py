"""The run journal (flows/journal.py) and its copy in the warehouse (warehouse.load.load_journal, the
`runs` view). No Prefect, no crawl."""

from __future__ import annotations

from datetime import date, datetime, timezone

import duckdb
import pytest

from flows import journal
from warehouse import db
from warehouse.load import load_journal

WEEK = date(2026, 11, 16)


def at(hour: int) -> datetime:
    return datetime(2026, 11, 16, hour, tzinfo=timezone.utc)


def test_a_run_is_journalled_at_start_and_end_with_its_outcome(tmp_path):
    path = journal.journal_path(tmp_path / "state")
    with journal.recorded(path, "r1", WEEK, at(6)) as outcome:
        assert [r["status"] for r in journal.read_runs(path)] == ["unfinished"]  # written before the body runs
        outcome.set(["greenhouse/gone: HTTP 404"], [])
    with journal.recorded(path, "r2", WEEK, at(7)) as outcome:
        outcome.set([], [])
    runs = journal.read_runs(path)
    assert [(r["run_id"], r["status"], r["n_failed_boards"], r["n_volume_drops"]) for r in runs] == [
        ("r1", "degraded", 1, 0), ("r2", "completed", 0, 0)]
    assert runs[0]["week"] == WEEK and runs[0]["started_at"] == at(6) and runs[0]["finished_at"] >= at(6)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 4


def test_a_run_that_raises_is_journalled_as_failed_and_the_error_goes_on(tmp_path):
    path = journal.journal_path(tmp_path)
    with pytest.raises(RuntimeError, match="disk full"):
        with journal.recorded(path, "r1", WEEK, at(6)):
            raise RuntimeError("disk full\n" + "x" * 5000)
    (run,) = journal.read_runs(path)
    assert run["status"] == "failed" and run["error"].startswith("RuntimeError: disk full")
    assert len(run["error"]) == journal.ERROR_CHARS


def test_a_killed_run_stays_unfinished_and_a_torn_line_is_skipped(tmp_path):
    path = journal.journal_path(tmp_path)
    with journal.recorded(path, "r1", WEEK, at(6)) as outcome:
        outcome.set([], [])
    journal.append(path, {"event": "started", "run_id": "r2", "week": WEEK, "started_at": at(7)})
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"event": "finished", "run_id": "r2", "fini')  # the process died mid-write
    assert [(r["run_id"], r["status"]) for r in journal.read_runs(path)] == [("r1", "completed"), ("r2", "unfinished")]
    assert journal.read_runs(tmp_path / "absent.jsonl") == []


def test_outcome_message_counts_what_went_wrong():
    outcome = journal.Outcome()
    outcome.set(["a", "b"], ["c"])
    assert (outcome.status, outcome.message) == ("degraded", "2 boards failed, 1 volume drop")


def test_the_journal_is_upserted_into_the_warehouse_runs_view(tmp_path):
    path = journal.journal_path(tmp_path)
    journal.append(path, {"event": "started", "run_id": "r1", "week": WEEK, "started_at": at(6)})
    con = duckdb.connect()
    db.migrate(con)
    db.create_models(con)
    load_journal(con, journal.read_runs(path))
    assert con.execute("SELECT run_id, status, loaded FROM runs").fetchall() == [("r1", "unfinished", False)]
    journal.append(path, {"event": "finished", "run_id": "r1", "finished_at": at(7), "status": "failed", "error": "boom"})
    load_journal(con, journal.read_runs(path))
    load_journal(con, [])
    assert con.execute("SELECT run_id, week, status, error, started_at = ? FROM runs", [at(6)]).fetchall() == [
        ("r1", WEEK, "failed", "boom", True)]
