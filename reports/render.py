"""Render one week's report: query the warehouse -> frames -> charts -> one self-contained HTML page.

The page inlines the Vega, Vega-Lite and Vega-Embed bundle once (vl-convert ships it), so it opens
from disk with no network. Everything that comes from a posting or a guide is HTML-escaped, and
chart specs are embedded as JSON with ``<`` escaped so no string can close the script element.
"""

from __future__ import annotations

import html
import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import vl_convert

from reports import charts
from warehouse import db

QUERIES = Path(__file__).resolve().parent / "queries"
TOP_N = 20
TREND_N = 8
# Where each source's postings come from; Remote OK and Remotive ask to be credited with a link
# wherever their postings are counted.
SOURCE_CREDITS = {
    "greenhouse": ("Greenhouse job boards", "https://www.greenhouse.com/"),
    "lever": ("Lever job boards", "https://www.lever.co/"),
    "ashby": ("Ashby job boards", "https://www.ashbyhq.com/"),
    "hn": ("Hacker News “Who is hiring?” threads", "https://news.ycombinator.com/submitted?id=whoishiring"),
    "jsonld": ("company career pages (schema.org JobPosting)", "https://schema.org/JobPosting"),
    "remoteok": ("Remote OK", "https://remoteok.com/"),
    "remotive": ("Remotive", "https://remotive.com/"),
}
SAMPLE_NOTE = (
    "SAMPLE DATA — these postings are the bundled, hand-written sample of fictional companies that "
    "ships with jobtrends for its demo. They say nothing about the real job market."
)


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    return con.sql((QUERIES / f"{name}.sql").read_text(encoding="utf-8"), params=params or None).pl()


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    return vl_convert.javascript_bundle()


def iso_week_label(week: date) -> str:
    year, number, _ = week.isocalendar()
    return f"{year}-W{number:02d}"


def build_report(home: Path, week: date) -> Path:
    """Write ``<home>/reports/<ISO week>/index.html`` for ``week`` (its Monday) and return its path."""
    with db.connect_read(home) as con:
        page = render_page(con, week)
    out = Path(home) / "reports" / iso_week_label(week) / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return out


def render_page(con: duckdb.DuckDBPyConnection, week: date) -> str:
    headline = query(con, "headline", week=week).row(0, named=True)
    run = query(con, "run", week=week)
    run_row = run.row(0, named=True) if run.height else {}
    top = query(con, "top_skills", week=week, limit=TOP_N)
    trend_skills = top["skill"].head(TREND_N).to_list()
    trend = query(con, "skill_trend", week=week, skills=trend_skills) if trend_skills else pl.DataFrame()
    claims = query(con, "claims", week=week)
    alignment = query(con, "guide_alignment", week=week)
    crawl = query(con, "crawl_status", week=week)
    sources = query(con, "sources", week=week)
    volume_drops = query(con, "volume_drop", week=week)

    specs: list[tuple[str, dict[str, Any]]] = []
    if top.height:
        specs.append(("chart-top-skills", charts.top_skills_chart(top).to_dict()))
    if trend.height:
        specs.append(("chart-trend", charts.skill_trend_chart(trend).to_dict()))

    label = iso_week_label(week)
    sample = run_row.get("dataset") == "sample"
    body = [
        f"<h1>jobtrends — ML-engineer skill demand, week {_e(label)}</h1>",
        f'<p class="sample">{_e(SAMPLE_NOTE)}</p>' if sample else "",
        _run_line(run_row, week),
        _headline(headline),
        _sources(sources),
        "<h2>Top skills</h2>",
        "<p>Share of this week's ML-role jobs that name each skill (required or preferred).</p>",
        '<div id="chart-top-skills" class="chart"></div>' if top.height else "<p>No ML-role postings this week.</p>",
        _table(top.select("name", "category", "n_with_skill", "n_postings", "share"),
               {"name": "skill", "n_with_skill": "jobs with skill", "n_postings": "ML-role jobs"}),
        "<h2>Trend of the top skills</h2>",
        '<div id="chart-trend" class="chart"></div>' if trend.height else "<p>No trend yet.</p>",
        "<h2>What the guides claim, and what this week's postings show</h2>",
        "<p>Each claim's expectation against this week's ML-role jobs, with a 95 % interval. "
        "<em>Not supported</em> only when the interval excludes the expectation; "
        "<em>partly supported</em> when it straddles it. <code>jobtrends claims show CLAIM_ID</code> gives the evidence.</p>",
        _verdict_counts(claims),
        _table(alignment.select("title", "alignment_rank", "spearman_rho", "n_supported", "n_partly_supported", "n_not_supported"),
               {"title": "guide", "alignment_rank": "rank", "spearman_rho": "emphasis vs demand (Spearman)",
                "n_supported": "supported", "n_partly_supported": "partly", "n_not_supported": "not supported"})
        if alignment.height else "",
        _claims_table(claims),
        "<h2>Crawl</h2>",
        (f'<p class="warning">{volume_drops.height} board(s) returned far fewer postings than last week — '
         "more likely broken than emptied:</p>" + _table(volume_drops, {})) if volume_drops.height else "",
        _table(crawl, {}),
        '<footer>Generated by jobtrends. Shares are of the ML-role jobs seen in the week\'s crawl (a job posted on several boards or sources counts once). '
        'Query the same numbers with <code>jobtrends query "select * from skill_demand_weekly"</code>.</footer>',
    ]
    return _page(f"jobtrends {label}", "\n".join(b for b in body if b), specs)


def _run_line(run: dict[str, Any], week: date) -> str:
    if not run:
        return f"<p>No run recorded for the week of {_e(week)}.</p>"
    return (
        f"<p class=\"run\">Week of {_e(week)} · crawled {_e(run['run_date'])} · mode {_e(run['mode'])} · "
        f"data: {_e(run['dataset'])} · run {_e(run['run_id'])}</p>"
    )


def _headline(numbers: dict[str, Any]) -> str:
    tiles = [
        ("postings", numbers["postings"]), ("jobs (deduplicated)", numbers["jobs"]),
        ("ML-role jobs", numbers["ml_jobs"]), ("companies", numbers["companies"]),
        ("sources", numbers["sources"]), ("new postings this week", numbers["new_this_week"]),
    ]
    return '<div class="tiles">' + "".join(
        f'<div class="tile"><div class="n">{_e(value)}</div><div>{_e(name)}</div></div>' for name, value in tiles
    ) + "</div>"


def _sources(sources: pl.DataFrame) -> str:
    if sources.is_empty():
        return ""
    rows = "".join(
        f"<tr><td>{_source_link(row['source'])}</td><td>{_e(row['postings'])}</td><td>{_e(row['jobs'])}</td>"
        f"<td>{_e(row['ml_postings'])}</td></tr>"
        for row in sources.iter_rows(named=True)
    )
    credits = [s for s in ("remoteok", "remotive") if s in set(sources["source"].to_list())]
    credit = (
        "<p class=\"credit\">Includes job listings from " + " and ".join(_source_link(s) for s in credits) + ", with thanks.</p>"
        if credits else ""
    )
    return (
        "<h2>Sources</h2><table><thead><tr><th>source</th><th>postings</th><th>jobs</th><th>ML-role postings</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>{credit}"
    )


def _source_link(source: str) -> str:
    name, url = SOURCE_CREDITS.get(source, (source, None))
    return f'<a href="{_e(url)}">{_e(name)}</a>' if url else _e(name)


def _verdict_counts(claims: pl.DataFrame) -> str:
    if claims.is_empty():
        return ""
    counts = dict(claims.group_by("verdict").len().iter_rows())
    order = ("supported", "partly supported", "not supported", "not testable yet", "untestable")
    return "<p class=\"verdicts\">" + " · ".join(f"{_e(counts[v])} {_e(v)}" for v in order if v in counts) + "</p>"


def _claims_table(claims: pl.DataFrame) -> str:
    if claims.is_empty():
        return "<p>No claims registered.</p>"
    rows = []
    for claim in claims.iter_rows(named=True):
        show = (lambda v: f"{v:,.1f}") if claim["test_kind"] == "median" else (lambda v: f"{v:.1%}")
        interval = (f" [{show(claim['ci_low'])}, {show(claim['ci_high'])}]"
                    if claim["ci_low"] is not None and claim["ci_high"] is not None else "")
        observed = f"{show(claim['observed'])}{interval}" if claim["observed"] is not None else "—"
        rows.append(
            f"<tr><td>{_e(claim['guide_title'] or claim['doc'])}</td><td class=\"quote\">“{_e(claim['quote'])}”</td>"
            f"<td>{_e(claim['stance'])}</td><td>{_e(claim['expected'] or '—')}</td>"
            f"<td title=\"{_e(claim['explanation'] or '')}\">{_e(observed)} <small>n={_e(claim['n'])}</small></td>"
            f"<td class=\"verdict {_e(claim['verdict'].replace(' ', '-'))}\" data-claim=\"{_e(claim['claim_id'])}\">{_e(claim['verdict'])}</td></tr>"
        )
    head = "<tr><th>guide</th><th>claim</th><th>stance</th><th>expects</th><th>observed [95 % interval]</th><th>verdict</th></tr>"
    return f"<table class=\"claims\"><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _table(frame: pl.DataFrame, rename: dict[str, str]) -> str:
    if frame.is_empty():
        return "<p>—</p>"
    head = "".join(f"<th>{_e(rename.get(c, c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(_fmt(c, v))}</td>" for c, v in zip(frame.columns, row)) + "</tr>"
        for row in frame.iter_rows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(column: str, value: Any) -> str:
    if value is None:
        return "—"
    if column == "share":
        return f"{value:.1%}"
    return str(value)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _script_json(value: Any) -> str:
    # JSON inside <script>: escape "<", ">" and "&" so "</script>" in any string stays text.
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(title: str, body: str, specs: list[tuple[str, dict[str, Any]]]) -> str:
    embeds = "\n".join(
        f"vegaEmbed({json.dumps('#' + element)}, {_script_json(spec)}, {{actions: false, renderer: 'svg'}})"
        f".catch(function (e) {{ document.getElementById({json.dumps(element)}).textContent = 'chart failed: ' + e; }});"
        for element, spec in specs
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: #222; }}
.sample {{ background: #fff3cd; border: 1px solid #e0c060; padding: .6rem .9rem; font-weight: 600; }}
.run {{ color: #666; font-size: .9rem; }}
.tiles {{ display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }}
.tile {{ border: 1px solid #ddd; border-radius: 6px; padding: .6rem 1rem; min-width: 120px; }}
.tile .n {{ font-size: 1.8rem; font-weight: 700; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .9rem; }}
th, td {{ border-bottom: 1px solid #eee; padding: .3rem .6rem; text-align: left; vertical-align: top; }}
td.quote {{ max-width: 380px; font-style: italic; }}
.warning {{ color: #b42318; font-weight: 600; }}
.verdict.supported {{ color: #1a7f37; }} .verdict.not-supported {{ color: #b42318; }} .verdict.partly-supported {{ color: #9a6700; }}
footer {{ margin-top: 2rem; color: #666; font-size: .85rem; }}
</style>
<script>{vega_bundle()}</script>
</head>
<body>
{body}
<script>
{embeds}
</script>
</body>
</html>
"""


__all__ = ["build_report", "render_page", "iso_week_label"]
