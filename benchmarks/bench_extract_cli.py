"""Benchmark the whole ``jobtrends skills extract --jsonl`` command against a bare scan process.

Builds a JSONL file of ``--n`` postings (default 20,000) from the corpus (``{"id", "title", "text"}``,
the corpus' postings cycled, each line a posting of its own) in a temporary directory, never in the
repository, then times whole processes over it, start-up and JSON output included:

* **command**: ``python -m flows.cli skills extract --jsonl FILE`` (what ``jobtrends`` runs; the
  entry-point script adds nothing measurable), its output to a file;
* **bare scan**: a process that imports only Polars, reads the same file (``read_ndjson``) and runs
  one ``str.extract_many`` over title and text with the same aliases, case-insensitive: the floor
  (no sections, boundaries, levels, evidence, facets or JSON out).

Runs alternate, ``--runs`` of each; the median of each is reported, with postings/s and the ratio.
Issue #13's targets: the command ≥ 5,000 postings/s and ≤ 3× the bare process's time.
``--html`` feeds the posting's HTML as ``text`` instead (the command then converts it first).

Usage::

    uv run python benchmarks/bench_extract_cli.py [--corpus ../shared/corpus] [--n 20000] [--runs 3] [--html]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import DEFAULT_CORPUS, ROOT, load_corpus  # benchmarks/corpus.py

RATE_TARGET = 5_000
RATIO_TARGET = 3.0

BARE_SCAN = """
import json, sys
import polars as pl
aliases = json.loads(open(sys.argv[2], encoding="utf-8").read())
frame = pl.read_ndjson(sys.argv[1])
text = pl.concat_str([pl.col("title").fill_null(""), pl.col("text").fill_null("")], separator="\\n")
hits = frame.select(text.str.extract_many(aliases, ascii_case_insensitive=True).list.len().sum()).item()
print(frame.height, hits)
"""


def build_input(corpus: Path, folder: Path, n: int, html: bool) -> tuple[Path, Path, int]:
    """The JSONL file of ``n`` postings and the alias list, in ``folder``; -> (jsonl, aliases, bytes)."""
    from flows.skills import SkillExtractor, load_taxonomy

    postings = load_corpus(corpus, ("posting_id", "title", "description_text", "description_html"))
    rows = postings.select("posting_id", "title", "description_html" if html else "description_text").rows()
    path = folder / "postings.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            posting_id, title, text = rows[i % len(rows)]
            out.write(json.dumps({"id": f"{posting_id}#{i // len(rows)}", "title": title, "text": text or ""},
                                 ensure_ascii=False) + "\n")
    aliases = folder / "aliases.json"
    aliases.write_text(json.dumps(SkillExtractor(load_taxonomy()).aliases["key"].to_list()), encoding="utf-8")
    return path, aliases, path.stat().st_size


def timed(command: list[str], output: Path) -> float:
    start = time.perf_counter()
    with output.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(command[:4])}… failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--n", type=int, default=20_000, help="postings in the JSONL file")
    parser.add_argument("--runs", type=int, default=3, help="runs of each process")
    parser.add_argument("--html", action="store_true", help="give each posting's HTML as its text")
    args = parser.parse_args()
    if not (args.corpus / "ashby").is_dir():
        print(f"corpus not found at {args.corpus}: skipping the command benchmark (nothing to measure)")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-extract-cli-") as tmp:
        folder = Path(tmp)
        jsonl, aliases, size = build_input(args.corpus, folder, args.n, args.html)
        command = [sys.executable, "-m", "flows.cli", "skills", "extract", "--jsonl", str(jsonl)]
        bare = [sys.executable, "-c", BARE_SCAN, str(jsonl), str(aliases)]
        times: dict[str, list[float]] = {"command": [], "bare": []}
        # The machine may be shared: the 1-minute load average after each run is printed with the times.
        loads: dict[str, list[float]] = {"command": [], "bare": []}
        load_before = os.getloadavg()
        for _ in range(args.runs):
            for what, cmd in (("command", command), ("bare", bare)):
                times[what].append(timed(cmd, folder / f"{what}.out"))
                loads[what].append(os.getloadavg()[0])
        with (folder / "command.out").open(encoding="utf-8") as out:
            lines = sum(1 for _ in out)
        if lines != args.n:
            raise SystemExit(f"the command printed {lines} lines for {args.n} postings")
        kind = "HTML" if args.html else "text"
        print(f"\n== skills extract --jsonl: {args.n:,} corpus postings ({kind}, {size / 1e6:.0f} MB), "
              f"{args.runs} runs each, whole processes (start-up, reading, JSON out)")
        print(f"load average before the runs: {' / '.join(f'{x:.1f}' for x in load_before)} (1, 5, 15 minutes; "
              f"{os.cpu_count()} CPUs); 'load' below: the 1-minute load after each run (absolute rates follow it)")
        print(f"{'process':<34}{'median s':>10}{'min s':>8}{'postings/s':>12}  load")
        label = {"command": "jobtrends skills extract --jsonl", "bare": "bare scan (read_ndjson+extract_many)"}
        for what, runs in times.items():
            median = statistics.median(runs)
            print(f"{label[what]:<34}{median:>10.2f}{min(runs):>8.2f}{args.n / median:>12,.0f}  "
                  + ", ".join(f"{x:.1f}" for x in loads[what]))
        rate = args.n / statistics.median(times["command"])
        ratio = statistics.median(times["command"]) / statistics.median(times["bare"])
        print(f"command: {rate:,.0f} postings/s (target ≥{RATE_TARGET:,}: {'met' if rate >= RATE_TARGET else 'NOT met'}); "
              f"{ratio:.2f}x the bare scan's time (target ≤{RATIO_TARGET:g}x: {'met' if ratio <= RATIO_TARGET else 'NOT met'}); "
              f"runs alternate, so both see the same load")
    return 0


if __name__ == "__main__":
    sys.exit(main())
