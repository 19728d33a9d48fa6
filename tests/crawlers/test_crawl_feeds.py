"""The non-ATS sources end to end (run_spider -> scrapy subprocess -> replay server -> raw + summary):
Hacker News (Firebase and Algolia), JSON-LD career sites, Remote OK, Remotive and its daily budget.

Fixtures: tests/fixtures/replay/basic/{hn,hn_algolia,jsonld,remoteok,remotive} (fictional).
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import pytest
from scrapy.utils.test import get_crawler

from crawlers.middlewares import BUDGET_FILE
from crawlers.spiders.hn import hiring_month
from crawlers.spiders.hn_algolia import parse_since
from crawlers.spiders.jsonld import JsonLdSpider, sitemap_entries

RAW_KEYS = {"spider", "source", "board", "url", "status", "fetched_at"}

MARCH = 1772409600  # the fixture threads' `time`
FEB = 1769990400
STORIES = {f"/v0/item/{i}.json" for i in range(9001, 9006)}


def assert_line(line: dict, spider: str, source: str) -> None:
    assert RAW_KEYS <= set(line)
    assert set(line) - RAW_KEYS - {"context"} == {"body"}
    assert (line["spider"], line["source"]) == (spider, source)
    assert datetime.fromisoformat(line["fetched_at"]).utcoffset().total_seconds() == 0


def item_id(line: dict) -> int:
    return int(line["url"].rsplit("/", 1)[1].split(".")[0])


# --- Hacker News (Firebase) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "month"),
    [
        ("Ask HN: Who is hiring? (May 2026)", "2026-05"),
        ("ask hn: who is Hiring? (February 2026)", "2026-02"),
        ("Ask HN: Who is Hiring? (April 2011)", "2011-04"),
        ("Ask HN: Who is hiring? (Sept 2014)", "2014-09"),
        ("  Ask HN:  Who is hiring?  (december 2019) ", "2019-12"),
        ("Ask HN: Who wants to be hired? (May 2026)", None),
        ("Ask HN: Freelancer? Seeking freelancer? (May 2026)", None),
        ("Ask HN: Who is hiring? (Mayday 2026)", None),
        ("Ask HN: Who is hiring?", None),
        (None, None),
    ],
)
def test_hiring_month_reads_thread_titles(title, month):
    assert hiring_month(title) == month


def test_hn_reads_the_newest_hiring_threads_and_lands_every_response(crawl, server, basic_root):
    result = crawl("hn", ["whoishiring"], HN_MAX_THREADS=2)

    # Scanned newest first: 9005 (who wants to be hired), 9004 (hiring), 9003 (freelancer),
    # 9002 (hiring, lower-case title) -> 2 threads found, 9001 never asked for.
    scanned = [p for p in server.paths() if p in STORIES]
    assert scanned == ["/v0/item/9005.json", "/v0/item/9004.json", "/v0/item/9003.json", "/v0/item/9002.json"]
    assert server.paths()[:2] == ["/robots.txt", "/v0/user/whoishiring.json"]
    comments = sorted(item_id(line) for line in result.lines if "context" in line)
    assert comments == [9101, 9102, 9103, 9104, 9201, 9202]  # not 9501/9601 (other threads) nor 9301

    # 1 user + 4 stories + 6 comments landed; 9102 (deleted) and 9103 (dead) are not postings.
    assert result.boards == {
        "whoishiring": {"status": "ok", "error": None, "n_responses": 11, "n_items": 4, "n_skipped": 2},
    }
    stats = result.summary["stats"]
    assert (stats["jobtrends/hn/deleted"], stats["jobtrends/hn/dead"], stats["jobtrends/hn/threads"]) == (1, 1, 2)
    assert stats["jobtrends/raw/lines"] == 11 and stats["jobtrends/raw/with_context"] == 6

    march = {"story_id": 9004, "story_title": "Ask HN: Who is hiring? (March 2026)", "story_time": MARCH}
    feb = {"story_id": 9002, "story_title": "ask hn: who is Hiring? (February 2026)", "story_time": FEB}
    for line in result.lines:
        assert_line(line, "hn", "hn")
        assert line["board"] == "whoishiring" and line["status"] == 200
        path = line["url"].removeprefix(server.url)
        file = "hn/user/whoishiring.json" if "/user/" in path else f"hn/item/{item_id(line)}.json"
        assert line["body"].encode("utf-8") == (basic_root / file).read_bytes()
        if "/user/" in path or path in STORIES:
            assert "context" not in line
        else:
            assert line["context"] == (march if item_id(line) < 9200 else feb)


def test_hn_stops_scanning_after_hn_max_scan(crawl, server):
    result = crawl("hn", ["whoishiring"], HN_MAX_THREADS=1000, HN_MAX_SCAN=3)

    assert [p for p in server.paths() if p in STORIES] == [
        "/v0/item/9005.json", "/v0/item/9004.json", "/v0/item/9003.json",
    ]
    assert result.boards["whoishiring"]["n_items"] == 2  # the March thread only
    assert result.summary["stats"]["jobtrends/hn/scan_limited"] == 1


def test_hn_stories_argument_crawls_those_threads_directly(crawl, server):
    result = crawl("hn", None, args={"stories": [9001, 9005]})

    assert "/v0/user/whoishiring.json" not in server.paths()
    assert result.boards == {
        "whoishiring": {"status": "ok", "error": None, "n_responses": 4, "n_items": 2, "n_skipped": 0},
    }
    contexts = {item_id(line): line["context"] for line in result.lines if "context" in line}
    assert contexts[9301]["story_title"] == "Ask HN: Who is hiring? (January 2026)"
    # A thread named explicitly is crawled whatever its title (counted, logged).
    assert contexts[9501]["story_id"] == 9005
    assert result.summary["stats"]["jobtrends/hn/story_not_hiring_title"] == 1


# --- Hacker News (Algolia backfill) -------------------------------------------------------------------


def test_hn_algolia_fetches_hiring_threads_since_a_month(crawl, server, basic_root):
    result = crawl("hn_algolia", ["whoishiring"], args={"since": "2026-02"})

    paths = server.paths()
    assert paths[1] == "/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=100&page=0"
    assert sorted(p for p in paths if p.startswith("/api/v1/items/")) == ["/api/v1/items/9002", "/api/v1/items/9004"]
    # The page's oldest hit is already before 2026-02: no second page is asked for.
    assert not [p for p in paths if p.endswith("page=1")]
    assert result.boards == {
        "whoishiring": {"status": "ok", "error": None, "n_responses": 3, "n_items": 3, "n_skipped": 1},
    }
    for line in result.lines:
        assert_line(line, "hn_algolia", "hn")
        assert "context" not in line
        if "/items/" in line["url"]:
            file = basic_root / "hn_algolia" / "items" / (line["url"].rsplit("/", 1)[1] + ".json")
            assert line["body"].encode("utf-8") == file.read_bytes()


def test_hn_algolia_pages_until_no_hits(crawl, server):
    result = crawl("hn_algolia", ["whoishiring"])

    search = [p.rsplit("&", 1)[1] for p in server.paths() if p.startswith("/api/v1/search_by_date")]
    assert search == ["page=0", "page=1"]  # page 1 has no hits: the end
    assert len([p for p in server.paths() if p.startswith("/api/v1/items/")]) == 3
    assert result.boards["whoishiring"] == {
        "status": "ok", "error": None, "n_responses": 5, "n_items": 4, "n_skipped": 1,
    }


def test_parse_since():
    assert parse_since("2011-04") == "2011-04" and parse_since(None) is None and parse_since("") is None
    for bad in ("2011-4", "2011-13", "April 2011"):
        with pytest.raises(ValueError):
            parse_since(bad)


# --- JSON-LD career sites -----------------------------------------------------------------------------


def test_jsonld_follows_sitemaps_and_given_urls(crawl, server, basic_root):
    birch = f"{server.url}/birch-jobs/b1rch-0001"
    result = crawl("jsonld", ["acme-careers", "birch-jobs", "ghost-site"], args={"urls": {"birch-jobs": [birch]}})

    assert result.boards == {
        "acme-careers": {"status": "ok", "error": None, "n_responses": 4, "n_items": 3, "n_skipped": 0},
        "birch-jobs": {"status": "ok", "error": None, "n_responses": 1, "n_items": 1, "n_skipped": 0},
        "ghost-site": {"status": "failed", "error": "HTTP 404", "n_responses": 1, "n_items": 0, "n_skipped": 0},
    }
    assert "/birch-jobs/sitemap.xml" not in server.paths()  # given URLs replace the sitemap
    sitemap = f"{server.url}/acme-careers/sitemap.xml"
    for line in result.lines:
        assert_line(line, "jsonld", "jsonld")
    (listing,) = [line for line in result.lines_for("acme-careers") if line["url"] == sitemap]
    assert listing["context"] == {"kind": "sitemap"} and listing["body"].startswith("<?xml")
    pages = [line for line in result.lines_for("acme-careers") if line["url"] != sitemap]
    assert sorted(line["url"].rsplit("/", 1)[1] for line in pages) == sorted(
        p.stem for p in (basic_root / "jsonld" / "acme-careers").glob("*.html")
    )
    for line in pages:
        assert line["context"] == {"kind": "page", "url": line["url"], "sitemap": sitemap}
        file = basic_root / "jsonld" / "acme-careers" / (line["url"].rsplit("/", 1)[1] + ".html")
        assert line["body"].encode("utf-8") == file.read_bytes()
    (page,) = result.lines_for("birch-jobs")
    assert page["context"] == {"kind": "page", "url": birch} and page["url"] == birch


def _jsonld_spider(tmp_path, settings=None, **args):
    crawler = get_crawler(JsonLdSpider, {"JOBTRENDS_STATE_DIR": str(tmp_path), **(settings or {})})
    return JsonLdSpider.from_crawler(crawler, **args)


def test_jsonld_page_sources_in_order_of_precedence(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[[site]]\nname = "acme"\ncompany = "Acme"\nsitemap = "https://acme.example/sitemap.xml"\n\n'
        '[[site]]\nname = "birch"\ncompany = "Birch"\nurls = ["https://birch.example/jobs/1"]\n',
        encoding="utf-8",
    )
    spider = _jsonld_spider(tmp_path, {"JOBTRENDS_SOURCES_FILE": str(sources)})  # live: sources.toml
    assert list(spider.outcomes) == ["acme", "birch"]
    assert spider.sitemap_url("acme") == "https://acme.example/sitemap.xml"
    assert (spider.page_urls("birch"), spider.sitemap_url("birch")) == (["https://birch.example/jobs/1"], None)

    spider = _jsonld_spider(
        tmp_path, {"JOBTRENDS_SOURCES_FILE": str(sources), "JSONLD_SITEMAPS": {"acme": "https://s.example/a.xml"}},
        sites="acme,birch", urls='{"birch": ["https://b.example/2"]}',
    )
    assert spider.sitemap_url("acme") == "https://s.example/a.xml"  # setting beats sources.toml
    assert spider.page_urls("birch") == ["https://b.example/2"]  # argument beats sources.toml
    spider = _jsonld_spider(
        tmp_path, {"JSONLD_SITEMAPS": '{"acme": "https://s.example/a.xml"}'},
        sites="acme", sitemaps='{"acme": "https://arg.example/a.xml"}',
    )
    assert spider.sitemap_url("acme") == "https://arg.example/a.xml"  # argument beats setting

    spider = _jsonld_spider(tmp_path, {"JSONLD_BASE_URL": "http://127.0.0.1:9/"}, sites="acme")
    assert spider.sitemap_url("acme") == "http://127.0.0.1:9/acme/sitemap.xml"  # replay
    with pytest.raises(ValueError, match="no sitemap or page URLs for site 'nowhere'"):
        _jsonld_spider(tmp_path, {"JOBTRENDS_SOURCES_FILE": str(sources)}, sites="nowhere")


def test_sitemap_entries_reads_urlsets_indexes_and_gzip():
    import gzip

    urlset = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://a.example/1</loc><lastmod>2026-10-01</lastmod></url>"
        b"<url><loc>https://a.example/2</loc></url></urlset>"
    )
    kind, entries = sitemap_entries(urlset)
    assert kind == "urlset"
    assert [(e["loc"], e.get("lastmod")) for e in entries] == [
        ("https://a.example/1", "2026-10-01"), ("https://a.example/2", None),
    ]
    assert sitemap_entries(gzip.compress(urlset)) == (kind, entries)
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://a.example/jobs.xml</loc></sitemap></sitemapindex>"
    )
    assert sitemap_entries(index)[0] == "sitemapindex"
    for bad in (b"", b"<html><body>no</body></html>", b"\x1f\x8bnot gzip"):
        with pytest.raises(ValueError):
            sitemap_entries(bad)


# --- Remote OK and Remotive ---------------------------------------------------------------------------


def test_remoteok_does_not_count_the_legal_notice(crawl, server, basic_root):
    result = crawl("remoteok", None)

    assert result.boards == {"remoteok": {"status": "ok", "error": None, "n_responses": 1, "n_items": 2}}
    (line,) = result.lines
    assert_line(line, "remoteok", "remoteok")
    assert line["url"] == f"{server.url}/api" and "context" not in line
    assert line["body"].encode("utf-8") == (basic_root / "remoteok" / "api.json").read_bytes()
    assert len(json.loads(line["body"])) == 3  # notice + 2 jobs


def test_remotive_keeps_the_bom_byte_for_byte(crawl, server, basic_root, tmp_path):
    result = crawl("remotive", None)

    assert result.boards == {"remotive": {"status": "ok", "error": None, "n_responses": 1, "n_items": 2}}
    (line,) = result.lines
    assert_line(line, "remotive", "remotive")
    assert line["url"] == f"{server.url}/api/remote-jobs"
    assert line["body"].startswith("\ufeff{")
    assert line["body"].encode("utf-8") == (basic_root / "remotive" / "remote-jobs.json").read_bytes()
    # The replay host is in JOBTRENDS_FAST_HOSTS: exempt from the daily budget, nothing recorded.
    assert not (tmp_path / "state" / BUDGET_FILE).exists()


# --- the daily request budget ---------------------------------------------------------------------------


def _stamp(seconds_ago: float) -> str:
    return datetime.fromtimestamp(time.time() - seconds_ago, timezone.utc).isoformat(timespec="milliseconds")


SLOW_HOST = {"JOBTRENDS_FAST_HOSTS": [], "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}


def test_remotive_budget_allows_four_requests_a_day_then_skips(crawl, server, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    # Three requests in the last 24 h and one older than that (no longer counted).
    (state / BUDGET_FILE).write_text(json.dumps({"remotive": {"127.0.0.1": [
        _stamp(25 * 3600), _stamp(3600), _stamp(600), _stamp(60),
    ]}}))

    fourth = crawl("remotive", None, **SLOW_HOST)
    assert fourth.boards["remotive"]["status"] == "ok"
    assert fourth.summary["stats"]["jobtrends/budget/requests"] == 1
    recorded = json.loads((state / BUDGET_FILE).read_text())["remotive"]["127.0.0.1"]
    assert len(recorded) == 4  # the stale one pruned, this run's added
    assert all(time.time() - datetime.fromisoformat(t).timestamp() < 24 * 3600 for t in recorded)

    server.reset()
    fifth = crawl("remotive", None, **SLOW_HOST)
    assert fifth.boards == {"remotive": {
        "status": "skipped", "error": "daily request limit reached (4 per 24 h)", "n_responses": 0, "n_items": 0,
    }}
    assert server.paths() == []  # not even robots.txt
    assert fifth.lines == []
    assert fifth.summary["stats"]["jobtrends/budget/refused"] == 1
    assert fifth.summary["stats"]["jobtrends/boards/skipped"] == 1
    assert len(json.loads((state / BUDGET_FILE).read_text())["remotive"]["127.0.0.1"]) == 4


def test_budget_refuses_requests_mid_crawl(crawl, server):
    # Any spider can have a budget: hn may send 2 requests (user + first story), then is refused.
    result = crawl("hn", ["whoishiring"], JOBTRENDS_DAILY_LIMITS={"hn": 2}, **SLOW_HOST)

    board = result.boards["whoishiring"]
    assert (board["status"], board["error"], board["n_responses"]) == (
        "skipped", "daily request limit reached (2 per 24 h)", 2,
    )
    assert [p for p in server.paths() if p != "/robots.txt"] == ["/v0/user/whoishiring.json", "/v0/item/9005.json"]
    assert result.summary["stats"]["jobtrends/budget/requests"] == 2
    assert result.summary["stats"]["jobtrends/budget/refused"] >= 1
