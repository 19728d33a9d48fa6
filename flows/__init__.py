"""Prefect flows and the pure steps they orchestrate."""

import os

# Prefect reads these once at import; set them before anything imports prefect. Telemetry is its only
# outbound traffic and logs an error per heartbeat when offline.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
