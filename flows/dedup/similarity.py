"""Description similarity: MinHash (datasketch) over 5-word shingles.

Shingles are hashed once to 32-bit integers here (CRC-32 of each word, mixed over the window with
numpy), so the MinHash needs no per-shingle SHA-1: ``hashfunc=int`` just passes them through.
Everything is deterministic across processes (no Python ``hash``), so canonical ids are too.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
# Below this many shingles containment is not trusted (a two-line HN blurb "contained" in a JD).
MIN_SHINGLES_FOR_CONTAINMENT = 20

_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers, one per position in the window (wrap-around arithmetic, then the top bits).
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD,
     0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
    dtype=np.uint64,
)


def shingle_hashes(text: str | None, k: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct k-word shingles of ``text`` as sorted uint32 hashes (empty when < k words)."""
    words = _WORD.findall(text.casefold()) if text else []
    if len(words) < k:
        return np.empty(0, dtype=np.uint32)
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - k + 1
    mixed = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            mixed ^= word_hashes[i : i + n] * _MIX[i % len(_MIX)]
            mixed = (mixed << np.uint64(7)) | (mixed >> np.uint64(57))
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))


@dataclass(frozen=True)
class Signature:
    minhash: MinHash | None
    size: int  # number of distinct shingles (exact)


_EMPTY: dict[int, MinHash] = {}


def signature(text: str | None, num_perm: int = NUM_PERM) -> Signature:
    hashes = shingle_hashes(text)
    if hashes.size == 0:
        return Signature(None, 0)
    if num_perm not in _EMPTY:  # permutations are drawn once per num_perm, then copied
        _EMPTY[num_perm] = MinHash(num_perm=num_perm, seed=SEED, hashfunc=int)
    minhash = _EMPTY[num_perm].copy()
    minhash.update_batch(hashes.tolist())
    return Signature(minhash, int(hashes.size))


def jaccard(a: Signature, b: Signature) -> float:
    """MinHash estimate of the shingle-set Jaccard (0.0 when either text is too short)."""
    if a.minhash is None or b.minhash is None:
        return 0.0
    return float(a.minhash.jaccard(b.minhash))


def resemblance(a: Signature, b: Signature) -> float:
    """max(Jaccard, containment): an HN comment that quotes part of a board's text scores high.

    Containment |A∩B| / min(|A|,|B|) is derived from the Jaccard estimate and the exact set sizes:
    |A∩B| = J (|A|+|B|) / (1+J).
    """
    j = jaccard(a, b)
    smaller = min(a.size, b.size)
    if j <= 0.0 or smaller < MIN_SHINGLES_FOR_CONTAINMENT:
        return j
    inter = j * (a.size + b.size) / (1.0 + j)
    return max(j, min(1.0, inter / smaller))


def near_identical_groups(
    ids: list[str], signatures: list[Signature], threshold: float, num_perm: int = NUM_PERM
) -> list[tuple[str, str, float]]:
    """Pairs among ``ids`` whose :func:`resemblance` >= ``threshold``.

    Pairwise for small groups; for a large group a :class:`MinHashLSH` index (Jaccard only: the
    containment of a cut-down copy is not found there) first, so a board that lists one title in
    300 places does not cost 45,000 comparisons.
    """
    pairs: list[tuple[str, str, float]] = []
    present = [(i, s) for i, s in zip(ids, signatures) if s.minhash is not None]
    if len(present) < 2:
        return pairs
    if len(present) <= 64:
        for x in range(len(present)):
            for y in range(x + 1, len(present)):
                score = resemblance(present[x][1], present[y][1])
                if score >= threshold:
                    pairs.append((present[x][0], present[y][0], score))
        return pairs
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    by_id = dict(present)
    for pid, sig in present:
        lsh.insert(pid, sig.minhash)
    for pid, sig in present:
        for other in lsh.query(sig.minhash):
            if other > pid:
                score = jaccard(sig, by_id[other])
                if score >= threshold:
                    pairs.append((pid, other, score))
    return pairs
