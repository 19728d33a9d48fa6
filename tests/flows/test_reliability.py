"""A run that is killed, interrupted or doubled loses nothing, counts nothing twice, and leaves no
process behind (issue #11; the matrix is docs/RELIABILITY.md).

Every run here is the real command, ``python -m flows.cli demo``, in a process group of its own, over
a two-week replay of the hand-written ``tests/fixtures/replay/basic`` boards. Pause points
(``crawlers/checkpoints.py``) stop a run inside a stage; the test then looks at it from outside
(``jobtrends query``, a second run) and kills it with SIGKILL, SIGTERM or SIGINT.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawlers.parsers import UnparseableBody
from flows.land import read_raw_lines
from flows.runlock import EXIT_BUSY
from tests.conftest import REPO, assert_nothing_left
from warehouse import db

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]

BASIC = REPO / "tests" / "fixtures" / "replay" / "basic"
STAGES = ("crawl", "land", "normalise", "load", "report")
# What must come out the same whether a week was loaded once, or killed at some stage and re-run.
COUNTS = {
    "postings": "select count(*) from postings",
    "sightings": "select count(*) from sightings",
    "sightings_week2": "select count(*) from sightings where week = date '2026-11-16'",
    "jobs": "select count(*) from jobs",
    "posting_skills": "select count(*) from posting_skills",
    "skill_demand": "select count(*), sum(n_with_skill) from skill_demand_weekly",
    "quarantined": "select count(*) from quarantined_records",
    "duplicates": "select count(*) from check_duplicate_postings",
    "weeks": "select count(distinct week) from sightings",
    "latest_crawl_rows": "select count(*) from crawl_runs where run_id = (select max(run_id) from run_log)",
}


def build_replay(root: Path) -> tuple[Path, Path]:
    """Week 1 (2026-11-09): two boards; week 2 (2026-11-16): a third board appears."""
    week1, week2 = root / "week1" / "2026-11-09", root / "week2" / "2026-11-16"
    for folder, boards in ((week1, ["acme-robotics"]), (week2, ["acme-robotics", "birchwood-labs"])):
        (folder / "greenhouse").mkdir(parents=True)
        (folder / "ashby").mkdir()
        for board in boards:
            shutil.copy(BASIC / "greenhouse" / f"{board}.json", folder / "greenhouse")
        shutil.copy(BASIC / "ashby" / "ember-ml.json", folder / "ashby")
    return week1.parent, week2.parent


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, timeout=timeout,
        env=env or os.environ.copy(), cwd=REPO, stdin=subprocess.DEVNULL,
    )


def start_cli(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "flows.cli", *args], stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO,
            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=_default_sigint,
        )


def _default_sigint() -> None:
    # A shell without job control starts background commands with SIGINT ignored, and children inherit
    # that; a terminal's Ctrl-C reaches a command that has Python's default handler.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def paused_env(stage: str, marker: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "JOBTRENDS_PAUSE_AT": stage, "JOBTRENDS_PAUSE_FILE": str(marker), **extra}


def wait_for_pause(marker: Path, process: subprocess.Popen[bytes], log: Path, timeout: float = 600) -> str:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if process.poll() is not None:
            pytest.fail(f"the run ended ({process.returncode}) before its pause point:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"the run never reached its pause point:\n{log.read_text()[-3000:]}")
        time.sleep(0.1)
    return marker.read_text(encoding="utf-8").split()[0]


def counts(home: Path) -> dict[str, tuple]:
    with db.connect_read(home) as con:
        return {name: tuple(con.execute(sql).fetchall()[0]) for name, sql in COUNTS.items()}


@pytest.fixture(scope="module")
def replay(tmp_path_factory) -> tuple[Path, Path]:
    return build_replay(tmp_path_factory.mktemp("replay"))


@pytest.fixture(scope="module")
def week1_home(tmp_path_factory, replay) -> Path:
    """A home holding week 1, loaded once by a plain run."""
    home = tmp_path_factory.mktemp("week1-home")
    result = cli("demo", "--corpus", str(replay[0]), "--home", str(home))
    assert result.returncode == 0, result.stderr[-3000:]
    return home


@pytest.fixture(scope="module")
def clean_counts(tmp_path_factory, replay, week1_home) -> dict[str, tuple]:
    """The counts after week 2 is loaded by a plain, undisturbed run."""
    home = tmp_path_factory.mktemp("clean-home")
    shutil.copytree(week1_home, home, dirs_exist_ok=True)
    result = cli("demo", "--corpus", str(replay[1]), "--home", str(home))
    assert result.returncode == 0, result.stderr[-3000:]
    return counts(home)


@dataclass
class Killed:
    """What was seen of a run stopped inside one stage, then killed with SIGKILL."""

    paused_at: str
    query: subprocess.CompletedProcess[str]  # `jobtrends query` while it was stopped there
    second: subprocess.CompletedProcess[str]  # a second run started meanwhile
    after: dict[str, tuple]  # the warehouse's counts after the kill
    raw_runs: set[Path]  # the raw folders of the week after the kill


@pytest.fixture(scope="module")
def kill_chain(tmp_path_factory, replay, week1_home):
    """On one home holding week 1, week 2 is run and killed (the whole process group: the command,
    its crawl, its Prefect server) at each stage in turn: each run after the first is the re-run
    after the kill before it, and must get further. Then one plain re-run. Each run costs a whole
    command (~20-40 s), hence one chain rather than a run and a re-run per stage."""
    home = tmp_path_factory.mktemp("kill-chain") / "home"
    shutil.copytree(week1_home, home)
    before, seen = counts(home), {}
    started = time.time()
    for stage in STAGES:
        marker, log = home.parent / f"paused-{stage}", home.parent / f"run-{stage}.log"
        run = start_cli("demo", "--corpus", str(replay[1]), "--home", str(home), env=paused_env(stage, marker), log=log)
        try:
            paused_at = wait_for_pause(marker, run, log)
            query = cli("query", "--home", str(home), "--format", "csv", "select count(*) as n from sightings")
            second = cli("demo", "--corpus", str(replay[1]), "--home", str(home))
        finally:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait(timeout=60)
        week = home / "raw" / "2026-11-16"
        raw_runs = {p for p in week.iterdir() if p.is_dir()} if week.is_dir() else set()
        seen[stage] = Killed(paused_at, query, second, counts(home), raw_runs)
    rerun = cli("demo", "--corpus", str(replay[1]), "--home", str(home))
    return home, before, seen, rerun, started


@pytest.mark.parametrize("stage", STAGES)
def test_kill_9_inside_each_stage_loses_nothing_and_blocks_nothing(stage, kill_chain, clean_counts):
    home, before, seen, rerun, _ = kill_chain
    killed = seen[stage]
    # The run after the kill before this one got here: no stale lock, no leftover in its way.
    assert killed.paused_at == stage
    # `jobtrends query` answered mid-run: the warehouse as it was before the run, or once the load has
    # committed (the report stage), as it is after it — never half a week.
    published = clean_counts if stage == "report" else before
    assert killed.query.returncode == 0, killed.query.stderr
    assert killed.query.stdout == f"n\n{published['sightings'][0]}\n"
    # A second run on the same home refused at once, in one line, with its documented status.
    assert killed.second.returncode == EXIT_BUSY, killed.second.stderr
    assert killed.second.stderr.count("\n") == 1
    assert killed.second.stderr.startswith("jobtrends: another jobtrends run is using")
    # After the kill: nothing half-loaded is visible, nothing counted twice.
    assert killed.after == published


def test_a_plain_rerun_after_the_kills_counts_as_one_clean_run(kill_chain, clean_counts):
    home, _, _, rerun, started = kill_chain
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert counts(home) == clean_counts  # 0 postings lost, 0 doubled
    assert not list(home.glob(".warehouse.duckdb.next*"))  # the killed load's private copy is gone
    assert_nothing_left(started)


def test_a_killed_crawl_leaves_a_raw_file_read_as_truncated_never_as_complete(kill_chain):
    home, _, seen, _, _ = kill_chain
    # The crawl was stopped after its first response: a raw file cut mid-stream, and no summary.
    (killed,) = seen["crawl"].raw_runs
    assert not list(killed.glob("*.summary.json"))
    partial = next(killed.glob("*.jsonl.gz"))
    with pytest.raises(UnparseableBody, match="truncated"):
        list(read_raw_lines(partial))
    with db.connect_read(home) as con:  # and no loaded run points at it
        assert con.execute("select count(*) from run_log where run_id = ?", [killed.name]).fetchall() == [(0,)]


def own_server_env(marker: Path | None, stage: str | None, prefect_home: Path, **extra: str) -> dict[str, str]:
    """The environment of a command that starts a Prefect server of its own, as a user's would."""
    env = paused_env(stage, marker) if stage and marker else dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    env.update({"PREFECT_HOME": str(prefect_home), **extra})
    return env


@pytest.fixture(scope="module")
def own_prefect_home(tmp_path_factory) -> Path:
    # Apart from the session's server (two servers on one SQLite file would contend for it).
    return tmp_path_factory.mktemp("own-prefect")


def test_a_prefect_server_that_never_answers_in_time_is_stopped_with_the_command(tmp_path, replay, own_prefect_home):
    started = time.time()
    result = cli("demo", "--corpus", str(replay[0]), "--home", str(tmp_path / "home"),
                 env=own_server_env(None, None, own_prefect_home, JOBTRENDS_PREFECT_START_TIMEOUT_S="0.5"))
    assert result.returncode == 5
    assert result.stderr.startswith("jobtrends: the Prefect server did not answer within 0.5 s")
    assert "Traceback" not in result.stderr
    assert_nothing_left(started)


@pytest.mark.parametrize("how", ["SIGTERM to the command", "Ctrl-C to its process group", "kill -9 of the command alone"])
def test_a_run_stopped_mid_way_leaves_no_process_and_an_intact_warehouse(how, tmp_path, replay, week1_home, own_prefect_home):
    home = tmp_path / "home"
    shutil.copytree(week1_home, home)
    before = counts(home)
    marker, log = tmp_path / "paused", tmp_path / "run.log"
    # Mid-crawl for Ctrl-C (a spider is running), mid-load for the others (the write window is open).
    stage = "crawl" if how.startswith("Ctrl-C") else "load"
    started = time.time()
    run = start_cli("demo", "--corpus", str(replay[1]), "--home", str(home),
                    env=own_server_env(marker, stage, own_prefect_home), log=log)
    try:
        wait_for_pause(marker, run, log)
        if how.startswith("SIGTERM"):
            run.send_signal(signal.SIGTERM)
            assert run.wait(timeout=120) == 128 + signal.SIGTERM
        elif how.startswith("Ctrl-C"):
            os.killpg(run.pid, signal.SIGINT)  # what a terminal sends
            assert run.wait(timeout=120) == 130
            assert "jobtrends: interrupted" in log.read_text()
        else:
            run.kill()
            run.wait(timeout=60)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    # kill -9 gives no chance to clean up: the Prefect server and any crawl go by their parent-death signal.
    assert_nothing_left(started)
    assert counts(home) == before
    if not how.startswith("Ctrl-C"):  # there, Prefect's log shows the interrupted crawl task's traceback
        assert "Traceback" not in log.read_text()
