"""`jobtrends serve`: a real Prefect server, the weekly deployment on its cron, and a run of it.

The deployment's sources point at the loopback replay server (through JOBTRENDS_* settings), so the
run it executes is the live code path with no internet. One of its two boards is gone, so the run ends
Completed named Degraded. Then what people watch the run with: the Prefect CLI and the UI's requests.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from crawlers.replay.server import ReplayServer
from flows import journal
from flows.runtime import free_port
from tests.conftest import assert_nothing_left
from warehouse import db

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def api(base: str, method: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        f"{base}{path}", method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def prefect_cli(env: dict[str, str], *args: str) -> str:
    """A `prefect` command against the test's server; its output, after asserting it exited 0."""
    done = subprocess.run([sys.executable, "-m", "prefect", *args], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"prefect {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


# Bodies as the Prefect UI sends them on its deployments and flow-runs pages: unset filters are null.
NULL_FILTERS = {"flows": None, "flow_runs": None, "task_runs": None, "deployments": None, "work_pools": None}
UI_REQUESTS = [
    ("/deployments/filter", {**NULL_FILTERS, "work_pool_queues": None, "limit": None, "offset": 0, "sort": None}),
    ("/deployments/paginate", {**NULL_FILTERS, "work_pool_queues": None, "page": 1, "limit": None, "sort": None}),
    ("/deployments/count", {**NULL_FILTERS, "work_pool_queues": None}),
    ("/flow_runs/filter", {**NULL_FILTERS, "work_pool_queues": None, "limit": None, "offset": 0, "sort": None}),
    ("/flow_runs/paginate", {**NULL_FILTERS, "work_pool_queues": None, "page": 1, "limit": 10, "sort": "START_TIME_DESC"}),
    ("/flow_runs/count", {**NULL_FILTERS, "work_pool_queues": None}),
    ("/ui/flow_runs/history", {**NULL_FILTERS, "sort": "EXPECTED_START_TIME_DESC", "limit": 1000, "offset": 0}),
    ("/flow_runs/history", {**NULL_FILTERS, "work_queues": None, "history_start": "2026-01-01T00:00:00Z",
                            "history_end": "2100-01-01T00:00:00Z", "history_interval_seconds": 31536000}),
    ("/flows/filter", {**NULL_FILTERS, "limit": None, "offset": 0, "sort": None}),
    ("/flows/paginate", {**NULL_FILTERS, "page": 1, "limit": None, "sort": None}),
    ("/work_pools/filter", {"work_pools": None, "limit": None, "offset": 0}),
]


def wait_for(predicate, timeout: float, what: str, process: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        if process.poll() is not None:
            pytest.fail(f"serve exited ({process.returncode}) before {what}:\n{log.read_text()[-3000:]}")
        time.sleep(1)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-3000:]}")


def test_serve_schedules_the_weekly_run_and_runs_it(tmp_path, fixture_text):
    replay = tmp_path / "replay"
    (replay / "greenhouse").mkdir(parents=True)
    (replay / "greenhouse" / "acme.json").write_text(fixture_text("api/greenhouse_acme.json"), encoding="utf-8")
    sources = tmp_path / "sources.toml"
    sources.write_text('[[board]]\nats = "greenhouse"\ntoken = "acme"\ncompany = "Acme Robotics"\n'
                       '[[board]]\nats = "greenhouse"\ntoken = "vanished"\ncompany = "Gone Inc"\n', encoding="utf-8")  # 404: the run is degraded
    port = free_port()
    home = tmp_path / "home"
    log = tmp_path / "serve.log"
    with ReplayServer(replay) as server:
        env = {
            **os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "JOBTRENDS_PREFECT_SERVER_PORT": str(port),
            "JOBTRENDS_SOURCES_FILE": str(sources), "JOBTRENDS_GREENHOUSE_API_URL": server.url,
            "JOBTRENDS_SPIDERS": "greenhouse", "JOBTRENDS_CRAWL_RETRIES": "0",
        }
        env.pop("PREFECT_API_URL", None)
        started = time.time()
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "flows.cli", "serve", "--home", str(home), "--cron", "0 6 * * 1"],
                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        base = f"http://127.0.0.1:{port}/api"
        try:
            deployment = wait_for(lambda: api(base, "GET", "/deployments/name/weekly/weekly"), 600, "the deployment", process, log)
            crons = [s["schedule"].get("cron") for s in deployment["schedules"]]
            assert crons == ["0 6 * * 1"]
            scheduled = wait_for(
                lambda: api(base, "POST", "/flow_runs/filter", {"deployments": {"id": {"any_": [deployment["id"]]}}}),
                600, "the scheduler to create runs", process, log,
            )
            # The real server's scheduler creates the coming Mondays' runs at 06:00 UTC.
            assert all(r["state"]["type"] == "SCHEDULED" for r in scheduled)
            assert all(r["expected_start_time"].endswith("06:00:00Z") for r in scheduled)
            run = api(base, "POST", f"/deployments/{deployment['id']}/create_flow_run", {})
            state = wait_for(
                lambda: (s := api(base, "GET", f"/flow_runs/{run['id']}")["state"]["type"]) in ("COMPLETED", "FAILED", "CRASHED") and s,
                900, "the triggered run to finish", process, log,
            )
            assert state == "COMPLETED", log.read_text()[-3000:]
            finished = api(base, "GET", f"/flow_runs/{run['id']}")
            assert finished["state"]["name"] == "Degraded"
            assert finished["state"]["message"] == "1 board failed, 0 volume drops"

            # The Prefect CLI against the server serve started (its 422s are what the fastapi pin fixes).
            cli_env = {**env, "PREFECT_API_URL": base, "COLUMNS": "250"}
            assert "weekly/weekly" in prefect_cli(cli_env, "deployment", "ls")
            runs = prefect_cli(cli_env, "flow-run", "ls", "--limit", "100")  # the scheduled Mondays sort first
            assert run["name"] in runs and "COMPLETED" in runs  # the table shows the state's type…
            assert run["name"] in prefect_cli(cli_env, "flow-run", "ls", "--state", "Degraded")  # …its name filters
            assert '"state_name": "Degraded"' in prefect_cli(cli_env, "flow-run", "ls", "--output", "json")

            # The UI: its page, and the requests its deployments and flow-runs pages make.
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as response:
                assert response.status == 200 and "<!doctype html>" in response.read().decode().lower()
            for path, body in UI_REQUESTS:
                api(base, "POST", path, body)  # raises HTTPError unless 2xx
            ui_runs = api(base, "POST", "/flow_runs/filter", UI_REQUESTS[3][1])
            assert [r["state_name"] for r in ui_runs if r["id"] == run["id"]] == ["Degraded"]
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=120)
    assert_nothing_left(started)  # the Prefect server, the serving child and its flow runs all stopped
    with db.connect_read(home) as con:
        assert con.execute("select count(*) from postings").fetchall() == [(2,)]
        assert con.execute("select board, status from crawl_runs order by board").fetchall() == [("acme", "ok"), ("vanished", "failed")]
    assert [r["status"] for r in journal.read_runs(journal.journal_path(home / "state"))] == ["degraded"]
    with pytest.raises(OSError):
        api(base, "GET", "/health")  # the server serve started is stopped with it
