"""Pause points: where a test stops a run mid-stage, to kill it there or to look at it from outside.

``JOBTRENDS_PAUSE_AT=<stage>[,<stage>...]`` and ``JOBTRENDS_PAUSE_FILE=<path>`` make the run write the
stage's name to that file when it reaches that stage's pause point, then wait until the file is
removed (at most ``JOBTRENDS_PAUSE_MAX_S``, default 600 s). Unset, a pause point costs one dictionary
lookup. The stages are ``crawl`` (in the spider, after its first response is landed, so the raw file
is half-written), ``land``, ``normalise``, ``load`` (inside the warehouse's write window, after the
week's rows are inserted, before they commit) and ``report`` (see docs/RELIABILITY.md). This lives in
``crawlers`` because the spider subprocess needs it too and the other layers already import crawlers.
"""

from __future__ import annotations

import os
import time
from pathlib import Path


def pause_point(stage: str) -> None:
    wanted = os.environ.get("JOBTRENDS_PAUSE_AT")
    if not wanted or stage not in wanted.split(","):
        return
    marker = Path(os.environ["JOBTRENDS_PAUSE_FILE"])
    tmp = marker.with_name(f".{marker.name}.{os.getpid()}")
    tmp.write_text(f"{stage} {os.getpid()}\n", encoding="utf-8")
    os.replace(tmp, marker)  # whoever waits for the file sees it whole
    deadline = time.monotonic() + float(os.environ.get("JOBTRENDS_PAUSE_MAX_S", "600"))
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
