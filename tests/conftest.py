"""Shared test fixtures: paths, and where the real corpus lives (read in place, never copied)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Prefect reads PREFECT_HOME once, at import: give the test session its own, so tests never touch the
# user's Prefect database. Set before anything imports prefect.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="jobtrends-test-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
# The temporary server gets 20 s to answer by default; a cold start on a busy 2-core machine takes longer.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("JOBTRENDS_HOME", None)
os.environ.pop("JOBTRENDS_CONFIG", None)

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def fixture_text():
    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="session")
def sample_home(tmp_path_factory):
    """(home, results): the bundled sample loaded by `jobtrends demo`, one week per snapshot, each week's
    report written. About a minute: built once per session and shared; tests that change it work on a copy."""
    from flows.demo import demo

    home = tmp_path_factory.mktemp("sample")
    results = demo(home=str(home))
    return home, results


def require_corpus() -> Path:
    if not (CORPUS / "README.md").exists():
        pytest.skip(f"../shared/corpus is not at {CORPUS}: the corpus replay tests need it (CI has it)")
    return CORPUS


@pytest.fixture(scope="session", autouse=True)
def _stop_prefect_temporary_server():
    """Stop Prefect's temporary server while pytest's output streams are still open (its own atexit
    hook would log to a closed stream)."""
    yield
    import sys

    if "prefect.server.api.server" in sys.modules:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker
        from prefect.server.api.server import SubprocessASGIServer

        # Drain the log and event workers first (as prefect_test_harness does), or they retry
        # against the stopped server for a minute.
        for drain in (lambda: APILogWorker.instance().drain(), EventsWorker.drain_all):
            try:
                drain()
            except RuntimeError:
                pass  # never started
        for server in list(SubprocessASGIServer._instances.values()):
            server.stop()
