"""Report queries (reports/queries/*.sql) on tiny stand-ins for the views they read."""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pytest

from reports.render import query

W0, W1 = date(2026, 11, 9), date(2026, 11, 16)


@pytest.fixture
def demand():
    """skill_demand_weekly and skills as plain tables: two weeks of 100 ML-role jobs each."""
    con = duckdb.connect()
    con.execute("CREATE TABLE skills (skill VARCHAR, name VARCHAR, category VARCHAR)")
    con.execute("CREATE TABLE skill_demand_weekly (week DATE, skill VARCHAR, n_with_skill BIGINT, n_postings BIGINT, share DOUBLE, n_required BIGINT)")
    rows = {  # skill: (jobs last week, jobs this week)
        "vllm": (5, 25),      # a real rise
        "hadoop": (20, 6),    # a real fall
        "python": (60, 64),   # noise
        "rare": (1, 5),       # too few jobs to test (6 < 10)
    }
    for skill, (k0, k1) in rows.items():
        con.execute("INSERT INTO skills VALUES (?, ?, 'x')", [skill, skill.title()])
        con.execute("INSERT INTO skill_demand_weekly VALUES (?, ?, ?, 100, ?, 0), (?, ?, ?, 100, ?, 0)",
                    [W0, skill, k0, k0 / 100, W1, skill, k1, k1 / 100])
    return con


def z_test(k1, n1, k0, n0):
    pooled = (k1 + k0) / (n1 + n0)
    return (k1 / n1 - k0 / n0) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0))


def test_movers_are_the_skills_the_two_proportion_test_supports(demand):
    movers = query(demand, "movers", week=W1, min_jobs=10)
    assert movers["skill"].to_list() == ["vllm", "hadoop"]  # sorted by z, noise and the rare skill left out
    vllm = movers.row(0, named=True)
    assert vllm["z"] == pytest.approx(z_test(25, 100, 5, 100))
    assert vllm["change"] == pytest.approx(0.20) and vllm["previous_share"] == pytest.approx(0.05)
    assert movers.row(1, named=True)["z"] == pytest.approx(z_test(6, 100, 20, 100))
    assert abs(z_test(64, 100, 60, 100)) < 1.96  # python really is noise


def test_no_movers_without_an_earlier_week_or_with_small_weeks(demand):
    assert query(demand, "movers", week=W0, min_jobs=10).is_empty()
    demand.execute("UPDATE skill_demand_weekly SET n_postings = 29 WHERE week = ?", [W0])
    assert query(demand, "movers", week=W1, min_jobs=10).is_empty()
