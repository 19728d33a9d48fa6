"""Chart functions (reports/charts.py), tested through ``chart.to_dict()`` on small made-up frames."""

from datetime import date

import polars as pl

from reports import charts
from reports.render import _script_json, iso_week_label


def top_frame() -> pl.DataFrame:
    return pl.DataFrame({
        "skill": ["python", "sql"], "name": ["Python", "SQL"], "category": ["language", "language"],
        "n_with_skill": [8, 3], "n_required": [6, 3], "n_preferred_only": [2, 0], "n_postings": [10, 10],
        "share": [0.8, 0.3], "share_required": [0.6, 0.3], "share_preferred_only": [0.2, 0.0],
        "ci_low": [0.49, 0.11], "ci_high": [0.94, 0.6],
    })


def datasets(spec: dict) -> list[list[dict]]:
    return list(spec["datasets"].values())


def test_top_skills_chart_stacks_required_and_preferred_with_intervals():
    spec = charts.top_skills_chart(top_frame()).to_dict()
    bars, rules = spec["layer"]
    assert bars["mark"]["type"] == "bar" and bars["encoding"]["x"]["stack"] == "zero"
    assert bars["encoding"]["y"]["sort"] == ["Python", "SQL"]
    assert rules["mark"]["type"] == "rule" and rules["encoding"]["x2"]["field"] == "ci_high"
    rows = max(datasets(spec), key=len)
    assert sorted((r["name"], r["level"], r["n"]) for r in rows) == [
        ("Python", "preferred only", 2), ("Python", "required", 6), ("SQL", "preferred only", 0), ("SQL", "required", 3)]


def test_trend_chart_spec_has_one_point_per_week_and_skill():
    trend = pl.DataFrame({"week": [date(2026, 11, 9), date(2026, 11, 16)] * 2, "skill": ["python"] * 2 + ["sql"] * 2,
                          "name": ["Python"] * 2 + ["SQL"] * 2, "n_with_skill": [1, 2, 3, 4], "n_postings": [5, 5, 5, 5],
                          "share": [0.2, 0.4, 0.6, 0.8]})
    spec = charts.skill_trend_chart(trend).to_dict()
    assert spec["mark"]["type"] == "line" and spec["encoding"]["x"]["type"] == "temporal"
    assert len(datasets(spec)[0]) == 4
    monthly = charts.skill_trend_chart(trend.rename({"week": "month"}), period="month", title="m").to_dict()
    assert monthly["encoding"]["x"]["field"] == "month"


def test_movers_chart_colours_rises_and_falls():
    movers = pl.DataFrame({"name": ["vLLM", "Hadoop"], "change": [0.12, -0.08], "share": [0.2, 0.02], "previous_share": [0.08, 0.1],
                           "z": [2.5, -2.1], "n_with_skill": [20, 2], "previous_n_with_skill": [8, 10]})
    spec = charts.movers_chart(movers).to_dict()
    assert spec["encoding"]["x"]["field"] == "change" and "condition" in spec["encoding"]["color"]


def test_cooccurrence_chart_is_a_heatmap_with_counts():
    pairs = pl.DataFrame({"name_a": ["Python", "SQL"], "name_b": ["SQL", "Python"], "n_both": [3, 3], "lift": [1.2, 1.2]})
    spec = charts.cooccurrence_chart(pairs).to_dict()
    cells, labels = spec["layer"]
    assert cells["mark"]["type"] == "rect" and cells["encoding"]["color"]["field"] == "lift"
    assert labels["encoding"]["text"]["field"] == "n_both"


def test_salary_chart_has_with_and_without_points():
    salaries = pl.DataFrame({"name": ["Python"], "n_with": [12], "median_with": [180000.0], "n_without": [20], "median_without": [150000.0]})
    spec = charts.salary_chart(salaries).to_dict()
    rows = datasets(spec)[0]
    assert sorted((r["group"], r["median"], r["n"]) for r in rows) == [("with the skill", 180000.0, 12), ("without it", 150000.0, 20)]


def test_segments_chart_facets_by_dimension():
    segments = pl.DataFrame({"dimension": ["region", "seniority"], "segment": ["Europe", "senior"], "n_jobs": [3, 4],
                             "share": [0.3, 0.4], "top_skills": ["python 100%", "sql 50%"]})
    spec = charts.segments_chart(segments).to_dict()
    assert spec["facet"]["field"] == "dimension" and spec["resolve"]["scale"]["y"] == "independent"


def test_verdicts_chart_counts_claims_per_guide_and_verdict():
    scorecard = pl.DataFrame({"guide": ["000 · A", "000 · A", "001 · B"], "doc": ["000.txt", "000.txt", "001.txt"],
                              "verdict": ["supported", "supported", "not supported"]})
    spec = charts.verdicts_chart(scorecard).to_dict()
    rows = sorted((r["guide"], r["verdict"], r["n"]) for r in datasets(spec)[0])
    assert rows == [("000 · A", "supported", 2), ("001 · B", "not supported", 1)]
    assert spec["encoding"]["color"]["scale"]["domain"][0] == "supported"


def test_script_json_cannot_close_the_script_element():
    text = _script_json({"title": "</script><script>alert(1)</script>"})
    assert "</script" not in text and "<" not in text


def test_iso_week_label():
    assert iso_week_label(date(2026, 11, 16)) == "2026-W47"
    assert iso_week_label(date(2027, 1, 4)) == "2027-W01"
