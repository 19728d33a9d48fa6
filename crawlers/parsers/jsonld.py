"""Career pages with schema.org ``JobPosting`` JSON-LD: one HTML page per body; board = the site.

Every ``<script type="application/ld+json">`` block is read (HTML comments, CDATA wrappers, a
top-level list and ``@graph`` are tolerated); objects whose ``@type`` is or contains ``JobPosting``
become records. ``source_id`` is ``identifier`` (its ``value`` when it is a ``PropertyValue``), else the
last path segment of the posting's ``url``, else of ``context["url"]``, else of the page's own
``og:url`` / canonical link (only when the page holds one posting); none -> reject ``no id``.
``jobLocationType`` is kept as served (``TELECOMMUTE``). A page without a ``JobPosting`` is one reject,
not an exception: sites serve such pages (expired postings, listings), and they must be counted.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlparse

from crawlers.parsers import ParseResult, empty_record, number_or_none, text_or_none

_SCRIPT = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(?P<json>.*?)</script\s*>",
    re.I | re.S,
)
_LEAD = re.compile(r"^\s*(?:/\*\s*<!\[CDATA\[\s*\*/|(?://\s*)?(?:<!--|<!\[CDATA\[))\s*")
_TRAIL = re.compile(r"\s*(?:/\*\s*\]\]>\s*\*/|(?://\s*)?(?:-->|\]\]>))\s*$")
_PAGE_URL = (
    re.compile(r"<meta\b[^>]*\bproperty\s*=\s*[\"']og:url[\"'][^>]*\bcontent\s*=\s*[\"']([^\"']+)", re.I),
    re.compile(r"<meta\b[^>]*\bcontent\s*=\s*[\"']([^\"']+)[\"'][^>]*\bproperty\s*=\s*[\"']og:url[\"']", re.I),
    re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']canonical[\"'][^>]*\bhref\s*=\s*[\"']([^\"']+)", re.I),
)
UNITS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
_GENERIC_SEGMENTS = {"apply", "job", "jobs", "careers", "posting", "view", "details", "application"}


def parse(body: str, board: str, context: dict[str, Any] | None = None) -> ParseResult:
    result = ParseResult()
    postings: list[dict[str, Any]] = []
    for match in _SCRIPT.finditer(body or ""):
        text = _unwrap(match.group("json"))
        if not text:
            continue
        try:
            data = json.loads(text, strict=False)  # strict=False: raw newlines inside strings are common
        except json.JSONDecodeError as exc:
            result.rejects.append((f"malformed JSON-LD: {exc}", match.group("json")))
            continue
        postings.extend(_job_postings(data))
    if not postings:
        if not result.rejects:
            result.rejects.append(("no JobPosting JSON-LD on page", body))
        return result
    page_url = (context or {}).get("url") or (_page_url(body) if len(postings) == 1 else None)
    for posting in postings:
        raw = json.dumps(posting, ensure_ascii=False, sort_keys=True)
        record = empty_record("jsonld", board)
        record["raw_json"] = raw
        try:
            _fill(posting, record, page_url)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            result.rejects.append((f"unreadable posting: {type(exc).__name__}: {exc}", raw))
            continue
        if not record["source_id"]:
            result.rejects.append(("no id", raw))
        elif not record["title"]:
            result.rejects.append(("missing title", raw))
        else:
            result.records.append(record)
    return result


def _unwrap(block: str) -> str:
    """Strip HTML-comment and CDATA wrappers (``<!--``, ``//<![CDATA[``, ``/*<![CDATA[*/``…)."""
    text, previous = block.strip(), None
    while text != previous:
        previous = text
        text = _LEAD.sub("", text, count=1)
        text = _TRAIL.sub("", text, count=1)
    return text.rstrip(";").strip()


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [str(k) for k in kinds if k]


def _job_postings(data: Any) -> list[dict[str, Any]]:
    """Objects typed JobPosting at the top level, in a list or in ``@graph`` (nested graphs too)."""
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack[:0] = node
        elif isinstance(node, dict):
            if any("JobPosting" in kind for kind in _types(node)):
                found.append(node)
            elif isinstance(node.get("@graph"), list | dict):
                graph = node["@graph"]
                stack[:0] = graph if isinstance(graph, list) else [graph]
    return found


def _page_url(body: str) -> str | None:
    for pattern in _PAGE_URL:
        match = pattern.search(body)
        if match:
            return html.unescape(match.group(1)).strip() or None
    return None


def _last_segment(url: str | None) -> str | None:
    if not url:
        return None
    segments = [s for s in urlparse(url).path.split("/") if s]
    if not segments:
        return None
    if segments[-1].lower() in _GENERIC_SEGMENTS and len(segments) > 1:
        return segments[-2]
    return segments[-1]


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        return text_or_none(value.get("name"))
    if isinstance(value, list):
        return " | ".join(n for n in (_name(v) for v in value) if n) or None
    return text_or_none(value)


def _identifier(value: Any) -> str | None:
    if isinstance(value, list):
        return next((i for i in (_identifier(v) for v in value) if i), None)
    if isinstance(value, dict):
        return text_or_none(value.get("value") or value.get("@id") or value.get("name"))
    return text_or_none(value)


def _address(place: Any) -> str | None:
    if isinstance(place, str):
        return text_or_none(place)
    if not isinstance(place, dict):
        return None
    address = place.get("address", place)
    if isinstance(address, str):
        return text_or_none(address)
    if not isinstance(address, dict):
        return None
    parts = [_name(address.get(key)) for key in ("addressLocality", "addressRegion", "addressCountry")]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or _name(place)


def _locations(posting: dict[str, Any]) -> str | None:
    places = posting.get("jobLocation")
    places = places if isinstance(places, list) else [places]
    names = [n for n in (_address(p) for p in places) if n]
    if not names:  # remote postings often state only where applicants may live
        names = [n for n in str(_name(posting.get("applicantLocationRequirements")) or "").split(" | ") if n]
    return " | ".join(dict.fromkeys(names)) or None


def _fill(posting: dict[str, Any], record: dict[str, Any], page_url: str | None) -> None:
    url = text_or_none(posting.get("url"))
    record["source_id"] = _identifier(posting.get("identifier")) or _last_segment(url) or _last_segment(page_url)
    record["url"] = url or page_url
    record["title"] = text_or_none(posting.get("title") or posting.get("name"))
    record["company"] = _name(posting.get("hiringOrganization"))
    record["location_raw"] = _locations(posting)
    kind = posting.get("jobLocationType")
    record["workplace_raw"] = ", ".join(map(str, kind)) if isinstance(kind, list) else text_or_none(kind)
    employment = posting.get("employmentType")
    record["employment_type_raw"] = ", ".join(map(str, employment)) if isinstance(employment, list) else text_or_none(employment)
    record["department_raw"] = _name(posting.get("occupationalCategory"))
    record["posted_at_raw"] = text_or_none(posting.get("datePosted"))
    description = posting.get("description")
    if isinstance(description, str):
        record["description_html"] = (html.unescape(description) if "&lt;" in description else description) or None
    salary = posting.get("baseSalary") or posting.get("estimatedSalary")
    if salary:
        _salary(salary, record)


def _salary(salary: Any, record: dict[str, Any]) -> None:
    record["salary_raw"] = json.dumps(salary, ensure_ascii=False, sort_keys=True)
    amount = salary[0] if isinstance(salary, list) and salary else salary
    if not isinstance(amount, dict):
        number = number_or_none(amount) if isinstance(amount, int | float | str) else None
        record["salary_min"] = record["salary_max"] = number
        return
    value = amount.get("value")
    unit = amount.get("unitText")
    if isinstance(value, dict):
        low = number_or_none(value.get("minValue"))
        high = number_or_none(value.get("maxValue"))
        single = number_or_none(value.get("value"))
        unit = value.get("unitText") or unit
    else:
        low = high = None
        single = number_or_none(value)
    record["salary_min"] = low if low is not None else single
    record["salary_max"] = high if high is not None else (single if single is not None else low)
    record["salary_currency"] = text_or_none(amount.get("currency") or (value.get("currency") if isinstance(value, dict) else None))
    record["salary_period"] = UNITS.get(str(unit or "").strip().upper())
