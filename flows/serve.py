"""Serve the weekly flow as a Prefect deployment on a cron schedule.

Prefect's temporary (ephemeral) server schedules nothing, so ``jobtrends serve`` uses the Prefect
server named by ``PREFECT_API_URL`` or, without one, starts ``prefect server start`` on loopback,
then runs this module in a child process with ``PREFECT_API_URL`` set (Prefect reads it at import).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

DEPLOYMENT_NAME = "weekly"


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def prefect_server(port: int, home: Path, wait_s: float = 120.0) -> Iterator[str]:
    """Yield the API URL of a healthy Prefect server: the one in ``PREFECT_API_URL``, one already on
    ``port``, or one started here (and stopped on exit)."""
    if os.environ.get("PREFECT_API_URL"):
        api_url = os.environ["PREFECT_API_URL"]
        if not healthy(api_url):
            raise RuntimeError(f"PREFECT_API_URL={api_url} does not answer /health")
        yield api_url
        return
    api_url = f"http://127.0.0.1:{port}/api"
    if healthy(api_url):
        yield api_url
        return
    log_path = home / "prefect-server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + wait_s
        while not healthy(api_url):
            if process.poll() is not None:
                raise RuntimeError(f"prefect server exited with {process.returncode}; see {log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"prefect server did not answer within {wait_s:.0f} s; see {log_path}")
            time.sleep(0.5)
        print(f"started a Prefect server at {api_url} (log: {log_path})", flush=True)
        yield api_url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=30)


def serve_forever(home: str, cron: str, timezone: str) -> None:
    """Child process body: register the deployment and run scheduled flow runs until stopped."""
    from prefect.schedules import Cron

    from flows.weekly import weekly

    weekly.serve(
        name=DEPLOYMENT_NAME, schedule=Cron(cron, timezone=timezone), parameters={"home": home},
        description="jobtrends weekly crawl, load and report",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m flows.serve")
    parser.add_argument("--home", required=True)
    parser.add_argument("--cron", required=True)
    parser.add_argument("--timezone", default="UTC")
    args = parser.parse_args(argv)
    serve_forever(args.home, args.cron, args.timezone)


if __name__ == "__main__":
    main()
