"""Pure parsers: one raw API response body -> posting records (no network, no database).

Every parser returns a :class:`ParseResult` whose ``records`` follow one contract, the
*posting record* below, and whose ``rejects`` keep what could not be read with the reason, so
the land step can quarantine them instead of dropping them silently.

Posting record (``dict``; every value JSON-serialisable; raw twins kept beside parsed values):

========================  ==================================================================
source                    ``greenhouse`` | ``lever`` | ``ashby`` | ``hn`` | ``jsonld`` | ``remoteok`` | ``remotive``
board                     the board token the response came from
source_id                 the source's own id for the posting (string)
company                   company name the API states, else ``None`` (filled from sources)
title                     posting title as served
url                       the posting's public URL
location_raw              location text as served (all locations joined with `` | ``)
workplace_raw             the API's remote / workplace field as served (string or ``None``)
employment_type_raw       employment type / commitment as served
department_raw            department or team as served
posted_at_raw             the date field the API offers (ISO string or epoch ms as string)
description_html          the description as HTML (Greenhouse's escaped HTML unescaped once)
salary_raw                structured compensation as served (JSON string) or ``None``
salary_min, salary_max    the structured salary bounds where the API states them
salary_currency           ISO currency code
salary_period             ``year`` | ``month`` | ``week`` | ``day`` | ``hour``
raw_json                  the posting object exactly as served, re-serialised (JSON string)
period_raw                HN: the thread's month as ``YYYY-MM``; else ``None``
salary_text               salary as free text where the source gives only text (HN, Remotive)
tags_raw                  JSON list of tags as served (Remote OK, Remotive)
roles_raw                 HN: JSON list of the role titles one comment names (``title`` is the first)
========================  ==================================================================

Every parser is ``parse(body: str, board: str, context: dict | None = None) -> ParseResult``;
``context`` is provenance the spider knew when it asked (HN comments: the thread), never the body.
``ParseResult.skipped`` counts what is legitimately not a posting (a deleted HN comment) without
quarantining it: ``(reason, raw text)`` like ``rejects``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class ParseResult:
    records: list[dict[str, Any]] = field(default_factory=list)
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (reason, raw text)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (reason, raw text): counted, not quarantined


class UnparseableBody(ValueError):
    """The whole response body is not what the endpoint serves (not JSON, wrong shape)."""


RECORD_FIELDS = (
    "source", "board", "source_id", "company", "title", "url", "location_raw", "workplace_raw",
    "employment_type_raw", "department_raw", "posted_at_raw", "description_html", "salary_raw",
    "salary_min", "salary_max", "salary_currency", "salary_period", "raw_json",
    "period_raw", "salary_text", "tags_raw", "roles_raw",
)


def load_json(body: str) -> Any:
    # A BOM is legal at the start of a served body; json.loads refuses it.
    try:
        return json.loads(body.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise UnparseableBody(f"body is not JSON: {exc}") from None


def empty_record(source: str, board: str) -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(RECORD_FIELDS)
    record["source"], record["board"] = source, board
    return record


def parse_items(
    source: str, board: str, items: list[Any], parse_one: Callable[[dict[str, Any], dict[str, Any]], None]
) -> ParseResult:
    """Run ``parse_one(item, record)`` over each posting object, keeping rejects with a reason."""
    result = ParseResult()
    for item in items:
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True)
        if not isinstance(item, dict):
            result.rejects.append(("posting is not a JSON object", raw))
            continue
        record = empty_record(source, board)
        record["raw_json"] = raw
        try:
            parse_one(item, record)
        except (KeyError, TypeError, ValueError) as exc:
            result.rejects.append((f"unreadable posting: {type(exc).__name__}: {exc}", raw))
            continue
        missing = [k for k in ("source_id", "title") if not record.get(k)]
        if missing:
            result.rejects.append((f"missing {', '.join(missing)}", raw))
            continue
        result.records.append(record)
    return result


def text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def number_or_none(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    number = float(value)
    return number if number > 0 else None


Parser = Callable[..., ParseResult]  # parse(body, board, context=None)


def parser_for(source: str) -> Parser:
    from crawlers.parsers import ashby, greenhouse, hn, jsonld, lever, remoteok, remotive

    parsers = {
        "greenhouse": greenhouse.parse, "lever": lever.parse, "ashby": ashby.parse,
        "hn": hn.parse, "jsonld": jsonld.parse, "remoteok": remoteok.parse, "remotive": remotive.parse,
    }
    try:
        return parsers[source]
    except KeyError:
        raise ValueError(f"no parser for source {source!r}") from None
