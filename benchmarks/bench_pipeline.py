"""Benchmark the pure pipeline steps over ../shared/corpus: parse -> normalise -> extract skills.

Prints postings/s, MB/s and the peak Python heap per step (tracemalloc: Polars' Rust-side memory
is not in it; the process max RSS at the end covers everything). No network, no database, no
Prefect: these are the steps whose speed grows with the data. Usage::

    uv run python benchmarks/bench_pipeline.py [--corpus ../shared/corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from crawlers.parsers import parser_for
from flows.normalize import normalize_postings
from flows.skills import SkillExtractor, load_taxonomy

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="best of N")
    args = parser.parse_args()
    if not (args.corpus / "ashby").is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure", file=sys.stderr)
        return 2
    bodies = [
        (source, path.stem, path.read_text(encoding="utf-8"))
        for source in ("greenhouse", "lever", "ashby")
        for path in sorted((args.corpus / source).glob("*.json"))
    ]
    megabytes = sum(len(body.encode()) for _, _, body in bodies) / 1e6
    extractor = SkillExtractor(load_taxonomy())

    def parse():
        return [r for source, board, body in bodies for r in parser_for(source)(body, board).records]

    records = parse()
    postings = normalize_postings(records)
    text_mb = postings["description_text"].str.len_bytes().sum() / 1e6
    steps = {
        "parse": (parse, megabytes),
        "normalise": (lambda: normalize_postings(records), text_mb),
        "extract skills": (lambda: extractor.extract(postings), text_mb),
    }
    print(f"{len(records)} postings, {megabytes:.1f} MB of response bodies, {text_mb:.1f} MB of description text")
    print(f"{'step':<16}{'seconds':>9}{'postings/s':>12}{'MB/s':>8}{'py heap MB':>11}")
    for name, (step, size) in steps.items():
        best = min(_timed(step) for _ in range(args.repeat))
        tracemalloc.start()
        step()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"{name:<16}{best:>9.2f}{len(records) / best:>12,.0f}{size / best:>8.1f}{peak:>11.0f}")
    print(f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


def _timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
