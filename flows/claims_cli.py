"""``jobtrends claims``: the guides' claims and their verdicts on the warehouse's postings.

    jobtrends claims list [--guide DOC] [--verdict V] [--week YYYY-Www] [--format table|csv|json]
    jobtrends claims show CLAIM_ID [--week YYYY-Www] [--examples N]
    jobtrends claims mentions [--seeds DIR] [--check]

``list`` and ``show`` read the ``claim_scorecard_weekly`` view (warehouse/models/25_claims.sql);
``show`` adds example postings as evidence: jobs in the claim's segment that have its subject, each
with the line that names it. ``mentions`` rewrites warehouse/reference/guide_mentions.csv (how often
each guide names each skill, read by the guides' alignment) from the guides' text, or with
``--check`` says whether it is current.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from flows.cli_output import fail, one_line, stdout_may_close, truncate, write_rows
from flows.config import Settings
from warehouse.reference import VERDICT_MEANINGS, VERDICTS

DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
QUOTE_CHARS = 70


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    claims = subparsers.add_parser("claims", help="the guides' claims and their verdicts",
                                   description="The career guides' claims, tested against the postings.")
    commands = claims.add_subparsers(dest="claims_command", required=True, metavar="{list,show,mentions}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", help="data folder (default: $JOBTRENDS_HOME, else ./data)")
    common.add_argument("--week", help="ISO week like 2026-W47 (default: the latest week loaded)")

    listing = commands.add_parser("list", parents=[common], help="every claim with its verdict")
    listing.add_argument("--guide", help="only this guide (its file name, or its number such as 003)")
    listing.add_argument("--verdict", choices=VERDICTS, help="only claims with this verdict")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", parents=[common], help="one claim: quote, test, verdict, evidence")
    show.add_argument("claim_id")
    show.add_argument("--examples", type=int, default=5, help="example postings to show (default 5)")
    show.set_defaults(handler=cmd_show)

    mentions = commands.add_parser("mentions", help="recount how often each guide names each skill")
    mentions.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help=f"the guides' folder (default {DEFAULT_SEEDS})")
    mentions.add_argument("--check", action="store_true", help="only check the stored counts are current (exit 1 if not)")
    mentions.set_defaults(handler=cmd_mentions)
    return claims


# --- list and show ---------------------------------------------------------------------------------


def _scorecard(con, week_arg: str | None, where: str = "", params: list | None = None):
    """The scorecard rows of one week (the latest by default); ``where`` is a fixed SQL fragment."""
    from flows.normalize.dates import parse_week

    if week_arg:
        week = parse_week(week_arg)
    else:
        week = con.execute("SELECT max(week) FROM stg_claim_jobs").fetchall()[0][0]
        if week is None:
            from warehouse.db import WarehouseMissing

            raise WarehouseMissing("no ML-role postings loaded yet, so no verdicts: run `jobtrends demo` or `jobtrends run` first")
    sql = (
        "SELECT s.*, c.note, g.title AS guide_title FROM claim_scorecard_weekly AS s"
        " JOIN claims AS c USING (claim_id) LEFT JOIN ref_guides AS g ON g.doc = s.doc"
        f" WHERE s.week = ? {where} ORDER BY s.doc, s.claim_id"
    )
    return week, con.sql(sql, params=[week, *(params or [])]).pl()


def _connect(settings: Settings):
    from warehouse.db import connect_read

    return connect_read(settings.home)


@stdout_may_close
def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse.db import WarehouseMissing

    where, params = "", []
    if args.guide:
        where += " AND (s.doc = ? OR starts_with(s.doc, ? || '_'))"
        params += [args.guide, args.guide]
    if args.verdict:
        where += " AND s.verdict = ?"
        params.append(args.verdict)
    try:
        with _connect(settings) as con:
            week, rows = _scorecard(con, args.week, where, params)
    except (WarehouseMissing, ValueError) as exc:
        return fail(one_line(exc), 2)
    if args.format == "json":
        for row in rows.iter_rows(named=True):
            row["week"] = str(row["week"])
            sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        return 0
    header = ("claim_id", "verdict", "observed", "expected", "n", "ci95", "quote")
    table = [
        (r["claim_id"], r["verdict"], _number(r["observed"]), r["expected"] or "", r["n"],
         _interval(r["ci_low"], r["ci_high"]), _cut(r["quote"], QUOTE_CHARS if args.format == "table" else None))
        for r in rows.iter_rows(named=True)
    ]
    write_rows(header, table, args.format)
    if args.format == "table":
        counts = rows["verdict"].value_counts(sort=True).iter_rows() if not rows.is_empty() else []
        points = rows["point_id"].n_unique() if not rows.is_empty() else 0
        print(f"\n{len(rows)} claims ({points} points), week {week}: " + ", ".join(f"{n} {v}" for v, n in counts))
    return 0


@stdout_may_close
def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse.db import WarehouseMissing

    try:
        with _connect(settings) as con:
            week, rows = _scorecard(con, args.week, "AND s.claim_id = ?", [args.claim_id])
            if rows.is_empty():
                known = con.execute("SELECT count(*) FROM claims WHERE claim_id = ?", [args.claim_id]).fetchall()[0][0]
                if not known:
                    return fail(f"no claim {args.claim_id!r} (see `jobtrends claims list`)", 2)
                return fail(f"no scorecard for week {week}: no ML-role postings loaded that week", 2)
            claim = rows.row(0, named=True)
            examples = _examples(con, claim, args.examples)
    except (WarehouseMissing, ValueError) as exc:
        return fail(one_line(exc), 2)
    out = io.StringIO()
    out.write(f"{claim['claim_id']}  ({claim['guide_title'] or claim['doc']}, {claim['doc']})\n")
    out.write(f"  “{claim['quote']}”\n\n")
    out.write(f"  stance    {claim['stance']} on {', '.join(claim['subjects'])} ({claim['topic']})\n")
    out.write(f"  test      {claim['test']}   segment: {claim['segment']}\n")
    if claim["note"]:
        out.write(f"  note      {claim['note']}\n")
    out.write(f"  point     {claim['point_id']}\n")
    out.write(f"\n  week {week}: {claim['verdict'].upper()} — {VERDICT_MEANINGS[claim['verdict']]}\n")
    if claim["test_kind"] != "untestable":
        pooled = f", pooled over {claim['weeks_pooled']} weeks" if (claim["weeks_pooled"] or 1) > 1 else ""
        out.write(f"  observed  {_number(claim['observed'])}  95% interval {_interval(claim['ci_low'], claim['ci_high'])}"
                  f"  n={claim['n']}{pooled}\n  expected  {claim['expected']}\n")
        if claim["n_employers"] is not None:
            deff = f", design effect {claim['design_effect']:.2f}" if claim["design_effect"] is not None else ""
            out.write(f"  clusters  {claim['n_employers']} employers{deff} (the interval counts employers, not only postings)\n")
        if claim["weighted_observed"] is not None:
            flip = "  ← the verdict changes" if claim["verdict_flips"] else ""
            twin = "each job once" if claim["test_kind"] == "median" else "each employer once"
            out.write(f"  {twin}: {_number(claim['weighted_observed'])} → {claim['weighted_verdict']}{flip}\n")
        if claim["p_value"] is not None:
            chance = "  (could be chance)" if claim["could_be_chance"] else ""
            out.write(f"  p = {claim['p_value']:.3g}, q = {claim['q_value']:.3g} (Benjamini–Hochberg over the week's tests){chance}\n")
    out.write(f"  why       {claim['explanation']}\n")
    if examples:
        out.write("\n  example postings:\n")
        for ex in examples:
            out.write(f"  - {ex['posting_id']}  {ex['company'] or ''} · {ex['title'] or ''}\n")
            if ex.get("evidence"):
                out.write(f"      {ex['subject']}: “{_cut(ex['evidence'], 160)}”\n")
            if ex.get("url"):
                out.write(f"      {ex['url']}\n")
    sys.stdout.write(out.getvalue())
    return 0


def _examples(con, claim: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """Postings in the claim's segment that week that have one of its subjects, with the line."""
    if claim["test_kind"] == "untestable" or limit <= 0:
        return []
    subjects = list(claim["subjects"])
    rows = con.sql(
        """
        WITH named AS (
            SELECT j.posting_id, js.subject, any_value(m.evidence) AS evidence
            FROM stg_claim_segment_jobs AS j
            JOIN stg_claim_job_subjects AS js ON js.week = j.job_week AND js.canonical_id = j.canonical_id
            JOIN postings AS p ON p.posting_id = j.posting_id
            LEFT JOIN stg_skill_ancestors AS a ON a.ancestor = js.subject
            LEFT JOIN stg_current_mentions AS m ON m.content_hash = p.content_hash AND m.skill = a.skill
            WHERE j.claim_id = ? AND j.week = ? AND list_contains(?, js.subject)
            GROUP BY j.posting_id, js.subject
        )
        SELECT n.posting_id, p.company, p.title, p.url, string_agg(n.subject, ', ' ORDER BY n.subject) AS subject,
               min(n.evidence) AS evidence
        FROM named AS n JOIN postings AS p USING (posting_id)
        GROUP BY n.posting_id, p.company, p.title, p.url
        ORDER BY hash(n.posting_id)
        LIMIT ?
        """,
        params=[claim["claim_id"], claim["week"], subjects, limit],
    ).pl()
    if claim["test_kind"] == "median":  # figures have no subject rows: show jobs that state it
        rows = con.sql(
            """
            SELECT j.posting_id, p.company, p.title, p.url, ? AS subject,
                   CASE ? WHEN 'salary' THEN printf('$%,.0f a year: %s %,.0f to %,.0f per %s (%s)', j.salary_usd,
                                                    p.salary_currency, coalesce(p.salary_min, p.salary_max),
                                                    coalesce(p.salary_max, p.salary_min), p.salary_period, p.salary_source)
                          ELSE printf('%d years', j.years_min) END AS evidence
            FROM stg_claim_segment_jobs AS j JOIN postings AS p USING (posting_id)
            WHERE j.claim_id = ? AND j.week = ?
              AND CASE ? WHEN 'salary' THEN j.salary_usd ELSE j.years_min END IS NOT NULL
            ORDER BY hash(j.posting_id) LIMIT ?
            """,
            params=[subjects[0], subjects[0], claim["claim_id"], claim["week"], subjects[0], limit],
        ).pl()
    return rows.to_dicts()


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3f}"


def _interval(low, high) -> str:
    return "—" if low is None or high is None else f"[{_number(low)}, {_number(high)}]"


def _cut(text: str | None, limit: int | None) -> str:
    return truncate(" ".join((text or "").split()), limit)


# --- mentions ----------------------------------------------------------------------------------------


def guide_mentions(seeds: Path) -> list[dict[str, Any]]:
    """(doc, skill, mentions, taxonomy_version) for every guide in ``seeds`` and skill it names."""
    from flows.skills import SkillExtractor
    from flows.skills.taxonomy import load_taxonomy
    from warehouse.reference import load_claims

    taxonomy = load_taxonomy()
    extractor = SkillExtractor(taxonomy)
    guides, _ = load_claims()
    rows = []
    for guide in guides:
        path = seeds / guide["doc"]
        if not path.is_file():
            raise FileNotFoundError(f"guide {guide['doc']} is not in {seeds}")
        counts = extractor.count_mentions(path.read_text(encoding="utf-8"))
        rows += [{"doc": guide["doc"], "skill": skill, "mentions": n, "taxonomy_version": taxonomy.version}
                 for skill, n in sorted(counts.items())]
    return rows


def mentions_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("doc", "skill", "mentions", "taxonomy_version"), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def cmd_mentions(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse.reference import GUIDE_MENTIONS_FILE

    if not args.seeds.is_dir():
        return fail(f"no guides folder at {args.seeds} (give --seeds)", 2)
    try:
        text = mentions_csv(guide_mentions(args.seeds))
    except FileNotFoundError as exc:
        return fail(one_line(exc), 2)
    current = GUIDE_MENTIONS_FILE.read_text(encoding="utf-8") if GUIDE_MENTIONS_FILE.exists() else ""
    if args.check:
        if text != current:
            return fail(f"{GUIDE_MENTIONS_FILE.name} is out of date: run `jobtrends claims mentions`", 1)
        print(f"{GUIDE_MENTIONS_FILE.name} is current")
        return 0
    GUIDE_MENTIONS_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {GUIDE_MENTIONS_FILE} ({text.count(chr(10)) - 1} rows)")
    return 0
