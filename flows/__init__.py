"""Prefect flows and the pure steps they orchestrate."""

import os

# Prefect reads these once at import; set them before anything imports prefect. Telemetry is its only
# outbound traffic and logs an error per heartbeat when offline.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
# The commands start a Prefect server of their own (flows/runtime.py). Code that calls a flow directly
# gets Prefect's temporary server instead, which gives itself 20 s to start: too little on a busy
# 2-core machine (a cold start takes 15-40 s there).
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
