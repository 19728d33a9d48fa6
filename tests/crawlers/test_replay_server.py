"""The replay server's routes and test hooks, and the snapshot helpers — no Scrapy involved."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from datetime import date

import pytest

from crawlers.replay import boards_in, is_snapshot, snapshots
from crawlers.replay.server import Fault, ReplayServer, lever_page, padded_json
from crawlers.spiders.jsonld import sitemap_entries


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def test_routes_serve_files_byte_for_byte(server, basic_root):
    for path, file in [
        ("/v1/boards/acme-robotics/jobs?content=true", "greenhouse/acme-robotics.json"),
        ("/v1/boards/bom-co/jobs", "greenhouse/bom-co.json"),
        ("/v1/boards/latin1-co/jobs?content=true", "greenhouse/latin1-co.json"),
        ("/v0/postings/cobalt-ai?mode=json", "lever/cobalt-ai.json"),
        ("/v0/postings/cobalt-ai?mode=json&skip=0&limit=100", "lever/cobalt-ai.json"),
        ("/posting-api/job-board/ember-ml?includeCompensation=true", "ashby/ember-ml.json"),
    ]:
        status, ctype, body = get(server.url + path)
        assert (status, ctype) == (200, "application/json"), path
        assert body == (basic_root / file).read_bytes(), path


def test_routes_of_the_other_sources(server, basic_root):
    for path, file, ctype in [
        ("/v0/user/whoishiring.json", "hn/user/whoishiring.json", "application/json"),
        ("/v0/item/9004.json", "hn/item/9004.json", "application/json"),
        ("/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=100&page=0",
         "hn_algolia/search_by_date.json", "application/json"),
        ("/api/v1/search_by_date?tags=story", "hn_algolia/search_by_date.json", "application/json"),
        ("/api/v1/items/9002", "hn_algolia/items/9002.json", "application/json"),
        ("/api", "remoteok/api.json", "application/json"),
        ("/api/remote-jobs", "remotive/remote-jobs.json", "application/json"),
        ("/birch-jobs/b1rch-0001", "jsonld/birch-jobs/b1rch-0001.html", "text/html"),
    ]:
        status, got_ctype, body = get(server.url + path)
        assert (status, got_ctype) == (200, ctype), path
        assert body == (basic_root / file).read_bytes(), path
    assert get(server.url + "/api/remote-jobs")[2].startswith(b"\xef\xbb\xbf")  # the BOM, as saved
    # Algolia pages after the first are empty, whatever the file holds.
    status, _, body = get(server.url + "/api/v1/search_by_date?tags=story&hitsPerPage=100&page=1")
    assert (status, json.loads(body)) == (200, {"hits": [], "nbPages": 1})


def test_generated_sitemap_lists_every_saved_page(server, basic_root):
    status, ctype, body = get(server.url + "/acme-careers/sitemap.xml")
    assert (status, ctype) == (200, "application/xml")
    kind, entries = sitemap_entries(body)
    ids = sorted(p.stem for p in (basic_root / "jsonld" / "acme-careers").glob("*.html"))
    assert kind == "urlset"
    assert [e["loc"] for e in entries] == [f"{server.url}/acme-careers/{i}" for i in ids]
    for entry in entries:
        assert get(entry["loc"])[0] == 200
    # Asked by another name for the host, the sitemap lists URLs on that name.
    _, _, other = get(f"http://localhost:{server.port}/birch-jobs/sitemap.xml")
    assert [e["loc"] for e in sitemap_entries(other)[1]] == [f"http://localhost:{server.port}/birch-jobs/b1rch-0001"]


def test_lever_honours_skip_and_limit(server, basic_root):
    ids = [p["id"] for p in json.loads((basic_root / "lever" / "cobalt-ai.json").read_bytes())]
    pages = []
    for skip in (0, 2, 4, 6):
        status, _, body = get(f"{server.url}/v0/postings/cobalt-ai?mode=json&skip={skip}&limit=2")
        assert status == 200
        pages.append([p["id"] for p in json.loads(body)])
    assert pages == [ids[0:2], ids[2:4], ids[4:5], []]
    assert lever_page(b"not json", 0, 1) == b"not json"
    assert lever_page(b'{"a": 1}', 0, 1) == b'{"a": 1}'


def test_unknown_boards_and_paths_are_json_404s(server):
    for path in (
        "/v1/boards/nobody/jobs", "/v0/postings/nobody", "/posting-api/job-board/nobody",
        "/v1/boards/..%2Fgreenhouse%2Facme-robotics/jobs", "/v1/boards/%2e%2e/jobs", "/elsewhere",
        "/v0/item/424242.json", "/v0/user/nobody.json", "/api/v1/items/424242", "/ghost-site/sitemap.xml",
        "/acme-careers/no-such-page", "/acme-careers/..%2F..%2Fremoteok%2Fapi", "/%2e%2e/sitemap.xml",
        "/v0/item/..%2F..%2Fremoteok%2Fapi.json",
    ):
        status, ctype, body = get(server.url + path)
        assert (status, ctype) == (404, "application/json"), path
        assert json.loads(body)["error"] == "not found"


def test_robots_txt_only_when_the_root_has_one(server, root_copy):
    status, _, _ = get(server.url + "/robots.txt")
    assert status == 404
    (root_copy / "robots.txt").write_bytes(b"User-agent: *\nDisallow: /v0/\n")
    server.set_root(root_copy)
    status, ctype, body = get(server.url + "/robots.txt")
    assert (status, ctype.split(";")[0], body) == (200, "text/plain", b"User-agent: *\nDisallow: /v0/\n")


def test_set_root_switches_snapshots(server, tmp_path):
    for week, n in (("2026-01-05", 1), ("2026-01-12", 3)):
        folder = tmp_path / week / "ashby"
        folder.mkdir(parents=True)
        (folder / "ember-ml.json").write_text(json.dumps({"jobs": [{"id": i} for i in range(n)]}))
    counts = []
    for _, snapshot in snapshots(tmp_path):
        server.set_root(snapshot)
        counts.append(len(json.loads(get(server.url + "/posting-api/job-board/ember-ml")[2])["jobs"]))
    assert counts == [1, 3]


def test_faults_are_served_in_order_then_normal_service(server):
    server.faults["/v1/boards/acme-robotics/jobs"] = [(429, {"Retry-After": "7"}), (500, {})]
    url = server.url + "/v1/boards/acme-robotics/jobs?content=true"
    with pytest.raises(urllib.error.HTTPError) as first:
        urllib.request.urlopen(url, timeout=10)
    assert first.value.code == 429 and first.value.headers["Retry-After"] == "7"
    assert get(url)[0] == 500
    assert get(url)[0] == 200
    assert server.faults["/v1/boards/acme-robotics/jobs"] == []
    # A fault keyed by the full path with its query applies to that page only.
    server.faults["/v0/postings/cobalt-ai?skip=2"] = [(503, {})]
    assert get(server.url + "/v0/postings/cobalt-ai?skip=0")[0] == 200
    assert get(server.url + "/v0/postings/cobalt-ai?skip=2")[0] == 503


def raw_get(server, path: str) -> http.client.HTTPResponse:
    """The first response as it came (no redirect following); read it before the next request."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    conn.request("GET", path)
    return conn.getresponse()


def test_fault_status_headers_body_and_redirect(server, basic_root):
    path = "/v1/boards/acme-robotics/jobs"
    server.inject(path, Fault(status=503, headers={"Retry-After": "2"}))
    server.inject(path, Fault(body=b"<html>maintenance</html>", content_type="text/html"))
    server.inject(path, Fault(oversize=5000))
    server.inject(path, Fault(location="/v1/boards/bom-co/jobs"))
    server.inject(path, Fault(status=301, location=path))
    first = raw_get(server, path)
    assert (first.status, first.headers["Retry-After"]) == (503, "2")
    assert json.loads(first.read())["error"] == "injected fault"
    html = raw_get(server, path + "?content=true")
    assert (html.status, html.headers["Content-Type"], html.read()) == (200, "text/html", b"<html>maintenance</html>")
    big = raw_get(server, path)
    assert (big.status, big.headers["Content-Length"]) == (200, "5000")
    assert json.loads(big.read()) == {"jobs": []}
    moved = raw_get(server, path)
    assert (moved.status, moved.headers["Location"]) == (302, "/v1/boards/bom-co/jobs")
    moved.read()
    loop = raw_get(server, path)
    assert (loop.status, loop.headers["Location"]) == (301, path)
    loop.read()
    normal = (basic_root / "greenhouse" / "acme-robotics.json").read_bytes()
    assert get(server.url + path) == (200, "application/json", normal)  # the queue is spent
    assert padded_json(3) == b'{"j' and len(padded_json(100)) == 100


def test_fault_reset_and_truncated_body(server):
    path = "/v0/postings/cobalt-ai"
    server.inject(path, Fault(reset=True))
    server.inject(path, Fault(truncate=True))
    with pytest.raises((ConnectionResetError, urllib.error.URLError)):
        urllib.request.urlopen(server.url + path, timeout=10).read()
    truncated = raw_get(server, path)
    with pytest.raises(http.client.IncompleteRead) as cut:
        truncated.read()
    assert 0 < len(cut.value.partial) < int(truncated.headers["Content-Length"])
    assert get(server.url + path)[0] == 200  # the queue is spent: normal service


def test_persistent_faults_apply_to_every_request_after_queued_ones(server):
    path = "/posting-api/job-board/ember-ml"
    server.persistent_faults[path] = Fault(status=500)
    server.inject(path, (429, {}))  # the tuple form, queued: served first
    assert [get(server.url + path + "?includeCompensation=true")[0] for _ in range(3)] == [429, 500, 500]
    server.inject("/robots.txt", Fault(status=503), times=None)
    assert [get(server.url + "/robots.txt")[0] for _ in range(2)] == [503, 503]
    server.reset()
    assert server.persistent_faults == {} and get(server.url + path)[0] == 200


def test_stop_is_prompt_while_a_delayed_response_sleeps(basic_root):
    server = ReplayServer(basic_root).start()
    server.inject("/api", Fault(delay=60))
    outcome: list[object] = []

    def client() -> None:
        try:
            outcome.append(get(server.url + "/api"))
        except Exception as exc:  # noqa: BLE001 - the dropped connection is the point
            outcome.append(exc)

    thread = threading.Thread(target=client, daemon=True)
    thread.start()
    while not server.requests:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    thread.join(timeout=30)
    assert time.monotonic() - started < 20  # not the 60 s delay
    assert not thread.is_alive() and len(outcome) == 1
    assert not isinstance(outcome[0], tuple)  # hung up without an answer


def test_request_log_and_in_flight_maximum(server):
    server.delay = 0.2
    paths = [f"/v1/boards/acme-robotics/jobs?n={i}" for i in range(3)]
    threads = [threading.Thread(target=get, args=(server.url + p,)) for p in paths]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.monotonic() - started < 0.6  # served in parallel
    assert server.max_in_flight == 3
    assert server.in_flight == 0
    assert sorted(server.paths()) == paths
    assert all(isinstance(t, float) and isinstance(name, str) for t, _, name in server.requests)
    assert len({name for _, _, name in server.requests}) == 3
    server.reset()
    assert server.requests == [] and server.max_in_flight == 0


def test_start_stop_and_context_manager(basic_root):
    server = ReplayServer(basic_root)
    with pytest.raises(RuntimeError):
        server.url
    server.start()
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert get(server.url + "/v1/boards/acme-robotics/jobs")[0] == 200
    finally:
        server.stop()
    server.stop()  # idempotent
    with ReplayServer(basic_root) as again:
        assert get(again.url + "/v0/postings/dune-data")[0] == 200


# --- snapshots() and boards_in() ---------------------------------------------------------------------


def test_a_single_snapshot_folder_is_its_own_snapshot(basic_root):
    assert snapshots(basic_root) == [(None, basic_root)]
    assert boards_in(basic_root) == {
        "greenhouse": ["acme-robotics", "birchwood-labs", "bom-co", "garbled-co", "latin1-co"],
        "lever": ["cobalt-ai", "dune-data"],
        "ashby": ["ember-ml", "fjord-vision"],
        "hn": ["whoishiring"],
        "jsonld": ["acme-careers", "birch-jobs"],
        "remoteok": ["remoteok"],
        "remotive": ["remotive"],
    }


def test_dated_subfolders_are_snapshots_in_date_order(tmp_path, basic_root):
    for name in ("2026-02-02", "2026-01-05", "2026-01-12"):
        shutil.copytree(basic_root, tmp_path / name)
    (tmp_path / "README.md").write_text("not a snapshot")
    (tmp_path / "latest").mkdir()
    (tmp_path / "2026-13-40").mkdir()  # not a date
    assert snapshots(tmp_path) == [
        (date(2026, 1, 5), tmp_path / "2026-01-05"),
        (date(2026, 1, 12), tmp_path / "2026-01-12"),
        (date(2026, 2, 2), tmp_path / "2026-02-02"),
    ]
    assert snapshots(tmp_path / "missing") == []


def test_boards_in_keeps_dots_and_lists_every_ats(tmp_path):
    (tmp_path / "ashby").mkdir()
    (tmp_path / "ashby" / "Jerry.ai.json").write_text("{}")
    (tmp_path / "ashby" / "beta.json").write_text("{}")
    (tmp_path / "ashby" / "notes.txt").write_text("ignored")
    assert boards_in(tmp_path) == {
        "greenhouse": [], "lever": [], "ashby": ["Jerry.ai", "beta"],
        "hn": [], "jsonld": [], "remoteok": [], "remotive": [],
    }


def test_any_source_folder_makes_a_snapshot(tmp_path):
    assert not is_snapshot(tmp_path)
    assert boards_in(tmp_path) == {s: [] for s in ("greenhouse", "lever", "ashby", "hn", "jsonld", "remoteok", "remotive")}
    (tmp_path / "remotive").mkdir()
    assert is_snapshot(tmp_path) and snapshots(tmp_path) == [(None, tmp_path)]
    assert boards_in(tmp_path)["remotive"] == []  # the folder without remote-jobs.json: nothing to crawl
    (tmp_path / "remotive" / "remote-jobs.json").write_text("{}")
    (tmp_path / "hn" / "user").mkdir(parents=True)
    (tmp_path / "jsonld" / "zeta").mkdir(parents=True)
    (tmp_path / "jsonld" / "alpha").mkdir()
    (tmp_path / "jsonld" / "notes.txt").write_text("not a site")
    boards = boards_in(tmp_path)
    assert (boards["remotive"], boards["hn"], boards["jsonld"]) == (["remotive"], [], ["alpha", "zeta"])
    (tmp_path / "hn" / "user" / "whoishiring.json").write_text("{}")
    assert boards_in(tmp_path)["hn"] == ["whoishiring"]
