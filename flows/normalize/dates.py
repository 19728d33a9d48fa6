"""Posted-date text as the APIs serve it -> UTC datetime."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone


def posted_at(raw: str | None) -> datetime | None:
    """ISO-8601 (any offset) or epoch milliseconds/seconds -> naive UTC datetime; ``None`` if unreadable."""
    if not raw:
        return None
    text = raw.strip()
    if text.isdigit():
        value = int(text)
        seconds = value / 1000 if value > 10**11 else value
        return datetime.fromtimestamp(seconds, tz=timezone.utc).replace(tzinfo=None)
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def period_month(period_raw: str | None, posted: datetime | None) -> date | None:
    """The first day of the month a posting belongs to: the source's stated period (``YYYY-MM``, HN's
    thread month) when there is one, else the month it was posted."""
    if period_raw:
        try:
            year, month = (int(part) for part in period_raw.strip()[:7].split("-"))
            return date(year, month, 1)
        except ValueError:
            pass
    return date(posted.year, posted.month, 1) if posted else None


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week: the partition every count belongs to."""
    return day - timedelta(days=day.weekday())


def parse_week(text: str) -> date:
    """``2026-W47``, or any day such as ``2026-11-18`` -> the Monday of that ISO week."""
    try:
        return week_of(date.fromisoformat(f"{text}-1") if "W" in text else date.fromisoformat(text))
    except ValueError:
        raise ValueError(f"--week must look like 2026-W47 or a date, got {text!r}") from None


def today_utc() -> date:
    """The crawl date of a run that names none: today in UTC, whatever the machine's time zone."""
    return datetime.now(timezone.utc).date()
