"""Lever Postings API: ``GET /v0/postings/{site}?mode=json`` (paged with ``skip``/``limit``).

The body is a JSON array of postings. Dates are epoch milliseconds (``createdAt``); salary is the
optional ``salaryRange`` object with an ``interval`` such as ``per-year-salary``.
"""

from __future__ import annotations

import json
from typing import Any

from crawlers.parsers import ParseResult, UnparseableBody, load_json, number_or_none, parse_items, text_or_none

INTERVALS = {
    "per-year-salary": "year", "per-month-salary": "month", "per-week-salary": "week",
    "per-day-wage": "day", "per-hour-wage": "hour", "one-time": None,
}


def parse(body: str, board: str, context: dict[str, Any] | None = None) -> ParseResult:
    data = load_json(body)
    if not isinstance(data, list):
        if isinstance(data, dict) and data.get("ok") is False:
            raise UnparseableBody(f"API error: {data.get('error') or data}")
        raise UnparseableBody("expected a JSON array of postings")
    return parse_items("lever", board, data, _parse_posting)


def _parse_posting(posting: dict[str, Any], record: dict[str, Any]) -> None:
    record["source_id"] = text_or_none(posting.get("id"))
    record["title"] = text_or_none(posting.get("text"))
    record["url"] = text_or_none(posting.get("hostedUrl"))
    categories = posting.get("categories") or {}
    locations = categories.get("allLocations") or [categories.get("location")]
    record["location_raw"] = " | ".join(dict.fromkeys(l.strip() for l in locations if l and l.strip())) or None
    record["workplace_raw"] = text_or_none(posting.get("workplaceType"))
    record["employment_type_raw"] = text_or_none(categories.get("commitment"))
    record["department_raw"] = " | ".join(
        p for p in (categories.get("department"), categories.get("team")) if p
    ) or None
    created = posting.get("createdAt")
    record["posted_at_raw"] = str(created) if created is not None else None
    parts = [posting.get("description") or ""]
    for item in posting.get("lists") or []:
        if isinstance(item, dict):
            parts.append(f"<h3>{item.get('text') or ''}</h3><ul>{item.get('content') or ''}</ul>")
    parts.append(posting.get("additional") or "")
    record["description_html"] = "\n".join(p for p in parts if p) or None
    salary = posting.get("salaryRange")
    if isinstance(salary, dict):
        record["salary_raw"] = json.dumps(salary, sort_keys=True)
        record["salary_min"] = number_or_none(salary.get("min"))
        record["salary_max"] = number_or_none(salary.get("max"))
        record["salary_currency"] = text_or_none(salary.get("currency"))
        record["salary_period"] = INTERVALS.get(salary.get("interval") or "", None)
