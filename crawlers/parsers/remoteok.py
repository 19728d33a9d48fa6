"""Remote OK public API: ``GET /api``.

The body is a JSON array whose first element is a legal notice (``legal``, ``last_updated``, no
``id``): skipped silently, it is not a posting. Every job is remote. ``salary_min``/``salary_max`` of
``0`` mean "not stated"; stated ones are US dollars a year. Text carries mojibake exactly as served
(kept: the raw layer is the truth, a fix belongs in normalisation).
"""

from __future__ import annotations

import json
from typing import Any

from crawlers.parsers import ParseResult, UnparseableBody, load_json, number_or_none, parse_items, text_or_none


def parse(body: str, board: str, context: dict[str, Any] | None = None) -> ParseResult:
    data = load_json(body)
    if not isinstance(data, list):
        raise UnparseableBody("expected a JSON array of jobs")
    jobs = [item for item in data if not _is_notice(item)]
    return parse_items("remoteok", board, jobs, _parse_job)


def _is_notice(item: Any) -> bool:
    return isinstance(item, dict) and "id" not in item and ("legal" in item or "last_updated" in item)


def _parse_job(job: dict[str, Any], record: dict[str, Any]) -> None:
    record["source_id"] = text_or_none(job.get("id"))
    # Remote OK serves some listings blank (no position, no company). They are listings all the same:
    # keep them, titled so, rather than quarantine a record that is exactly what the API serves.
    record["title"] = text_or_none(job.get("position")) or "(no title served)"
    record["company"] = text_or_none(job.get("company"))
    record["url"] = text_or_none(job.get("url") or job.get("apply_url"))
    record["location_raw"] = text_or_none(job.get("location"))
    record["workplace_raw"] = "remote"
    tags = job.get("tags")
    record["tags_raw"] = json.dumps(tags, ensure_ascii=False) if isinstance(tags, list) else None
    date, epoch = job.get("date"), job.get("epoch")
    record["posted_at_raw"] = text_or_none(date) or (str(epoch) if epoch is not None else None)
    record["description_html"] = job.get("description") or None
    low, high = number_or_none(job.get("salary_min")), number_or_none(job.get("salary_max"))
    if low is not None or high is not None:
        record["salary_raw"] = json.dumps({"salary_min": job.get("salary_min"), "salary_max": job.get("salary_max")})
        record["salary_min"], record["salary_max"] = low, high
        record["salary_currency"], record["salary_period"] = "USD", "year"
