"""The offline demo: replay a folder of recorded job-board responses through the weekly flow.

A loopback replay server serves each snapshot at the real API paths; the real spiders crawl it and
the real weekly flow loads it, one week per snapshot, oldest first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow

from crawlers.replay import boards_in, snapshots
from crawlers.replay.server import ReplayServer
from flows.normalize.dates import today_utc
from flows.weekly import weekly

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "crawlers" / "replay" / "sample"


@flow(name="demo", log_prints=True)
def demo(home: str, corpus: str | None = None) -> list[dict[str, Any]]:
    root = Path(corpus).resolve() if corpus else SAMPLE_DIR
    found = snapshots(root)
    if not found:
        raise ValueError(
            f"{root} holds no snapshot: expected greenhouse/, lever/ or ashby/ folders, or YYYY-MM-DD/ folders of them"
        )
    dataset = "sample" if corpus is None else f"replay of {root}"
    results = []
    with ReplayServer(found[0][1]) as server:
        for snapshot_date, path in found:
            server.set_root(path)
            boards = boards_in(path)
            print(f"replaying {path} ({sum(map(len, boards.values()))} boards) from {server.url}")
            results.append(weekly(
                home=home, run_date=snapshot_date or today_utc(),
                api_base_url=server.url, boards=boards, dataset=dataset,
            ))
    return results


__all__ = ["SAMPLE_DIR", "demo"]
