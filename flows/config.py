"""One settings object, read from a TOML file and the environment (environment wins).

Lookup: the file named by ``$JOBTRENDS_CONFIG``, else ``./jobtrends.toml`` when present. Every key
can be overridden by ``JOBTRENDS_<KEY>`` in upper case (``JOBTRENDS_HOME``, ``JOBTRENDS_SCHEDULE_CRON``).
Command-line options override both. Parameters say *what* to run; settings say *where and how*.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Settings:
    home: Path = Path("data")
    sources_file: Path = PROJECT_ROOT / "crawlers" / "sources.toml"
    contact_url: str = "https://github.com/jobtrends/jobtrends"
    greenhouse_api_url: str = "https://boards-api.greenhouse.io"
    lever_api_url: str = "https://api.lever.co"
    ashby_api_url: str = "https://api.ashbyhq.com"
    hn_api_url: str = "https://hacker-news.firebaseio.com"
    hn_algolia_url: str = "https://hn.algolia.com"
    remoteok_api_url: str = "https://remoteok.com"
    remotive_api_url: str = "https://remotive.com"
    # How many of the newest "Who is hiring?" threads a weekly run reads (the current month's, and the
    # previous one while its late comments still arrive).
    hn_max_threads: int = 2
    spiders: tuple[str, ...] = ("greenhouse", "lever", "ashby", "hn", "jsonld", "remoteok", "remotive")
    crawl_timeout_s: float = 3600.0
    crawl_retries: int = 2
    crawl_retry_delay_s: float = 60.0
    schedule_cron: str = "0 6 * * 1"
    schedule_timezone: str = "UTC"
    prefect_server_port: int = 4200
    # How long a command waits for the Prefect server it starts (a cold start on a busy 2-core machine
    # takes 15-40 s; flows/runtime.py).
    prefect_start_timeout_s: float = 300.0

    @property
    def warehouse_file(self) -> Path:
        return self.home / "warehouse.duckdb"

    @property
    def raw_dir(self) -> Path:
        return self.home / "raw"

    @property
    def state_dir(self) -> Path:
        return self.home / "state"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    def with_overrides(self, **overrides: Any) -> Settings:
        return replace(self, **{k: _coerce(k, v) for k, v in overrides.items() if v is not None})


def load_settings(config_file: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    environ = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    path = config_file or (Path(environ["JOBTRENDS_CONFIG"]) if environ.get("JOBTRENDS_CONFIG") else Path("jobtrends.toml"))
    if path.exists():
        with path.open("rb") as handle:
            values.update(tomllib.load(handle))
    elif config_file or environ.get("JOBTRENDS_CONFIG"):
        raise FileNotFoundError(f"config file not found: {path}")
    known = {f.name for f in fields(Settings)}
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"{path}: unknown setting(s) {sorted(unknown)}; known: {sorted(known)}")
    for name in known:
        env_value = environ.get(f"JOBTRENDS_{name.upper()}")
        if env_value:
            values[name] = env_value
    return Settings().with_overrides(**values)


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    if kind == "Path":
        return Path(value).expanduser()
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "tuple[str, ...]":
        return tuple(v.strip() for v in value.split(",")) if isinstance(value, str) else tuple(value)
    return str(value)
