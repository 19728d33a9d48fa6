"""One-pass skill extraction with evidence and requirement level.

All aliases of all skills are compiled into ONE case-insensitive alternation (case-sensitive ones
inline as ``(?-i:...)``) with half word-boundaries, so ``C++`` and ``CI/CD`` match whole
and ``Java`` does not match inside ``JavaScript``. Polars runs it over every document at once (Rust
regex, see STACK-NOTES); Python then only looks at the few matched strings per posting to place
them, grade them ``required`` or ``preferred`` and cut an evidence snippet.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import polars as pl

from flows.skills.taxonomy import Taxonomy

SKILL_SCHEMA = {"content_hash": pl.String(), "skill": pl.String(), "level": pl.String(), "evidence": pl.String()}
# A line (or the section it sits in) that says these makes the skills in it "preferred".
_PREFERRED = re.compile(
    r"nice[- ]to[- ]have|\bbonus\b|\bpreferred\b|\bpreferably\b|\ba plus\b|\bplus if\b|\bideally\b"
    r"|\bdesirable\b|\bdesired\b|\bnot required\b|\bwould be great\b|\bgood to have\b|\bpluses\b",
    re.I,
)
# Cheap substring test before the regex: most lines hold none of these (Python's re is slow on
# alternations it cannot anchor).
_PREFERRED_HINTS = ("nice", "bonus", "prefer", "plus", "ideal", "desir", "not required", "would be great", "good to have")
_WORD = re.compile(r"\w")
EVIDENCE_CHARS = 80


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    preferred: bool


class SkillExtractor:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._ci: dict[str, str] = {}
        self._cs: dict[str, str] = {}
        parts: list[tuple[int, str]] = []
        for skill in taxonomy.skills:
            for alias in skill.aliases:
                self._ci[_fold(alias)] = skill.id
                parts.append((len(alias), _alias_pattern(alias)))
            for alias in skill.aliases_cs:
                self._cs[_fold_space(alias)] = skill.id
                parts.append((len(alias), f"(?-i:{_alias_pattern(alias)})"))
        # Longest first: at one position the leftmost-first engine then takes "scikit-learn" over "scikit".
        parts.sort(key=lambda p: -p[0])
        # ASCII case folding and ASCII word boundaries (``-u``): with Unicode boundaries the regex engine
        # leaves its DFA at the first non-ASCII character and runs ~20x slower (measured on the corpus).
        self.pattern = r"(?i-u)\b{start-half}(?:" + "|".join(p for _, p in parts) + r")\b{end-half}"

    def skill_of(self, matched: str) -> str | None:
        return self._cs.get(_fold_space(matched)) or self._ci.get(_fold(matched))

    def extract(self, postings: pl.DataFrame) -> pl.DataFrame:
        """``postings`` with ``content_hash``, ``title``, ``description_text`` -> one row per (posting, skill)."""
        if postings.is_empty():
            return pl.DataFrame(schema=SKILL_SCHEMA)
        # unique() keeps input order: similar texts (one board's postings) stay together, which keeps the
        # regex engine's lazy DFA cache warm (~2x faster than a shuffled order on the corpus).
        docs = postings.select(
            "content_hash",
            pl.concat_str([pl.col("title").fill_null(""), pl.col("description_text").fill_null("")], separator="\n").alias("text"),
        ).unique("content_hash", maintain_order=True)
        matched = docs.with_columns(pl.col("text").str.extract_all(self.pattern).list.unique().alias("matches"))
        rows: list[tuple[str, str, str, str]] = []
        for content_hash, text, matches in matched.iter_rows():
            rows.extend((content_hash, *found) for found in self.locate(text, matches if matches is not None else []))
        return pl.DataFrame(rows, schema=SKILL_SCHEMA, orient="row")

    def extract_text(self, text: str) -> list[tuple[str, str, str]]:
        """One document -> (skill, level, evidence) triples; the same rules as :meth:`extract`."""
        matches = pl.Series([text]).str.extract_all(self.pattern).list.unique()[0]
        return self.locate(text, matches.to_list() if matches is not None else [])

    def locate(self, text: str, matches: list[str]) -> list[tuple[str, str, str]]:
        by_skill: dict[str, list[_Occurrence]] = {}
        context = _LineContext(text) if matches else None
        for matched in matches:
            skill = self.skill_of(matched)
            if skill and context:
                by_skill.setdefault(skill, []).extend(_occurrences(text, matched, context))
        found = []
        for skill, occurrences in sorted(by_skill.items()):
            if not occurrences:
                continue
            required = [o for o in occurrences if not o.preferred]
            # Named as required anywhere means required.
            best = min(required or occurrences, key=lambda o: o.start)
            found.append((skill, "required" if required else "preferred", _evidence(text, best)))
        return found


def _fold(alias: str) -> str:
    return " ".join(alias.casefold().split())


def _fold_space(alias: str) -> str:
    return " ".join(alias.split())


def _alias_pattern(alias: str) -> str:
    return r"\s+".join(re.escape(word) for word in alias.split())


def _occurrences(text: str, matched: str, context: _LineContext) -> list[_Occurrence]:
    """Every whole-word place of ``matched`` in ``text``, with whether its context makes it preferred."""
    found = []
    start = text.find(matched)
    while start != -1:
        end = start + len(matched)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (_WORD.match(before) and _WORD.match(matched[0])) and not (_WORD.match(after) and _WORD.match(matched[-1])):
            found.append(_Occurrence(start, end, context.preferred_at(start)))
        start = text.find(matched, end)
    return found


class _LineContext:
    """Per line of one document: is a skill named there ``preferred``? Yes when the line says so
    ("a plus", "nice to have"...) or the section it sits in does: the nearest short, non-bullet line
    above it (a heading such as "Preferred qualifications")."""

    def __init__(self, text: str) -> None:
        self.line_starts: list[int] = []
        self.preferred: list[bool] = []
        heading_says_preferred = False
        offset = 0
        lowered = text.lower()
        any_hint = any(hint in lowered for hint in _PREFERRED_HINTS)
        for line in text.split("\n"):
            says_preferred = any_hint and _says_preferred(line)
            self.line_starts.append(offset)
            self.preferred.append(says_preferred or heading_says_preferred)
            stripped = line.strip()
            if stripped and not stripped.startswith("- ") and len(stripped) <= 80:
                heading_says_preferred = says_preferred
            offset += len(line) + 1

    def preferred_at(self, position: int) -> bool:
        return self.preferred[bisect.bisect_right(self.line_starts, position) - 1]


def _says_preferred(line: str) -> bool:
    lowered = line.lower()
    return any(hint in lowered for hint in _PREFERRED_HINTS) and bool(_PREFERRED.search(line))


def _evidence(text: str, occurrence: _Occurrence) -> str:
    start = max(0, occurrence.start - EVIDENCE_CHARS)
    end = min(len(text), occurrence.end + EVIDENCE_CHARS)
    snippet = " ".join(text[start:end].split())
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
