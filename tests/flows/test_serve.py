"""`jobtrends serve`: a real Prefect server, the weekly deployment on its cron, and a run of it.

The deployment's sources point at the loopback replay server (through JOBTRENDS_* settings), so the
run it executes is the live code path with no internet.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from crawlers.replay.server import ReplayServer
from warehouse import db

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(base: str, method: str, path: str, body: dict | None = None):
    request = urllib.request.Request(
        f"{base}{path}", method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


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
    sources.write_text('[[board]]\nats = "greenhouse"\ntoken = "acme"\ncompany = "Acme Robotics"\n', encoding="utf-8")
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
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "flows.cli", "serve", "--home", str(home), "--cron", "0 6 * * 1"],
                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        base = f"http://127.0.0.1:{port}/api"
        try:
            deployment = wait_for(lambda: api(base, "GET", "/deployments/name/weekly/weekly"), 150, "the deployment", process, log)
            crons = [s["schedule"].get("cron") for s in deployment["schedules"]]
            assert crons == ["0 6 * * 1"]
            scheduled = wait_for(
                lambda: api(base, "POST", "/flow_runs/filter", {"deployments": {"id": {"any_": [deployment["id"]]}}}),
                60, "the scheduler to create runs", process, log,
            )
            # The real server's scheduler creates the coming Mondays' runs at 06:00 UTC.
            assert all(r["state"]["type"] == "SCHEDULED" for r in scheduled)
            assert all(r["expected_start_time"].endswith("06:00:00Z") for r in scheduled)
            run = api(base, "POST", f"/deployments/{deployment['id']}/create_flow_run", {})
            state = wait_for(
                lambda: (s := api(base, "GET", f"/flow_runs/{run['id']}")["state"]["type"]) in ("COMPLETED", "FAILED", "CRASHED") and s,
                180, "the triggered run to finish", process, log,
            )
            assert state == "COMPLETED", log.read_text()[-3000:]
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
    with db.connect_read(home) as con:
        assert con.execute("select count(*) from postings").fetchall() == [(2,)]
        assert con.execute("select status from crawl_runs").fetchall() == [("ok",)]
    with pytest.raises(OSError):
        api(base, "GET", "/health")  # the server serve started is stopped with it
