"""The weekly report pages in real headless Chromium (Debian's `chromium`; `.ci/run` installs it).

Each page is opened from ``file://`` with the network cut: every request that is not local is aborted
and recorded. A page passes when it logs no console error and throws no page error, when every
``.chart`` element holds an SVG with at least one rendered data mark (an element inside a Vega
``g.role-mark`` group, with a non-empty box), and when markup planted in a posting's title, company
and text stays text. The checks are generic: they cover whatever charts and sections the page has.

Playwright drives the browser; it never downloads one (no ``playwright install``).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import duckdb
import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
if CHROMIUM is None:
    pytest.skip(
        "no chromium binary (neither `chromium` on PATH nor /usr/bin/chromium): the browser tests need "
        "Debian's chromium (`apt-get install chromium`; .ci/run installs it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency: run `uv sync`")

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Schemes that never touch the network.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
RENDER_TIMEOUT_MS = 10_000

# Per chart: does it hold an SVG, how many data marks with a non-empty box, and its text (vegaEmbed's
# .catch writes "chart failed: ..." into the element).
CHARTS_JS = """() => [...document.querySelectorAll('.chart')].map(el => {
    const svg = el.querySelector('svg');
    const marks = svg ? [...svg.querySelectorAll('g.role-mark > *')].filter(m => {
        try { const b = m.getBBox(); return b.width > 0 || b.height > 0; } catch (e) { return false; }
    }).length : 0;
    return {id: el.id, svg: !!svg, marks: marks, text: (el.textContent || '').slice(0, 500)};
})"""
CHARTS_SETTLED_JS = "() => (" + CHARTS_JS + ")().every(c => c.marks > 0 || c.text.startsWith('chart failed'))"
# The page's text outside charts, scripts and styles (chart labels may be truncated with an ellipsis).
TEXT_JS = """() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('svg, script, style, template').forEach(n => n.remove());
    return body.textContent;
}"""


@dataclass
class Visit:
    url: str
    console_errors: list[str] = field(default_factory=list)
    console_warnings: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    render_timed_out: bool = False
    text: str = ""
    links: list[str] = field(default_factory=list)
    probes: dict = field(default_factory=dict)

    @property
    def network_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        # launch() gives every run a fresh temporary profile (--user-data-dir), removed on close.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def visit(browser, page_path: Path, probes: dict[str, str] | None = None) -> Visit:
    """Open ``page_path`` from file:// offline, wait for the charts, and record what happened."""
    result = Visit(url=page_path.resolve().as_uri())
    context = browser.new_context(offline=True, service_workers="block")
    seen: list = []

    def record(request):
        if not any(request is r for r in seen):
            seen.append(request)
            result.requests.append(request.url)

    def route(route):
        record(route.request)
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.on("request", record)
        page.on("websocket", lambda ws: result.requests.append(ws.url))

        def on_console(message):
            if message.type == "error":
                result.console_errors.append(f"{message.text} @ {message.location}")
            elif message.type == "warning":
                result.console_warnings.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: result.page_errors.append(str(error)))
        page.goto(result.url, wait_until="load")
        try:
            page.wait_for_function(CHARTS_SETTLED_JS, timeout=RENDER_TIMEOUT_MS, polling=100)
        except sync_api.TimeoutError:
            result.render_timed_out = True
        page.wait_for_timeout(200)  # let late errors (an image's onerror, a rejected promise) land
        result.charts = page.evaluate(CHARTS_JS)
        result.text = page.evaluate(TEXT_JS)
        result.links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        result.probes = {name: page.evaluate(js) for name, js in (probes or {}).items()}
    finally:
        context.close()
    return result


def assert_clean(result: Visit) -> None:
    assert not result.page_errors, f"{result.url} threw: {result.page_errors}"
    assert not result.console_errors, f"{result.url} logged console errors: {result.console_errors}"
    assert not result.network_requests, f"{result.url} tried the network: {result.network_requests}"


def assert_charts_rendered(result: Visit) -> None:
    bad = [c for c in result.charts if c["marks"] < 1]
    waited = f" (gave up waiting after {RENDER_TIMEOUT_MS} ms)" if result.render_timed_out else ""
    assert not bad, (
        f"{result.url}: charts without rendered marks{waited}: "
        + "; ".join(f"#{c['id']} svg={c['svg']} marks={c['marks']} text={c['text'][:200]!r}" for c in bad)
        + (f"; console warnings: {result.console_warnings[:10]}" if result.console_warnings else "")
    )
    ids = [c["id"] for c in result.charts]
    assert all(i.startswith("chart-") for i in ids), f"chart ids not starting 'chart-': {ids}"
    assert len(ids) >= 2, f"{result.url}: expected at least 2 charts, found {ids}"


def iso_label(week: date) -> str:
    year, number, _ = week.isocalendar()
    return f"{year}-W{number:02d}"


def weeks_in(home: Path) -> list[date]:
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return [w for (w,) in con.execute("select distinct week from sightings order by 1").fetchall()]
    finally:
        con.close()


def latest_page(home: Path) -> Path:
    return home / "reports" / iso_label(weeks_in(home)[-1]) / "index.html"


# --- the week's page, as the demo wrote it --------------------------------------------------------


def test_week_page_renders_offline_without_errors(browser, sample_report_home):
    page = latest_page(sample_report_home)
    assert page.exists(), f"the demo wrote no report at {page}"
    result = visit(browser, page)
    assert_clean(result)
    assert_charts_rendered(result)
    assert result.requests and result.requests[0] == result.url


# --- hostile markup in postings stays text --------------------------------------------------------

TITLE_PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
COMPANY_PAYLOAD = '<img src=x onerror="window.__pwned=3">'
TEXT_PAYLOAD = '<script>window.__pwned=4</script><img src=x onerror="window.__pwned=5">'

PROBES = {
    "pwned": "() => typeof window.__pwned === 'undefined' ? null : String(window.__pwned)",
    "img_x": "() => document.querySelectorAll('img[src=\"x\"]').length",
    "onerror_attrs": "() => document.querySelectorAll('[onerror]').length",
    "planted_scripts": "() => [...document.scripts].filter(s => s.textContent.trim().startsWith('window.__pwned')).length",
}


@pytest.fixture(scope="module")
def hostile_visit(browser, sample_report_home, tmp_path_factory) -> Visit:
    """The sample home, copied, with markup planted in every ML-role posting of the latest week (title,
    company, text and skill evidence), and the week's page rebuilt and opened."""
    from reports.render import build_report

    home = tmp_path_factory.mktemp("hostile-home") / "home"
    shutil.copytree(sample_report_home, home, ignore=shutil.ignore_patterns("*.lock", "raw"))
    con = duckdb.connect(str(home / "warehouse.duckdb"))
    try:
        (week,) = con.execute("select max(week) from sightings").fetchone()
        hashes = [h for (h,) in con.execute(
            "select distinct content_hash from sightings where week = ? and is_ml_role", [week]).fetchall()]
        assert hashes, "the sample has no ML-role posting in its latest week"
        con.execute(
            "update sightings set title = ? || ' ' || title, company = ? || ' ' || coalesce(company, '')"
            " where week = ? and is_ml_role", [TITLE_PAYLOAD, COMPANY_PAYLOAD, week])
        con.execute(
            "update posting_content set title = ? || ' ' || title,"
            " description_text = ? || ' ' || replace(coalesce(description_text, ''), '. ', '. ' || ? || ' '),"
            " description_html = '<p>' || ? || '</p>' || coalesce(description_html, '')"
            " where content_hash in (select unnest(?))",
            [TITLE_PAYLOAD, TEXT_PAYLOAD, TEXT_PAYLOAD, TEXT_PAYLOAD, hashes])
        con.execute("update skill_mentions set evidence = ? || ' ' || evidence where content_hash in (select unnest(?))",
                    [TEXT_PAYLOAD, hashes])
    finally:
        con.close()
    return visit(browser, build_report(home, week), PROBES)


def test_markup_in_postings_never_runs(hostile_visit):
    probes = hostile_visit.probes
    assert probes["pwned"] is None, f"planted markup ran: window.__pwned = {probes['pwned']}"
    assert probes["img_x"] == 0, "a planted <img src=x> became an element"
    assert probes["onerror_attrs"] == 0, "a planted onerror= became an attribute"
    assert probes["planted_scripts"] == 0, "a planted <script> became an element"
    assert_clean(hostile_visit)
    assert_charts_rendered(hostile_visit)


@pytest.mark.parametrize("field_, payload", [
    ("title", TITLE_PAYLOAD), ("company", COMPANY_PAYLOAD), ("text or evidence", TEXT_PAYLOAD),
], ids=["title", "company", "text"])
def test_markup_in_postings_is_shown_as_text(hostile_visit, field_, payload):
    marker = payload.split("window.__pwned=")[1][:1]
    if f"window.__pwned={marker}" not in hostile_visit.text:
        pytest.skip(f"the page shows no posting {field_} outside its charts: nothing to check as text")
    assert payload in hostile_visit.text, f"the planted {field_} does not read back as literal text"


# --- the index of weeks ---------------------------------------------------------------------------


def test_index_page_links_every_week(browser, sample_report_home):
    index = sample_report_home / "reports" / "index.html"
    if not index.exists():
        pytest.skip(f"no reports index at {index} yet (reports/index.html is not written)")
    result = visit(browser, index)
    assert_clean(result)
    assert not [c for c in result.charts if c["marks"] < 1], f"index charts without marks: {result.charts}"
    linked = set()
    for href in result.links:
        parsed = urlparse(href)
        if parsed.scheme != "file":
            continue
        target = Path(unquote(parsed.path))
        linked.add(target / "index.html" if target.is_dir() else target)
    for week in weeks_in(sample_report_home):
        page = (sample_report_home / "reports" / iso_label(week) / "index.html").resolve()
        assert page in {p.resolve() for p in linked}, f"the index does not link {iso_label(week)} ({page})"
        assert page.exists(), f"the index links {page}, which does not exist"
