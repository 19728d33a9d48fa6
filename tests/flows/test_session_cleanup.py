"""A test session stops everything it started: its Prefect server and whatever a test left running."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from flows.runtime import healthy
from tests.conftest import REPO, assert_nothing_left

pytestmark = pytest.mark.slow
INNER = "JOBTRENDS_TEST_INNER_SESSION"


def test_the_session_prefect_server_answers(prefect_api):
    assert healthy(prefect_api)
    if os.environ.get(INNER):
        # Something a careless test leaves behind: the session must stop it too.
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True)


def test_a_test_session_leaves_no_process_behind():
    if os.environ.get(INNER):
        pytest.skip("this is the inner session")
    started = time.time()
    env = {**os.environ, INNER: "1"}
    env.pop("PREFECT_API_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", f"{__file__}::test_the_session_prefect_server_answers"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "1 passed" in result.stdout
    assert_nothing_left(started, grace_s=5)  # pytest is our subreaper: its orphans would be ours now
