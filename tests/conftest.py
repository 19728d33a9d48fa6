"""Shared test fixtures: paths, and where the real corpus lives (read in place, never copied)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

# Prefect reads PREFECT_HOME once, at import: give the test session its own, so tests never touch the
# user's Prefect database. Set before anything imports prefect.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="jobtrends-test-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.pop("JOBTRENDS_HOME", None)
os.environ.pop("JOBTRENDS_CONFIG", None)

import psutil
import pytest

from flows.runtime import PrefectServer, become_subreaper, drain_prefect_workers, free_port, stop_descendants

# One Prefect server for the whole session, shared by every test and every command a test runs
# (they inherit PREFECT_API_URL). Its port is fixed now, before anything imports prefect; the server
# itself starts with the first test that asks for the `prefect_api` fixture.
PREFECT_SERVER = PrefectServer(Path(os.environ["PREFECT_HOME"]) / "server.log", port=free_port())
os.environ["PREFECT_API_URL"] = PREFECT_SERVER.api_url
# Orphans of the processes tests start are re-parented to pytest, so the session can stop them all.
become_subreaper()

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def fixture_text():
    def read(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return read


# The suite runs on two workers (pytest-xdist): each test module stays on one worker, so its module
# fixtures are built once, and the modules that share a costly session fixture (the demo's sample
# warehouse, the corpus replay) stay together on one worker, so it is built once. (xdist's own
# `loadgroup` marks do not take with pytest 9, whose node ids xdist can no longer suffix.)
SHARED_FIXTURE_MODULES = dict.fromkeys(
    ("tests/flows/test_weekly_flow.py", "tests/crawlers/test_crawl_corpus.py", "tests/reports/test_report_page.py",
     "tests/reports/test_page_browser.py"),
    "sample-and-corpus",
)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return SHARED_FIXTURE_MODULES.get(module, module)

    return SharedFixtureScheduling(config, log)


@pytest.fixture(scope="session")
def prefect_api() -> str:
    """The session's Prefect API URL, its server started on first use (a cold start on a busy 2-core
    machine takes up to ~40 s; the limit is generous)."""
    if PREFECT_SERVER.process is None:
        PREFECT_SERVER.start(timeout_s=600)
    return PREFECT_SERVER.api_url


@pytest.fixture(scope="session")
def sample_home(tmp_path_factory, prefect_api):
    """(home, results): the bundled sample loaded by `jobtrends demo`, one week per snapshot, each week's
    report written. About a minute: built once per session and shared; tests that change it work on a copy."""
    from flows.demo import demo

    home = tmp_path_factory.mktemp("sample")
    results = demo(home=str(home))
    return home, results


@pytest.fixture(scope="session")
def corpus_replay(tmp_path_factory, prefect_api):
    """(home, result, raw_dir): ../shared/corpus replayed once per session by `jobtrends demo`'s flow —
    the real spiders against the loopback replay server, the real warehouse. The crawl tests read its
    raw files, the load tests its warehouse (skipped when the corpus is absent)."""
    corpus = require_corpus()
    from flows.demo import demo

    home = tmp_path_factory.mktemp("corpus")
    (result,) = demo(home=str(home), corpus=str(corpus))
    return home, result, Path(result["raw_dir"]) / result["run_id"]


def require_corpus() -> Path:
    if not (CORPUS / "README.md").exists():
        pytest.skip(f"../shared/corpus is not at {CORPUS}: the corpus replay tests need it (CI has it)")
    return CORPUS


@pytest.fixture(scope="session", autouse=True)
def _stop_everything_started():
    """At the end of the session: send what Prefect still holds while pytest's streams are open, stop
    the session's Prefect server, then any process a test left behind."""
    yield
    drain_prefect_workers()
    PREFECT_SERVER.stop()
    stop_descendants()


def ours_started_since(started: float) -> list[psutil.Process]:
    """Processes started since *started* that descend from this test session (pytest is their
    subreaper, so a command's orphans end up here too) — other than the session's Prefect server."""
    server = PREFECT_SERVER.process.pid if PREFECT_SERVER.process else None
    found = []
    for proc in psutil.Process().children(recursive=True):
        try:
            if proc.pid != server and proc.create_time() >= started - 0.5 and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except psutil.NoSuchProcess:
            continue
    return found


def assert_nothing_left(started: float, grace_s: float = 30) -> None:
    """Give a dying process tree *grace_s* to go, then name whatever is still running."""
    deadline = time.monotonic() + grace_s
    while (left := ours_started_since(started)) and time.monotonic() < deadline:
        time.sleep(0.2)
    names = [" ".join(p.cmdline())[:160] for p in left if p.is_running()]
    for proc in left:  # never leave them to the next test
        proc.kill()
    assert names == [], f"processes outlived the command: {names}"
