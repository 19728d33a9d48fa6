"""Pure chart functions: DataFrame -> alt.Chart. No I/O; tested through ``chart.to_dict()``."""

from __future__ import annotations

import altair as alt
import polars as pl


def top_skills_chart(top: pl.DataFrame) -> alt.Chart:
    """Horizontal bars: share of ML postings asking for each skill (columns name, share, n_with_skill, category)."""
    return (
        alt.Chart(top, title="Top skills: share of ML-role jobs")
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="share of ML-role jobs", axis=alt.Axis(format="%")),
            y=alt.Y("name:N", sort="-x", title=None),
            color=alt.Color("category:N", title="category"),
            tooltip=[
                alt.Tooltip("name:N", title="skill"), alt.Tooltip("share:Q", format=".1%"),
                alt.Tooltip("n_with_skill:Q", title="postings"), alt.Tooltip("category:N"),
            ],
        )
        .properties(width=520, height=alt.Step(16))
    )


def skill_trend_chart(trend: pl.DataFrame) -> alt.Chart:
    """Lines: weekly share per skill (columns week, name, share, n_with_skill, n_postings)."""
    return (
        alt.Chart(trend.with_columns(pl.col("week").cast(pl.String)), title="Weekly share of the top skills")
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="week"),
            y=alt.Y("share:Q", title="share of ML-role jobs", axis=alt.Axis(format="%")),
            color=alt.Color("name:N", title="skill"),
            tooltip=[
                alt.Tooltip("name:N", title="skill"), alt.Tooltip("week:T"),
                alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("n_with_skill:Q", title="postings"),
                alt.Tooltip("n_postings:Q", title="ML postings that week"),
            ],
        )
        .properties(width=560, height=300)
    )
