"""Build one week's report: query the warehouse -> frames -> charts -> page, summary and PNGs.

``build_report(home, week)`` writes, under ``<home>/reports/``:

* ``<ISO week>/index.html`` — one self-contained page: the Vega, Vega-Lite and Vega-Embed bundle is
  inlined once (vl-convert ships it), so it opens from disk with no network;
* ``<ISO week>/summary.md`` — the same headline, top skills, movers and scorecard in Markdown;
* ``<ISO week>/<chart>.png`` — every chart as a PNG (vl-convert);
* ``index.html`` — every week's report, newest first.

Each section is one query in ``reports/queries/`` over the documented views; the page's Method
section prints them. Everything that comes from a posting or a guide is HTML-escaped, and chart specs
are embedded as JSON with ``<`` escaped, so no string can close the script element.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import duckdb
import polars as pl
import vl_convert

from crawlers.checkpoints import pause_point
from reports import charts
from warehouse import db
from warehouse.reference import DECISIVE_VERDICTS, VERDICT_MEANINGS, VERDICTS

QUERIES = Path(__file__).resolve().parent / "queries"
TOP_N = 20
TREND_N = 6
RISING_N = 4
COOCCURRENCE_N = 12
SALARY_MIN_JOBS = 10
SALARY_N = 15
MOVERS_MIN_JOBS = 10
EMERGING_N = 25
EMERGING_LIFT = 3
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
FINDINGS_N = 3  # agreements and disagreements each, in the scorecard's opening sentences


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    return con.sql(_sql(name), params=params or None).pl()


def _sql(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """The Vega libraries the page inlines. vl-convert builds the bundle in ~4 s, the same for one
    vl-convert version every time: keep it in the user's cache folder (rebuilt when unreadable)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jobtrends"
    path = cache / f"vega-bundle-{vl_convert.__version__}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vl_convert.javascript_bundle()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        _write_text(path, bundle)
    except OSError:
        pass  # a read-only or missing home folder: build it again next time
    return bundle


def iso_week_label(week: date) -> str:
    year, number, _ = week.isocalendar()
    return f"{year}-W{number:02d}"


# --- data -------------------------------------------------------------------------------------------


@dataclass
class ReportData:
    """Everything one week's report shows: the frames of its queries, and the parameters they ran with."""

    week: date
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)
    params: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]


def collect(con: duckdb.DuckDBPyConnection, week: date) -> ReportData:
    data = ReportData(week)

    def run(name: str, key: str | None = None, **params: Any) -> pl.DataFrame:
        data.frames[key or name] = frame = query(con, name, week=week, **params)
        data.params[key or name] = {"week": week, **params}
        return frame

    for name in ("headline", "run", "earlier_runs", "sources", "crawl_status", "volume_drop", "claims", "claim_points",
                 "guide_alignment", "scorecard_blind_spots", "scorecard_overstated", "scorecard_contradictions", "segments",
                 "defining_skills"):
        run(name)
    top = run("top_skills", limit=TOP_N)
    run("skill_examples", skills=top["skill"].to_list())
    movers = run("movers", min_jobs=MOVERS_MIN_JOBS)
    rising = movers.filter(pl.col("z") > 0)["skill"].head(RISING_N).to_list()
    trend_skills = list(dict.fromkeys(top["skill"].head(TREND_N).to_list() + rising))
    run("skill_trend", skills=trend_skills)
    run("hn_monthly", skills=trend_skills)
    run("cooccurrence", top=COOCCURRENCE_N)
    run("salary_by_skill", min_jobs=SALARY_MIN_JOBS, limit=SALARY_N)
    data.frames["emerging"] = _emerging(run("emerging_texts"))
    return data


def _emerging(texts: pl.DataFrame) -> pl.DataFrame:
    """Terms the taxonomy lacks that companies hiring for ML use this week far more than the week's
    other postings do (at least EMERGING_LIFT times as often, z >= 3: so not everyday words such as
    "products"), with their change since last week. Counted per company, so one company's
    boilerplate across many postings counts once."""
    from flows.skills.taxonomy import load_taxonomy
    from reports.emerging import SCHEMA, emerging_terms, known_terms

    known = known_terms(load_taxonomy())
    period = {name: texts.filter(pl.col("period") == name).select("text") for name in ("current", "previous", "background")}
    every = 1_000_000
    terms = emerging_terms(period["current"], period["previous"], known, limit=every)
    if period["background"].height:
        distinct = emerging_terms(period["current"], period["background"], known, limit=every).filter(
            (pl.col("share") >= EMERGING_LIFT * pl.col("prev_share")) & (pl.col("z") >= 3)
        )
        terms = terms.join(distinct.select("term", pl.col("prev_share").alias("other_share")), on="term")
    else:
        terms = terms.with_columns(pl.lit(None, pl.Float64).alias("other_share"))
    if not period["previous"].height:  # no week before: nothing to compare with
        terms = terms.with_columns(pl.lit(None, SCHEMA[c]).alias(c) for c in ("prev_n_docs", "prev_share", "change", "z"))
    columns = [c for c in SCHEMA if c != "z"]
    return terms.select(*columns[:3], "other_share", *columns[3:], "z").sort("n_docs", "z", descending=True, nulls_last=True).head(EMERGING_N)


# --- charts -----------------------------------------------------------------------------------------


def chart_specs(data: ReportData) -> list[tuple[str, str, alt.TopLevelMixin]]:
    """(element id, caption, chart) for every chart the week has data for."""
    out: list[tuple[str, str, alt.TopLevelMixin]] = []
    if data["claim_points"].height:
        out.append(("chart-verdicts", "points by verdict", charts.verdicts_chart(data["claim_points"])))
    if data["top_skills"].height:
        out.append(("chart-top-skills", "top skills", charts.top_skills_chart(data["top_skills"])))
    if data["movers"].height:
        out.append(("chart-movers", "movers", charts.movers_chart(data["movers"])))
    if data["skill_trend"].height and data["skill_trend"]["week"].n_unique() > 1:
        out.append(("chart-trend", "weekly trend", charts.skill_trend_chart(data["skill_trend"])))
    if data["hn_monthly"].height and data["hn_monthly"]["month"].n_unique() > 1:
        out.append(("chart-hn-monthly", "monthly trend (HN)", charts.skill_trend_chart(
            data["hn_monthly"], period="month", title="Monthly share in Hacker News “Who is hiring?” threads")))
    if data["cooccurrence"].height:
        out.append(("chart-cooccurrence", "co-occurrence", charts.cooccurrence_chart(data["cooccurrence"])))
    if data["salary_by_skill"].height:
        out.append(("chart-salary", "salary by skill", charts.salary_chart(data["salary_by_skill"])))
    if data["segments"].height:
        out.append(("chart-segments", "segments", charts.segments_chart(data["segments"])))
    return out


# --- files ------------------------------------------------------------------------------------------


def build_report(home: Path, week: date) -> Path:
    """Write the week's page, summary and chart PNGs, refresh the reports index; return the page's path."""
    with db.connect_read(home) as con:
        data = collect(con, week)
        weeks = con.sql(
            "SELECT week, count(*) AS jobs, count(*) FILTER (WHERE is_ml_role) AS ml_jobs FROM jobs_weekly GROUP BY week ORDER BY week DESC"
        ).pl()
    folder = Path(home) / "reports" / iso_week_label(week)
    folder.mkdir(parents=True, exist_ok=True)
    specs = [(element, caption, chart.to_dict()) for element, caption, chart in chart_specs(data)]
    for element, _, spec in specs:
        _write_bytes(folder / f"{element.removeprefix('chart-')}.png", vl_convert.vegalite_to_png(spec, scale=1))
    pause_point("report")  # mid-report: this run's charts are written, the page not yet
    _write_text(folder / "summary.md", render_summary(data, [(e, c) for e, c, _ in specs]))
    page = folder / "index.html"
    _write_text(page, render_page(data, specs))
    _write_text(Path(home) / "reports" / "index.html", render_index(weeks, Path(home) / "reports"))
    return page


def _write_text(path: Path, text: str) -> None:
    _write_bytes(path, text.encode("utf-8"))


def _write_bytes(path: Path, content: bytes) -> None:
    # Write beside, then rename: a reader never sees half a file (one temporary name per process, so two
    # writers never share one).
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(content)
    tmp.replace(path)


# --- the page ---------------------------------------------------------------------------------------


def render_page(data: ReportData, specs: list[tuple[str, str, dict[str, Any]]]) -> str:
    week, label = data.week, iso_week_label(data.week)
    headline = data["headline"].row(0, named=True)
    run = data["run"].row(0, named=True) if data["run"].height else {}
    sample = run.get("dataset") == "sample"
    charted = {element for element, _, _ in specs}

    def chart(element: str, empty: str) -> str:
        return f'<div id="{element}" class="chart"></div>' if element in charted else f"<p class=\"empty\">{_e(empty)}</p>"

    sections = [
        ("headline", "This week", [
            _run_line(run, week),
            f'<p class="warning earlier-runs">{_e(line)}</p>' if (line := earlier_runs_line(data["earlier_runs"])) else "",
            _headline(headline),
            _data_window(headline),
            _sources(data["sources"]),
            _crawl(data["crawl_status"], data["volume_drop"]),
        ], ["headline", "earlier_runs", "sources", "crawl_status", "volume_drop"]),
        ("scorecard", "What the guides claim, and what this week's postings show", [
            _findings(data["claims"]),
            _verdict_counts(data["claim_points"], data["claims"]),
            _verdict_legend(),
            chart("chart-verdicts", "No claims to chart."),
            "<h3>The guides ranked</h3><p>Spearman's rank correlation between how strongly a guide stresses "
            "each skill and how often postings ask for it (over the skills it names and the 30 most demanded, "
            "leaving out the skills that define ML jobs), and each guide's points by verdict.</p>",
            _table(data["guide_alignment"].select("alignment_rank", "guide", "spearman_rho", "n_skills", "n_points", "n_supported",
                                                  "n_partly_supported", "n_contradicted", "n_rarely_asked_for",
                                                  "n_rarely_stated", "n_not_tested"),
                   {"alignment_rank": "rank", "spearman_rho": "emphasis vs demand (ρ)",
                    "n_skills": "skills compared", "n_points": "points", "n_supported": "supported",
                    "n_partly_supported": "partly", "n_contradicted": "contradicted",
                    "n_rarely_asked_for": "rarely asked for", "n_rarely_stated": "rarely stated", "n_not_tested": "not tested"}),
            _collapsed("Blind spots", "among the 20 skills postings ask for most, those a guide never names",
                       data["scorecard_blind_spots"].height, _blind_spots(data["scorecard_blind_spots"])),
            _collapsed("Overstated", "what a guide calls non-negotiable, essential or important that postings contradict or "
                       "rarely ask for (a foundation postings take for granted is never listed here)",
                       data["scorecard_overstated"].height,
                       _table(data["scorecard_overstated"].select("guide", "claim_id", "stance", "verdict", "expected", "observed",
                                                                  "ci_low", "ci_high", "n"), {})),
            _collapsed("Where the guides disagree", "claims of different guides on the same subjects: a contradiction cannot "
                       "hold both ways; a strength disagreement grades the same subject differently; the last column names "
                       "the claim the postings support (the stronger one when both hold)",
                       data["scorecard_contradictions"].height,
                       _table(data["scorecard_contradictions"], {"postings_support": "postings support"})),
            "<h3>Every claim</h3><p>Filter by guide and verdict; hover a claim's observed value for how it was counted. "
            "<code>jobtrends claims show CLAIM_ID</code> gives a claim's evidence.</p>",
            _claims_table(data["claims"]),
        ], ["claims", "claim_points", "guide_alignment", "scorecard_blind_spots", "scorecard_overstated", "scorecard_contradictions"]),
        ("top-skills", "Top skills", [
            "<p>Share of this week's ML-role jobs that name each skill, split into jobs that require it and "
            "jobs that only prefer it (nice-to-have text); the black rule is the 95 % interval of the total.</p>",
            _defining(data["defining_skills"]),
            chart("chart-top-skills", "No ML-role jobs this week."),
            _table(_with_examples(data["top_skills"], data["skill_examples"]),
                   {"name": "skill", "n_with_skill": "jobs", "n_required": "required in", "n_postings": "ML-role jobs",
                    "example": "for example (a posting's own words)"}),
        ], ["top_skills", "skill_examples", "defining_skills"]),
        ("movers", "Movers since last week", [
            f"<p>A skill is a mover only when a two-proportion z-test finds its share changed (|z| ≥ 1.96, "
            f"p &lt; 0.05), it is named by at least {MOVERS_MIN_JOBS} jobs over the two weeks, and both weeks "
            "have at least 30 ML-role jobs. Everything else is noise, and is not shown.</p>",
            chart("chart-movers", "No skill's share changed significantly since last week (or there is no earlier week to compare)."),
            _table(data["movers"].select("name", "previous_share", "share", "change", "z", "previous_n_with_skill", "n_with_skill"),
                   {"name": "skill", "previous_share": "last week", "share": "this week",
                    "previous_n_with_skill": "jobs last week", "n_with_skill": "jobs this week"}),
        ], ["movers"]),
        ("trends", "Trends", [
            chart("chart-trend", "Only one week loaded so far: no weekly trend yet."),
            chart("chart-hn-monthly", "Fewer than two months of Hacker News threads: no monthly trend."),
        ], ["skill_trend", "hn_monthly"]),
        ("together", "Skills that travel together, and what they pay", [
            chart("chart-cooccurrence", "No ML-role jobs this week."),
            "<p>Median advertised salary (annualised USD; structured salary first, else the posting's text) "
            f"of ML-role jobs with and without each skill, for skills with at least {SALARY_MIN_JOBS} salaried jobs.</p>",
            chart("chart-salary", f"Fewer than {SALARY_MIN_JOBS} salaried jobs per skill this week."),
            _table(data["salary_by_skill"].select("name", "n_with", "median_with", "n_without", "median_without"),
                   {"name": "skill", "n_with": "jobs with", "median_with": "median with", "n_without": "jobs without",
                    "median_without": "median without"}),
        ], ["cooccurrence", "salary_by_skill"]),
        ("segments", "Segments", [
            chart("chart-segments", "No ML-role jobs this week."),
            _table(data["segments"], {"n_jobs": "jobs", "top_skills": "top skills"}),
        ], ["segments"]),
        ("emerging", "Emerging terms", [
            "<p>Terms the skills taxonomy does not know that many companies use in this week's ML-role postings, "
            f"at least {EMERGING_LIFT} times as often as companies use them in the week's other postings, with their "
            "change since last week: candidates to add to <code>warehouse/reference/skills.toml</code>. "
            "Counted per company (a company's boilerplate counts once); share = of the companies hiring for ML.</p>",
            _table(data["emerging"], {"n_docs": "companies", "other_share": "share of other companies", "prev_n_docs": "companies last week",
                                      "prev_share": "last week"}, limit=EMERGING_N),
        ], ["emerging_texts"]),
    ]
    nav = " · ".join(f'<a href="#{key}">{_e(title.split(",")[0])}</a>' for key, title, _, _ in sections)
    body = [
        f"<h1>jobtrends — ML-engineer skill demand, week {_e(label)}</h1>",
        f'<p class="sample">{_e(SAMPLE_NOTE)}</p>' if sample else "",
        f'<nav>{nav} · <a href="#method">Method</a> · <a href="../index.html">all weeks</a> · <a href="summary.md">summary.md</a></nav>',
    ]
    for key, title, parts, _ in sections:
        body.append(f'<section id="{key}"><h2>{_e(title)}</h2>' + "\n".join(p for p in parts if p) + "</section>")
    body.append(_method(data, [(title, names) for _, title, _, names in sections]))
    body.append(
        '<footer>Generated by jobtrends. Shares are of the ML-role jobs seen in the week\'s crawl (a job posted on '
        "several boards or sources counts once). Every number above comes from the SQL in the Method section; "
        'query the same views with <code>jobtrends query "…"</code>.</footer>'
    )
    return _page(f"jobtrends {label}", "\n".join(b for b in body if b), [(e, s) for e, _, s in specs])


def _run_line(run: dict[str, Any], week: date) -> str:
    if not run:
        return f"<p>No run recorded for the week of {_e(week)}.</p>"
    return (
        f"<p class=\"run\">Week of {_e(week)} · crawled {_e(run['run_date'])} · mode {_e(run['mode'])} · "
        f"data: {_e(run['dataset'])} · run {_e(run['run_id'])}</p>"
    )


def earlier_runs_line(earlier: pl.DataFrame) -> str:
    """One line, plain text (escape it where it goes): the previous week's run when it was degraded, and
    the runs since that failed outright or never finished. Empty when there is nothing to say."""
    parts = []
    for row in earlier.iter_rows(named=True):
        if row["kind"] == "previous week":
            parts.append(f"the previous week's run ({iso_week_label(row['week'])}, run {row['run_id']}) was degraded: "
                         f"{_count(row['n_failed_boards'], 'board')} failed, {_count(row['n_volume_drops'], 'volume drop')}")
        elif row["status"] == "failed":
            error = " ".join(str(row["error"] or "no error recorded").split())
            parts.append(f"run {row['run_id']} (week {iso_week_label(row['week'])}) failed and loaded nothing: "
                         f"{error[:200]}{'…' if len(error) > 200 else ''}")
        else:
            parts.append(f"run {row['run_id']} (week {iso_week_label(row['week'])}) never finished and loaded nothing")
    return ("Earlier runs: " + "; ".join(parts) + ".") if parts else ""


def _count(n: Any, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _headline(numbers: dict[str, Any]) -> str:
    tiles = [
        ("postings", numbers["postings"]), ("jobs (deduplicated)", numbers["jobs"]),
        ("ML-role jobs", numbers["ml_jobs"]), ("companies hiring for ML", numbers["ml_companies"]),
        ("new jobs", numbers["new_jobs"]), ("closed since last week", numbers["closed_jobs"] if numbers["previous_week"] else "—"),
        ("sources", numbers["sources"]),
    ]
    return '<div class="tiles">' + "".join(
        f'<div class="tile"><div class="n">{_e(value)}</div><div>{_e(name)}</div></div>' for name, value in tiles
    ) + "</div>"


def _data_window(numbers: dict[str, Any]) -> str:
    def day(value: Any) -> str:
        return str(value)[:10] if value is not None else "—"

    previous = (f" Compared with the week of {_e(day(numbers['previous_week']))} ({_e(numbers['previous_ml_jobs'])} ML-role jobs)."
                if numbers["previous_week"] else " No earlier week to compare with.")
    return (f"<p>Data window: crawled {_e(day(numbers['first_crawled']))}"
            + (f" to {_e(day(numbers['last_crawled']))}" if day(numbers["last_crawled"]) != day(numbers["first_crawled"]) else "")
            + f"; the jobs seen were posted between {_e(day(numbers['first_posted']))} and {_e(day(numbers['last_posted']))}"
            f" (where the source dates them).{previous}</p>")


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
        "<h3>Sources</h3><table><thead><tr><th>source</th><th>postings</th><th>jobs</th><th>ML-role postings</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>{credit}"
    )


def _source_link(source: str) -> str:
    name, url = SOURCE_CREDITS.get(source, (source, None))
    return f'<a href="{_e(url)}">{_e(name)}</a>' if url else _e(name)


def _crawl(crawl: pl.DataFrame, volume_drops: pl.DataFrame) -> str:
    failed = crawl.filter(pl.col("status") != "ok") if crawl.height else crawl
    parts = ["<h3>What failed to crawl</h3>"]
    if failed.height:
        parts.append(f'<p class="warning">{failed.height} of {crawl.height} boards did not crawl cleanly:</p>' + _table(failed, {}))
    else:
        parts.append(f"<p>Nothing: all {crawl.height} boards crawled.</p>")
    if volume_drops.height:
        parts.append(f'<p class="warning">{volume_drops.height} board(s) returned far fewer postings than last week — '
                     "more likely broken than emptied:</p>" + _table(volume_drops, {}))
    parts.append(f"<details><summary>Every board ({crawl.height})</summary>{_table(crawl, {})}</details>")
    return "".join(parts)


def _verdict_counts(points: pl.DataFrame, claims: pl.DataFrame) -> str:
    """The headline: the guides' points by verdict (a list a guide makes once counts once)."""
    if points.is_empty():
        return "<p>No claims registered.</p>"
    counts = dict(points.group_by("verdict").len().iter_rows())
    return (f"<p class=\"verdicts\">{points.height} points ({claims.height} claims): " + " · ".join(
        f'<span class="verdict {_e(v.replace(" ", "-"))}">{_e(counts[v])} {_e(v)}</span>' for v in VERDICTS if v in counts)
        + "</p>")


def _verdict_legend() -> str:
    items = "".join(f'<dt class="verdict {_e(v.replace(" ", "-"))}">{_e(v)}</dt><dd>{_e(meaning)}</dd>'
                    for v, meaning in VERDICT_MEANINGS.items())
    return f'<dl class="legend">{items}</dl>'


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}" if abs(value) >= 0.1 else f"{value:.1%}"


def finding_sentences(claims: pl.DataFrame, n: int = FINDINGS_N) -> list[str]:
    """Plain sentences, most certain first: where the market agrees with a guide, where it does not, and how
    many verdicts could be chance or depend on a few large employers. Text, not HTML."""
    if claims.is_empty():
        return []
    tested = claims.filter(pl.col("p_value").is_not_null() & ~pl.col("could_be_chance").fill_null(False)
                           & pl.col("test_kind").is_in(["share_any", "share_each", "compare", "compare_groups", "median", "trend"]))

    def sentence(row: dict[str, Any]) -> str:
        figure = row["test_kind"] == "median"
        show = (lambda v: f"${v:,.0f}" if v >= 1000 else f"{v:,.1f}") if figure else _share
        if row["test_kind"] in ("compare_groups", "trend"):
            show = lambda v: f"{100 * v:+.1f} points"  # noqa: E731 - a difference of shares
        interval = f"{show(row['ci_low'])} to {show(row['ci_high'])}" if row["ci_low"] is not None else "no interval"
        quote = " ".join(row["quote"].split())
        quote = quote if len(quote) <= 90 else quote[:89].rsplit(" ", 1)[0] + "…"
        return (f"{row['guide'] or row['doc']}: “{quote}” — {row['explanation']}; 95 % interval {interval} "
                f"(expected {row['expected']}): {row['verdict']}.")

    # The guide's strongest words first (a "non-negotiable" that fails matters more than a "worth learning"),
    # then the most certain (smallest p-value).
    strength = {"non-negotiable": 5, "essential": 4, "important": 3, "comparison": 3, "figure": 3, "trend": 3,
                "recommended": 2, "not-needed": 2}
    tested = tested.with_columns(pl.col("stance").replace_strict(strength, default=0).alias("strength"))
    out = []
    agree = (tested.filter(pl.col("verdict") == "supported")
             .sort(["strength", "p_value", "claim_id"], descending=[True, False, False]).head(n))
    disagree = (tested.filter(pl.col("verdict").is_in(["contradicted", "rarely asked for"]))
                .sort(["strength", "p_value", "claim_id"], descending=[True, False, False]).head(n))
    out += [sentence(r) for r in agree.iter_rows(named=True)]
    out += [sentence(r) for r in disagree.iter_rows(named=True)]
    decisive = claims.filter(pl.col("verdict").is_in(DECISIVE_VERDICTS))
    chance = int(decisive["could_be_chance"].fill_null(False).sum())
    flips = int(claims["verdict_flips"].fill_null(False).sum())
    out.append(f"Of {decisive.height} decisive verdicts, {chance} could be chance (q > 0.05 after a Benjamini–Hochberg "
               f"control over all {claims['p_value'].is_not_null().sum()} tests); {flips} change when each employer counts once.")
    return out


def _findings(claims: pl.DataFrame) -> str:
    sentences = finding_sentences(claims)
    if not sentences:
        return ""
    *claims_said, summary = sentences
    items = "".join(f"<li>{_e(s)}</li>" for s in claims_said)
    return (f'<div class="findings"><p>The strongest, most certain agreements and disagreements between the guides and '
            f"this week's ML-engineer postings:</p><ul>{items}</ul><p>{_e(summary)}</p></div>")


def _collapsed(title: str, what: str, n: int, body: str) -> str:
    """A long table behind a one-line summary."""
    return f"<details><summary><strong>{_e(title)}</strong>: {n} rows — {_e(what)}.</summary>{body}</details>"


def _defining(defining: pl.DataFrame) -> str:
    if defining.is_empty():
        return ""
    named = ", ".join(f"{r['name']} {r['share']:.0%}" for r in defining.iter_rows(named=True))
    return (f"<p>Named by most ML-role jobs by construction, so shown apart rather than ranked: {_e(named)}.</p>")


def _claims_table(claims: pl.DataFrame) -> str:
    if claims.is_empty():
        return "<p>No claims registered.</p>"
    guides = claims.select("doc", "guide").unique().sort("doc").iter_rows()
    filters = (
        '<div class="filters"><label>Guide <select id="filter-guide"><option value="">all</option>'
        + "".join(f'<option value="{_e(doc)}">{_e(title or doc)}</option>' for doc, title in guides)
        + '</select></label> <label>Verdict <select id="filter-verdict"><option value="">all</option>'
        + "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in VERDICTS)
        + '</select></label> <span id="filter-count"></span></div>'
    )
    rows = []
    for claim in claims.iter_rows(named=True):
        show = (lambda v: f"{v:,.1f}") if claim["test_kind"] == "median" else (lambda v: f"{v:.1%}")
        interval = (f" [{show(claim['ci_low'])}, {show(claim['ci_high'])}]"
                    if claim["ci_low"] is not None and claim["ci_high"] is not None else "")
        observed = f"{show(claim['observed'])}{interval}" if claim["observed"] is not None else "—"
        rows.append(
            f'<tr data-doc="{_e(claim["doc"])}" data-verdict="{_e(claim["verdict"])}">'
            f"<td>{_e(claim['guide'] or claim['doc'])}</td><td class=\"quote\">“{_e(claim['quote'])}”"
            f"<div class=\"claim-id\">{_e(claim['claim_id'])}</div></td>"
            f"<td>{_e(claim['stance'])}</td><td>{_e(claim['expected'] or '—')}<div class=\"segment\">{_e(claim['segment'])}</div></td>"
            f"<td>{_e(observed)} <small>n={_e(claim['n'])}</small><div class=\"why\">{_e(claim['explanation'] or '')}</div></td>"
            f"<td class=\"verdict {_e(claim['verdict'].replace(' ', '-'))}\" data-claim=\"{_e(claim['claim_id'])}\">{_e(claim['verdict'])}"
            f"{_marks(claim)}</td></tr>"
        )
    head = "<tr><th>guide</th><th>claim</th><th>stance</th><th>expects</th><th>observed [95 % interval]</th><th>verdict</th></tr>"
    return f"{filters}<div class=\"scroll\"><table class=\"claims\"><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"


def _marks(claim: dict[str, Any]) -> str:
    marks = []
    if claim.get("could_be_chance"):
        marks.append("could be chance (q > 0.05)")
    if claim.get("verdict_flips"):
        marks.append(f"each employer once: {claim['weighted_verdict']}")
    if (claim.get("weeks_pooled") or 1) > 1:
        marks.append(f"pooled over {claim['weeks_pooled']} weeks")
    return "".join(f'<div class="why">{_e(m)}</div>' for m in marks)


def _with_examples(top: pl.DataFrame, examples: pl.DataFrame) -> pl.DataFrame:
    example = pl.concat_str([pl.lit("“"), pl.col("evidence"), pl.lit("” — "), pl.col("company").fill_null("?"),
                             pl.lit(", "), pl.col("title").fill_null("?")])
    return (
        top.join(examples.select("skill", example.alias("example")), on="skill", how="left")
        .select("name", "category", "n_with_skill", "n_required", "n_postings", "share", "ci_low", "ci_high", "example")
    )


def _blind_spots(blind: pl.DataFrame) -> str:
    if blind.is_empty():
        return "<p class=\"empty\">None: every guide names each of the top skills.</p>"
    grouped = blind.group_by("doc", "guide", maintain_order=True).agg(pl.col("name"), pl.col("share"))
    items = "".join(
        f"<li><strong>{_e(title or doc)}</strong>: " + ", ".join(f"{_e(n)} ({s:.0%})" for n, s in zip(names, shares)) + "</li>"
        for doc, title, names, shares in grouped.iter_rows()
    )
    return f"<ul>{items}</ul>"


def _method(data: ReportData, sections: list[tuple[str, list[str]]]) -> str:
    parts = ['<section id="method"><h2>Method</h2><p>Each section\'s numbers come from these queries over the '
             "documented views (README: Querying), run with the parameters shown. Paste one into "
             "<code>jobtrends query</code> after replacing the <code>$</code> parameters.</p>"]
    for title, names in sections:
        blocks = []
        for name in names:
            params = ", ".join(f"${k} = {_param(v)}" for k, v in data.params.get(name, {}).items())
            blocks.append(f"<p><code>reports/queries/{_e(name)}.sql</code> with {_e(params)}</p><pre><code>{_e(_sql(name))}</code></pre>")
        parts.append(f"<details><summary>{_e(title)}</summary>{''.join(blocks)}</details>")
    parts.append("<p>Emerging terms are counted in Python from the texts <code>emerging_texts.sql</code> returns "
                 "(<code>reports/emerging.py</code>).</p></section>")
    return "".join(parts)


def _param(value: Any) -> str:
    if isinstance(value, date):
        return f"DATE '{value.isoformat()}'"
    if isinstance(value, list):
        return "[" + ", ".join(f"'{v}'" for v in value) + "]"
    return str(value)


def _table(frame: pl.DataFrame, rename: dict[str, str], limit: int | None = None) -> str:
    if frame.is_empty():
        return "<p class=\"empty\">—</p>"
    more = ""
    if limit is not None and frame.height > limit:
        more = f"<p class=\"more\">… and {frame.height - limit} more (see the Method section's query).</p>"
        frame = frame.head(limit)
    head = "".join(f"<th>{_e(rename.get(c, c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_e(_fmt(c, v))}</td>" for c, v in zip(frame.columns, row)) + "</tr>"
        for row in frame.iter_rows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


_SHARE_COLUMNS = {"share", "ci_low", "ci_high", "previous_share", "prev_share", "other_share", "change", "observed"}


def _fmt(column: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        if column in _SHARE_COLUMNS and -1 <= value <= 1:
            return f"{value:+.1%}" if column == "change" else f"{value:.1%}"
        if column.startswith("median") or abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:.2f}"
    return str(value)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _script_json(value: Any) -> str:
    # JSON inside <script>: escape "<", ">" and "&" so "</script>" in any string stays text.
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_FILTER_SCRIPT = """
(function () {
  var guide = document.getElementById('filter-guide'), verdict = document.getElementById('filter-verdict');
  if (!guide || !verdict) return;
  function apply() {
    var shown = 0, rows = document.querySelectorAll('table.claims tbody tr');
    rows.forEach(function (row) {
      var hide = (guide.value && row.dataset.doc !== guide.value) || (verdict.value && row.dataset.verdict !== verdict.value);
      row.hidden = !!hide;
      if (!hide) shown += 1;
    });
    document.getElementById('filter-count').textContent = shown + ' of ' + rows.length + ' claims';
  }
  guide.addEventListener('change', apply);
  verdict.addEventListener('change', apply);
  apply();
})();
"""


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
body {{ font-family: system-ui, sans-serif; max-width: 1150px; margin: 2rem auto; padding: 0 1rem; color: #222; }}
nav {{ margin: .5rem 0 1.5rem; font-size: .95rem; }}
section {{ margin-top: 2.2rem; }}
.sample {{ background: #fff3cd; border: 1px solid #e0c060; padding: .6rem .9rem; font-weight: 600; }}
.run {{ color: #666; font-size: .9rem; }}
.tiles {{ display: flex; gap: 1rem; flex-wrap: wrap; margin: 1rem 0; }}
.tile {{ border: 1px solid #ddd; border-radius: 6px; padding: .6rem 1rem; min-width: 120px; }}
.tile .n {{ font-size: 1.8rem; font-weight: 700; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; font-size: .88rem; }}
th, td {{ border-bottom: 1px solid #eee; padding: .3rem .6rem; text-align: left; vertical-align: top; }}
td.quote {{ max-width: 380px; font-style: italic; }}
.claim-id, .segment, .why {{ font-style: normal; color: #666; font-size: .78rem; }}
.warning {{ color: #b42318; font-weight: 600; }}
.empty, .more {{ color: #666; }}
.verdict.supported {{ color: #1a7f37; }} .verdict.contradicted {{ color: #b42318; }} .verdict.rarely-asked-for {{ color: #c4501a; }}
.findings {{ background: #f6f8fa; border-left: 4px solid #0969da; padding: .2rem 1rem; }}
dl.legend {{ display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; font-size: .85rem; }}
dl.legend dd {{ margin: 0; }}
.verdict.partly-supported {{ color: #9a6700; }} .verdict.not-testable-yet, .verdict.untestable {{ color: #666; }}
.filters {{ margin: .5rem 0; }}
.scroll {{ max-height: 720px; overflow-y: auto; border: 1px solid #eee; }}
.scroll thead th {{ position: sticky; top: 0; background: #fff; }}
pre {{ background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: .8rem; }}
footer {{ margin-top: 2rem; color: #666; font-size: .85rem; }}
</style>
{f"<script>{vega_bundle()}</script>" if specs else ""}
</head>
<body>
{body}
<script>
{embeds}
{_FILTER_SCRIPT}
</script>
</body>
</html>
"""


# --- summary.md and the index ------------------------------------------------------------------------


def render_summary(data: ReportData, charts_made: list[tuple[str, str]]) -> str:
    """The week in Markdown: headline, top skills, movers, the scorecard's counts and ranking."""
    h = data["headline"].row(0, named=True)
    label = iso_week_label(data.week)
    lines = [f"# jobtrends — week {label}", ""]
    run = data["run"].row(0, named=True) if data["run"].height else {}
    if run.get("dataset") == "sample":
        lines += [f"> {SAMPLE_NOTE}", ""]
    if earlier := earlier_runs_line(data["earlier_runs"]):
        lines += [f"> **{_md(earlier)}**", ""]
    lines += [
        f"- {h['postings']} postings, {h['jobs']} jobs after deduplication, **{h['ml_jobs']} ML-role jobs** "
        f"at {h['ml_companies']} companies, from {h['sources']} sources.",
        f"- {h['new_jobs']} new jobs" + (f", {h['closed_jobs']} closed since the week of {str(h['previous_week'])[:10]}." if h["previous_week"] else "."),
        "",
        "## Top skills (share of ML-role jobs, 95 % interval)",
        "",
        "| skill | share | 95 % interval | jobs | required in |",
        "|---|---|---|---|---|",
    ]
    for r in data["top_skills"].head(15).iter_rows(named=True):
        lines.append(f"| {_md(r['name'])} | {r['share']:.1%} | {r['ci_low']:.1%}–{r['ci_high']:.1%} | {r['n_with_skill']} | {r['n_required']} |")
    lines += ["", "## Movers since last week (two-proportion test, |z| ≥ 1.96)", ""]
    movers = data["movers"]
    lines += [f"- {_md(r['name'])}: {r['previous_share']:.1%} → {r['share']:.1%} (z = {r['z']:.2f})" for r in movers.iter_rows(named=True)] or ["- none"]
    points = data["claim_points"]
    counts = dict(points.group_by("verdict").len().iter_rows()) if points.height else {}
    lines += ["", "## The guides' claims", ""]
    lines += [f"- {_md(s)}" for s in finding_sentences(data["claims"])]
    lines += ["", f"{points.height} points: " + ", ".join(f"{counts[v]} {v}" for v in VERDICTS if v in counts) if counts else "- none", ""]
    if data["guide_alignment"].height:
        lines += ["| rank | guide | ρ (emphasis vs demand) | points | supported | contradicted | rarely asked for | rarely stated |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in data["guide_alignment"].iter_rows(named=True):
            rho = "—" if r["spearman_rho"] is None else f"{r['spearman_rho']:.2f}"
            lines.append(f"| {r['alignment_rank']} | {_md(r['guide'])} | {rho} | {r['n_points']} | {r['n_supported']} | "
                         f"{r['n_contradicted']} | {r['n_rarely_asked_for']} | {r['n_rarely_stated']} |")
    lines += ["", "## Charts", ""] + [f"- [{caption}]({element.removeprefix('chart-')}.png)" for element, caption in charts_made]
    lines += ["", "The full page, with every claim, the method and its SQL: [index.html](index.html).", ""]
    return "\n".join(lines)


def _md(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_index(weeks: pl.DataFrame, reports_dir: Path) -> str:
    rows = []
    for r in weeks.iter_rows(named=True):
        label = iso_week_label(r["week"])
        if not (reports_dir / label / "index.html").exists() and not (reports_dir / label).is_dir():
            status = "not built yet: <code>jobtrends report --week " + _e(label) + "</code>"
            link = _e(label)
        else:
            status = f'<a href="{_e(label)}/summary.md">summary.md</a>'
            link = f'<a href="{_e(label)}/index.html">{_e(label)}</a>'
        rows.append(f"<tr><td>{link}</td><td>{_e(r['week'])}</td><td>{_e(r['jobs'])}</td><td>{_e(r['ml_jobs'])}</td><td>{status}</td></tr>")
    table = ("<table><thead><tr><th>week</th><th>Monday</th><th>jobs</th><th>ML-role jobs</th><th></th></tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    body = f"<h1>jobtrends — weekly reports</h1><p>Every week loaded, newest first.</p>{table}"
    return _page("jobtrends reports", body, [])


__all__ = ["build_report", "collect", "render_page", "render_summary", "render_index", "iso_week_label"]
