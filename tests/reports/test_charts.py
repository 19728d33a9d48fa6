from datetime import date

import polars as pl

from reports import charts
from reports.render import _script_json, iso_week_label


def test_top_skills_chart_spec():
    top = pl.DataFrame({"skill": ["python", "sql"], "name": ["Python", "SQL"], "category": ["language", "language"],
                        "n_with_skill": [8, 3], "n_postings": [10, 10], "share": [0.8, 0.3]})
    spec = charts.top_skills_chart(top).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "share" and spec["encoding"]["y"]["sort"] == "-x"
    values = next(iter(spec["datasets"].values()))
    assert [v["name"] for v in values] == ["Python", "SQL"]


def test_trend_chart_spec_has_one_point_per_week_and_skill():
    trend = pl.DataFrame({"week": [date(2026, 11, 9), date(2026, 11, 16)] * 2, "skill": ["python"] * 2 + ["sql"] * 2,
                          "name": ["Python"] * 2 + ["SQL"] * 2, "n_with_skill": [1, 2, 3, 4], "n_postings": [5, 5, 5, 5],
                          "share": [0.2, 0.4, 0.6, 0.8]})
    spec = charts.skill_trend_chart(trend).to_dict()
    assert spec["mark"]["type"] == "line" and spec["encoding"]["x"]["type"] == "temporal"
    assert len(next(iter(spec["datasets"].values()))) == 4


def test_script_json_cannot_close_the_script_element():
    text = _script_json({"title": "</script><script>alert(1)</script>"})
    assert "</script" not in text and "<" not in text


def test_iso_week_label():
    assert iso_week_label(date(2026, 11, 16)) == "2026-W47"
    assert iso_week_label(date(2027, 1, 4)) == "2027-W01"
