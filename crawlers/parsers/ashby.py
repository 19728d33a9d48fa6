"""Ashby Posting API: ``GET /posting-api/job-board/{org}?includeCompensation=true``.

Quirks: ``isRemote`` is ``null`` on some postings (unknown, not on-site); ``workplaceType`` is rare;
compensation comes as tiers of components, of which only ``compensationType == "Salary"`` is pay.
"""

from __future__ import annotations

import json
from typing import Any

from crawlers.parsers import ParseResult, UnparseableBody, load_json, number_or_none, parse_items, text_or_none

INTERVALS = {"1 YEAR": "year", "1 MONTH": "month", "1 WEEK": "week", "1 DAY": "day", "1 HOUR": "hour"}


def parse(body: str, board: str, context: dict[str, Any] | None = None) -> ParseResult:
    data = load_json(body)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise UnparseableBody("expected an object with a 'jobs' list")
    return parse_items("ashby", board, data["jobs"], _parse_job)


def _parse_job(job: dict[str, Any], record: dict[str, Any]) -> None:
    record["source_id"] = text_or_none(job.get("id"))
    record["title"] = text_or_none(job.get("title"))
    record["url"] = text_or_none(job.get("jobUrl"))
    locations = [job.get("location")]
    locations += [s.get("location") for s in job.get("secondaryLocations") or [] if isinstance(s, dict)]
    record["location_raw"] = " | ".join(dict.fromkeys(l.strip() for l in locations if l and l.strip())) or None
    workplace = job.get("workplaceType")
    is_remote = job.get("isRemote")
    # Keep both raw signals: workplaceType when given, else isRemote (true/false/null as served).
    record["workplace_raw"] = workplace if workplace else (None if is_remote is None else f"isRemote={str(is_remote).lower()}")
    record["employment_type_raw"] = text_or_none(job.get("employmentType"))
    record["department_raw"] = " | ".join(p for p in (job.get("department"), job.get("team")) if p) or None
    record["posted_at_raw"] = text_or_none(job.get("publishedAt"))
    record["description_html"] = job.get("descriptionHtml") or None
    compensation = job.get("compensation")
    if isinstance(compensation, dict):
        _salary(compensation, record)


def _salary(compensation: dict[str, Any], record: dict[str, Any]) -> None:
    salaries = [
        component
        for tier in compensation.get("compensationTiers") or []
        for component in (tier.get("components") or [])
        if isinstance(component, dict) and component.get("compensationType") == "Salary"
    ]
    summary = compensation.get("scrapeableCompensationSalarySummary") or compensation.get("compensationTierSummary")
    if not salaries:
        if summary:
            record["salary_raw"] = json.dumps({"summary": summary})
        return
    # Several tiers (per location) give one overall range in the first tier's currency/period.
    first = salaries[0]
    same = [c for c in salaries if c.get("currencyCode") == first.get("currencyCode") and c.get("interval") == first.get("interval")]
    lows = [v for v in (number_or_none(c.get("minValue")) for c in same) if v]
    highs = [v for v in (number_or_none(c.get("maxValue")) for c in same) if v]
    record["salary_raw"] = json.dumps({"summary": summary, "salary_components": salaries}, sort_keys=True)
    record["salary_min"] = min(lows) if lows else (min(highs) if highs else None)
    record["salary_max"] = max(highs) if highs else record["salary_min"]
    record["salary_currency"] = text_or_none(first.get("currencyCode"))
    record["salary_period"] = INTERVALS.get(first.get("interval") or "")
