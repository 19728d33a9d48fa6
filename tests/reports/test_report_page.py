"""The weekly report's files (reports/render.py) built from the bundled sample: page, summary.md,
PNGs and the index. The page in a real browser: test_page_browser.py."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb

from flows.cli import main as cli_main
from flows.config import Settings
from reports.render import build_report, iso_week_label

SECTIONS = ("headline", "scorecard", "top-skills", "movers", "trends", "together", "segments", "emerging", "method")
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def weeks_of(home: Path) -> list[date]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return [w for (w,) in con.execute("SELECT DISTINCT week FROM sightings ORDER BY 1").fetchall()]


def latest_page(home: Path) -> tuple[Path, str]:
    page = home / "reports" / iso_week_label(weeks_of(home)[-1]) / "index.html"
    return page, page.read_text(encoding="utf-8")


def test_every_week_has_a_page_a_summary_and_a_png_per_chart(sample_report_home):
    for week in weeks_of(sample_report_home):
        folder = sample_report_home / "reports" / iso_week_label(week)
        page = (folder / "index.html").read_text(encoding="utf-8")
        charts = re.findall(r'<div id="chart-([a-z-]+)" class="chart">', page)
        assert "top-skills" in charts and "verdicts" in charts
        assert sorted(p.stem for p in folder.glob("*.png")) == sorted(charts)
        for png in folder.glob("*.png"):
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        summary = (folder / "summary.md").read_text(encoding="utf-8")
        assert summary.startswith(f"# jobtrends — week {iso_week_label(week)}") and "## Top skills" in summary
        for chart in charts:
            assert f"({chart}.png)" in summary


def test_the_page_has_every_section_and_is_self_contained(sample_report_home):
    _, page = latest_page(sample_report_home)
    for section in SECTIONS:
        assert f'<section id="{section}">' in page
    assert "vegaEmbed(" in page and page.count("<script>") == 2  # the inlined bundle, then the embeds
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"http", page), "nothing may load from the network"
    assert "SAMPLE DATA" in page


def test_every_claim_has_its_row_and_the_filters(sample_report_home):
    _, page = latest_page(sample_report_home)
    with duckdb.connect(str(sample_report_home / "warehouse.duckdb"), read_only=True) as con:
        claims = {c for (c,) in con.execute("SELECT claim_id FROM claims").fetchall()}
    shown = set(re.findall(r'data-claim="([^"]+)"', page))
    assert shown == claims
    assert 'id="filter-guide"' in page and 'id="filter-verdict"' in page


def test_the_method_shows_each_sections_sql(sample_report_home):
    _, page = latest_page(sample_report_home)
    method = page[page.index('<section id="method">'):]
    for name in ("top_skills", "movers", "claims", "guide_alignment", "cooccurrence", "salary_by_skill", "segments", "headline"):
        assert f"reports/queries/{name}.sql" in method
    assert "FROM skill_demand_weekly AS d" in method and "$week = DATE &#x27;" in method


def test_the_index_links_every_week(sample_report_home):
    index = (sample_report_home / "reports" / "index.html").read_text(encoding="utf-8")
    for week in weeks_of(sample_report_home):
        assert f'href="{iso_week_label(week)}/index.html"' in index
    assert "vegaEmbed(" not in index  # no charts, so no bundle


def test_posting_text_is_escaped_on_the_page(sample_report_home, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(sample_report_home / "warehouse.duckdb", home / "warehouse.duckdb")
    week = weeks_of(home)[-1]
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("UPDATE sightings SET title = ?, company = ? WHERE week = ? AND is_ml_role", [PAYLOAD, PAYLOAD, week])
        con.execute("UPDATE skill_mentions SET evidence = ?", [PAYLOAD])
    page = build_report(home, week).read_text(encoding="utf-8")
    assert "window.__pwned" in page  # the payload is on the page…
    assert "<script>window.__pwned" not in page and "<img src=x" not in page  # …as text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


def test_report_command_rebuilds_a_week(sample_report_home, tmp_path, capsys):
    home = tmp_path / "home"
    shutil.copytree(sample_report_home, home, ignore=shutil.ignore_patterns("reports"))
    week = weeks_of(home)[0]
    settings = Settings().with_overrides(home=home)
    assert cli_main(["report", "--week", iso_week_label(week)], settings=settings) == 0
    out = capsys.readouterr().out.strip()
    assert out.endswith(f"{iso_week_label(week)}/index.html") and Path(out).is_file()
    assert (home / "reports" / "index.html").is_file()
    assert cli_main(["report", "--week", "2026-W99"], settings=settings) == 2


def test_report_on_a_warehouse_without_the_new_views_says_why(sample_report_home, tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(sample_report_home / "warehouse.duckdb", home / "warehouse.duckdb")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("DROP VIEW jobs_weekly CASCADE")  # as an older jobtrends left it
    settings = Settings().with_overrides(home=home)
    assert cli_main(["report"], settings=settings) == 1
    err = capsys.readouterr().err
    assert "the report's queries failed" in err and "next `jobtrends run`" in err


def test_the_page_names_a_degraded_previous_week_and_the_runs_that_failed_since(sample_report_home, tmp_path):
    _, clean = latest_page(sample_report_home)
    assert "Earlier runs" not in clean  # every run of the demo went well
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(sample_report_home / "warehouse.duckdb", home / "warehouse.duckdb")
    *_, previous, week = weeks_of(home)
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute("UPDATE run_log SET n_failed_boards = 2 WHERE week = ?", [previous])
        (before, after), = con.execute(
            "SELECT max(started_at) FILTER (WHERE week = ?), max(started_at) FILTER (WHERE week = ?) FROM run_log", [previous, week]
        ).fetchall()
        between = before + (after - before) / 2
        # As the run journal records them (flows/journal.py): one run raised, one was killed.
        con.execute("INSERT INTO run_journal (run_id, week, started_at, finished_at, status, error) VALUES"
                    " ('run-that-raised', ?, ?, ?, 'failed', ?), ('run-that-was-killed', ?, ?, NULL, 'unfinished', NULL)",
                    [week, between, between, PAYLOAD, week, between])
    page = build_report(home, week)
    line = re.search(r'<p class="warning earlier-runs">(.*?)</p>', page.read_text(encoding="utf-8")).group(1)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in line  # the error is shown as text
    text = html.unescape(line)
    assert f"the previous week's run ({iso_week_label(previous)}, run " in text and "2 boards failed, 0 volume drops" in text
    assert f"run run-that-raised (week {iso_week_label(week)}) failed and loaded nothing: <script>" in text
    assert "run run-that-was-killed" in text and "never finished" in text
    assert "<script>window.__pwned" not in page.read_text(encoding="utf-8")
    assert "Earlier runs: the previous week's run" in (page.parent / "summary.md").read_text(encoding="utf-8")
    # A week's page looks back, never forward: the week before knows nothing of these runs.
    assert "run-that-raised" not in build_report(home, previous).read_text(encoding="utf-8")
