"""``jobtrends skills``: the taxonomy, and the extractor run by hand on one posting or many.

    jobtrends skills list [--format table|json] [--category CAT]   every skill in the taxonomy
    jobtrends skills extract [FILE|-]                              one posting (text or HTML) -> one JSON line
    jobtrends skills extract --jsonl [FILE|-]                      {"id", "text"[, "title"]} lines -> one JSON line each
    jobtrends skills explain POSTING_ID [--home H] [--lines]       why a warehouse posting has its skills

Wiring into ``flows/cli.py`` (``commands`` is its ``add_subparsers`` object)::

    from flows.skills_cli import add_parser as add_skills_parser
    add_skills_parser(commands)

Every handler is ``handler(args, settings) -> int`` (``settings`` a :class:`flows.config.Settings`).
``extract`` prints, per posting, one JSON object on one line::

    {"id": ..., "skills": [{"skill", "category", "level", "evidence", "years"}, ...], "degree_min": ...,
     "degree_or_equivalent": ..., "years_min": ..., "salary": {"min", "max", "currency", "period"} | null}

Text containing an HTML tag is converted with :func:`flows.normalize.html_text.html_to_text` first; the
first non-empty line is the title unless a JSONL record gives ``"title"``. A malformed JSONL line is
reported on stderr with its line number and skipped; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import orjson

from flows.cli_output import fail, one_line, stdout_may_close, truncate, write_rows
from flows.config import Settings

# Postings handed to the extractor at once by ``extract --jsonl`` (it batches internally too): bounds
# memory on a large input (two chunks are held: one extracted while the next is read) and lets output
# start before the input ends.
JSONL_CHUNK = 5_000
ALIASES_CHARS = 60
NAME_CHARS = 36
EXPLAIN_MAX_LINES_PER_SKILL = 6
_TAG = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*)>")


# --- argparse ------------------------------------------------------------------------------------------


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``skills`` (with ``list``, ``extract``, ``explain``) on *subparsers*; return its parser.
    (Nothing heavy is imported here: the whole CLI builds this parser.)"""
    skills = subparsers.add_parser("skills", help="the skills taxonomy, and skill extraction by hand",
                                   description="List the skills taxonomy, extract skills from postings you "
                                               "give, or explain why a warehouse posting has its skills.")
    commands = skills.add_subparsers(dest="skills_command", required=True, metavar="{list,extract,explain}")

    listing = commands.add_parser("list", help="print every skill in the taxonomy",
                                  description="Every skill in warehouse/reference/skills.toml.")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.add_argument("--category", metavar="CAT", help="only skills of this category (language, ml-library, ...)")
    listing.set_defaults(handler=cmd_list, home=None)

    extract = commands.add_parser(
        "extract", help="extract skills and facets from one posting (or JSONL postings); prints JSON lines",
        description="Read one posting's text or HTML (the first non-empty line is its title) and print one "
                    "JSON line: skills with level and evidence, degree, years, salary. With --jsonl, read "
                    'one JSON object per line ({"id", "text", optional "title"}) and print one JSON line each.')
    extract.add_argument("file", nargs="?", default="-", metavar="FILE",
                         help="the posting (or JSONL) file; '-' or nothing reads standard input")
    extract.add_argument("--jsonl", action="store_true", help='FILE holds one {"id", "text"} object per line')
    extract.set_defaults(handler=cmd_extract, home=None)

    explain = commands.add_parser(
        "explain", help="show why a warehouse posting has its skills: sections, evidence lines, facets",
        description="Re-run extraction on one posting from the warehouse and show its sections (which lines "
                    "count), every skill with the lines that name it, and its facets.")
    explain.add_argument("posting_id", metavar="POSTING_ID", help="a posting_id of the postings view (source:board:id)")
    explain.add_argument("--home", help="data folder (default: $JOBTRENDS_HOME, else ./data)")
    explain.add_argument("--lines", action="store_true", help="also print every line with its section")
    explain.set_defaults(handler=cmd_explain)
    return skills


# --- handlers ------------------------------------------------------------------------------------------


@stdout_may_close
def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    from flows.skills import load_taxonomy
    from flows.skills.taxonomy import CATEGORIES

    if args.category is not None and args.category not in CATEGORIES:
        return fail(f"unknown category {args.category!r}; one of: {', '.join(CATEGORIES)}", 2)
    taxonomy = load_taxonomy()
    skills = [s for s in taxonomy.skills if args.category is None or s.category == args.category]
    if args.format == "json":
        rows = [{"id": s.id, "name": s.name, "category": s.category, "parent": s.parent, "aliases": list(s.aliases),
                 "aliases_cs": list(s.aliases_cs), "patterns": list(s.patterns)} for s in skills]
        # One skill per line: valid JSON that is also easy to grep.
        sys.stdout.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + ("\n" if rows else "") + "]\n")
        return 0
    scope = f" in category {args.category}" if args.category else ""
    print(f"# taxonomy {taxonomy.version}: {len(skills)} skills{scope}")
    rows = [(s.id, truncate(s.name, NAME_CHARS), s.category, s.parent or "-", truncate(", ".join((*s.aliases, *s.aliases_cs)) or "-", ALIASES_CHARS))
            for s in skills]
    write_rows(("id", "name", "category", "parent", "aliases"), rows, "table")
    return 0


@stdout_may_close
def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from flows.skills import SkillExtractor, load_taxonomy

    try:
        source = _open_input(args.file)
    except OSError as exc:
        return fail(f"cannot read {args.file}: {exc.strerror or exc}", 2)
    extractor = SkillExtractor(load_taxonomy())
    with source:
        if args.jsonl:
            return _extract_jsonl(extractor, source)
        try:
            raw = source.read()
        except (OSError, UnicodeDecodeError) as exc:
            return fail(f"cannot read {args.file}: {exc}", 2)
    title, text = split_title(to_text(raw))
    skills, facets = extractor.extract_document(title, text)
    doc_id = None if args.file == "-" else Path(args.file).name
    _print_json_line(result_record(doc_id, skills, facets))
    return 0


@stdout_may_close
def cmd_explain(args: argparse.Namespace, settings: Settings) -> int:
    import duckdb

    from flows.skills import SkillExtractor, load_taxonomy
    from warehouse.db import WarehouseMissing, connect_read

    try:
        con = connect_read(settings.home)
    except WarehouseMissing as exc:
        return fail(str(exc), 2)
    except duckdb.Error as exc:
        return fail(f"cannot open the warehouse: {one_line(exc)}", 2)
    try:
        rows = con.execute(
            "SELECT coalesce(c.title, p.title), c.description_text, c.description_html, p.company, p.url, p.content_hash"
            " FROM postings AS p LEFT JOIN posting_content AS c USING (content_hash) WHERE p.posting_id = ?",
            [args.posting_id],
        ).fetchall()
        if not rows:
            hint = _similar_ids(con, args.posting_id)
            return fail(f"no posting {args.posting_id!r} in the warehouse at {settings.home}"
                         + (f"; did you mean: {', '.join(hint)}" if hint else
                            "; list some with: jobtrends query \"select posting_id, title from postings limit 10\""), 2)
        stored = _stored_skills(con, rows[0][-1])
    except duckdb.Error as exc:
        return fail(f"cannot read the posting from the warehouse: {one_line(exc)}", 1)
    finally:
        con.close()
    title, text, html, company, url, content_hash = rows[0]
    title = title or ""
    if text is None and html:
        text = to_text(html)
    text = text or ""
    extractor = SkillExtractor(load_taxonomy())
    skills, facets = extractor.extract_document(title, text)
    stored = _compare_stored(stored, extractor.taxonomy.version, skills)
    hits = extractor.hits(title, text) if (title.strip() or text.strip()) else None
    print(render_explain(args.posting_id, title, text, skills, facets, hits, extractor,
                         company=company, url=url, stored=stored, all_lines=args.lines,
                         width=shutil.get_terminal_size((100, 24)).columns))
    return 0


# --- extraction ----------------------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def to_text(raw: str) -> str:
    """A posting as served -> plain text, one block per line (HTML converted; line endings unified)."""
    if looks_like_html(raw):
        # Imported only for HTML: the normalise package costs start-up that plain text never needs.
        from flows.normalize.html_text import html_to_text

        return html_to_text(raw)
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def split_title(text: str) -> tuple[str, str]:
    """The first non-empty line (the title) and the rest."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[i + 1:])
    return "", ""


def result_record(doc_id: Any, skills: list[dict], facets: dict) -> dict:
    """The JSON line ``skills extract`` prints for one posting."""
    salary = None
    if facets.get("salary_min") is not None or facets.get("salary_max") is not None:
        salary = {"min": _number(facets.get("salary_min")), "max": _number(facets.get("salary_max")),
                  "currency": facets.get("salary_currency"), "period": facets.get("salary_period")}
    return {
        "id": doc_id,
        "skills": skills,
        "degree_min": facets.get("degree_min"),
        "degree_or_equivalent": facets.get("degree_or_equivalent"),
        "years_min": facets.get("years_min"),
        "salary": salary,
    }


def _extract_jsonl(extractor, source: TextIO) -> int:
    from concurrent.futures import Future, ThreadPoolExecutor

    bad = 0
    chunk: list[tuple[str, Any, str, str]] = []
    # One chunk is extracted (in Polars, which releases the GIL) while the next is read and parsed (in
    # Python); outputs are written in input order.
    extracting: Future | None = None

    def hand_over(postings: list[tuple[str, Any, str, str]]) -> Future:
        if extracting is not None:
            _write_text(extracting.result())
        return pool.submit(extract_json_lines, extractor, postings)

    with ThreadPoolExecutor(max_workers=1) as pool:
        try:
            for line_no, line in enumerate(source, start=1):
                if not line.strip():
                    continue
                record, problem = _parse_record(line)
                if problem:
                    bad += 1
                    print(f"jobtrends: line {line_no}: {problem}; skipped", file=sys.stderr)
                    continue
                text = to_text(record["text"] or "")
                if record.get("title") is not None:
                    title = " ".join(to_text(record["title"]).split())
                else:
                    title, text = split_title(text)
                chunk.append((str(line_no), record.get("id"), title, text))
                if len(chunk) >= JSONL_CHUNK:
                    extracting = hand_over(chunk)
                    chunk = []
        except UnicodeDecodeError as exc:
            extracting = hand_over(chunk)
            _write_text(extracting.result())
            return fail(f"input is not UTF-8 text: {exc}", 2)
        extracting = hand_over(chunk)
        _write_text(extracting.result())
    if bad:
        print(f"jobtrends: {bad} malformed line{'s' if bad != 1 else ''} skipped", file=sys.stderr)
    return 1 if bad else 0


def _parse_record(line: str) -> tuple[dict, str | None]:
    try:
        # orjson reads a line ~1.3x faster; what it refuses (NaN, lone surrogates, bad JSON) goes to the
        # standard reader, so accepted input and error messages stay its. It reads an integer beyond 64
        # bits as a float: a record with a float is read again too.
        record = orjson.loads(line)
        if isinstance(record, dict) and any(type(value) is float for value in record.values()):
            record = None
    except orjson.JSONDecodeError:
        record = None
    try:
        if record is None:
            record = json.loads(line.strip())
    except json.JSONDecodeError as exc:
        return {}, f"not valid JSON: {exc.msg} at column {exc.colno}"
    except ValueError as exc:
        return {}, f"not valid JSON: {exc}"
    if not isinstance(record, dict):
        return {}, f'expected a JSON object with "id" and "text", got {type(record).__name__}'
    if "text" not in record:
        return {}, 'no "text" field'
    if not (record["text"] is None or isinstance(record["text"], str)):
        return {}, f'"text" must be a string, got {type(record["text"]).__name__}'
    if not (record.get("title") is None or isinstance(record["title"], str)):
        return {}, f'"title" must be a string, got {type(record["title"]).__name__}'
    if isinstance(record.get("id"), (dict, list)):
        return {}, '"id" must be a string or a number'
    return record, None


def _extract_postings(extractor, postings: list[tuple[str, Any, str, str]]):
    """``(key, id, title, text)`` postings -> the extractor's (mentions, facets), keyed by ``content_hash`` = key."""
    import polars as pl

    frame = pl.DataFrame(
        {"content_hash": [p[0] for p in postings], "title": [p[2] for p in postings],
         "description_text": [p[3] for p in postings]},
        schema={"content_hash": pl.String, "title": pl.String, "description_text": pl.String},
    )
    return extractor.extract_all(frame)


def extract_many(extractor, postings: list[tuple[str, Any, str, str]]) -> Iterator[dict]:
    """``(key, id, title, text)`` postings (keys unique) -> their JSON records, in order, in one batch call."""
    if not postings:
        return
    mentions, facets = _extract_postings(extractor, postings)
    skills_by_key: dict[str, list[dict]] = {}
    for key, skill, level, evidence, years in mentions.sort("content_hash", "skill", "level", "evidence").select(
            "content_hash", "skill", "level", "evidence", "years").iter_rows():
        skills_by_key.setdefault(key, []).append(
            {"skill": skill, "category": extractor.skills[skill].category, "level": level, "evidence": evidence,
             "years": years})
    facets_by_key = {row.pop("content_hash"): row for row in facets.to_dicts()}
    for key, doc_id, _, _ in postings:
        yield result_record(doc_id, skills_by_key.get(key, []), facets_by_key[key])


def extract_json_lines(extractor, postings: list[tuple[str, Any, str, str]]) -> str:
    """``(key, id, title, text)`` postings (keys unique) -> their output lines, in order, as one text: the
    same bytes as ``json.dumps(record, ensure_ascii=False)`` of each :func:`extract_many` record, but the
    skills, most of every line, are encoded by Polars in one pass rather than as a dict each in Python."""
    if not postings:
        return ""
    import polars as pl

    mentions, facets = _extract_postings(extractor, postings)
    categories = pl.DataFrame({"skill": list(extractor.skills), "category": [s.category for s in extractor.skills.values()]},
                              schema={"skill": pl.String, "category": pl.String})
    skill_json = pl.concat_str(
        pl.lit('{"skill": '), _json_value("skill"), pl.lit(', "category": '), _json_value("category"),
        pl.lit(', "level": '), _json_value("level"), pl.lit(', "evidence": '), _json_value("evidence"),
        pl.lit(', "years": '), _json_value("years"), pl.lit("}"),
    )
    skills_by_key = dict(
        mentions.join(categories, on="skill", how="left")
        .sort("content_hash", "skill", "level", "evidence")
        .group_by("content_hash", maintain_order=True)
        .agg(skill_json.str.join(", "))
        .iter_rows()
    )
    facet_columns = ("degree_min", "degree_or_equivalent", "years_min", "salary_min", "salary_max", "salary_currency",
                     "salary_period")
    facets_by_key = {row[0]: row[1:] for row in facets.select("content_hash", *facet_columns).iter_rows()}
    out = []
    for key, doc_id, _, _ in postings:
        facet = dict(zip(facet_columns, facets_by_key[key]))
        tail = result_record(doc_id, [], facet)
        del tail["id"], tail["skills"]
        out.append(f'{{"id": {json.dumps(doc_id, ensure_ascii=False)}, "skills": [{skills_by_key.get(key, "")}], '
                   f"{json.dumps(tail, ensure_ascii=False)[1:]}\n")
    return "".join(out)


def _json_value(column: str):
    """A column's values as JSON text, escaped as ``json.dumps(..., ensure_ascii=False)`` escapes them
    (both escape only ``"``, ``\\`` and control characters, the latter as ``\\u00XX``), ``null`` for null."""
    import polars as pl

    return pl.struct(pl.col(column).alias("v")).struct.json_encode().str.strip_prefix('{"v":').str.strip_suffix("}")


# --- explain -------------------------------------------------------------------------------------------


def section_outline(lines) -> list[tuple[int, int, str, int, int, str]]:
    """Classified lines -> runs of one section:
    ``(first line, last line, section, n lines under the heading, n counted, text of the first line)``."""
    runs: list[list] = []
    for line_no, line, section, candidate in lines.select("line_no", "line", "section", "candidate").iter_rows():
        if runs and runs[-1][2] == section:
            runs[-1][1] = line_no
            runs[-1][3] += 1
            runs[-1][4] += bool(candidate)
        else:
            runs.append([line_no, line_no, section, 1, int(bool(candidate)), line])
    for run in runs:  # a run of a section opened by a heading starts with that heading, which never counts
        if run[2] not in ("title", "intro") and run[0] > 0 and run[4] < run[3]:
            run[3] -= 1
    return [tuple(r) for r in runs]


def render_explain(posting_id: str, title: str, text: str, skills: list[dict], facets: dict, hits, extractor, *,
                   company: str | None = None, url: str | None = None,
                   stored: str | None = None, all_lines: bool = False, width: int = 100) -> str:
    import polars as pl

    from flows.skills.sections import classify_lines, split_lines

    width = max(60, min(width, 160))
    out: list[str] = []
    out.append(f"{posting_id}: {title or '(no title)'}" + (f" — {company}" if company else ""))
    if url:
        out.append(f"  {url}")
    n_required = sum(s["level"] == "required" for s in skills)
    out.append(f"  taxonomy {extractor.taxonomy.version}: {len(skills)} skills "
               f"({n_required} required, {len(skills) - n_required} preferred)")
    if stored:
        out.append(f"  {stored}")
    docs = pl.DataFrame({"doc": [0], "text": [f"{title}\n{text}"]}, schema={"doc": pl.UInt32, "text": pl.String})
    lines = classify_lines(split_lines(docs))
    n_lines = len(text.rstrip("\n").split("\n")) if text.strip() else 0
    out.append("")
    out.append(f"Sections (line 0 is the title; line N is line N of the description, {n_lines} lines)")
    for first, last, section, n, counted, first_line in section_outline(lines):
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        if counted == 0:
            note = "not counted"
        elif counted == n:
            note = "counted"
        else:
            note = f"{counted} of {n} counted"
        out.append(truncate(f"  {where:<13} {section:<16} {'(' + note + ')':<19} {first_line}", width))

    out.append("")
    out.append("Skills" if skills else "Skills: none found")
    by_skill: dict[str, list[tuple[int, bool, str]]] = {}
    if hits is not None:
        seen: set[tuple[str, int]] = set()
        for line_no, preferred, skill, evidence in hits.sort("line_no", "pos").select(
                "line_no", "preferred", "skill", "evidence").iter_rows():
            if (skill, line_no) not in seen:
                seen.add((skill, line_no))
                by_skill.setdefault(skill, []).append((line_no, preferred, evidence))
    id_width = max([len(s["skill"]) for s in skills] + [5])
    cat_width = max([len(s["category"]) for s in skills] + [8])
    for skill in sorted(skills, key=lambda s: (s["level"] != "required", s["skill"])):
        out.append(f"  {skill['skill']:<{id_width}}  {skill['category']:<{cat_width}}  {skill['level']}")
        places = by_skill.get(skill["skill"]) or [(None, skill["level"] == "preferred", skill["evidence"])]
        for line_no, preferred, evidence in places[:EXPLAIN_MAX_LINES_PER_SKILL]:
            label = f"L{line_no}" if line_no is not None else "  "
            tag = " [preferred]" if preferred else ""
            out.extend(textwrap.wrap(f"{label:>5}  {evidence}{tag}", width=width - 4, initial_indent="    ",
                                     subsequent_indent=" " * 11, break_on_hyphens=False) or [""])
        if len(places) > EXPLAIN_MAX_LINES_PER_SKILL:
            out.append(f"           … and {len(places) - EXPLAIN_MAX_LINES_PER_SKILL} more lines")

    out.append("")
    out.append("Facets")
    degree = facets.get("degree_min")
    if facets.get("degree_or_equivalent"):
        degree = f"{degree} (or equivalent experience)"
    out.append(f"  degree_min  {degree}")
    out.append(f"  years_min   {facets.get('years_min') if facets.get('years_min') is not None else '-'}")
    out.append(f"  salary      {_salary_text(facets)}")

    if all_lines:
        out.append("")
        out.append("Lines (* counted, + counted as preferred)")
        for line_no, line, section, candidate, preferred in lines.select(
                "line_no", "line", "section", "candidate", "preferred").iter_rows():
            mark = ("+" if preferred else "*") if candidate else " "
            out.extend(textwrap.wrap(f"  {mark} {line_no:>4} {section:<16} {line}", width=width, subsequent_indent=" " * 26,
                                     drop_whitespace=True, break_on_hyphens=False) or [""])
    return "\n".join(out)


def _salary_text(facets: dict) -> str:
    low, high = facets.get("salary_min"), facets.get("salary_max")
    if low is None and high is None:
        return "-"
    amount = "–".join(f"{v:,.0f}" for v in dict.fromkeys(v for v in (low, high) if v is not None))
    parts = [amount, facets.get("salary_currency") or "", f"per {facets['salary_period']}" if facets.get("salary_period") else ""]
    return " ".join(p for p in parts if p)


def _stored_skills(con, content_hash: str | None) -> dict[str, set[str]]:
    """Taxonomy version -> the skills the warehouse extracted from this posting version with it."""
    import duckdb

    if content_hash is None:
        return {}
    try:
        versions = con.execute("SELECT taxonomy_version FROM skill_extractions WHERE content_hash = ?", [content_hash]).fetchall()
        mentions = con.execute("SELECT taxonomy_version, skill FROM skill_mentions WHERE content_hash = ?", [content_hash]).fetchall()
    except duckdb.Error:
        return {}
    stored: dict[str, set[str]] = {version: set() for (version,) in versions}
    for version, skill in mentions:
        stored.setdefault(version, set()).add(skill)
    return stored


def _compare_stored(stored: dict[str, set[str]], version: str, skills: list[dict]) -> str | None:
    """A note when the warehouse's extraction of the posting is not what this run finds, else None."""
    if version not in stored:
        others = sorted(stored)
        if others:
            return f"(the warehouse extracted this posting with taxonomy {others[-1]}, not {version})"
        return "(the warehouse has not extracted this posting yet)"
    found = {s["skill"] for s in skills}
    extra, missing = sorted(found - stored[version]), sorted(stored[version] - found)
    if not extra and not missing:
        return None
    return ("(the warehouse's extraction differs, from an earlier extractor:"
            + (f" not stored: {', '.join(extra)};" if extra else "")
            + (f" stored only: {', '.join(missing)};" if missing else "")).rstrip(";") + ")"


def _similar_ids(con, posting_id: str, limit: int = 5) -> list[str]:
    needle = posting_id.strip().split(":")[-1] or posting_id
    rows = con.execute(
        "SELECT posting_id FROM postings WHERE contains(lower(posting_id), lower(?)) ORDER BY posting_id LIMIT ?",
        [needle, limit],
    ).fetchall()
    return [r[0] for r in rows]


# --- input and output ----------------------------------------------------------------------------------


class _Borrowed:
    """stdin as a context manager that does not close it."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def __enter__(self) -> TextIO:
        return self.stream

    def __exit__(self, *exc) -> None:
        return None

    def __iter__(self):
        return iter(self.stream)

    def read(self) -> str:
        return self.stream.read()


def _open_input(name: str):
    if name == "-":
        return _Borrowed(sys.stdin)
    return open(name, encoding="utf-8", newline="")  # noqa: SIM115 - closed by the caller's `with`


def _print_json_line(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_text(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _number(value: float | None) -> float | int | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value
