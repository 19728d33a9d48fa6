"""Greenhouse Job Board API: ``GET /v1/boards/{token}/jobs?content=true``.

Quirks: ``content`` is HTML *escaped* as text (``&lt;p&gt;``) and must be unescaped once; there is
no posted date, only ``first_published`` (older boards lack it) and ``updated_at``.
"""

from __future__ import annotations

import html
from typing import Any

from crawlers.parsers import ParseResult, UnparseableBody, load_json, parse_items, text_or_none


def parse(body: str, board: str, context: dict[str, Any] | None = None) -> ParseResult:
    data = load_json(body)
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise UnparseableBody("expected an object with a 'jobs' list")
    return parse_items("greenhouse", board, data["jobs"], _parse_job)


def _parse_job(job: dict[str, Any], record: dict[str, Any]) -> None:
    record["source_id"] = text_or_none(job.get("id"))
    record["title"] = text_or_none(job.get("title"))
    record["company"] = text_or_none(job.get("company_name"))
    record["url"] = text_or_none(job.get("absolute_url"))
    location = job.get("location") or {}
    names = [location.get("name")] if isinstance(location, dict) else []
    names += [o.get("name") for o in job.get("offices") or [] if isinstance(o, dict)]
    record["location_raw"] = " | ".join(dict.fromkeys(n.strip() for n in names if n and n.strip())) or None
    record["department_raw"] = " | ".join(
        d["name"] for d in job.get("departments") or [] if isinstance(d, dict) and d.get("name")
    ) or None
    record["posted_at_raw"] = text_or_none(job.get("first_published") or job.get("updated_at"))
    content = job.get("content")
    record["description_html"] = html.unescape(content) if isinstance(content, str) else None
    for item in job.get("metadata") or []:
        # Boards often carry workplace type as custom metadata ("Remote", "Location Type", ...).
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            name = item["name"].lower()
            if ("remote" in name or "workplace" in name or "location type" in name) and item.get("value"):
                record["workplace_raw"] = str(item["value"])
            elif "employment" in name and item.get("value"):
                record["employment_type_raw"] = str(item["value"])
