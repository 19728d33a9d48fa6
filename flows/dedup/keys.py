"""Matching keys for deduplication: normalised company, title tokens, seniority and location.

Pure functions over strings. The company key is the blocking key; the title tokens decide "same
role"; locations decide whether two postings can be the same opening at all. For one role posted
per place or per language, :func:`role_key` is the title without its places (a bilingual title
reduced to its English words by :func:`english_part`) and :func:`location_neutral` is the
description without its location lines and place names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from flows.normalize import locations, titles

# --- company ----------------------------------------------------------------------------------

# Dropped only as the last word(s), and only while a word is left: "Scale AI" -> "scale", but "AI"
# alone stays "ai" and "AI21 Labs" stays "ai21".
_COMPANY_SUFFIXES = frozenset({
    "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "mbh", "corp", "corporation", "co", "plc",
    "sa", "ag", "bv", "nv", "srl", "sarl", "sas", "pty", "oy", "ab", "pbc", "lp", "llp", "kk",
    "labs", "lab", "ai", "hq", "technologies", "technology",
})
# Board tokens glue these on ("perplexityai", "sagelabs", "tilthq"): strip them from the joined key
# too, when at least three characters remain ("xai" stays "xai"). Both sides get the same treatment,
# so "OpenAI" and "openai" both become "open".
_GLUED_SUFFIXES = ("labs", "lab", "ai", "hq")
_BRACKETED = re.compile(r"[(\[{][^)\]}]*[)\]}]?")
_URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")
_DOMAIN = re.compile(r"\.(?:ai|com|io|co|dev|app|so|xyz|tech|org|net|inc|bio|health|us|uk|de)\b")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Casefold and strip accents (keeps non-Latin letters: only combining marks go)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def company_key(name: str | None) -> str | None:
    """Blocking key: ``"OpenAI, Inc."`` -> ``"open"``, ``"The Browser Company"`` -> ``"browser"``.

    ``None`` when nothing is left: such postings are never matched to anything.
    """
    if not name:
        return None
    text = _URL.sub(" ", fold(name))
    text = _BRACKETED.sub(" ", text)
    text = _DOMAIN.sub(" ", text).replace("&", " and ")
    words = _WORD.findall(text)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    key = "".join(words)
    for suffix in _GLUED_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            key = key[: -len(suffix)]
            break
    return key or None


# --- title ------------------------------------------------------------------------------------

# Phrase rewrites, in order, on the folded title (word boundaries). Abbreviations are expanded so
# that "Sr. ML Eng" and "Senior Machine Learning Engineer" give the same tokens.
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"c\+\+", " cpp "), (r"c#", " csharp "), (r"\.net\b", " dotnet "),
        (r"\bfull[- ]?time\b|\bpart[- ]?time\b", " "),
        (r"\bai\s*/\s*ml\b|\bml\s*/\s*ai\b", " ai ml "),
        (r"\bartificial intelligence\b", " ai "),
        (r"\bgen(?:erative)?[- ]?ai\b", " generative ai "),
        (r"\bmle\b", " machine learning engineer "),
        (r"\bmlops\b|\bml[- ]ops\b", " mlops "),
        (r"\bml\b", " machine learning "),
        (r"\bllms\b", " llm "),
        (r"\bnlp\b", " natural language processing "),
        (r"\bcv\b", " computer vision "),
        (r"\bsr\b\.?|\bsnr\b", " senior "),
        (r"\bjr\b\.?", " junior "),
        (r"\bswe\b", " software engineer "),
        (r"\bsde\b", " software engineer "),
        (r"\bsoftware development engineer\b", " software engineer "),
        (r"\bsre\b", " site reliability engineer "),
        (r"\bmts\b|\bmember of (?:the )?technical staff\b", " member technical staff "),
        (r"\btpm\b", " technical program manager "),
        (r"\bvp\b", " vice president "),
        (r"\beng\b\.?|\bengr\b\.?|\bengg\b\.?", " engineer "),
        (r"\bmgr\b\.?", " manager "),
        (r"\bdev\b", " developer "),
        (r"\bfront[- ]?end\b", " frontend "),
        (r"\bback[- ]?end\b", " backend "),
        (r"\bfull[- ]?stack\b", " fullstack "),
        (r"\bnode\.?js\b", " nodejs "), (r"\bjava ?script\b", " javascript "), (r"\btype ?script\b", " typescript "),
        (r"&", " and "),
    )
)
# Level numerals: the seniority comparison keeps the difference, the title tokens drop it.
_LEVEL_NUMERAL = re.compile(r"\b(iv|iii|ii|i|v|[1-5]|l[3-8])\b(?![.,]\d)")
_NUMERALS = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
_LEVEL = frozenset({"i", "ii", "iii", "iv", "v", "1", "2", "3", "4", "5", "l3", "l4", "l5", "l6", "l7", "l8"})
_STOP = frozenset({
    "a", "an", "and", "or", "of", "the", "for", "in", "at", "with", "to", "on", "our", "new", "all",
    "remote", "hybrid", "onsite", "site", "office", "contract", "temporary", "freelance",
    "hiring", "role", "roles", "position", "positions", "opening", "openings", "job", "jobs",
    "mfd", "fmd", "wmd", "mwd", "levels", "level",
})
_ROLE_NOUNS = frozenset({
    "engineer", "scientist", "developer", "designer", "manager", "researcher", "analyst", "architect",
    "consultant", "specialist", "lead", "intern", "representative", "associate", "recruiter",
    "executive", "director", "administrator", "strategist", "technician", "writer", "editor",
    "operator", "partner", "advocate", "programmer", "leader",
})
# Bracketed or trailing pieces of a title say how ("(Remote)", "(12-month contract)": dropped) or
# where ("(EMEA)", " - Chicago": kept apart as the title's *places*, because a board that lists
# "Support Engineer (AMER)" and "Support Engineer (EMEA)" under one location "Remote" has two jobs).
_HOW = re.compile(
    r"\b(?:remote|hybrid|on-?site|in-?office|office|contract|temporary|fixed[- ]term|freelance|"
    r"m/f/d|f/m/d|w/m/d|all genders|\d+[- ]?months?|months?|weeks?|hours?|full[- ]?time|part[- ]?time)\b"
)
_WHERE = re.compile(
    r"\b(?:worldwide|global|anywhere|emea|apac|amer|amers|latam|americas|europe|eu|us|usa|uk|nyc|sf|"
    r"bay area|north america|south america|asia|dach|nordics|benelux|anz|mena|"
    r"time ?zones?|utc|gmt|est|pst|cet)\b"
)
_SEGMENT_SPLIT = re.compile(r"\s+[-–—|]\s+|\s*[-–—]\s*(?=remote\b)|\s*,\s+|\s*:\s+|\s+/\s+")
_PIECE_SPLIT = re.compile(r"\s*[-–—,/|;]\s*|\s+or\s+|\s+and\s+")
_PIECE_TRIM = " -–—|,:/;"


_WORKPLACE = re.compile(r"\b(remote|hybrid|on-?site)\b")


def _classify(piece: str) -> tuple[str, str]:
    """("keep" | "place" | "drop", text) for one bracketed or trailing piece of a title.

    "Remote"/"Hybrid"/"Onsite" count as a place too: a board that lists "Engineer" and
    "Engineer - Remote" for one city has two openings.
    """
    text = piece.strip(_PIECE_TRIM)
    bare = " ".join(_HOW.sub(" ", text).split()).strip(_PIECE_TRIM)
    if not bare:
        workplace = _WORKPLACE.search(text)
        return ("place", workplace.group(1).replace("-", "")) if workplace else ("drop", "")
    if _WHERE.search(bare) or bare in locations.CITIES or locations.country(bare) is not None:
        return "place", bare
    return "keep", text


def _split_title(folded: str) -> tuple[str, frozenset[str]]:
    """The words that name the job, and the places the title names."""
    places: set[str] = set()

    def sort_pieces(chunk: str) -> str:
        kind, text = _classify(chunk)
        if kind != "keep":
            if kind == "place":
                places.add(text)
            return " "
        kept = []
        for piece in _PIECE_SPLIT.split(chunk):
            kind, text = _classify(piece)
            if kind == "place":
                places.add(text)
            elif kind == "keep":
                kept.append(text)
        return " " + " ".join(kept) + " "

    text = _BRACKETED.sub(lambda m: sort_pieces(m.group(0)[1:].rstrip(")]}")), folded)
    # The first segment always names the job; later ones may be a place or a how.
    segments = _SEGMENT_SPLIT.split(text)
    text = " ".join([segments[0]] + [sort_pieces(s) for s in segments[1:]])
    return text, frozenset(places)


# Letters of a non-Latin script (CJK, kana, Hangul, Cyrillic, Greek, Arabic, Thai...): word characters
# that are not digits, "_" or Latin (Basic Latin to Latin Extended-B, Latin Extended Additional).
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]+")
_EDGE_PUNCT = " ,;:|/-–—·・"


def english_part(folded: str) -> str:
    """A bilingual title's English (Latin-script) words: ``"ai 工程师 ai engineer"`` -> ``"ai ai engineer"``.

    Only when the Latin words name a role on their own (a role noun such as "engineer" or "lead"):
    a title written wholly in another script, or whose Latin words are only "AI" or "NodeJs", is
    kept whole. Empty brackets left behind ("(한국)" -> "( )") are dropped later as pieces with no words.
    """
    if not _NON_LATIN.search(folded):
        return folded
    latin = _NON_LATIN.sub(" ", folded)
    words = _WORD.findall(latin)
    if not any(w in _ROLE_NOUNS or (w.endswith("s") and w[:-1] in _ROLE_NOUNS) for w in words):
        return folded
    return " ".join(latin.split()).strip(_EDGE_PUNCT)


@lru_cache(maxsize=65536)
def _title_parts(title: str | None) -> tuple[frozenset[str], frozenset[str]]:
    if not title:
        return frozenset(), frozenset()
    text, places = _split_title(english_part(fold(title)))
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    words = set()
    for word in _WORD.findall(text):
        if word in _LEVEL or word in _STOP or (len(word) == 1 and word.isascii()):
            continue
        if word.endswith("s") and word[:-1] in _ROLE_NOUNS:
            word = word[:-1]
        words.add(word)
    return frozenset(words), places


def title_tokens(title: str | None) -> frozenset[str]:
    """The title as a set of normalised words (order does not matter: sorted tokens are the key)."""
    return _title_parts(title)[0]


def title_places(title: str | None) -> frozenset[str]:
    """Places a title names in brackets or a trailing segment: ``"SRE (EMEA)"`` -> ``{"emea"}``."""
    return _title_parts(title)[1]


def title_key(title: str | None) -> str:
    """Sorted normalised title tokens joined by spaces ("" when nothing is left)."""
    return " ".join(sorted(title_tokens(title)))


# Place names as runs of folded words ("new york city", "sao paulo", "u s"). "us", "on" and "america"
# are too often not places ("join us", "on call").
_PLACE_NAMES = frozenset(
    " ".join(_WORD.findall(form))
    for name in (*locations.COUNTRIES, *locations.CITIES, *locations.US_STATES)
    for form in (fold(name), name.casefold())
) - {"us", "on", "america"}
_PLACE_RUN_STARTS = frozenset(name.split()[0] for name in _PLACE_NAMES if " " in name)
_PLACE_MAX_WORDS = max(len(name.split()) for name in _PLACE_NAMES)
_PLACE_VOCABULARY = frozenset(word for name in _PLACE_NAMES for word in name.split())


def _mask_places(words: list[str]) -> tuple[list[str], bool]:
    """``words`` (lower case) with every run that names a place replaced by ``"place"``; whether any did."""
    if _PLACE_VOCABULARY.isdisjoint(words):
        return words, False
    out: list[str] = []
    found = False
    i, n = 0, len(words)
    while i < n:
        size = 1
        if words[i] in _PLACE_RUN_STARTS:
            for run in range(min(_PLACE_MAX_WORDS, n - i), 1, -1):
                if " ".join(words[i : i + run]) in _PLACE_NAMES:
                    size = run
                    break
        if size > 1 or words[i] in _PLACE_NAMES:
            out.append("place")
            found = True
        else:
            out.append(words[i])
        i += size
    return out, found


# Words that may stand next to a place in a title's place piece without changing the role:
# "(US Based)", "(Paris only)", "(Eastern Time Zone Preferred)", "- Relocate to Europe", "(Korea & Japan
# Market)", "(Indonesia, Remote – Global Hiring)". Anything else in a place piece ("AMER - Weekends",
# "UK Public Sector", "Belgium (Dutch speaking)") names a different role.
_PLACE_FILLER = frozenset({
    "based", "only", "preferred", "preference", "time", "zone", "zones", "timezone", "timezones",
    "relocate", "relocation", "relocating", "from", "within", "across", "anywhere", "country", "countries",
    "region", "regions", "market", "markets", "east", "west", "north", "south", "central", "eastern",
    "western", "northern", "southern", "midwest", "pacific", "mountain", "coast", "latin", "america",
    "european", "american", "asian", "ldn", "pnw", "can",
    *(code.lower() for code in locations.COUNTRIES.values()), *(code.lower() for code in locations.US_STATE_CODES),
})


# A title that names a language ("AI Red Team Engineer - Spanish (Latin America)") is a role for that
# locale: its places stay part of the role ("Spanish (Spain)" is another job).
_LANGUAGES = frozenset({
    "english", "spanish", "french", "german", "dutch", "flemish", "italian", "portuguese", "brazilian",
    "chinese", "mandarin", "cantonese", "japanese", "korean", "arabic", "hebrew", "hindi", "bengali",
    "urdu", "russian", "ukrainian", "polish", "czech", "slovak", "hungarian", "romanian", "bulgarian",
    "greek", "turkish", "swedish", "danish", "norwegian", "finnish", "icelandic", "estonian", "thai",
    "vietnamese", "indonesian", "malay", "tagalog", "filipino", "persian", "farsi", "swahili", "bilingual",
})


@lru_cache(maxsize=65536)
def role_key(title: str | None) -> str:
    """The role a title names wherever it is: :func:`title_key` plus any word of its place pieces that
    is not a place ("Support Engineer (AMER - Weekends)" keeps "weekends"); a title naming a language
    keeps its places whole. Translations are already reduced to their English title
    (:func:`english_part`). "" when nothing is left."""
    tokens, places = _title_parts(title)
    if not tokens:
        return ""
    if not tokens.isdisjoint(_LANGUAGES):
        return " ".join(sorted(tokens | {f"@{place}" for place in places}))
    qualifiers = set()
    for place in places:
        for word in _mask_places(_WORD.findall(_WHERE.sub(" ", place)))[0]:
            if word in _STOP or word in _PLACE_FILLER or word == "place" or word.isdigit() or len(word) == 1:
                continue
            qualifiers.add(word)
    return " ".join(sorted(tokens | qualifiers))


@lru_cache(maxsize=65536)
def seniority(title: str | None) -> str:
    """The project's seniority bucket plus any level numeral: "Senior Engineer I" != "Senior Engineer II"."""
    if not title:
        return titles.seniority(title)
    folded = english_part(fold(title))
    numeral = _LEVEL_NUMERAL.search(folded)
    if not numeral:
        return titles.seniority(folded)
    # The bucket from the words alone ("Engineer II" and "Engineer 2" alike), then the numeral.
    level = titles.seniority(_LEVEL_NUMERAL.sub(" ", folded))
    return f"{level} {_NUMERALS.get(numeral.group(1), numeral.group(1))}"


def levels_compatible(a: str, b: str) -> bool:
    """Same level, or one side does not say (an HN comment often omits "Senior" or "II")."""
    if a == b:
        return True
    bucket_a, _, numeral_a = a.partition(" ")
    bucket_b, _, numeral_b = b.partition(" ")
    if a == "unspecified" or b == "unspecified":
        return True
    return bucket_a == bucket_b and not (numeral_a and numeral_b)


def title_close(a: frozenset[str], b: frozenset[str], min_jaccard: float = 0.5) -> bool:
    """Token Jaccard >= ``min_jaccard`` or one title's words all inside the other's."""
    if not a or not b:
        return False
    inter = len(a & b)
    return inter >= min(len(a), len(b)) or inter / len(a | b) >= min_jaccard


def title_contained(a: frozenset[str], b: frozenset[str]) -> bool:
    """All of one (non-empty) title's words appear in the other's."""
    return bool(a) and bool(b) and (a <= b or b <= a)


# --- location ---------------------------------------------------------------------------------

_LOCATION_SPLIT = re.compile(r"\s*(?:\||/|;|\+|,|\bor\b|\band\b|&)\s*", re.I)
# Words around a place that are not places ("On-site in Stockholm": "on" would read as Ontario).
_NOT_PLACE = re.compile(
    r"\b(?:on-?site|in-?office|remote|hybrid|hubs?|in|office|based|only|preferred|considered|ok|"
    r"full-?time|part-?time|within|near|time ?zones?|first)\b",
    re.I,
)
_PUNCT = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def location_key(location: str | None) -> str:
    """Strict location identity for two postings of one board: the set of listed places, folded."""
    if not location:
        return ""
    parts = {_PUNCT.sub(" ", fold(part)).strip() for part in location.split(" | ")}
    return " | ".join(sorted(p for p in parts if p))


@lru_cache(maxsize=65536)
def countries(location: str | None, country: str | None = None) -> frozenset[str]:
    """Every ISO country a location text names (HN writes "SF/NYC/London", boards use " | ")."""
    found = {country} if country else set()
    if location:
        for piece in _LOCATION_SPLIT.split(location):
            piece = " ".join(_NOT_PLACE.sub(" ", piece).split())
            code = locations.country(piece) if piece else None
            if code:
                found.add(code)
    return frozenset(found)


def locations_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Unknown or remote-anywhere on either side is compatible; two known sets must overlap."""
    return not a or not b or not a.isdisjoint(b)


# --- location-neutral description ----------------------------------------------------------------

# A line that says where the job is: "📍 Working arrangement: Germany (Remote)", "Location: London",
# "#LI-Remote". Only short lines go (a paragraph that names a city is kept, its place names masked).
_LOCATION_LINE = re.compile(
    r"📍|^\W*(?:locations?|based in|working arrangement|work arrangement|work location|workplace|"
    r"where you(?:'|’)?ll work|office|remote|hybrid|on-?site)\b|^\s*#li-\w+\s*$",
    re.I,
)
_LOCATION_LINE_WORDS = 25
_PLACE_LINE_WORDS = 8


def location_neutral(text: str | None) -> str | None:
    """A description with its location lines removed and place names masked (as casefolded words).

    Two postings of one role for two places ("... based in Thailand" / "... based in Malaysia",
    "📍 Working arrangement: Germany (Remote)") then read the same. Symmetric: both sides of a
    comparison get the same treatment, so masking a word that is not a place ("Georgia") costs nothing.
    """
    if not text:
        return text
    kept = []
    for line in text.splitlines():
        words = _WORD.findall(line.casefold())
        if not words:
            continue
        if len(words) <= _LOCATION_LINE_WORDS and _LOCATION_LINE.search(line):
            continue
        masked, found = _mask_places(words)
        if found and len(words) <= _PLACE_LINE_WORDS:
            continue
        kept.append(" ".join(masked))
    return "\n".join(kept)


def clear_caches() -> None:
    """Forget memoised keys (benchmarks time cold runs)."""
    for cached in (company_key, _title_parts, role_key, seniority, location_key, countries):
        cached.cache_clear()
