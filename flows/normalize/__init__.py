"""Pure normalisation: posting records (see ``crawlers.parsers``) -> one Polars frame of postings.

No network, no database: every function here takes values or frames and returns values or frames.
"""

from flows.normalize.frame import POSTING_SCHEMA, normalize_postings

__all__ = ["POSTING_SCHEMA", "normalize_postings"]
