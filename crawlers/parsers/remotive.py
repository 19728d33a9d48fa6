"""Remotive public API: ``GET /api/remote-jobs``.

The body may start with a byte-order mark (``load_json`` strips it). An object with a ``jobs`` list;
the ``00-warning`` / ``0-legal-notice`` keys are ignored. Every job is remote. ``salary`` is free
text ("$60k - $80k", "$18 - $22/hr", "" when not stated): kept as ``salary_text`` and read with
:mod:`crawlers.parsers.salary_text`.
"""

from __future__ import annotations

import json
from typing import Any

from crawlers.parsers import ParseResult, UnparseableBody, load_json, parse_items, text_or_none
from crawlers.parsers.salary_text import parse_salary_text


def parse(body: str, board: str, context: dict[str, Any] | None = None) -> ParseResult:
    data = load_json(body)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise UnparseableBody("expected an object with a 'jobs' list")
    return parse_items("remotive", board, data["jobs"], _parse_job)


def _parse_job(job: dict[str, Any], record: dict[str, Any]) -> None:
    record["source_id"] = text_or_none(job.get("id"))
    record["title"] = text_or_none(job.get("title"))
    record["company"] = text_or_none(job.get("company_name"))
    record["url"] = text_or_none(job.get("url"))
    record["location_raw"] = text_or_none(job.get("candidate_required_location"))
    record["workplace_raw"] = "remote"
    record["employment_type_raw"] = text_or_none(job.get("job_type"))
    record["department_raw"] = text_or_none(job.get("category"))
    record["posted_at_raw"] = text_or_none(job.get("publication_date"))
    tags = job.get("tags")
    record["tags_raw"] = json.dumps(tags, ensure_ascii=False) if isinstance(tags, list) else None
    record["description_html"] = job.get("description") or None
    salary_text = text_or_none(job.get("salary"))
    record["salary_text"] = salary_text
    salary = parse_salary_text(salary_text)
    if salary.found:
        record["salary_min"], record["salary_max"] = salary.min, salary.max
        record["salary_currency"], record["salary_period"] = salary.currency, salary.period
