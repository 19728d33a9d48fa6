"""Serve the weekly flow as a Prefect deployment on a cron schedule.

Prefect's temporary (ephemeral) server schedules nothing, so ``jobtrends serve`` uses the Prefect
server named by ``PREFECT_API_URL``, one already on the configured port, or starts
``prefect server start`` there (:func:`flows.runtime.prefect_api`), then runs this module in a child
process with ``PREFECT_API_URL`` set (Prefect reads it at import).
"""

from __future__ import annotations

import argparse

DEPLOYMENT_NAME = "weekly"


def serve_forever(home: str, cron: str, timezone: str) -> None:
    """Child process body: register the deployment and run scheduled flow runs until stopped."""
    from prefect.schedules import Cron

    from flows.weekly import weekly

    weekly.serve(
        name=DEPLOYMENT_NAME, schedule=Cron(cron, timezone=timezone), parameters={"home": home},
        description="jobtrends weekly crawl, load and report",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m flows.serve")
    parser.add_argument("--home", required=True)
    parser.add_argument("--cron", required=True)
    parser.add_argument("--timezone", default="UTC")
    args = parser.parse_args(argv)
    serve_forever(args.home, args.cron, args.timezone)


if __name__ == "__main__":
    main()
