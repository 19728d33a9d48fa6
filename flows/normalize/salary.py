"""Structured salary -> annualised US dollars, with a dated FX table (warehouse/reference/fx_usd.toml)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

FX_FILE = Path(__file__).resolve().parents[2] / "warehouse" / "reference" / "fx_usd.toml"
# Working time behind each pay period: 40 h x 52 weeks; 5 days x 52 weeks.
PERIODS_PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


@lru_cache(maxsize=1)
def fx_table() -> dict[str, float]:
    with FX_FILE.open("rb") as handle:
        return {code.upper(): float(rate) for code, rate in tomllib.load(handle)["usd_per_unit"].items()}


def annual_usd(amount: float | None, currency: str | None, period: str | None) -> float | None:
    """``amount`` per ``period`` in ``currency`` -> US dollars per year; ``None`` when unknown."""
    if amount is None or not currency or period not in PERIODS_PER_YEAR:
        return None
    rate = fx_table().get(currency.upper())
    if rate is None:
        return None
    return round(amount * PERIODS_PER_YEAR[period] * rate, 2)
