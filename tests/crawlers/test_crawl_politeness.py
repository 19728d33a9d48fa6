"""Politeness: robots.txt, Retry-After, backoff, per-host concurrency and delay, honest identity."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from scrapy import Request
from scrapy.settings import Settings

import crawlers.settings as project_settings
from crawlers.middlewares import FAST_HOST_DELAY, FastHostsMiddleware, JobtrendsAddon, parse_retry_after, setting_list


# --- robots.txt -------------------------------------------------------------------------------------


def test_robots_disallow_all_blocks_every_board_and_the_run_still_succeeds(crawl, server, root_copy):
    (root_copy / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    server.set_root(root_copy)
    # Several boards, so several requests wait for robots.txt at once (Scrapy 2.19 let all but the
    # first of them through; crawlers.middlewares.RobotsTxtMiddleware fixes that).
    boards = ["acme-robotics", "birchwood-labs", "bom-co", "latin1-co", "no-such-board"]
    result = crawl("greenhouse", boards)

    assert result.boards == {
        board: {"status": "blocked", "error": "disallowed by robots.txt", "n_responses": 0, "n_items": 0}
        for board in boards
    }
    assert server.paths() == ["/robots.txt"]
    assert result.lines == []
    assert result.summary["stats"]["robotstxt/forbidden"] == len(boards)


def test_robots_path_rule_for_our_user_agent_keeps_that_path_unrequested(crawl, server, root_copy):
    (root_copy / "robots.txt").write_text(
        "User-agent: jobtrends\nDisallow: /v1/boards/birchwood-labs/\n\nUser-agent: *\nDisallow:\n",
        encoding="utf-8",
    )
    server.set_root(root_copy)
    result = crawl("greenhouse", ["acme-robotics", "birchwood-labs"])

    assert result.boards["acme-robotics"]["status"] == "ok"
    assert result.boards["birchwood-labs"] == {
        "status": "blocked", "error": "disallowed by robots.txt", "n_responses": 0, "n_items": 0,
    }
    assert not [p for p in server.paths() if p.startswith("/v1/boards/birchwood-labs")]
    assert [line["board"] for line in result.lines] == ["acme-robotics"]


# robots.txt that fails (5xx, timeout, reset, refused), Retry-After, retried 5xx and the other
# server faults: one crawl for them all in test_fault_matrix.py.


# --- concurrency and delay --------------------------------------------------------------------------


def test_never_more_than_two_requests_in_flight_to_a_host(crawl, server):
    server.delay = 0.25
    boards = ["acme-robotics", "birchwood-labs", "bom-co", "latin1-co", "garbled-co", "no-such-board"]
    result = crawl("greenhouse", boards)

    assert len(result.lines) == len(boards)
    assert server.max_in_flight == 2  # the fast host's delay is lifted, its concurrency is not
    assert len({thread for _, _, thread in server.requests}) == len(boards) + 1


def test_download_delay_applies_to_hosts_not_marked_fast(crawl, server):
    result = crawl("ashby", ["ember-ml"], JOBTRENDS_FAST_HOSTS=[])

    assert result.boards["ember-ml"]["status"] == "ok"
    assert server.paths() == ["/robots.txt", "/posting-api/job-board/ember-ml?includeCompensation=true"]
    (robots_at, _, _), (board_at, _, _) = server.requests
    # DOWNLOAD_DELAY is 1 s (AutoThrottle starts at 2 s), less Scrapy's ±50 % jitter at most.
    assert board_at - robots_at >= 0.5


# --- settings and middleware units ------------------------------------------------------------------


def test_project_settings_are_polite():
    s = project_settings
    assert s.ROBOTSTXT_OBEY is True
    assert s.CONCURRENT_REQUESTS_PER_DOMAIN == 2
    assert s.DOWNLOAD_DELAY == 1
    assert s.AUTOTHROTTLE_ENABLED is True and s.AUTOTHROTTLE_TARGET_CONCURRENCY == 1.0
    assert s.RETRY_TIMES == 3 and 429 in s.RETRY_HTTP_CODES and 503 in s.RETRY_HTTP_CODES
    assert s.REMOTE_CONTROL_ENABLED is False and s.TELNETCONSOLE_ENABLED is False
    assert s.HTTPCACHE_ENABLED is False
    assert s.DOWNLOAD_MAXSIZE == 64 * 1024 * 1024 and s.DOWNLOAD_WARNSIZE < s.DOWNLOAD_MAXSIZE
    assert s.USER_AGENT.startswith("jobtrends/0.1 (+") and "Mozilla" not in s.USER_AGENT
    assert (s.GREENHOUSE_API_URL, s.LEVER_API_URL, s.ASHBY_API_URL) == (
        "https://boards-api.greenhouse.io", "https://api.lever.co", "https://api.ashbyhq.com",
    )
    assert s.LEVER_PAGE_SIZE == 100


def _settings(**cmdline: object) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(cmdline, priority="cmdline")
    JobtrendsAddon().update_settings(settings)
    return settings


def test_addon_turns_fast_hosts_into_download_slots():
    assert _settings().getdict("DOWNLOAD_SLOTS") == {}
    slots = _settings(JOBTRENDS_FAST_HOSTS="127.0.0.1,localhost").getdict("DOWNLOAD_SLOTS")
    fast = {"delay": FAST_HOST_DELAY, "jitter": 0, "concurrency": 2}
    assert slots == {"127.0.0.1": fast, "localhost": fast}
    slots = _settings(JOBTRENDS_FAST_HOSTS='["127.0.0.1"]', CONCURRENT_REQUESTS_PER_DOMAIN="8").getdict(
        "DOWNLOAD_SLOTS"
    )
    assert slots == {"127.0.0.1": fast}  # never above 2


def test_addon_rebuilds_user_agent_from_contact_url():
    assert _settings()["USER_AGENT"] == project_settings.USER_AGENT
    ua = _settings(JOBTRENDS_CONTACT_URL="https://example.org/about")["USER_AGENT"]
    assert ua == "jobtrends/0.1 (+https://example.org/about; job-market research)"
    explicit = _settings(JOBTRENDS_CONTACT_URL="https://example.org/about", USER_AGENT="custom/1")
    assert explicit["USER_AGENT"] == "custom/1"


def test_fast_hosts_middleware_stops_autothrottle_only_there():
    mw = FastHostsMiddleware(["127.0.0.1"])
    local, remote = Request("http://127.0.0.1:8000/x"), Request("https://api.lever.co/v0/postings/x")
    mw.process_request(local)
    mw.process_request(remote)
    assert local.meta.get("autothrottle_dont_adjust_delay") is True
    assert "autothrottle_dont_adjust_delay" not in remote.meta


def test_setting_list_reads_lists_commas_and_json():
    s = Settings({"A": ["x", "y"], "B": "x, y", "C": '["x", "y"]', "D": ""})
    assert setting_list(s, "A") == setting_list(s, "B") == setting_list(s, "C") == ["x", "y"]
    assert setting_list(s, "D") == [] and setting_list(s, "MISSING") == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [("1", 1.0), (b"120", 120.0), ("0", 0.0), ("-5", 0.0), ("", None), (None, None), ("soon", None)],
)
def test_parse_retry_after_seconds(header, expected):
    assert parse_retry_after(header) == expected


def test_parse_retry_after_http_date():
    now = datetime(2026, 1, 5, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("Mon, 05 Jan 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Mon, 05 Jan 2026 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after((now + timedelta(minutes=2)).strftime("%a, %d %b %Y %H:%M:%S GMT"), now=now) == 120.0


# --- robots.txt Crawl-delay -------------------------------------------------------------------------


def test_robots_crawl_delay_spaces_requests_to_the_host(crawl, server, root_copy):
    (root_copy / "robots.txt").write_text("User-agent: *\nCrawl-delay: 1\nAllow: /\n", encoding="utf-8")
    server.set_root(root_copy)
    # The replay host is a fast host (no download delay); robots.txt still binds it.
    result = crawl("hn_algolia", ["whoishiring"], args={"since": "2026-02"})

    assert result.boards["whoishiring"]["status"] == "ok"
    times = [t for t, _, _ in server.requests]
    assert len(times) >= 4  # robots.txt, the search page, two threads
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.95, gaps
    assert result.summary["stats"][f"jobtrends/robots/crawl_delay/127.0.0.1:{server.port}"] == 1.0


def _robots_middleware(**settings: object):
    from scrapy.utils.test import get_crawler

    from crawlers.middlewares import RobotsTxtMiddleware

    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "JOBTRENDS_MAX_CRAWL_DELAY": 60, **settings})
    return RobotsTxtMiddleware(crawler), crawler


def test_crawl_delay_is_read_per_user_agent_and_capped():
    from scrapy.robotstxt import ProtegoRobotParser

    mw, crawler = _robots_middleware(JOBTRENDS_MAX_CRAWL_DELAY=5, USER_AGENT="jobtrends/0.1 (+x)")
    crawler.stats.open_spider()
    robots = b"User-agent: jobtrends\nCrawl-delay: 30\n\nUser-agent: *\nCrawl-delay: 2\n"
    mw._parsers["a.example"] = ProtegoRobotParser(robots, None)
    mw._parsers["b.example"] = ProtegoRobotParser(b"User-agent: *\nDisallow: /private\n", None)
    mw._parsers["c.example"] = None  # no robots.txt
    assert mw._crawl_delay("a.example", Request("https://a.example/x")) == 5.0  # ours: 30, capped
    assert mw._crawl_delay("b.example", Request("https://b.example/x")) is None
    assert mw._crawl_delay("c.example", Request("https://c.example/x")) is None
    other = Request("https://a.example/x", headers={"User-Agent": "someone-else"})
    mw._crawl_delays.clear()
    assert mw._crawl_delay("a.example", other) == 2.0
    assert crawler.stats.get_value("jobtrends/robots/crawl_delay_capped") == 1


def test_crawl_delay_floor_narrows_the_jitter():
    from scrapy.core.downloader import Slot

    from crawlers.middlewares import _floor_slot

    fast = Slot(concurrency=2, delay=FAST_HOST_DELAY, jitter=0)
    _floor_slot(fast, 1.0)
    assert (fast.delay, fast.jitter) == (1.0, 0.0)
    jittery = Slot(concurrency=2, delay=1.0, jitter=0.5)  # DOWNLOAD_DELAY 1 with Scrapy's ±50 %
    _floor_slot(jittery, 1.0)
    assert jittery.download_delay() == 1.0
    slow = Slot(concurrency=2, delay=4.0, jitter=0.5)  # AutoThrottle already waits longer
    _floor_slot(slow, 1.0)
    assert slow.delay == 4.0 and slow.jitter == 0.5
    assert all(slow.download_delay() >= 1.0 for _ in range(200))
    narrow = Slot(concurrency=2, delay=1.5, jitter=0.5)
    _floor_slot(narrow, 1.0)
    assert all(narrow.download_delay() >= 1.0 - 1e-9 for _ in range(200))


# --- the daily request budget (units; end to end in test_crawl_feeds) --------------------------------


def test_request_budget_rolls_over_24_hours(tmp_path):
    from crawlers.middlewares import BUDGET_FILE, RequestBudget

    budget = RequestBudget(tmp_path / "state", {"remotive": 4}, ["127.0.0.1"])
    t0 = 1_800_000_000.0
    assert [budget.acquire("remotive", "remotive.com", now=t0 + i) for i in range(5)] == [True] * 4 + [False]
    assert budget.remaining("remotive", "remotive.com", now=t0 + 10) == 0
    assert budget.remaining("remotive", "REMOTIVE.com", now=t0 + 24 * 3600) == 1  # the first one expired
    assert budget.acquire("remotive", "remotive.com", now=t0 + 24 * 3600)
    assert not budget.acquire("remotive", "remotive.com", now=t0 + 24 * 3600)
    # Other hosts, other spiders and exempt (replay) hosts are not limited by this entry.
    assert budget.acquire("remotive", "api.remotive.example", now=t0)
    assert budget.remaining("remoteok", "remotive.com") is None and budget.acquire("remoteok", "remotive.com")
    assert budget.remaining("remotive", "127.0.0.1") is None
    assert all(budget.acquire("remotive", "127.0.0.1", now=t0) for _ in range(10))

    state = json.loads((tmp_path / "state" / BUDGET_FILE).read_text())
    assert set(state) == {"remotive"} and set(state["remotive"]) == {"remotive.com", "api.remotive.example"}
    assert len(state["remotive"]["remotive.com"]) == 4
    assert datetime.fromisoformat(state["remotive"]["remotive.com"][0]).utcoffset() == timedelta(0)
    # A second budget object (another run) sees the same state.
    again = RequestBudget(tmp_path / "state", {"remotive": 4})
    assert again.remaining("remotive", "remotive.com", now=t0 + 24 * 3600) == 0


def test_request_budget_survives_an_unreadable_state_file(tmp_path, caplog):
    from crawlers.middlewares import BUDGET_FILE, RequestBudget

    (tmp_path / BUDGET_FILE).write_text("{not json")
    budget = RequestBudget(tmp_path, {"remotive": 1})
    assert budget.acquire("remotive", "remotive.com")
    assert "unreadable" in caplog.text
    assert not budget.acquire("remotive", "remotive.com")


def test_project_settings_for_the_new_sources():
    s = project_settings
    assert (s.HN_API_URL, s.HN_ALGOLIA_URL, s.REMOTEOK_API_URL, s.REMOTIVE_API_URL) == (
        "https://hacker-news.firebaseio.com", "https://hn.algolia.com", "https://remoteok.com", "https://remotive.com",
    )
    assert s.HN_MAX_THREADS == 1 and s.HN_MAX_SCAN == 60
    assert s.JOBTRENDS_DAILY_LIMITS == {"remotive": 4}
    assert s.JOBTRENDS_STATE_DIR == "~/.local/state/jobtrends"
    assert s.JOBTRENDS_MAX_CRAWL_DELAY == 60
    assert s.DOWNLOADER_MIDDLEWARES["crawlers.middlewares.DailyLimitMiddleware"] > s.DOWNLOADER_MIDDLEWARES[
        "crawlers.middlewares.RobotsTxtMiddleware"
    ]
