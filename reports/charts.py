"""Pure chart functions: DataFrame -> alt.Chart. No I/O; tested through ``chart.to_dict()``.

Every chart takes the frame its query returns (reports/queries/) and nothing else, so a chart can
be rebuilt from the SQL in the page's Method section.
"""

from __future__ import annotations

import altair as alt
import polars as pl

VERDICT_COLORS = {
    "supported": "#1a7f37", "partly supported": "#d4a72c", "contradicted": "#b42318", "rarely asked for": "#e16f24",
    "rarely stated": "#a8b5c2", "not testable yet": "#8c959f", "untestable": "#d0d7de",
}
LEVEL_COLORS = {"required": "#0969da", "preferred only": "#9ecbff"}


def top_skills_chart(top: pl.DataFrame) -> alt.LayerChart:
    """Stacked bars (required, preferred only) of each skill's share of ML-role jobs, with the 95 %
    interval of the total as a rule (top_skills.sql)."""
    order = top["name"].to_list()
    levels = top.select(
        "name", "category", "n_postings", "n_with_skill", "share",
        pl.lit("required").alias("level"), pl.lit(0).alias("level_order"), pl.col("share_required").alias("level_share"),
        pl.col("n_required").alias("n"),
    ).vstack(top.select(
        "name", "category", "n_postings", "n_with_skill", "share",
        pl.lit("preferred only").alias("level"), pl.lit(1).alias("level_order"), pl.col("share_preferred_only").alias("level_share"),
        pl.col("n_preferred_only").alias("n"),
    ))
    y = alt.Y("name:N", sort=order, title=None)
    bars = alt.Chart(levels).mark_bar().encode(
        x=alt.X("level_share:Q", stack="zero", title="share of ML-role jobs", axis=alt.Axis(format="%")),
        y=y,
        color=alt.Color("level:N", title="asked as", scale=alt.Scale(domain=list(LEVEL_COLORS), range=list(LEVEL_COLORS.values()))),
        order=alt.Order("level_order:Q"),
        tooltip=[alt.Tooltip("name:N", title="skill"), alt.Tooltip("level:N"), alt.Tooltip("n:Q", title="jobs"),
                 alt.Tooltip("level_share:Q", format=".1%", title="share"), alt.Tooltip("share:Q", format=".1%", title="total share")],
    )
    intervals = alt.Chart(top).mark_rule(color="#24292f").encode(
        x=alt.X("ci_low:Q"), x2="ci_high:Q", y=y,
        tooltip=[alt.Tooltip("name:N", title="skill"), alt.Tooltip("ci_low:Q", format=".1%", title="95 % low"),
                 alt.Tooltip("ci_high:Q", format=".1%", title="95 % high")],
    )
    return alt.layer(bars, intervals, title="Top skills: share of ML-role jobs, with 95 % intervals").properties(
        width=560, height=alt.Step(16))


def movers_chart(movers: pl.DataFrame) -> alt.Chart:
    """Diverging bars: change in share since the week before, for the skills the test calls movers
    (movers.sql)."""
    return (
        alt.Chart(movers, title="Movers: change in share since last week (|z| ≥ 1.96)")
        .mark_bar()
        .encode(
            x=alt.X("change:Q", title="change in share (percentage points)", axis=alt.Axis(format="+%")),
            y=alt.Y("name:N", sort="-x", title=None),
            color=alt.condition(alt.datum.change > 0, alt.value("#1a7f37"), alt.value("#b42318")),
            tooltip=[alt.Tooltip("name:N", title="skill"), alt.Tooltip("previous_share:Q", format=".1%", title="last week"),
                     alt.Tooltip("share:Q", format=".1%", title="this week"), alt.Tooltip("z:Q", format=".2f"),
                     alt.Tooltip("n_with_skill:Q", title="jobs this week"), alt.Tooltip("previous_n_with_skill:Q", title="jobs last week")],
        )
        .properties(width=520, height=alt.Step(18))
    )


def skill_trend_chart(trend: pl.DataFrame, period: str = "week", title: str = "Weekly share of the top and rising skills") -> alt.Chart:
    """Lines: share per skill and period (skill_trend.sql: week; hn_monthly.sql: month)."""
    return (
        alt.Chart(trend.with_columns(pl.col(period).cast(pl.String)), title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X(f"{period}:T", title=period),
            y=alt.Y("share:Q", title="share of ML-role jobs", axis=alt.Axis(format="%")),
            color=alt.Color("name:N", title="skill"),
            tooltip=[
                alt.Tooltip("name:N", title="skill"), alt.Tooltip(f"{period}:T"),
                alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("n_with_skill:Q", title="jobs"),
                alt.Tooltip("n_postings:Q", title=f"ML-role jobs that {period}"),
            ],
        )
        .properties(width=560, height=300)
    )


def cooccurrence_chart(pairs: pl.DataFrame) -> alt.LayerChart:
    """Heatmap of lift for pairs of top skills (cooccurrence.sql, both orders of each pair)."""
    names = sorted(set(pairs["name_a"].to_list()))
    base = alt.Chart(pairs).encode(
        x=alt.X("name_a:N", sort=names, title=None, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("name_b:N", sort=names, title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("lift:Q", title="lift", scale=alt.Scale(scheme="blueorange", domainMid=1)),
        tooltip=[alt.Tooltip("name_a:N", title="skill"), alt.Tooltip("name_b:N", title="with"),
                 alt.Tooltip("n_both:Q", title="jobs with both"), alt.Tooltip("lift:Q", format=".2f")],
    )
    labels = base.mark_text(fontSize=9).encode(text=alt.Text("n_both:Q"))
    return alt.layer(cells, labels, title="Skills that travel together (lift; numbers are jobs with both)").properties(
        width=alt.Step(34), height=alt.Step(22))


def salary_chart(salaries: pl.DataFrame) -> alt.Chart:
    """Dots: median annualised USD salary of jobs with and without each skill (salary_by_skill.sql)."""
    long = salaries.select("name", pl.lit("with the skill").alias("group"), pl.col("median_with").alias("median"),
                           pl.col("n_with").alias("n")).vstack(
        salaries.select("name", pl.lit("without it").alias("group"), pl.col("median_without").alias("median"),
                        pl.col("n_without").alias("n")))
    return (
        alt.Chart(long, title="Median advertised salary (annualised USD), with and without each skill")
        .mark_point(filled=True, size=70)
        .encode(
            x=alt.X("median:Q", title="median salary (USD a year)", axis=alt.Axis(format="$,.0f"), scale=alt.Scale(zero=False, padding=14)),
            y=alt.Y("name:N", sort=salaries["name"].to_list(), title=None),
            color=alt.Color("group:N", title=None, scale=alt.Scale(domain=["with the skill", "without it"], range=["#0969da", "#8c959f"])),
            tooltip=[alt.Tooltip("name:N", title="skill"), alt.Tooltip("group:N"), alt.Tooltip("median:Q", format="$,.0f"),
                     alt.Tooltip("n:Q", title="jobs with a salary")],
        )
        .properties(width=520, height=alt.Step(18))
    )


def segments_chart(segments: pl.DataFrame) -> alt.FacetChart:
    """Bars: ML-role jobs per segment, one panel per dimension (segments.sql)."""
    return (
        alt.Chart(segments)
        .mark_bar(color="#0969da")
        .encode(
            x=alt.X("n_jobs:Q", title="ML-role jobs"),
            y=alt.Y("segment:N", sort="-x", title=None),
            tooltip=[alt.Tooltip("dimension:N"), alt.Tooltip("segment:N"), alt.Tooltip("n_jobs:Q", title="jobs"),
                     alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("top_skills:N", title="top skills")],
        )
        .properties(width=220, height=alt.Step(16))
        .facet(facet=alt.Facet("dimension:N", title=None), columns=2)
        .resolve_scale(y="independent")
        .properties(title="ML-role jobs by role family, seniority, remote and region")
    )


def verdicts_chart(scorecard: pl.DataFrame) -> alt.Chart:
    """Stacked bars: each guide's points by verdict (claim_points.sql): a list the guide makes once counts once."""
    counts = (
        scorecard.with_columns(pl.col("guide").fill_null(pl.col("doc")))
        .group_by("guide", "verdict").len("n")
        .with_columns(pl.col("verdict").replace_strict(list(VERDICT_COLORS), list(range(len(VERDICT_COLORS))), default=len(VERDICT_COLORS)).alias("verdict_order"))
        .sort("guide", "verdict_order")
    )
    return (
        alt.Chart(counts, title="The guides' points by verdict")
        .mark_bar()
        .encode(
            x=alt.X("n:Q", stack="zero", title="points"),
            y=alt.Y("guide:N", title=None),
            color=alt.Color("verdict:N", scale=alt.Scale(domain=list(VERDICT_COLORS), range=list(VERDICT_COLORS.values()))),
            order=alt.Order("verdict_order:Q"),
            tooltip=[alt.Tooltip("guide:N"), alt.Tooltip("verdict:N"), alt.Tooltip("n:Q", title="points")],
        )
        .properties(width=520, height=alt.Step(24))
    )
