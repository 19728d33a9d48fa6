"""Loopback replay twin of the job-board APIs: Greenhouse, Lever, Ashby, Hacker News (Firebase and
Algolia), Remote OK, Remotive, and JSON-LD career sites.

::

    with ReplayServer(Path("crawlers/replay/sample/2026-01-05")) as server:
        run_spider("greenhouse", raw, settings={"GREENHOUSE_API_URL": server.url,
                                                "JOBTRENDS_FAST_HOSTS": ["127.0.0.1"]})

Routes (files relative to the served root; query strings ignored except Lever's skip/limit and
Algolia's page):

=====================================  ==========================================================
``/v1/boards/<token>/jobs``            ``greenhouse/<token>.json``
``/v0/postings/<site>``                ``lever/<site>.json``, sliced by ``skip``/``limit``
``/posting-api/job-board/<org>``       ``ashby/<org>.json``
``/v0/user/<name>.json``               ``hn/user/<name>.json``
``/v0/item/<id>.json``                 ``hn/item/<id>.json``
``/api/v1/search_by_date``             ``hn_algolia/search_by_date.json`` for page 0 (or no page);
                                       ``{"hits": [], "nbPages": 1}`` for page >= 1
``/api/v1/items/<id>``                 ``hn_algolia/items/<id>.json``
``/api``                               ``remoteok/api.json``
``/api/remote-jobs``                   ``remotive/remote-jobs.json``
``/<site>/sitemap.xml``                generated: a ``<urlset>`` with ``<loc>{base}/<site>/<id></loc>``
                                       for every ``jsonld/<site>/<id>.html`` (sorted); ``{base}`` is
                                       ``http://`` + the request's Host (else :attr:`url`)
``/<site>/<id>``                       ``jsonld/<site>/<id>.html`` as ``text/html``
``/robots.txt``                        ``robots.txt`` when present, else 404 (= allow all)
=====================================  ==========================================================

Files are served byte for byte as ``application/json`` (``text/plain`` for robots.txt, ``text/html``
for JSON-LD pages, ``application/xml`` for sitemaps). A Lever request whose skip/limit cut the array
gets the slice re-serialised as UTF-8 JSON; otherwise the file's bytes. The fixed API routes win over
the JSON-LD ``/<site>/...`` routes (a site named ``api`` would be shadowed). Anything else is a 404
with a small JSON body.

For tests: :attr:`ReplayServer.requests` logs ``(monotonic time, path with query, thread name)``,
:attr:`ReplayServer.max_in_flight` is the most requests handled at once, and
:attr:`ReplayServer.delay` adds seconds to every response. Faults make a path misbehave (a
:class:`Fault`: a status, headers, a delay, a reset connection, a truncated, oversized or foreign
body, a redirect), keyed by the path with its query string (that page only) or without it (every
query); the key with the query wins::

    server.faults[path] = [Fault(status=503), Fault(reset=True)]  # the next two requests, then normal
    server.faults[path] = [(429, {"Retry-After": "1"})]          # the tuple form: (status, headers)
    server.persistent_faults[path] = Fault(delay=5)               # every request, until removed
    server.inject(path, Fault(truncate=True), times=None)         # the same as a method

Queued faults come before a persistent one. ``/robots.txt`` takes faults like any other path.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape

# (path pattern with one token group, file relative to the root with {} for the token)
_ROUTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^/v1/boards/([^/]+)/jobs/?$"), "greenhouse/{}.json"),
    (re.compile(r"^/v0/postings/([^/]+)/?$"), "lever/{}.json"),
    (re.compile(r"^/posting-api/job-board/([^/]+)/?$"), "ashby/{}.json"),
    (re.compile(r"^/v0/user/([^/]+)\.json$"), "hn/user/{}.json"),
    (re.compile(r"^/v0/item/([^/]+)\.json$"), "hn/item/{}.json"),
    (re.compile(r"^/api/v1/items/([^/]+)/?$"), "hn_algolia/items/{}.json"),
]
# Paths with no token: path -> file.
_FIXED: dict[str, str] = {
    "/api": "remoteok/api.json",
    "/api/remote-jobs": "remotive/remote-jobs.json",
    "/api/v1/search_by_date": "hn_algolia/search_by_date.json",
}
_SITEMAP = re.compile(r"^/([^/]+)/sitemap\.xml$")
_PAGE = re.compile(r"^/([^/]+)/([^/]+?)/?$")
EMPTY_ALGOLIA_PAGE = {"hits": [], "nbPages": 1}


@dataclass(frozen=True)
class Fault:
    """How the server misbehaves for one request. The default is normal service.

    * ``status`` — the answer's status; None keeps the route's own. A status outside 2xx without a
      ``body`` answers a small JSON error (``{"error": "injected fault", "status": ...}``).
    * ``headers`` — sent in addition (e.g. ``{"Retry-After": "1"}``).
    * ``delay`` — seconds to wait before answering (on top of :attr:`ReplayServer.delay`).
    * ``reset`` — close the connection with a TCP reset, answering nothing.
    * ``truncate`` — send a Content-Length for the whole body, half the body, then close.
    * ``oversize`` — answer a body of exactly this many bytes (a JSON object padded with spaces,
      ``{"jobs": []}`` when short enough to parse), e.g. above the crawler's DOWNLOAD_MAXSIZE.
    * ``body`` / ``content_type`` — answer these instead (e.g. an HTML page where JSON was expected).
    * ``location`` — redirect there (status 302 unless ``status`` says otherwise); a path that
      redirects to itself, or A -> B -> A, is a redirect loop.
    """

    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False
    truncate: bool = False
    oversize: int | None = None
    body: bytes | None = None
    content_type: str | None = None
    location: str | None = None

    @classmethod
    def of(cls, fault: Fault | tuple[int, dict[str, str]]) -> Fault:
        """A :class:`Fault` from itself or the older ``(status, headers)`` tuple."""
        if isinstance(fault, Fault):
            return fault
        status, headers = fault
        return cls(status=status, headers=dict(headers))


FaultLike = Fault | tuple[int, dict[str, str]]


def padded_json(size: int) -> bytes:
    """A JSON object of exactly *size* bytes where that fits (shorter sizes are cut, not JSON)."""
    head = b'{"jobs": []}'
    return head[:size] + b" " * max(0, size - len(head))


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


def _safe_token(raw: str) -> str | None:
    token = unquote(raw)
    if not token or "/" in token or "\\" in token or token in (".", "..") or "\x00" in token:
        return None
    return token


def sitemap_xml(base: str, site: str, ids: list[str]) -> bytes:
    """A sitemaps.org ``<urlset>`` listing ``{base}/{site}/{id}`` for each id."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page_id in ids:
        loc = f"{base}/{quote(site, safe='')}/{quote(page_id, safe='')}"
        lines.append(f"  <url><loc>{escape(loc)}</loc></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


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
        self.faults: dict[str, list[FaultLike]] = {}
        self.persistent_faults: dict[str, Fault] = {}
        self.requests: list[tuple[float, str, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        # Set by stop(): wakes handlers sleeping on a delay, which then hang up without answering.
        self._stopping = threading.Event()

    # --- lifecycle --------------------------------------------------------------------------------

    def start(self) -> ReplayServer:
        if self._httpd is not None:
            return self
        handler = type("ReplayHandler", (_Handler,), {"replay": self})
        httpd = ThreadingHTTPServer((self.host, 0), handler)
        httpd.daemon_threads = True
        self._stopping.clear()
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
        self._stopping.set()
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
        """Forget the request log, the in-flight maximum and every fault (queued or persistent)."""
        with self._lock:
            self.requests.clear()
            self.faults.clear()
            self.persistent_faults.clear()
            self.max_in_flight = self.in_flight

    def inject(self, path: str, fault: FaultLike, *, times: int | None = 1) -> None:
        """Answer the next *times* requests to *path* with *fault* (None: every request from now on)."""
        with self._lock:
            if times is None:
                self.persistent_faults[path] = Fault.of(fault)
            else:
                self.faults.setdefault(path, []).extend([fault] * times)

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
            keys = (path, urlsplit(path).path)
            for key in keys:
                queue = self.faults.get(key)
                if queue:
                    return Fault.of(queue.pop(0))
            for key in keys:
                if key in self.persistent_faults:
                    return self.persistent_faults[key]
            return None

    def _sleep(self, seconds: float) -> bool:
        """Wait *seconds*; False (at once) when the server is stopping."""
        return not self._stopping.wait(seconds)

    def answer(self, raw_path: str, host: str | None, fault: Fault) -> tuple[int, str, bytes, dict[str, str]]:
        """(status, content type, body, extra headers) for a request *fault* applies to."""
        headers = dict(fault.headers)
        if fault.location is not None:
            headers["Location"] = fault.location
            status = fault.status or 302
            return status, fault.content_type or "application/json", _json_bytes({"redirect": fault.location}), headers
        status, ctype, body = self.resolve(raw_path, host)
        if fault.status is not None:
            status = fault.status
            if not 200 <= status < 300:
                ctype, body = "application/json", _json_bytes({"error": "injected fault", "status": status})
        if fault.oversize is not None:
            ctype, body = "application/json", padded_json(fault.oversize)
        if fault.body is not None:
            body = fault.body
        return status, fault.content_type or ctype, body, headers

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def resolve(self, raw_path: str, host: str | None = None) -> tuple[int, str, bytes]:
        """(status, content type, body) for a GET of *raw_path* (path plus query); *host* is the
        request's Host header (the base of generated sitemap URLs)."""
        parts = urlsplit(raw_path)
        path = parts.path
        root = self._root
        if path == "/robots.txt":
            robots = root / "robots.txt"
            if robots.is_file():
                return 200, "text/plain; charset=utf-8", robots.read_bytes()
            return 404, "text/plain; charset=utf-8", b"no robots.txt\n"
        not_found = 404, "application/json", _json_bytes({"error": "not found", "path": path})
        fixed = _FIXED.get(path.rstrip("/") or "/")
        if fixed is not None:
            query = parse_qs(parts.query)
            if fixed.startswith("hn_algolia/") and (_int_arg(query, "page") or 0) >= 1:
                return 200, "application/json", _json_bytes(EMPTY_ALGOLIA_PAGE)
            file = root / fixed
            return (200, "application/json", file.read_bytes()) if file.is_file() else not_found
        for pattern, template in _ROUTES:
            match = pattern.match(path)
            if not match:
                continue
            token = _safe_token(match.group(1))
            file = root / template.format(token) if token else None
            if file is None or not file.is_file():
                return not_found
            body = file.read_bytes()
            if template.startswith("lever/"):
                query = parse_qs(parts.query)
                body = lever_page(body, _int_arg(query, "skip"), _int_arg(query, "limit"))
            return 200, "application/json", body
        return self._resolve_jsonld(path, host) or not_found

    def _resolve_jsonld(self, path: str, host: str | None) -> tuple[int, str, bytes] | None:
        match = _SITEMAP.match(path)
        if match:
            site = _safe_token(match.group(1))
            folder = self._root / "jsonld" / site if site else None
            if folder is None or not folder.is_dir():
                return None
            ids = sorted(p.name[: -len(".html")] for p in folder.glob("*.html") if p.is_file())
            base = f"http://{host}" if host else self.url
            return 200, "application/xml", sitemap_xml(base, site, ids)
        match = _PAGE.match(path)
        if match:
            site, page_id = _safe_token(match.group(1)), _safe_token(match.group(2))
            if not site or not page_id:
                return None
            file = self._root / "jsonld" / site / f"{page_id}.html"
            if file.is_file():
                return 200, "text/html", file.read_bytes()
        return None


class _Handler(BaseHTTPRequestHandler):
    replay: ReplayServer  # set on the per-server subclass
    server_version = "jobtrends-replay/0.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        fault = self.replay._enter(self.path)
        try:
            delay = self.replay.delay + (fault.delay if fault is not None else 0.0)
            if delay and not self.replay._sleep(delay):
                self.close_connection = True  # stopping: hang up rather than hold shutdown
                return
            if fault is not None and fault.reset:
                self._reset()
                return
            if fault is None:
                status, ctype, body = self.replay.resolve(self.path, self.headers.get("Host"))
                headers: dict[str, str] = {}
            else:
                status, ctype, body, headers = self.replay.answer(self.path, self.headers.get("Host"), fault)
        finally:
            # Leave before answering: once the client has the answer it may send its next request,
            # which must not be counted as overlapping this one.
            self.replay._leave()
        self._send(status, ctype, body, headers, truncate=fault is not None and fault.truncate)

    def _reset(self) -> None:
        # SO_LINGER 0 makes close() send RST instead of FIN: the client sees "connection reset".
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # drop the makefile reference, so close() releases the socket now
        self.connection.close()
        self.close_connection = True

    def _send(
        self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None,
        *, truncate: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if truncate:
            # The promised length, half the bytes, then the connection closes: data loss.
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
            return
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet; see .requests
        pass
