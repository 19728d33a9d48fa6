"""How a command runs Prefect, and how it stops everything it started.

Two things made a first run on a busy machine fail and leave a server burning CPU (issue #11):

* Prefect's temporary server gives itself 20 s to answer, counted in sleeps only; a cold start on a
  loaded 2-core machine takes 15-40 s. So every command that runs a flow starts **its own Prefect
  server subprocess** (``prefect server start``, services and UI off for one-off runs), waits for it
  by the wall clock for ``prefect_start_timeout_s`` (default 300 s) while checking that it is still
  alive, then sets ``PREFECT_API_URL`` before Prefect is imported. One mechanism for ``demo``,
  ``run``, ``backfill``, ``serve`` and the test session (which starts one server and shares it with
  every test and every command a test runs); its log is ``<home>/prefect-server.log``.
* A process that timed out or failed was left running. :func:`owned_processes` makes the command a
  *child subreaper* (Linux), so anything its children leave behind is re-parented to it, turns
  SIGTERM and SIGHUP into a normal exit, and on the way out — success, error, Ctrl-C or SIGTERM —
  stops every descendant: politely (SIGTERM), then SIGKILL after a grace period. The server is also
  started with a parent-death signal, so even ``kill -9`` of the command takes the server with it.

psutil walks the process tree (a maintained library, rather than parsing /proc by hand).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil

from crawlers.run import die_with_parent, prctl

DEFAULT_START_TIMEOUT_S = 300.0
STOP_GRACE_S = 10.0
_PR_SET_CHILD_SUBREAPER = 36


class PrefectStartError(RuntimeError):
    """The Prefect server did not come up; the message names its log."""


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class PrefectServer:
    """One ``prefect server start`` subprocess on loopback, in a session of its own (so a Ctrl-C meant
    for the command reaches the server only through :meth:`stop`)."""

    def __init__(self, log_path: Path, *, port: int | None = None, services: bool = False, ui: bool = False):
        self.log_path = Path(log_path)
        self.port = port or free_port()
        self.services = services
        self.ui = ui
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(self.port),
               "--analytics-off", "--ui" if self.ui else "--no-ui"]
        return cmd if self.services else [*cmd, "--no-services"]

    def start(self, timeout_s: float = DEFAULT_START_TIMEOUT_S, progress: Callable[[str], None] | None = None) -> str:
        """Start the server and wait until it answers; return its API URL. Raises
        :class:`PrefectStartError` (after stopping it) when it exits or stays silent past *timeout_s*."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
        env.pop("PREFECT_API_URL", None)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                start_new_session=True, preexec_fn=die_with_parent,
            )
        _SERVICE_GROUPS.add(self.process.pid)  # its own session: pgid == pid
        started = time.monotonic()
        told = False
        try:
            while not healthy(self.api_url):
                waited = time.monotonic() - started
                if self.process.poll() is not None:
                    raise PrefectStartError(
                        f"the Prefect server exited with status {self.process.returncode} while starting; see {self.log_path}"
                    )
                if waited > timeout_s:
                    raise PrefectStartError(
                        f"the Prefect server did not answer within {timeout_s:g} s (a very busy machine? raise "
                        f"JOBTRENDS_PREFECT_START_TIMEOUT_S); see {self.log_path}"
                    )
                if progress and not told and waited > 15:
                    progress(f"waiting for the Prefect server to start (log: {self.log_path})")
                    told = True
                time.sleep(0.25)
        except BaseException:
            self.stop()
            raise
        return self.api_url

    def stop(self, grace_s: float = STOP_GRACE_S) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        _SERVICE_GROUPS.discard(process.pid)
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            process.wait(timeout=grace_s)
        _signal_group(process.pid, signal.SIGKILL)  # anything the server itself started


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


@contextlib.contextmanager
def prefect_api(
    home: Path, *, port: int | None = None, services: bool = False, ui: bool = False,
    timeout_s: float = DEFAULT_START_TIMEOUT_S, progress: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """Yield the URL of a Prefect API this process's flows report to, with ``PREFECT_API_URL`` set.

    The server in ``$PREFECT_API_URL`` when one is set (it must answer within *timeout_s*); else, with
    *port*, one already answering there (``serve`` on 4200); else a server started here and stopped on
    the way out. Call before anything imports prefect: Prefect reads its settings once, at import.
    """
    given = os.environ.get("PREFECT_API_URL")
    if given:
        deadline = time.monotonic() + timeout_s
        while not healthy(given):
            if time.monotonic() > deadline:
                raise PrefectStartError(f"PREFECT_API_URL={given} does not answer /health")
            time.sleep(0.5)
        yield given
        return
    if port is not None and healthy(f"http://127.0.0.1:{port}/api"):
        with _api_url_set(f"http://127.0.0.1:{port}/api") as url:
            yield url
        return
    server = PrefectServer(Path(home) / "prefect-server.log", port=port, services=services, ui=ui)
    try:
        url = server.start(timeout_s, progress)
        with _api_url_set(url):
            try:
                yield url
            finally:
                drain_prefect_workers()
    finally:
        server.stop()


@contextlib.contextmanager
def _api_url_set(url: str) -> Iterator[str]:
    if "prefect" in sys.modules:  # already imported (a test, a notebook): settings are fixed; override them
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
        return
    os.environ["PREFECT_API_URL"] = url
    try:
        yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)


def drain_prefect_workers() -> None:
    """Send the logs and events Prefect still holds before its server goes away (else its background
    workers retry against a stopped server for a minute, and log errors at exit)."""
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for drain in (lambda: APILogWorker.instance().drain(), EventsWorker.drain_all):
        try:
            drain()
        except Exception:  # noqa: BLE001 - never started, or its server already gone: nothing to send
            pass


# --- every process of ours stops with the command -----------------------------------------------------


def become_subreaper() -> bool:
    """Linux: orphans of our descendants are re-parented to us, not to init, so we can stop them."""
    return prctl(_PR_SET_CHILD_SUBREAPER, 1)


def descendants() -> list[psutil.Process]:
    try:
        return psutil.Process().children(recursive=True)
    except psutil.Error:  # pragma: no cover
        return []


def stop_descendants(grace_s: float = STOP_GRACE_S) -> list[psutil.Process]:
    """SIGTERM every descendant, SIGKILL those still alive after *grace_s*; return the ones killed."""
    procs = descendants()
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(procs, timeout=grace_s)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(alive, timeout=grace_s)
    # Orphans re-parented to us while we were stopping their parents (we are their subreaper).
    for proc in descendants():
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(descendants(), timeout=grace_s)
    return alive


class Terminated(SystemExit):
    """SIGTERM or SIGHUP, turned into an exit so ``finally`` blocks run (exit status 128 + signal)."""


# Process groups of the servers we started (a Prefect server): stopped last, because the run's
# clean-up still reports to them.
_SERVICE_GROUPS: set[int] = set()


def stop_work_now(grace_s: float = 5.0) -> None:
    """SIGTERM every descendant but our servers at once, and SIGKILL what is left after *grace_s*.

    Called from the signal handler, before the exception unwinds: Prefect's task runner joins its
    threads on the way out, and a thread waiting for a crawl that does not stop would hold the
    command forever."""
    work = [p for p in descendants() if _pgid(p) not in _SERVICE_GROUPS]
    for proc in work:
        with contextlib.suppress(psutil.Error):
            proc.terminate()

    def kill_survivors() -> None:
        for proc in work:
            with contextlib.suppress(psutil.Error):
                if proc.is_running():
                    proc.kill()

    timer = threading.Timer(grace_s, kill_survivors)
    timer.daemon = True
    timer.start()


def _pgid(proc: psutil.Process) -> int | None:
    try:
        return os.getpgid(proc.pid)
    except OSError:
        return None


def _exit_on_signal(signum: int, frame: object) -> None:
    stop_work_now()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(128 + signum)


@contextlib.contextmanager
def owned_processes() -> Iterator[None]:
    """Run a command so that no process it starts outlives it, however it ends.

    SIGTERM and SIGHUP raise :class:`Terminated`, Ctrl-C KeyboardInterrupt (unless the shell started
    us with it ignored), each after stopping the crawls and other work processes at once (main thread
    only). On the way out every descendant is stopped, servers last."""
    become_subreaper()
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            if signal.getsignal(signum) is not signal.SIG_IGN:
                previous[signum] = signal.signal(signum, _exit_on_signal)
    try:
        yield
    finally:
        # A second signal while we clean up must not cut the clean-up short.
        for signum in previous:
            signal.signal(signum, signal.SIG_IGN)
        try:
            stop_descendants()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
