"""Benchmark the ML-role classifier (``is_ml_role``, ``role_family``) on hand-labelled titles.

``benchmarks/gold/titles.csv`` holds 550 corpus postings (330 drawn at random, 220 among titles with an
ML-ish word), labelled by two independent readers from the title — and the start of the description
where the title says nothing of the work — as ``core`` ML engineering, ``adjacent`` (data science, pure
research, AI product and solutions roles, …) or ``not``, with a family; a third reader settled the
30 rows they disagreed on. Ids and labels only: titles and texts are read from ../shared/corpus.
The rows are split into dev and test **by company** (a hash of the company name); the test half is
scored, never tuned on.

Prints, per split: the readers' agreement, ``is_ml_role`` recall on core and on core + adjacent and its
precision on core + adjacent, the ML-engineering families' (``titles.ML_ENGINEERING_FAMILIES``) precision and
recall against core titles, and the confusion table of gold class against predicted kind.

Usage::

    uv run python benchmarks/bench_roles.py [--corpus ../shared/corpus] [--misses dev|test] [--split dev|test|both]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from corpus import DEFAULT_CORPUS, ROOT, load_corpus  # benchmarks/corpus.py

from flows.normalize.titles import ML_ENGINEERING_FAMILIES, is_ml_role, role_family

TITLES = ROOT / "benchmarks" / "gold" / "titles.csv"
KINDS = ("ML engineering", "other ML role", "not ML")


def read_titles(path: Path = TITLES) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def predicted_kind(is_ml_role: bool, family: str | None) -> str:
    if is_ml_role and family in ML_ENGINEERING_FAMILIES:
        return "ML engineering"
    return "other ML role" if is_ml_role else "not ML"


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "—"


def score(rows: list[dict[str, str]], predicted: dict[str, tuple[bool, str | None, str]]) -> dict:
    scored = [(r, predicted[r["posting_id"]]) for r in rows if r["posting_id"] in predicted]
    core = [(r, p) for r, p in scored if r["class"] == "core"]
    related = [(r, p) for r, p in scored if r["class"] in ("core", "adjacent")]
    flagged = [(r, p) for r, p in scored if p[0]]
    engineering = [(r, p) for r, p in scored if predicted_kind(p[0], p[1]) == "ML engineering"]
    agree = sum(r["class_a"] == r["class_b"] for r, _ in scored)
    return {
        "n": len(scored),
        "agreement": ratio(agree, len(scored)),
        "is_ml_role recall, core": ratio(sum(p[0] for _, p in core), len(core)),
        "is_ml_role recall, core + adjacent": ratio(sum(p[0] for _, p in related), len(related)),
        "is_ml_role precision, core + adjacent": ratio(sum(r["class"] != "not" for r, _ in flagged), len(flagged)),
        "ML-engineering families precision vs core": ratio(sum(r["class"] == "core" for r, _ in engineering), len(engineering)),
        "ML-engineering families recall vs core": ratio(
            sum(predicted_kind(p[0], p[1]) == "ML engineering" for _, p in core), len(core)),
        "confusion": Counter((r["class"], predicted_kind(p[0], p[1])) for r, p in scored),
        "misses": [(r, p) for r, p in scored
                   if (r["class"] == "core") != (predicted_kind(p[0], p[1]) == "ML engineering")
                   or (r["class"] != "not") != p[0]],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--titles", type=Path, default=TITLES)
    parser.add_argument("--misses", choices=("dev", "test"), help="list the misclassified rows of a split")
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both",
                        help="which halves to print (tune with --split dev: the test half is only ever scored)")
    args = parser.parse_args()
    if not (args.corpus / "ashby").is_dir():
        print(f"corpus not found at {args.corpus}: nothing to measure (pass --corpus)", file=sys.stderr)
        return 2
    rows = read_titles(args.titles)
    frame = load_corpus(args.corpus, ("posting_id", "title", "is_ml_role", "role_family", "description_text"))
    predicted = {pid: (bool(ml), family, title or "")
                 for pid, ml, family, title in frame.select("posting_id", "is_ml_role", "role_family", "title").iter_rows()}
    # The description read where the title is silent: measured beside the pipeline, which does not use it.
    with_description = {}
    for pid, title, text in frame.select("posting_id", "title", "description_text").iter_rows():
        family = role_family(title, text)
        with_description[pid] = (is_ml_role(family), family, title or "")
    missing = [r["posting_id"] for r in rows if r["posting_id"] not in predicted]
    if missing:
        print(f"{len(missing)} labelled postings are not in the corpus (left out): {missing[:5]}")
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        s = score([r for r in rows if r["split"] == split], predicted)
        print(f"\n{split} ({s['n']} titles; readers agreed on the class of {s['agreement']} before the third reader)")
        for key in ("is_ml_role recall, core", "is_ml_role recall, core + adjacent", "is_ml_role precision, core + adjacent",
                    "ML-engineering families precision vs core", "ML-engineering families recall vs core"):
            print(f"  {key:<45} {s[key]}")
        d = score([r for r in rows if r["split"] == split], with_description)
        print("  with the description where the title is silent (measured, not used by the pipeline):")
        for key in ("is_ml_role recall, core + adjacent", "is_ml_role precision, core + adjacent",
                    "ML-engineering families precision vs core", "ML-engineering families recall vs core"):
            print(f"    {key:<43} {d[key]}")
        print("  " + "gold / predicted".ljust(12) + "".join(f"{k:>16}" for k in KINDS))
        for gold in ("core", "adjacent", "not"):
            print(f"  {gold:<12}" + "".join(f"{s['confusion'][(gold, k)]:>16}" for k in KINDS))
        if args.misses == split:
            for r, p in s["misses"]:
                print(f"    {r['class']:<9} {r['family']:<18} predicted {predicted_kind(p[0], p[1]):<15} "
                      f"{p[1] or '-':<18} {p[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
