"""Skill extraction with evidence and requirement level: vectorised, in Polars, over many postings.

How a posting is read (each step one Polars pass over every posting at once):

1. **Lines and sections** (``flows.skills.sections``): the text is split into lines; headings open
   sections; only candidate-facing lines count (not the company blurb, benefits or legal text), and
   a line is ``preferred`` when it or its section says "nice to have", "bonus", "a plus"...
2. **Names**: every alias is searched at once with Aho-Corasick (``ahocorasick-rs``, Rust), which is
   fast whatever the number of aliases and gives each match's alias and place in the same pass; the
   few case-sensitive ones ("Go", "R", "Spark") in a second, case-sensitive, pass. Word boundaries are then
   checked on the few hits (``Java`` is not in ``JavaScript``; ``C++``, ``CI/CD`` match whole) and a
   hit inside a longer one at the same place is dropped (``TensorFlow`` inside ``TensorFlow Serving``).
3. **Phrase rules** ("bring models to production") are one regular expression (Rust regex).
4. **Ambiguity**: a hit by an alias that is also a word ("Go", "Spark", "Ray", "Rust") counts only
   when its line names another tool or matches the skill's cue, and not its veto (``Series C``).
5. **Per posting and skill**: ``required`` if named in any non-preferred line; the evidence is the
   first such line (cut around the name when long).

A regular expression holding all ~1,600 aliases was tried first: it ran at ~12 MB/s, because Rust's
lazy DFA thrashes on an alternation that large; Aho-Corasick scans the same text at ~150 MB/s.
"""

from __future__ import annotations

import re

import ahocorasick_rs
import polars as pl

from flows.skills.facets import FACET_DEFAULTS, FACET_SCHEMA, skill_years, text_facets
from flows.skills.sections import classify_lines, split_lines
from flows.skills.taxonomy import Skill, Taxonomy

SKILL_SCHEMA = {
    "content_hash": pl.String(), "skill": pl.String(), "level": pl.String(), "evidence": pl.String(),
    "years": pl.Int32(),  # years required of this skill ("3+ years of Python"), see facets.skill_years
}
# The text facets of each posting version (see flows.skills.facets).
FACETS_BY_HASH = {"content_hash": pl.String(), **{k: v for k, v in FACET_SCHEMA.items() if k != "doc"}}
EVIDENCE_CHARS = 80
PHRASES_PER_REGEX = 10
# Postings per batch: bounds memory (lines and hits of one batch at a time). Smaller batches keep a
# batch's lines and hits in the CPU's caches, but each batch costs some hundred Polars calls (the context
# rules alone one per ruled skill), and on a loaded machine each call waits for the thread pool. Over
# 20,000 corpus postings: on a quiet machine 20,000 a batch ~19 s, 5,000 ~14 s, 1,000 ~11 s, 250 ~27 s;
# later, on the same 2 cores at load ~1, 1,000 ~16 s and 2,500 ~12 s; at load 4-9, 1,000 ~18-22 s, 2,500
# ~11-19 s, 5,000 ~16-19 s (peak RSS 390, 440, 490 MB).
BATCH_SIZE = 2_500
_NON_ASCII = r"[^\x00-\x7F]"
_DASHES = "[\u2010-\u2015\u2212]"
_QUOTES = "[\u2018\u2019]"
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+")
_WORD_CHAR = r"^[A-Za-z0-9_]$"


class SkillExtractor:
    """Extract skills (and text facets) from postings with one taxonomy. Build once, reuse."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.skills: dict[str, Skill] = taxonomy.by_id()
        literal_rows = []
        for skill in taxonomy.skills:
            weak = {a.lower() for a in skill.ambiguous}
            for alias in skill.aliases:
                key = " ".join(alias.lower().split())
                literal_rows.append((key, None, skill.id, _is_word(key[0]), _is_word(key[-1]), key in weak))
            # Case-sensitive names ("Go", not "go") get their own, case-sensitive, scan.
            for alias in skill.aliases_cs:
                exact = " ".join(alias.split())
                key = exact.lower()
                literal_rows.append((key, exact, skill.id, _is_word(key[0]), _is_word(key[-1]), alias in skill.ambiguous or key in weak))
        self.aliases = pl.DataFrame(
            literal_rows, orient="row",
            schema={"key": pl.String, "exact": pl.String, "skill": pl.String, "word_start": pl.Boolean,
                    "word_end": pl.Boolean, "weak": pl.Boolean},
        ).unique(["key", "exact"], keep="first", maintain_order=True)
        # Two automata, each one pass that yields (alias, start, end): every case-insensitive alias over
        # the lowercased text, the few case-sensitive ones over the text as written (lowercasing those
        # too would match every "r" and "c" of the text: ten times the hits). See ``_literal_hits``.
        any_case = self.aliases.filter(pl.col("exact").is_null())
        exact = self.aliases.filter(pl.col("exact").is_not_null())
        self._patterns = pl.concat([any_case, exact]).with_row_index("pattern")
        self._automata = [
            (_automaton(any_case["key"].to_list()), 0, True),
            (_automaton(exact["exact"].to_list()), any_case.height, False),
        ]
        self._phrases = [(skill.id, re.compile(rf"(?:{p})", re.I)) for skill in taxonomy.skills for p in skill.patterns]
        # ASCII word boundaries (``-u``): Unicode ones make Rust's regex leave its DFA (~20x slower).
        # A few regexes of PHRASES_PER_REGEX rules each: one alternation of every rule overflows the
        # lazy DFA's cache and runs several times slower than the same rules split in groups.
        self._phrase_groups = [self._phrases[i:i + PHRASES_PER_REGEX] for i in range(0, len(self._phrases), PHRASES_PER_REGEX)]
        self.patterns = [
            r"(?i-u)\b{start-half}(?:" + "|".join(p.pattern for _, p in group) + r")\b{end-half}" for group in self._phrase_groups
        ]
        # The same, lowercased, run case-sensitively over lowercased lines: about twice as fast as
        # case-insensitive matching (measured on the corpus' candidate lines). A pattern that cannot be
        # lowercased safely keeps its case-insensitive form.
        self._lower_patterns = []
        for group in self._phrase_groups:
            lowered = [_lowercase_regex(p.pattern) for _, p in group]
            self._lower_patterns.append(r"(?-u)\b{start-half}(?:" + "|".join(lowered) + r")\b{end-half}" if None not in lowered else None)
        # Each rule alone, for the lines its group's regex found: (skill, column, regex).
        self._group_rules = [[_rule_regex(skill, p.pattern) for skill, p in group] for group in self._phrase_groups]
        self._tools = pl.DataFrame({"skill": [s.id for s in taxonomy.skills if s.is_tool]}, schema={"skill": pl.String})
        self._context_rules = [s for s in taxonomy.skills if s.ambiguous or s.veto]

    # ---------------------------------------------------------------------------------------------
    def extract(self, postings: pl.DataFrame) -> pl.DataFrame:
        """``postings`` with ``content_hash``, ``title``, ``description_text`` -> one row per (version, skill)."""
        return self.extract_all(postings)[0]

    def extract_all(self, postings: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """-> (mentions per :data:`SKILL_SCHEMA`, facets: ``content_hash`` + degree, years, text salary)."""
        docs = (
            postings.select(
                "content_hash",
                pl.concat_str([pl.col("title").fill_null(""), pl.col("description_text").fill_null("")], separator="\n").alias("text"),
            )
            .unique("content_hash", maintain_order=True)
            .with_row_index("doc")
        )
        mentions, facets = [pl.DataFrame(schema=SKILL_SCHEMA)], [pl.DataFrame(schema=FACETS_BY_HASH)]
        for batch in docs.iter_slices(BATCH_SIZE):
            batch = batch.with_columns(pl.col("doc") - batch["doc"][0])
            found, batch_facets = self._extract_batch(batch)
            hashes = batch.select("doc", "content_hash")
            mentions.append(found.join(hashes, on="doc").select(SKILL_SCHEMA.keys()))
            facets.append(batch_facets.join(hashes, on="doc").select(FACETS_BY_HASH.keys()))
        return pl.concat(mentions), pl.concat(facets)

    def extract_text(self, text: str) -> list[tuple[str, str, str]]:
        """One document (title on the first line) -> sorted (skill, level, evidence) triples."""
        return [(s["skill"], s["level"], s["evidence"]) for s in self.extract_document("", text)[0]]

    def extract_document(self, title: str, text: str) -> tuple[list[dict], dict]:
        """One posting -> (skills as dicts with category, facets as a dict): what ``skills extract`` prints."""
        mentions, facets = self.extract_all(pl.DataFrame({"content_hash": ["-"], "title": [_tidy(title)], "description_text": [_tidy(text)]}))
        skills = [
            {"skill": s, "category": self.skills[s].category, "level": level, "evidence": evidence, "years": years}
            for s, level, evidence, years in sorted(mentions.select("skill", "level", "evidence", "years").iter_rows())
        ]
        return skills, facets.drop("content_hash").to_dicts()[0]

    def count_mentions(self, text: str) -> dict[str, int]:
        """How many times a text names each skill, over all its lines (no sections): for articles,
        such as the career guides, rather than postings."""
        docs = pl.DataFrame({"doc": [0], "text": [_tidy(text)]}, schema={"doc": pl.UInt32, "text": pl.String})
        lines = split_lines(docs).with_columns(pl.lit(False).alias("preferred"))
        return dict(self._raw_hits(lines).group_by("skill").len().sort("skill").iter_rows())

    def hits(self, title: str, text: str) -> pl.DataFrame:
        """Every counted hit of one posting, line by line (for ``skills explain``)."""
        docs = pl.DataFrame({"doc": [0], "text": [f"{title}\n{text}"]}, schema={"doc": pl.UInt32, "text": pl.String})
        lines = classify_lines(split_lines(docs))
        return self._hits(lines.filter(pl.col("candidate"))).sort("line_no", "skill")

    # ---------------------------------------------------------------------------------------------
    def _extract_batch(self, docs: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        lines = classify_lines(split_lines(docs))
        hits = self._raw_hits(lines.filter(pl.col("candidate")))
        found = (
            hits.with_columns(pl.col("preferred").not_().alias("_required"))
            # The first required place (else the first place) is the evidence; required anywhere wins.
            # Of a name and a phrase found at the same place, the longer (leftmost-longest, as for names).
            .with_columns(pl.col("matched").str.len_chars().alias("_length"))
            .sort("doc", "skill", "_required", "line_no", "pos", "_length", descending=[False, False, True, False, False, True],
                  maintain_order=True)
            .group_by("doc", "skill", maintain_order=True)
            .agg(pl.col("_required").any(), pl.col("line", "pos", "matched").first())
            .with_columns(_evidence())
            .select("doc", "skill", pl.when("_required").then(pl.lit("required")).otherwise(pl.lit("preferred")).alias("level"), "evidence")
        )
        # Facet step: years stated for a skill on its lines ("3+ years of Python"), see facets.skill_years.
        found = found.join(skill_years(lines, hits), on=["doc", "skill"], how="left")
        # A posting with no text still gets its row of facets (all unknown).
        facets = docs.select("doc").join(text_facets(lines), on="doc", how="left").with_columns(*FACET_DEFAULTS)
        return found, facets

    def _hits(self, lines: pl.DataFrame) -> pl.DataFrame:
        """Candidate lines -> counted hits with evidence: doc, line_no, preferred, skill, pos, evidence."""
        return self._raw_hits(lines).with_columns(_evidence()).select("doc", "line_no", "preferred", "skill", "pos", "evidence")

    def _raw_hits(self, lines: pl.DataFrame) -> pl.DataFrame:
        """Candidate lines -> counted hits: doc, line_no, preferred, skill, pos, weak, matched, line."""
        schema = {"doc": pl.UInt32, "line_no": pl.UInt32, "preferred": pl.Boolean, "skill": pl.String,
                  "pos": pl.Int64, "weak": pl.Boolean, "matched": pl.String, "line": pl.String}
        if lines.is_empty():
            return pl.DataFrame(schema=schema)
        scan = lines.select(
            "doc", "line_no", "preferred", "line",
            # One character for one: hit offsets (bytes) are then character offsets into the line.
            pl.when(pl.col("line").str.len_bytes() == pl.col("line").str.len_chars()).then(pl.col("line"))
            .otherwise(
                # Typographic dashes and quotes read as their ASCII twins ("cross‑functional").
                pl.col("line").str.replace_all(_DASHES, "-").str.replace_all(_QUOTES, "'").str.replace_all(_NON_ASCII, "?")
            ).alias("ascii"),
        )
        scan = _blank_urls(scan)
        literal = self._literal_hits(scan).select(schema.keys())
        regex = self._regex_hits(scan)
        hits = pl.concat([literal, regex.select(schema.keys())]) if regex is not None else literal
        return self._apply_context(hits)

    def _literal_hits(self, scan: pl.DataFrame) -> pl.DataFrame:
        """Every alias occurrence (overlapping ones too) with its line and place.

        The candidate lines of the batch are joined into one text and scanned once per automaton
        (every case-insensitive alias over the lowercased text; the few case-sensitive ones over the
        text as written): each match comes back as (alias, start, end), names and places together,
        and is mapped back to its line by offset. Lines are ASCII here, so byte offsets are
        character offsets. Measured on the corpus' ~97,000 candidate lines (12 MB): Polars
        ``find_many`` then ``extract_many``, each run for both alias sets, ~0.30 s; this, ~0.15 s
        including building the frame of matches. Calling the automaton line by line costs more in
        Python than the scan itself, hence one text per batch."""
        schema = {"doc": pl.UInt32, "line_no": pl.UInt32, "preferred": pl.Boolean, "ascii": pl.String, "line": pl.String,
                  "pos": pl.Int64, "matched": pl.String, "key": pl.String, "exact": pl.String, "skill": pl.String,
                  "word_start": pl.Boolean, "word_end": pl.Boolean, "weak": pl.Boolean}
        if scan.is_empty():
            return pl.DataFrame(schema=schema)
        lengths = scan["ascii"].str.len_bytes().cast(pl.Int64)
        line_start = (lengths + 1).cum_sum() - (lengths + 1)
        text = scan.select(pl.col("ascii").str.join("\n")).item()
        matches = []
        for automaton, first, any_case in self._automata:
            if automaton is None:
                continue
            haystack = (text.lower() if any_case else text).encode("utf-8")
            found = automaton.find_matches_as_indexes(haystack, overlapping=True)
            matches.append(pl.DataFrame(found, orient="row", schema={"pattern": pl.UInt32, "start": pl.Int64, "_end": pl.Int64})
                           .with_columns(pl.col("pattern") + first))
        found = pl.concat(matches) if matches else pl.DataFrame()
        if found.is_empty():
            return pl.DataFrame(schema=schema)
        # Each match -> its line (the last one starting at or before it) and its place in that line.
        row = line_start.search_sorted(found["start"], side="right") - 1
        lines = scan.with_row_index("_row").with_columns(line_start.alias("_line_start"))
        found = (
            found.with_columns(row.cast(pl.UInt32).alias("_row"))
            .join(lines, on="_row", how="inner")
            .with_columns((pl.col("start") - pl.col("_line_start")).alias("pos"))
            .join(self._patterns, on="pattern", how="inner")
            .with_columns(pl.col("ascii").str.slice(pl.col("pos"), pl.col("_end") - pl.col("start")).alias("matched"))
        )
        end = pl.col("pos") + pl.col("key").str.len_chars()
        before = pl.col("ascii").str.slice(pl.max_horizontal(pl.col("pos") - 1, 0), 1)
        after = pl.col("ascii").str.slice(end, 1)
        whole_word = (
            (~pl.col("word_start") | (pl.col("pos") == 0) | ~before.str.contains(_WORD_CHAR))
            & (~pl.col("word_end") | ~after.str.contains(_WORD_CHAR))
        )
        found = found.filter(whole_word).with_columns(end.alias("end"))
        # Leftmost-longest: drop a hit that lies inside an earlier-starting or longer hit on its line.
        # Offsets into the joined text order hits by line then place, and no hit crosses a line's
        # end, so one running maximum over all lines does what one per line would (no window).
        text_end = pl.col("start") + pl.col("end") - pl.col("pos")
        found = (
            found.with_columns(text_end.alias("_text_end"))
            .sort("start", "_text_end", descending=[False, True])
            .filter(pl.col("_text_end") > pl.col("_text_end").cum_max().shift(1, fill_value=-1))
        )
        return found

    def _regex_hits(self, scan: pl.DataFrame) -> pl.DataFrame | None:
        if not self.patterns:
            return None
        # Lines are ASCII here, so a lowercased line has the same offsets.
        scan = scan.with_columns(pl.col("ascii").str.to_lowercase().alias("_lower"))
        # Each group's one regex finds the few lines any of its rules matches (a rule matching anywhere means
        # the alternation does); every rule then runs alone on those lines, so rules whose phrases overlap on
        # a line all count (one alternation consumes the text for its first rule only). Both steps are one
        # Polars call each, whose expressions run in parallel.
        found_any = [pl.col(text).str.contains(regex) for regex, text in (
            (lower, "_lower") if lower else (pattern, "ascii") for pattern, lower in zip(self.patterns, self._lower_patterns))]
        candidates = scan.filter(pl.any_horizontal(found_any))
        if candidates.is_empty():
            return scan.head(0).with_columns(pl.lit(None, pl.String).alias("matched"), pl.lit(None, pl.String).alias("skill"),
                                             pl.lit(None, pl.Int64).alias("pos"), pl.lit(None, pl.Boolean).alias("weak"))
        rules = [rule for group in self._group_rules for rule in group]
        candidates = candidates.with_row_index("_row")
        matches = (
            candidates.select("_row", *(pl.col(column).str.extract_all(rule).alias(str(i)) for i, (_, column, rule) in enumerate(rules)))
            .unpivot(index="_row", variable_name="_rule", value_name="matched")
            .filter(pl.col("matched").list.len() > 0)
            .explode("matched")
        )
        table = pl.DataFrame({"_rule": [str(i) for i in range(len(rules))], "skill": [skill for skill, _, _ in rules],
                              "_column": [column for _, column, _ in rules]})
        found = matches.join(table, on="_rule").join(candidates, on="_row")
        return found.with_columns(
            pl.lit(False).alias("weak"),
            pl.when(pl.col("_column") == "_lower").then(pl.col("_lower").str.find(pl.col("matched"), literal=True))
            .otherwise(pl.col("ascii").str.find(pl.col("matched"), literal=True)).cast(pl.Int64).alias("pos"),
        ).drop("_row", "_rule", "_column")

    def _apply_context(self, hits: pl.DataFrame) -> pl.DataFrame:
        """Weak hits need another tool on their line (or their cue); vetoed lines drop the skill. A name
        in the employer field of a "Company | Role | Place" header is the employer, not a skill."""
        hits = _drop_employer_field(hits)
        ruled = {s.id for s in self._context_rules}
        if not ruled or hits.is_empty():
            return hits
        subject = pl.col("skill").is_in(list(ruled))
        plain, checked = hits.filter(~subject), hits.filter(subject)
        if checked.is_empty():
            return hits
        anchored = (
            hits.filter(~pl.col("weak")).join(self._tools, on="skill", how="semi")
            .join(checked.select("doc", "line_no").unique(), on=["doc", "line_no"], how="semi")
            .group_by("doc", "line_no").agg(pl.col("skill").unique().alias("_line_tools"))
        )
        checked = checked.join(anchored, on=["doc", "line_no"], how="left")
        other_tool = pl.col("_line_tools").list.set_difference(pl.concat_list(pl.col("skill"))).list.len().fill_null(0) > 0
        kept = []
        # One split by skill, not one filter per ruled skill: most batches name few of them.
        by_skill = checked.partition_by("skill", as_dict=True, maintain_order=True)
        for skill in self._context_rules:
            rows = by_skill.get((skill.id,))
            if rows is None:
                continue
            keep = pl.lit(True)
            if skill.ambiguous:
                supported = other_tool | (pl.col("line").str.contains(skill.cues) if skill.cues else pl.lit(False))
                keep = ~pl.col("weak") | supported
            if skill.veto:
                keep = keep & ~pl.col("line").str.contains(skill.veto)
            kept.append(rows.filter(keep).drop("_line_tools"))
        return pl.concat([plain, *kept]) if kept else plain



# The header of an HN "Who is hiring?" comment, "Acme | ML Engineer | Remote | Full-time", names the
# employer first: "Cloudflare | ...", "GitLab | ..." there is who hires, not what the job asks for. A
# header is a title or first line with at least two " | " separators whose first field names no role
# ("Senior Python Engineer | Remote | Full-time" is a role first, and its Python counts).
HEADER_MAX_LINE = 2
_ROLE_WORD = (
    r"(?i-u)\b(?:engineers?|developers?|scientists?|architects?|analysts?|researchers?|managers?|leads?|designers?"
    r"|interns?|specialists?|consultants?|programmers?|administrators?|devops|sre|head|director|cto|founding)\b"
)


def _drop_employer_field(hits: pl.DataFrame) -> pl.DataFrame:
    """Hits in the first field of a "Company | Role | Place" header line are dropped."""
    header = (pl.col("line_no") <= HEADER_MAX_LINE) & (pl.col("line").str.count_matches(" | ", literal=True) >= 2)
    first_field = pl.col("line").str.split(" | ").list.first()
    in_employer_field = (
        header & (pl.col("pos") < first_field.str.len_chars()) & ~first_field.str.contains(_ROLE_WORD)
    )
    return hits.filter(~in_employer_field.fill_null(False))


def _evidence() -> pl.Expr:
    """The line, or a window of it around the name when the line is long."""
    line, pos = pl.col("line"), pl.col("pos").fill_null(0)
    start = pl.max_horizontal(pos - EVIDENCE_CHARS, 0)
    window = line.str.slice(start, 2 * EVIDENCE_CHARS + pl.col("matched").str.len_chars())
    cut = (
        pl.when(start > 0).then(pl.lit("…")).otherwise(pl.lit(""))
        + window
        + pl.when(start + 2 * EVIDENCE_CHARS + pl.col("matched").str.len_chars() < line.str.len_chars()).then(pl.lit("…")).otherwise(pl.lit(""))
    )
    return pl.when(line.str.len_chars() <= 2 * EVIDENCE_CHARS + 40).then(line).otherwise(cut).alias("evidence")


def _rule_regex(skill: str, pattern: str) -> tuple[str, str, str]:
    """One phrase rule as (skill, the column it reads, its regex): lowercased over lowercased lines when
    that is safe, else case-insensitive over the line as written."""
    lowered = _lowercase_regex(pattern)
    if lowered is not None:
        return skill, "_lower", r"(?-u)\b{start-half}(?:" + lowered + r")\b{end-half}"
    return skill, "ascii", r"(?i-u)\b{start-half}(?:" + pattern + r")\b{end-half}"


def _blank_urls(scan: pl.DataFrame) -> pl.DataFrame:
    """Links are not skills ("github.com/…", "…/high-performance-llms/"): each is blanked out with
    as many spaces, so offsets still point into the line. Few lines hold one; they are done in Python."""
    has_url = pl.col("ascii").str.contains(_URL.pattern)
    linked = scan.filter(has_url)
    if linked.is_empty():
        return scan
    blanked = pl.Series("ascii", [_URL.sub(lambda m: " " * len(m.group()), text) for text in linked["ascii"]], dtype=pl.String)
    return pl.concat([scan.filter(~has_url), linked.with_columns(blanked)])


def _tidy(text: str) -> str:
    """Collapse runs of spaces within lines, as ``html_to_text`` does for crawled postings."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _automaton(patterns: list[str]) -> ahocorasick_rs.BytesAhoCorasick | None:
    """Overlapping matches, as Polars ``find_many(overlapping=True)`` gives them. The DFA form scans
    ~1.6x faster than the default NFA with ~1,800 aliases (measured on the corpus' candidate lines)."""
    if not patterns:
        return None
    return ahocorasick_rs.BytesAhoCorasick([p.encode("utf-8") for p in patterns], implementation=ahocorasick_rs.Implementation.DFA)


def _lowercase_regex(pattern: str) -> str | None:
    """A case-insensitive pattern -> the pattern that matches the same lowercased text, case-sensitively:
    its letters lowercased, escapes (``\\S``, ``\\W``, ``\\B``) kept. None when that cannot be
    done safely: inline flags (``(?-i:…)``) or named classes (``\\p{…}``)."""
    if re.search(r"\(\?(?!:)|\\[pPN]", pattern):
        return None
    out, escaped = [], False
    for char in pattern:
        out.append(char if escaped else char.lower())
        escaped = char == "\\" and not escaped
    return "".join(out)


def _is_word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")
