"""Cross-source deduplication of the postings frame: the same job on two boards, or one role posted
for several places or in several languages, counts once.

Pure functions over Polars frames (no I/O). See :mod:`flows.dedup.match` for the rules.
"""

from flows.dedup.match import (
    CROSS_THRESHOLD,
    SAME_BOARD_THRESHOLD,
    VARIANT_THRESHOLD,
    DedupStats,
    assign_canonical_ids,
)

__all__ = ["CROSS_THRESHOLD", "SAME_BOARD_THRESHOLD", "VARIANT_THRESHOLD", "DedupStats", "assign_canonical_ids"]
