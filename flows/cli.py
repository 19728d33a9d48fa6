"""The ``jobtrends`` command line.

    jobtrends demo [--corpus PATH] [--home H]     offline, end to end, on the bundled sample or a corpus
    jobtrends run [--home H]                      one live weekly run
    jobtrends serve [--home H] [--cron CRON]      the weekly run as a scheduled Prefect deployment
    jobtrends query [--home H] [--format F] SQL   read-only SQL on the warehouse
    jobtrends report [--home H] [--week YYYY-Www] rebuild one week's report
    jobtrends sources list|check|discover         the boards crawled, whether they answer, new ones
    jobtrends skills list|extract|explain         the taxonomy; extraction on given text; why a posting has its skills
    jobtrends claims list|show|mentions           the guides' claims and their verdicts; one claim with evidence
    jobtrends backfill hn --since YYYY-MM         load past HN "Who is hiring?" threads (live)

Errors the user can fix print one line, ``jobtrends: <what and what to do>``, on stderr. Exit codes:

    0    done
    1    a query (or a report's queries) failed; ``sources check``/``skills``: something failed a check
    2    bad input, or no warehouse yet
    3    the warehouse file cannot be used: damaged, not a jobtrends warehouse, or from a newer jobtrends
         (left as it is: move it aside or point --home elsewhere)
    4    nothing could be written: disk full, or the home is on a read-only filesystem (the published
         warehouse is unchanged)
    5    the Prefect server a run needs did not start (its log is named)
    75   another run is using this home (demo, run, backfill): wait for it, or stop it
    130  interrupted (Ctrl-C); 143 stopped by SIGTERM — in both cases every process it started is stopped
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from flows.config import Settings, load_settings


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    parser = build_parser(command=_command_named(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    try:
        settings = settings or load_settings()
    except (OSError, ValueError) as exc:
        parser.exit(2, f"jobtrends: {exc}\n")
    if getattr(args, "home", None):
        settings = settings.with_overrides(home=args.home)
    try:
        return args.handler(args, settings)
    except KeyboardInterrupt:
        print("jobtrends: interrupted; everything it started is stopped", file=sys.stderr)
        return 130
    except Exception as exc:  # a flow re-raises its tasks' exceptions as they were raised
        code, message = _user_error(exc)
        if code is None:
            raise
        print(f"jobtrends: {message}", file=sys.stderr)
        return code


def _user_error(exc: Exception) -> tuple[int | None, str]:
    """(exit code, message) of an error the user can fix; (None, "") for a bug, which keeps its traceback."""
    from flows.runlock import EXIT_BUSY, RunInProgress
    from flows.runtime import PrefectStartError

    if isinstance(exc, RunInProgress):
        return EXIT_BUSY, str(exc)
    if isinstance(exc, PrefectStartError):
        return 5, str(exc)
    if "warehouse.db" in sys.modules:  # else none of its errors was raised
        from warehouse.db import WarehouseMissing, WarehouseUnreadable, WarehouseUnwritable

        for cls, code in ((WarehouseMissing, 2), (WarehouseUnreadable, 3), (WarehouseUnwritable, 4)):
            if isinstance(exc, cls):
                return code, str(exc)
    # Writes outside the warehouse (raw responses, report pages) fail the same ways.
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return 4, f"disk full: cannot write {exc.filename or 'a file'}; free some space and run again"
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return 4, (f"{exc.filename or 'a file'} is on a read-only filesystem, so it cannot be written;"
                   " remount it read-write or point --home elsewhere")
    return None, ""


# Commands whose parser and handlers live in a module of their own.
_COMMAND_MODULES = {"sources": "flows.sources_cli", "skills": "flows.skills_cli", "claims": "flows.claims_cli"}
_BUILT_IN_COMMANDS = ("demo", "run", "serve", "query", "report", "backfill")


def _command_named(argv: list[str]) -> str | None:
    """The command *argv* runs, when it is certain (its first word, a known command); else None."""
    if argv and argv[0] in (*_COMMAND_MODULES, *_BUILT_IN_COMMANDS):
        return argv[0]
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; given *command*, only that command's module is imported for its parser."""
    parser = argparse.ArgumentParser(prog="jobtrends", description="ML-engineer skill demand, checked weekly against the guides.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--home", help="data folder (default: $JOBTRENDS_HOME, else ./data)")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", parents=[common], help="replay recorded responses end to end, offline")
    demo.add_argument("--corpus", type=Path, help="folder laid out like ../shared/corpus (default: the bundled sample)")
    demo.set_defaults(handler=cmd_demo)

    run = commands.add_parser("run", parents=[common], help="one live weekly run")
    run.set_defaults(handler=cmd_run)

    serve = commands.add_parser("serve", parents=[common], help="serve the weekly run on a cron schedule")
    serve.add_argument("--cron", help="cron expression (default: settings, Monday 06:00)")
    serve.add_argument("--timezone", help="time zone of the cron expression (default: UTC)")
    serve.set_defaults(handler=cmd_serve)

    query = commands.add_parser("query", parents=[common], help="run read-only SQL on the warehouse")
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("sql")
    query.set_defaults(handler=cmd_query)

    report = commands.add_parser("report", parents=[common], help="rebuild a week's report")
    report.add_argument("--week", help="ISO week like 2026-W47 (default: the latest week loaded)")
    report.set_defaults(handler=cmd_report)

    backfill = commands.add_parser("backfill", parents=[common], help="load history (live)")
    backfill.add_argument("what", choices=("hn",), help="hn: Hacker News 'Who is hiring?' threads")
    backfill.add_argument("--since", default="2011-04", help="first month, YYYY-MM (default: 2011-04, the first thread)")
    backfill.set_defaults(handler=cmd_backfill)

    # A command defined in a module of its own is registered only when it is the one run (or help or an
    # unknown command needs the full list): ``sources`` alone imports urllib and the crawler's tables,
    # start-up every other command would pay.
    for name, module in _COMMAND_MODULES.items():
        if command is None or command == name:
            importlib.import_module(module).add_parser(commands)
    return parser


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    if args.corpus and not args.corpus.is_dir():
        print(f"jobtrends: no such folder: {args.corpus}", file=sys.stderr)
        return 2
    home = settings.home.resolve()
    with running_flows(home, settings, "demo"):
        from flows.demo import demo

        results = demo(home=str(home), corpus=str(args.corpus) if args.corpus else None)
    _print_results(results)
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    home = settings.home.resolve()
    with running_flows(home, settings, "weekly run"):
        from flows.weekly import weekly

        results = [weekly(home=str(home))]
    _print_results(results)
    return 0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@contextlib.contextmanager
def running_flows(home: Path, settings: Settings, what: str) -> Iterator[None]:
    """The run lock first (a second run refuses before it starts a server), then a Prefect server of
    its own; every process started inside is stopped on the way out, however it ends."""
    from flows.runlock import run_lock
    from flows.runtime import owned_processes, prefect_api

    with owned_processes(), run_lock(home, what), prefect_api(
        home, timeout_s=settings.prefect_start_timeout_s, progress=_say,
    ):
        yield


def cmd_backfill(args: argparse.Namespace, settings: Settings) -> int:
    import re

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.since):
        print(f"jobtrends: --since must be YYYY-MM, got {args.since!r}", file=sys.stderr)
        return 2
    home = settings.home.resolve()
    with running_flows(home, settings, "HN backfill"):
        from flows.backfill import backfill_hn

        results = backfill_hn(home=str(home), since=args.since)
    for result in results:
        print(f"HN {result['month']}: {result['postings']} postings into week {result['week']}")
    print(f"{sum(r['postings'] for r in results)} postings from {len(results)} threads")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from flows.runtime import owned_processes, prefect_api

    home = settings.home.resolve()
    cron = args.cron or settings.schedule_cron
    timezone = args.timezone or settings.schedule_timezone
    # Prefect's temporary server schedules nothing: serve needs a real one, with its services and UI.
    with owned_processes(), prefect_api(
        home, port=settings.prefect_server_port, services=True, ui=True, timeout_s=settings.prefect_start_timeout_s,
        progress=_say,
    ) as api_url:
        print(f"serving deployment 'weekly/weekly' on cron '{cron}' ({timezone}) against {api_url}; Ctrl-C stops", flush=True)
        # A child of its own: flow runs import Prefect with PREFECT_API_URL already set.
        child = subprocess.Popen(
            [sys.executable, "-m", "flows.serve", "--home", str(home), "--cron", cron, "--timezone", timezone],
            env={**os.environ, "PREFECT_API_URL": api_url},
        )
        try:
            return child.wait()
        finally:
            if child.poll() is None:  # Ctrl-C or SIGTERM reached us: let serve finish its run state first
                child.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(timeout=60)


def cmd_query(args: argparse.Namespace, settings: Settings) -> int:
    import duckdb
    import polars as pl

    from warehouse.db import connect_read

    con = connect_read(settings.home)  # its errors are mapped in main
    try:
        frame = con.sql(args.sql).pl()
    except duckdb.Error as exc:
        print(f"jobtrends: query failed: {exc}", file=sys.stderr)
        return 1
    except AttributeError:  # a statement that returns no rows
        return 0
    finally:
        con.close()
    if args.format == "csv":
        sys.stdout.write(frame.write_csv())
    elif args.format == "json":
        sys.stdout.write(frame.write_json() + "\n")
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200, tbl_hide_dataframe_shape=True):
            print(frame)
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    import duckdb

    from flows.normalize.dates import parse_week, week_of
    from reports.render import build_report
    from warehouse.db import WarehouseMissing, connect_read, scalar

    try:
        if args.week:
            week = parse_week(args.week)
        else:
            with connect_read(settings.home) as con:
                week = scalar(con, "SELECT max(week) FROM run_log")
            if week is None:
                raise WarehouseMissing("the warehouse holds no run yet")
        week = week_of(week)
        print(build_report(settings.home, week))
    except (WarehouseMissing, ValueError) as exc:
        print(f"jobtrends: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        # Views are rebuilt by each load: a warehouse an older jobtrends wrote lacks the new ones.
        print(f"jobtrends: the report's queries failed: {' '.join(str(exc).split())}\n"
              "(a warehouse written by an older jobtrends gets its new views at the next `jobtrends run`)", file=sys.stderr)
        return 1
    return 0


def _print_results(results: list[dict]) -> None:
    for result in results:
        failed = result["failed_boards"]
        print(
            f"week {result['week']}: {result['postings']} postings ({result['ml_postings']} ML roles), "
            f"{result['quarantined']} quarantined, {len(failed)} boards failed"
        )
        for line in failed:
            print(f"  failed: {line}")
    if results:
        print(f"Warehouse: {results[-1]['warehouse']}")
        print(f"Report: {results[-1]['report']}")


if __name__ == "__main__":
    sys.exit(main())
