"""Read ../shared/corpus (the real job-board responses; never copied into the repository) into
normalised postings with the project's own parsers, as the benchmarks need them."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from crawlers.parsers import parser_for
from crawlers.sources import load_sites, load_sources
from flows.normalize import normalize_postings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def _bodies(corpus: Path) -> dict[str, list[tuple[str, str, dict | None]]]:
    """(board, body, context) per source, in the corpus layout (see shared/corpus/README.md)."""
    bodies: dict[str, list[tuple[str, str, dict | None]]] = {}
    for source in ("greenhouse", "lever", "ashby"):
        paths = sorted((corpus / source).glob("*.json"))
        bodies[source] = [(p.stem, p.read_text(encoding="utf-8"), None) for p in paths]
    items = sorted((corpus / "hn" / "item").glob("*.json"))
    stories = {}
    for path in items:
        item = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(item, dict) and item.get("type") == "story":
            stories[item["id"]] = {
                "story_id": item["id"], "story_title": item.get("title"), "story_time": item.get("time"),
            }
    bodies["hn"] = []
    for path in items:
        body = path.read_text(encoding="utf-8")
        parent = json.loads(body).get("parent") if body.strip() not in ("", "null") else None
        bodies["hn"].append(("whoishiring", body, stories.get(parent)))
    bodies["jsonld"] = [
        (p.parent.name, p.read_text(encoding="utf-8"), {"url": f"https://jobs.ashbyhq.com/{p.parent.name}/{p.stem}"})
        for p in sorted((corpus / "jsonld").glob("*/*.html"))
    ]
    for source, name in (("remoteok", "api.json"), ("remotive", "remote-jobs.json")):
        bodies[source] = [(source, p.read_text(encoding="utf-8"), None) for p in sorted((corpus / source).glob(name))]
    return bodies


def _companies() -> dict[tuple[str, str], str]:
    """Display names from crawlers/sources.toml; corpus file names write a space as '-'."""
    names: dict[tuple[str, str], str] = {}
    try:
        for board in load_sources():
            names[(board.ats, board.token)] = board.company
            names[(board.ats, board.token.replace(" ", "-"))] = board.company
        for site in load_sites():
            names[("jsonld", site.name)] = site.company
    except Exception as exc:  # the benchmark still runs on board tokens as company names
        print(f"note: sources.toml not read ({exc}); company = board token")
    return names


def load_corpus(corpus: Path, columns: tuple[str, ...] | None = None) -> pl.DataFrame:
    """Every posting the available parsers read, normalised (only ``columns`` when given), one row per posting_id."""
    records: list[dict] = []
    for source, bodies in _bodies(corpus).items():
        if not bodies:
            print(f"note: no {source} files in {corpus}")
            continue
        try:
            parse = parser_for(source)
        except ValueError:
            print(f"note: no parser for {source} yet: its {len(bodies)} bodies are skipped")
            continue
        before, rejects = len(records), 0
        for board, body, context in bodies:
            try:
                result = parse(body, board, context) if context is not None else parse(body, board)
            except TypeError:  # a parser written before the context argument
                result = parse(body, board)
            except ValueError as exc:
                print(f"note: {source}/{board}: unreadable body ({exc})")
                continue
            records += result.records
            rejects += len(result.rejects)
        print(f"  {source:<10} {len(records) - before:>6} postings ({rejects} rejects)")
    frame = normalize_postings(records, _companies())
    if columns:
        frame = frame.select([c for c in columns if c in frame.columns])
    return frame.unique("posting_id", keep="first", maintain_order=True)
