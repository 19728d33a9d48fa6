from datetime import date, datetime, timezone

import time_machine

from flows.normalize.dates import today_utc, week_of


def test_week_is_the_iso_monday():
    assert week_of(date(2026, 11, 16)) == date(2026, 11, 16)
    assert week_of(date(2026, 11, 22)) == date(2026, 11, 16)  # Sunday ends the ISO week
    assert week_of(date(2027, 1, 1)) == date(2026, 12, 28)


@time_machine.travel(datetime(2026, 11, 23, 0, 30, tzinfo=timezone.utc), tick=False)
def test_today_is_utc_not_local(monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")  # still Sunday the 22nd there
    assert today_utc() == date(2026, 11, 23)
    assert week_of(today_utc()) == date(2026, 11, 23)
