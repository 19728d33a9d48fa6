"""`jobtrends backfill hn`: Algolia threads -> postings in the week of each thread's month."""

from datetime import date
from pathlib import Path

import pytest

from crawlers.replay.server import ReplayServer
from flows.backfill import backfill_hn
from warehouse import db

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]
REPLAY = Path(__file__).resolve().parents[1] / "fixtures" / "replay" / "basic"


def test_backfill_loads_each_thread_into_its_month(tmp_path):
    with ReplayServer(REPLAY) as server:
        results = backfill_hn(home=str(tmp_path), since="2026-02", api_base_url=server.url)
        again = backfill_hn(home=str(tmp_path), since="2026-02", api_base_url=server.url)
    assert [(r["month"], r["postings"]) for r in results] == [("2026-02", 1), ("2026-03", 2)]
    assert [(r["month"], r["postings"]) for r in again] == [("2026-02", 1), ("2026-03", 2)]
    with db.connect_read(tmp_path) as con:
        rows = con.execute(
            "select week, period_month, company, title from sightings order by week, company"
        ).fetchall()
        skipped = con.execute("select reason, sum(n) from skipped_counts group by 1").fetchall()
    # February's thread lands in the week of Feb 1st (Monday Jan 26th), March's in that of Mar 1st.
    assert rows == [
        (date(2026, 1, 26), date(2026, 2, 1), "Otterbyte", "MLOps Engineer"),
        (date(2026, 2, 23), date(2026, 3, 1), "Larchmont Analytics", "Data Scientist"),
        (date(2026, 2, 23), date(2026, 3, 1), "Quokka Robotics", "ML Engineer"),
    ]
    assert skipped == [("empty comment", 1)]
