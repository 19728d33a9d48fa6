"""Loopback replay twin of the Greenhouse, Lever and Ashby job-board APIs.

::

    with ReplayServer(Path("crawlers/replay/sample/2026-01-05")) as server:
        run_spider("greenhouse", raw, settings={"GREENHOUSE_API_URL": server.url,
                                                "JOBTRENDS_FAST_HOSTS": ["127.0.0.1"]})

Routes (files relative to the served root; query strings ignored except Lever's skip/limit):

=====================================  ==========================================================
``/v1/boards/<token>/jobs``            ``greenhouse/<token>.json``
``/v0/postings/<site>``                ``lever/<site>.json``, sliced by ``skip``/``limit``
``/posting-api/job-board/<org>``       ``ashby/<org>.json``
``/robots.txt``                        ``robots.txt`` when present, else 404 (= allow all)
=====================================  ==========================================================

Files are served byte for byte as ``application/json`` (``text/plain`` for robots.txt). A Lever
request whose skip/limit cut the array gets the slice re-serialised as UTF-8 JSON; otherwise the
file's bytes. Anything else is a 404 with a small JSON body.

For tests: :attr:`ReplayServer.requests` logs ``(monotonic time, path with query, thread name)``,
:attr:`ReplayServer.max_in_flight` is the most requests handled at once,
``server.faults[path] = [(status, headers), ...]`` answers the next requests to *path* (with or
without its query string) with those statuses, in order, before normal serving resumes, and
:attr:`ReplayServer.delay` adds seconds to every response.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_ROUTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^/v1/boards/([^/]+)/jobs/?$"), "greenhouse"),
    (re.compile(r"^/v0/postings/([^/]+)/?$"), "lever"),
    (re.compile(r"^/posting-api/job-board/([^/]+)/?$"), "ashby"),
]

Fault = tuple[int, dict[str, str]]


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _int_arg(query: dict[str, list[str]], name: str) -> int | None:
    values = query.get(name)
    if not values:
        return None
    try:
        return max(0, int(values[0]))
    except ValueError:
        return None


def lever_page(body: bytes, skip: int | None, limit: int | None) -> bytes:
    """The Lever response for skip/limit: the file's bytes when nothing is cut, else the slice."""
    if skip is None and limit is None:
        return body
    try:
        postings = json.loads(body)
    except ValueError:
        return body  # not JSON: serve it as it is, the crawler will report it
    if not isinstance(postings, list):
        return body
    start = skip or 0
    end = len(postings) if limit is None else start + limit
    if start == 0 and end >= len(postings):
        return body
    return _json_bytes(postings[start:end])


class ReplayServer:
    """Serves a replay folder on 127.0.0.1 at a free port from a daemon thread."""

    def __init__(self, root: Path, *, delay: float = 0.0, host: str = "127.0.0.1"):
        self._root = Path(root)
        self.host = host
        self.delay = delay
        self.faults: dict[str, list[Fault]] = {}
        self.requests: list[tuple[float, str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------------------

    def start(self) -> ReplayServer:
        if self._httpd is not None:
            return self
        handler = type("ReplayHandler", (_Handler,), {"replay": self})
        httpd = ThreadingHTTPServer((self.host, 0), handler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"replay-server-{self.port}", daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("ReplayServer is not running")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # --- what is served -----------------------------------------------------------------------------

    @property
    def root(self) -> Path:
        return self._root

    def set_root(self, root: Path) -> None:
        """Serve another folder from the next request on (e.g. the next weekly snapshot)."""
        self._root = Path(root)

    def reset(self) -> None:
        """Forget the request log, the in-flight maximum and pending faults."""
        with self._lock:
            self.requests.clear()
            self.faults.clear()
            self.max_in_flight = self.in_flight

    def paths(self) -> list[str]:
        """Requested paths (with query) in arrival order."""
        with self._lock:
            return [path for _, path, _ in self.requests]

    # --- used by the handler ------------------------------------------------------------------------

    def _enter(self, path: str) -> Fault | None:
        with self._lock:
            self.requests.append((time.monotonic(), path, threading.current_thread().name))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            for key in (path, urlsplit(path).path):
                queue = self.faults.get(key)
                if queue:
                    return queue.pop(0)
            return None

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def resolve(self, raw_path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a GET of *raw_path* (path plus query)."""
        parts = urlsplit(raw_path)
        path = parts.path
        root = self._root
        if path == "/robots.txt":
            robots = root / "robots.txt"
            if robots.is_file():
                return 200, "text/plain; charset=utf-8", robots.read_bytes()
            return 404, "text/plain; charset=utf-8", b"no robots.txt\n"
        for pattern, ats in _ROUTES:
            match = pattern.match(path)
            if not match:
                continue
            token = unquote(match.group(1))
            if not token or "/" in token or "\\" in token or token in (".", "..") or "\x00" in token:
                break
            file = root / ats / f"{token}.json"
            if not file.is_file():
                break
            body = file.read_bytes()
            if ats == "lever":
                query = parse_qs(parts.query)
                body = lever_page(body, _int_arg(query, "skip"), _int_arg(query, "limit"))
            return 200, "application/json", body
        return 404, "application/json", _json_bytes({"error": "not found", "path": path})


class _Handler(BaseHTTPRequestHandler):
    replay: ReplayServer  # set on the per-server subclass
    server_version = "jobtrends-replay/0.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        fault = self.replay._enter(self.path)
        headers: dict[str, str] = {}
        try:
            if self.replay.delay:
                time.sleep(self.replay.delay)
            if fault is not None:
                status, headers = fault
                ctype, body = "application/json", _json_bytes({"error": "injected fault", "status": status})
            else:
                status, ctype, body = self.replay.resolve(self.path)
        finally:
            # Leave before answering: once the client has the answer it may send its next request,
            # which must not be counted as overlapping this one.
            self.replay._leave()
        self._send(status, ctype, body, headers)

    def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet; see .requests
        pass
