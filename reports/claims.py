"""A claim's ``test`` expression checked against observed shares (pure). Issue #5 adds intervals."""

from __future__ import annotations

import re

_THRESHOLD = re.compile(r"^\s*share\s*(>=|<=|>|<)\s*([0-9]*\.?[0-9]+)\s*$")
_COMPARISON = re.compile(r"^\s*share\(([^)]+)\)\s*(>=|<=|>|<)\s*share\(([^)]+)\)\s*$")
_OPS = {">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}


def check(test: str, shares: dict[str, float]) -> bool | None:
    """Whether the observed ``shares`` (skill -> share) meet ``test``; None when it cannot be read or
    a subject was not observed. A threshold test on several subjects uses the largest share."""
    if match := _THRESHOLD.match(test):
        if not shares:
            return None
        return _OPS[match.group(1)](max(shares.values()), float(match.group(2)))
    if match := _COMPARISON.match(test):
        left, right = match.group(1).strip(), match.group(3).strip()
        if left not in shares or right not in shares:
            return None
        return _OPS[match.group(2)](shares[left], shares[right])
    return None
