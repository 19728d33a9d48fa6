"""Cross-source deduplication: postings frame -> (posting_id, canonical_id).

How two postings become one job (all inside one *block*: postings whose normalised company is the
same; a posting is never compared with another company's, so the work grows with the size of the
largest company, not with the square of the corpus):

1. **same-board repeats** (a board listing one opening twice): equal title tokens, equal level, the
   *same* location text, and near-identical descriptions (resemblance >= ``same_board_threshold``).
   On HN (one company's ad re-posted, edited, in next month's thread) one title's words inside the
   other's and compatible countries are enough, with the same level and text threshold.
1b. **one role posted per place or per language** (an employer board, not a feed, listing one role
   as "Founding AI Engineer (Remote)" in nine countries, or as "AI 工程师 AI Engineer" and
   "AIエンジニア (AI Engineer)" next to the English posting): equal *role key* (the title tokens
   without the title's places -- "(Remote)", "- London", "(EMEA)", "Remote, EU" -- and, for a
   bilingual title, of its English words only; a word beside a place that is not a place stays:
   "(AMER - Weekends)"), equal level, and near-identical descriptions once location lines
   ("📍 Working arrangement: Germany (Remote)") are removed and place names masked (resemblance
   >= ``variant_threshold``; a bilingual description contains the English one, so containment
   matches it). A different seniority word, level numeral, specialisation or team in the title is a
   different role key; the same title over different text (two ads for two roles) fails the text
   test; a title that names a language ("... - Spanish (Spain)") keeps its places.
   See :func:`flows.dedup.keys.role_key` and :func:`flows.dedup.keys.location_neutral`.
2. **same source id** on two sources (a JSON-LD career page *is* the Ashby posting of that id).
3. **equal title** across boards: equal title tokens, equal level, compatible locations.
4. **close calls** across boards: title tokens overlap (Jaccard >= 0.5, or one title's words all
   in the other's: HN "ML Engineer" vs a board's "Machine Learning Engineer, Ranking"), levels
   compatible (equal, or one unstated), locations compatible; decided by description resemblance
   >= ``cross_threshold``.

*Resemblance* is max(Jaccard, containment) of the descriptions' 5-word shingle sets, both from a
128-permutation MinHash (:mod:`flows.dedup.similarity`), so a copy cut down to part of the text
still counts.

Edges of kinds 1 and 1b join groups unconditionally. Edges of kinds 2-4 are applied strongest first,
and never join two groups that both already hold a posting from the same board: an HN comment that
names "ML Engineer" can join the board's "ML Engineer, Ranking" *or* its "ML Engineer, Search", not
both, so two board jobs are never chained together through a third posting. The canonical id is the
smallest posting id in the group, so the result does not depend on input order.
"""

from __future__ import annotations

import gc
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

import polars as pl

from flows.dedup import keys
from flows.dedup.similarity import NUM_PERM, Signature, near_identical_groups, resemblance, signature

# Tuned on warehouse/reference/dedup_pairs.csv (see benchmarks/bench_dedup.py --sweep).
SAME_BOARD_THRESHOLD = 0.70
CROSS_THRESHOLD = 0.50
VARIANT_THRESHOLD = 0.70  # rule 1b, on location-neutral descriptions
TITLE_JACCARD = 0.5
MIN_SOURCE_ID_LENGTH = 8
# Sources whose board is a feed, not an employer: normalisation falls back to the board name when
# the company is unknown ("whoishiring"), which must not become one giant block of strangers.
AGGREGATOR_SOURCES = frozenset({"hn", "remoteok", "remotive"})
# Feeds where one employer re-posts the same ad (edited) every month.
REPOST_SOURCES = frozenset({"hn"})
MAX_PAIRWISE = 200

# Edge strength: applied in this order (then by similarity, then by ids).
_SOURCE_ID, _EQUAL_TITLE, _CLOSE_CALL = 3, 2, 1

OUTPUT_SCHEMA = {"posting_id": pl.String(), "canonical_id": pl.String()}


@dataclass
class _Posting:
    posting_id: str
    board: tuple[str, str]  # (source, board)
    source_id: str
    tokens: frozenset[str]
    title_key: str
    role_key: str  # the title without its places, a translation reduced to its English title
    level: str
    location_key: str  # the location text and the places the title names ("SRE (EMEA)")
    countries: frozenset[str]
    description: str | None


@dataclass
class DedupStats:
    """What one run did (the benchmark prints it)."""

    postings: int = 0
    blocks: int = 0
    signatures: int = 0
    edges: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    refused: int = 0  # edges not applied: both groups already held a posting of the same board


def assign_canonical_ids(
    postings: pl.DataFrame,
    *,
    same_board_threshold: float = SAME_BOARD_THRESHOLD,
    cross_threshold: float = CROSS_THRESHOLD,
    variant_threshold: float = VARIANT_THRESHOLD,
    num_perm: int = NUM_PERM,
    stats: DedupStats | None = None,
) -> pl.DataFrame:
    """One row per input row: ``posting_id`` and the ``canonical_id`` of the job it belongs to.

    Needs ``posting_id``; uses ``source``, ``board``, ``source_id`` (else read from the posting id
    ``<source>:<board>:<id>``), ``company``, ``title``, ``location_raw`` (else ``location``),
    ``country`` and ``description_text`` when present. Nulls anywhere but ``posting_id`` are fine:
    a posting without a company is never merged; without a description it can only match on
    title + location across boards.
    """
    stats = stats if stats is not None else DedupStats()
    if postings.height == 0:
        return pl.DataFrame(schema=OUTPUT_SCHEMA)
    if "posting_id" not in postings.columns:
        raise ValueError("postings need a posting_id column")
    if postings["posting_id"].null_count():
        raise ValueError("posting_id must not be null")

    with _no_gc():
        canonical = _canonical_ids(
            postings, stats, same_board_threshold, cross_threshold, variant_threshold, num_perm
        )
    ids = postings["posting_id"].to_list()
    return pl.DataFrame(
        {"posting_id": ids, "canonical_id": [canonical[pid] for pid in ids]}, schema=OUTPUT_SCHEMA
    )


@contextmanager
def _no_gc():
    """The run allocates ~10 small objects per posting that all live to the end: the cyclic garbage
    collector's full passes over them cost as much as the matching (2x at 100k postings). Nothing
    here creates reference cycles, so pause it for the duration."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _canonical_ids(
    postings: pl.DataFrame,
    stats: DedupStats,
    same_board_threshold: float,
    cross_threshold: float,
    variant_threshold: float,
    num_perm: int,
) -> dict[str, str]:
    blocks = _blocks(postings)
    stats.postings = postings["posting_id"].n_unique()
    stats.blocks = len(blocks)
    signatures = _Signatures(num_perm, stats)
    neutral = _Signatures(num_perm, stats, keys.location_neutral)

    same_board: list[tuple[str, str]] = []
    cross: list[tuple[int, float, str, str]] = []
    for block in blocks.values():
        if len(block) < 2:
            continue
        same_board += _same_board_pairs(block, signatures, same_board_threshold, stats)
        same_board += _variant_pairs(block, neutral, variant_threshold, stats)
        if len({p.board for p in block}) > 1:
            cross += _cross_board_edges(block, signatures, cross_threshold, stats)

    groups = _Groups(postings["posting_id"].unique().to_list(), blocks)
    for a, b in same_board:
        groups.union(a, b, check_boards=False)
    # Strongest first; ties by ids so the greedy choice is the same on every run and input order.
    cross.sort(key=lambda e: (-e[0], -e[1], e[2], e[3]))
    for _, _, a, b in cross:
        if not groups.union(a, b, check_boards=True):
            stats.refused += 1
    return groups.canonical_ids()


# --- blocking ---------------------------------------------------------------------------------


def _column(frame: pl.DataFrame, *names: str) -> list:
    for name in names:
        if name in frame.columns:
            return frame[name].to_list()
    return [None] * frame.height


def _blocks(postings: pl.DataFrame) -> dict[str, list[_Posting]]:
    """Postings grouped by normalised company (first row wins for a repeated posting id)."""
    ids = postings["posting_id"].to_list()
    sources = _column(postings, "source")
    boards = _column(postings, "board")
    source_ids = _column(postings, "source_id")
    companies = _column(postings, "company")
    titles = _column(postings, "title")
    location_texts = _column(postings, "location_raw", "location")
    country_codes = _column(postings, "country")
    descriptions = _column(postings, "description_text")

    blocks: dict[str, list[_Posting]] = defaultdict(list)
    seen: set[str] = set()
    for i, pid in enumerate(ids):
        if pid in seen:
            continue
        seen.add(pid)
        parts = pid.split(":", 2)
        source = sources[i] or parts[0]
        board = boards[i] or (parts[1] if len(parts) == 3 else "")
        source_id = source_ids[i] or (parts[2] if len(parts) == 3 else "")
        company = keys.company_key(companies[i])
        if company is None or (source in AGGREGATOR_SOURCES and company == keys.company_key(board)):
            continue
        title = titles[i]
        places = keys.title_places(title)
        location_key = keys.location_key(location_texts[i])
        found_countries = keys.countries(location_texts[i], country_codes[i])
        if places:
            location_key += " @ " + " | ".join(sorted(places))
            found_countries = found_countries.union(*(keys.countries(place) for place in places))
        blocks[company].append(_Posting(
            posting_id=pid,
            board=(source, board),
            source_id=source_id,
            tokens=keys.title_tokens(title),
            title_key=keys.title_key(title),
            role_key=keys.role_key(title) if source not in AGGREGATOR_SOURCES else "",
            level=keys.seniority(title),
            location_key=location_key,
            countries=found_countries,
            description=descriptions[i],
        ))
    return blocks


class _Signatures:
    """MinHash signatures, computed only for postings that reach a description comparison.

    ``transform`` rewrites the description first (:func:`keys.location_neutral` for the variant rule).
    """

    def __init__(
        self, num_perm: int, stats: DedupStats, transform: Callable[[str | None], str | None] | None = None
    ) -> None:
        self.num_perm = num_perm
        self._cache: dict[str, Signature] = {}
        self._stats = stats
        self._transform = transform

    def __call__(self, posting: _Posting) -> Signature:
        sig = self._cache.get(posting.posting_id)
        if sig is None:
            text = self._transform(posting.description) if self._transform else posting.description
            sig = signature(text, self.num_perm)
            self._cache[posting.posting_id] = sig
            self._stats.signatures += 1
        return sig


# --- candidate pairs --------------------------------------------------------------------------


def _same_board_pairs(
    block: list[_Posting], signatures: _Signatures, threshold: float, stats: DedupStats
) -> list[tuple[str, str]]:
    """Repeats on one board: near-identical text (resemblance >= ``threshold``) plus

    * on a job board: equal title tokens, equal level and the same location text (a board lists one
      role once per city: those are different jobs);
    * on a repost feed (HN, a new thread every month): titles may drift by added words ("Founding",
      ", AI Team") so one title's words inside the other's is enough (the level must still be equal),
      and the location text is re-worded freely, so compatible countries are enough.
    """
    strict: dict[tuple, list[_Posting]] = defaultdict(list)
    feeds: dict[tuple[str, str], list[_Posting]] = defaultdict(list)
    for p in block:
        if p.board[0] in REPOST_SOURCES:
            feeds[p.board].append(p)
        else:
            strict[(p.board, p.title_key, p.level, p.location_key)].append(p)
    for group in feeds.values():
        if len(group) > MAX_PAIRWISE:  # not a company's monthly ad any more: fall back to the strict rule
            for p in group:
                strict[(p.board, p.title_key, p.level, p.location_key)].append(p)
    pairs: list[tuple[str, str]] = []
    for group in strict.values():
        if len(group) < 2:
            continue
        found = near_identical_groups(
            [p.posting_id for p in group], [signatures(p) for p in group], threshold, signatures.num_perm
        )
        stats.edges["same_board"] += len(found)
        pairs += [(a, b) for a, b, _ in found]
    for group in feeds.values():
        if len(group) < 2 or len(group) > MAX_PAIRWISE:
            continue
        for a, b in itertools.combinations(group, 2):
            if not (a.title_key == b.title_key or keys.title_contained(a.tokens, b.tokens)):
                continue
            if a.level != b.level or not keys.locations_compatible(a.countries, b.countries):
                continue
            if resemblance(signatures(a), signatures(b)) >= threshold:
                stats.edges["repost"] += 1
                pairs.append((a.posting_id, b.posting_id))
    return pairs


def _variant_pairs(
    block: list[_Posting], signatures: _Signatures, threshold: float, stats: DedupStats
) -> list[tuple[str, str]]:
    """One role posted per place or per language: equal role key (:func:`keys.role_key`: the title
    without its places, a bilingual title reduced to its English words), equal level, and
    near-identical descriptions once location lines and place names are gone (resemblance of
    :func:`keys.location_neutral` texts >= ``threshold``). Any place, any employer board of the company.

    A translated description that carries the English original (as bilingual boards post them) is
    *contained*-similar to it; one wholly in another language is not, and stays its own job (so does
    a bilingual one in a group of more than 64 postings, where the LSH index sees Jaccard only).
    """
    groups: dict[tuple[str, str], list[_Posting]] = defaultdict(list)
    for p in block:
        if p.role_key:
            groups[(p.role_key, p.level)].append(p)
    pairs: list[tuple[str, str]] = []
    for group in groups.values():
        if len(group) < 2 or len({(p.board, p.location_key, p.title_key) for p in group}) < 2:
            continue  # one title at one place on one board: rule 1 alone decides
        by_id = {p.posting_id: p for p in group}
        found = near_identical_groups(
            [p.posting_id for p in group], [signatures(p) for p in group], threshold, signatures.num_perm
        )
        for a, b, _ in found:
            pa, pb = by_id[a], by_id[b]
            if pa.board == pb.board and pa.location_key == pb.location_key and pa.title_key == pb.title_key:
                continue  # a same-board repeat: that rule's call (on the text as posted)
            stats.edges["variant"] += 1
            pairs.append((a, b))
    return pairs


def _cross_board_edges(
    block: list[_Posting], signatures: _Signatures, threshold: float, stats: DedupStats
) -> list[tuple[int, float, str, str]]:
    edges: list[tuple[int, float, str, str]] = []

    def add(kind: int, score: float, a: _Posting, b: _Posting, name: str) -> None:
        first, second = sorted((a.posting_id, b.posting_id))
        edges.append((kind, score, first, second))
        stats.edges[name] += 1

    # Same source id on two sources (a JSON-LD page of an Ashby posting).
    by_source_id: dict[str, list[_Posting]] = defaultdict(list)
    for p in block:
        if len(p.source_id) >= MIN_SOURCE_ID_LENGTH:
            by_source_id[p.source_id].append(p)
    for group in by_source_id.values():
        for a, b in itertools.combinations(group, 2):
            if a.board[0] != b.board[0]:
                add(_SOURCE_ID, 1.0, a, b, "source_id")

    # Titles per board: compare every title of one board with every title of each other board.
    by_board: dict[tuple[str, str], dict[str, list[_Posting]]] = defaultdict(lambda: defaultdict(list))
    for p in block:
        by_board[p.board][p.title_key].append(p)
    for board_a, board_b in itertools.combinations(sorted(by_board), 2):
        for key_a, group_a in by_board[board_a].items():
            for key_b, group_b in by_board[board_b].items():
                equal = key_a == key_b and key_a != ""
                if not equal and not keys.title_close(group_a[0].tokens, group_b[0].tokens, TITLE_JACCARD):
                    continue
                for a, b in itertools.product(group_a, group_b):
                    if not keys.locations_compatible(a.countries, b.countries):
                        continue
                    if equal and a.level == b.level:
                        add(_EQUAL_TITLE, resemblance(signatures(a), signatures(b)), a, b, "equal_title")
                    elif keys.levels_compatible(a.level, b.level):
                        score = resemblance(signatures(a), signatures(b))
                        if score >= threshold:
                            add(_CLOSE_CALL, score, a, b, "close_call")
    return edges


# --- grouping ---------------------------------------------------------------------------------


class _Groups:
    """Union-find that remembers, per group, which boards its postings come from."""

    def __init__(self, ids: Iterable[str], blocks: dict[str, list[_Posting]]) -> None:
        self._parent: dict[str, str] = {pid: pid for pid in ids}
        self._size: dict[str, int] = dict.fromkeys(self._parent, 1)
        board_of = {p.posting_id: p.board for block in blocks.values() for p in block}
        self._boards: dict[str, set[tuple[str, str]]] = {pid: {board_of[pid]} for pid in board_of}

    def find(self, pid: str) -> str:
        root = pid
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[pid] != root:
            self._parent[pid], pid = root, self._parent[pid]
        return root

    def union(self, a: str, b: str, *, check_boards: bool) -> bool:
        """Join the groups of ``a`` and ``b``; refuse (False) if ``check_boards`` and they share a board."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        boards_a, boards_b = self._boards.get(ra, set()), self._boards.get(rb, set())
        if check_boards and not boards_a.isdisjoint(boards_b):
            return False
        if self._size[ra] < self._size[rb]:
            ra, rb, boards_a, boards_b = rb, ra, boards_b, boards_a
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]
        boards_a |= boards_b
        self._boards[ra] = boards_a
        self._boards.pop(rb, None)
        return True

    def canonical_ids(self) -> dict[str, str]:
        smallest: dict[str, str] = {}
        for pid in self._parent:
            root = self.find(pid)
            if root not in smallest or pid < smallest[root]:
                smallest[root] = pid
        return {pid: smallest[self.find(pid)] for pid in self._parent}
