"""Hacker News "Ask HN: Who is hiring?": one Firebase item per body (``/v0/item/<id>.json``).

The ``whoishiring`` user item and the story items are context, not postings: no record, no reject.
A top-level comment is one posting. Deleted, dead or empty comments are ``skipped`` (counted, not
quarantined). ``context`` (the thread the spider walked: ``story_id``, ``story_title``,
``story_time``) gives ``period_raw``, the thread's month.

A comment is free HTML (``<p>`` between paragraphs, entities such as ``&#x2F;``, ``<a href>`` links).
Its first line is conventionally a header, ``Company | Role | Location | REMOTE | Salary | URL`` in
any order, with ``|`` (sometimes `` - ``, `` — ``, ``;`` or ``/``) between fields. :func:`parse_header`
reads it: the company is the first field; roles are the fields that name job titles (split further
on ``,``/``&``/``and``/``+`` when every piece is a title), plus ``Roles:``-like labelled lists and
bullet or one-line role lists in the body; the location is the field(s) naming a place; the
workplace is the first REMOTE/Hybrid/Onsite mention; the salary is the field stating an amount.
A comment that names no role (a meta remark) or that seeks work keeps its first line as title and an
empty ``roles_raw``: every top-level comment is counted as a posting.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from crawlers.parsers import ParseResult, UnparseableBody, empty_record, load_json
from crawlers.parsers.salary_text import has_money, parse_salary_text

ITEM_URL = "https://news.ycombinator.com/item?id={}"
MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_THREAD_MONTH = re.compile(r"\((?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{4})\)")


# --------------------------------------------------------------------------------------- parse

def parse(body: str, board: str, context: dict[str, Any] | None = None) -> ParseResult:
    """One HN response -> postings. Firebase answers one item per request (a comment carries its
    thread in ``context``); Algolia's ``/api/v1/items/<id>`` answers a whole thread with its comments
    as ``children``. Every top-level comment is one posting."""
    item = load_json(body)
    result = ParseResult()
    if item is None:  # the API answers `null` for an id that does not exist (yet)
        result.skipped.append(("missing item", body))
        return result
    if not isinstance(item, dict):
        raise UnparseableBody("expected an HN item or user object")
    kind = item.get("type")
    if kind is None and ("submitted" in item or "hits" in item):
        return result  # the whoishiring user, or an Algolia search page: the list of threads
    if kind == "story":
        if isinstance(item.get("children"), list):  # Algolia: the thread and all its comments
            thread = {"story_id": item.get("id"), "story_title": item.get("title"), "story_time": item.get("created_at_i")}
            for child in item["children"]:
                if isinstance(child, dict):
                    comment = {**child, "time": child.get("created_at_i"), "type": child.get("type", "comment")}
                    _parse_comment(comment, board, thread, result)
        return result  # a Firebase story is the thread itself
    _parse_comment(item, board, context, result)
    return result


def _parse_comment(item: dict[str, Any], board: str, context: dict[str, Any] | None, result: ParseResult) -> None:
    raw = json.dumps(item, ensure_ascii=False, sort_keys=True)
    kind = item.get("type")
    if kind != "comment":
        result.skipped.append((f"not a comment: {kind}", raw))
        return
    if item.get("deleted"):
        result.skipped.append(("deleted comment", raw))
        return
    if item.get("dead"):
        result.skipped.append(("dead comment", raw))
        return
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        result.skipped.append(("empty comment", raw))  # Algolia serves deleted comments as text null
        return
    if item.get("id") is None:
        result.rejects.append(("missing source_id", raw))
        return
    header = parse_header(text)
    # Every top-level comment in a hiring thread is a posting. One that names no role, or that is
    # someone seeking work, keeps its first line as title and an empty role list, so it is counted
    # (never as an ML role unless its first line says so) and easy to filter.
    seeker = is_job_seeker(text)
    title = None if seeker else header.title
    record = empty_record("hn", board)
    record.update(
        source_id=str(item["id"]),
        url=ITEM_URL.format(item["id"]),
        company=None if seeker else header.company,
        title=title or first_line(text),
        location_raw=header.location,
        workplace_raw=header.workplace,
        employment_type_raw="job seeker" if seeker else header.employment,
        posted_at_raw=str(item["time"]) if item.get("time") is not None else None,
        description_html=text,
        salary_text=None if seeker else header.salary_text,
        roles_raw=json.dumps(header.roles if title else [], ensure_ascii=False),
        period_raw=thread_month(context, item.get("time")),
        raw_json=raw,
    )
    salary = parse_salary_text(header.salary_text) if not seeker else None
    if salary is not None and salary.found:
        record.update(salary_min=salary.min, salary_max=salary.max, salary_currency=salary.currency, salary_period=salary.period)
    result.records.append(record)


def first_line(text_html: str, limit: int = 100) -> str:
    """The comment's first line as plain text, cut at ``limit`` characters: the title of a comment
    whose header names no role."""
    for paragraph in html_to_paragraphs(text_html):
        for line in paragraph:
            line = " ".join(line.split())
            if line:
                return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return "(empty comment)"


_SEEKER = re.compile(
    r"(?i)\b(?:i['’]?m|i\s+am)\s+(?:currently\s+|actively\s+)?(?:looking|seeking|searching)\s+for\s+(?:a\s+|new\s+|my\s+next\s+)*"
    r"(?:remote\s+|full[- ]time\s+|freelance\s+)?(?:job|work|role|position|opportunit)"
    r"|^\s*seeking\s+(?:work|remote|freelance|a\s+job|employment|(?:[\w/]+\s+){0,3}opportunit)"
    r"|^\s*willing\s+to\s+relocate\s*:",
    re.M,
)


def is_job_seeker(text_html: str) -> bool:
    """A "Who wants to be hired?" style comment posted in the hiring thread (someone seeking work)."""
    lines = [line for paragraph in html_to_paragraphs(text_html)[:4] for line in paragraph][:12]
    return bool(_SEEKER.search("\n".join(lines)))


def thread_month(context: dict[str, Any] | None, comment_time: Any = None) -> str | None:
    """``YYYY-MM`` from the story title "(May 2026)", else the story time, else the comment time."""
    context = context or {}
    match = _THREAD_MONTH.search(str(context.get("story_title") or ""))
    if match and match.group("month").lower() in MONTHS:
        return f"{match.group('year')}-{MONTHS[match.group('month').lower()]:02d}"
    for value in (context.get("story_time"), comment_time):
        try:
            return datetime.fromtimestamp(int(value), tz=timezone.utc).strftime("%Y-%m")
        except (TypeError, ValueError, OverflowError, OSError):
            continue
    return None


# ------------------------------------------------------------------------------ vocabulary

_NOUNS = (
    r"engineers?|engs?|developers?|devs|programmers?|scientists?|researchers?|managers?|designers?|analysts?"
    r"|architects?|swes?|sres?|mles?|sdes?|pms|tpms?|ctos?|cpos?|cfos?|coos?|vps?|directors?|specialists?"
    r"|consultants?|advocates?|devrel|recruiters?|writers?|administrators?|admins?|technicians?|officers?"
    r"|coordinators?|strategists?|marketers?|operators?|testers?|representatives?|reps|generalists?"
    r"|hackers?|physicists?|mathematicians?|economists?|statisticians?|quants?|traders?|accountants?"
    r"|counsel|attorneys?|lawyers?|nurses?|physicians?|clinicians?|teachers?|instructors?|professors?"
    r"|postdocs?|apprentices?|experts?|liaisons?|auditors?|editors?|producers?|artists?|animators?"
    r"|fdes?|sdets?|dbas?|aes?|bdrs?|sdrs?|csms?"
    # need a qualifier before them ("Tech Lead", "Founding Associate"), alone they are other words
    r"|(?<=\w[\s/-])(?:leads?|interns?|associates?|owners?|founders?|co-?founders?|fellows?|executives?|execs?"
    r"|partners?|pm|heads?|members?\s+of\s+technical\s+staff)"
)
_QUALIFIED = r"(?<=\w[\s/-])"
_ANY_NOUN = _NOUNS.replace(_QUALIFIED, "")
_ROLE_NOUN = re.compile(rf"(?<!\w)(?:{_NOUNS})(?:'s|’s)?(?![\w-])", re.I)
_STRICT_NOUN = re.compile(rf"(?<![\w-])(?:{_NOUNS.split('|' + _QUALIFIED)[0]})(?:'s|’s)?(?![\w-])", re.I)
_ROLE_PREFIX = re.compile(
    r"(?<![\w-])(?:head\s+of|director\s+of|vp\s+of|vice\s+president|chief\s+\w+\s+officer|member\s+of\s+technical\s+staff"
    r"|co-?founders?|cto|pm)(?![\w-])",
    re.I,
)
_LAST_WORD_ROLE = re.compile(rf"^(?:{_ANY_NOUN}|dev)(?:'s|’s)?$", re.I)  # "Full Stack Dev", not "Dev Shop"
_LEVEL_SUFFIX = re.compile(r"(?:\s+(?:i{1,3}|iv|v|[1-5]|sr\.?|jr\.?|senior|staff|\+))+$", re.I)
_FILLER = re.compile(r"^(?:and\s+)?(?:many\s+)?(?:more|others|etc\.?|\.\.\.|…|and\s+more|multiple|various)$", re.I)
_STOPWORDS = {
    "we", "you", "your", "our", "i", "is", "are", "was", "were", "will", "be", "have", "has", "to", "the",
    "this", "that", "who", "which", "with", "a", "an", "as", "at", "on", "by", "from", "years", "year",
    "experience", "if", "can", "should", "must", "want", "it", "its", "they", "their", "my", "me", "us",
    "into", "about", "what", "how", "why", "when", "where", "not", "no", "yes", "all", "any", "some",
    "hiring", "looking", "seeking", "join", "apply", "please", "currently", "always",
}
_VERBS = {
    "mentor", "build", "work", "lead", "design", "develop", "own", "collaborate", "help", "drive",
    "manage", "partner", "support", "ship", "hire", "grow", "join", "report", "architect", "write", "run",
    "create", "improve", "maintain", "scale", "define", "shape", "teach", "assist", "contribute", "coach",
    "recruit", "guide", "interview", "onboard", "advise", "deploy", "implement", "operate", "review",
    "pair", "embed", "bring", "meet", "talk", "sit", "become", "apply", "email", "contact", "send",
}
_WORKPLACE = (
    ("remote", re.compile(r"(?<![\w-])(?:remote|remotely|wfh|work\s+from\s+(?:home|anywhere)|fully\s+distributed)(?![\w])", re.I)),
    ("hybrid", re.compile(r"(?<![\w-])(?:hybrid|hyrbid)(?![\w])", re.I)),
    ("onsite", re.compile(r"(?<![\w-])(?:on-?site|on\s+site|in[- ]office|in[- ]person|office[- ]based)(?![\w-])", re.I)),
)
_EMPLOYMENT = re.compile(
    r"(?<![\w-])(?:full[- ]?time|part[- ]?time|fulltime|full\s+tim|contract(?:or)?(?:[- ]to[- ](?:hire|perm|ft|full[- ]?time))?"
    r"|freelance|internships?|interns?|permanent|temporary|temp|co-?op|fte?|seasonal|sub-?contractor)(?![\w-])",
    re.I,
)
_NOT_PLACE = re.compile(r"citizen|visa|sponsor|clearance|immigration|relocat|language|required\b.*\bspeak|fluent", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_DOMAIN = re.compile(
    r"^(?:[\w-]+\.)+(?:com|io|ai|co|dev|org|net|app|xyz|so|tech|inc|bio|sh|gg|us|eu|de|uk|health|work|build"
    r"|run|page|cloud|finance|systems|studio|team|jobs|careers|me|to|fm|tv|ag|vc|fund|energy|space|am|is)(?:/\S*)?$",
    re.I,
)
_HIRING_SENTENCE = re.compile(
    r"^(?P<company>[^|.!?]{1,60}?)\s+(?:is|are)\s+(?:now\s+|actively\s+|still\s+)?hiring\b[:!,]?\s*(?:for\s+)?(?:an?\s+|the\s+|our\s+)?(?P<rest>.*)$",
    re.I,
)
_LEADING_HIRING = re.compile(r"^(?:(?:we(?:'|’)?re|we\s+are|now|currently)\s+)?hiring\s*(?::|–|—|-)?\s*(?:for\s+)?(?:an?\s+)?", re.I)
_NAMED = re.compile(
    r"^(?:at\s+)?(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})(?:\s*\([^)]*\))?\s*"
    r"(?:,|\s(?:is|are|has|builds|helps|makes|we|we're|we’re)\b|\s[-–—:]\s)"
)
_AT_COMPANY = re.compile(r"^(?P<role>.+?)\s*@\s*(?P<company>[^@]+)$")
_PROSE_START = re.compile(
    r"^(?:hi|hey|hello|we|we're|we’re|i|i'm|i’m|i've|our|my|at|by|in|the|this|looking|seeking|join|if|do|what|please|"
    r"here|thanks|thank|great|wow|good|careful|amazing|does|is|are|any|anyone|can|could|just|so|also|as)\b",
    re.I,
)
_LABEL = re.compile(
    r"^\s*(?P<label>company|who\s+is\s+hiring|employer|organi[sz]ation|(?:multiple\s+|current\s+|open\s+)?(?:roles?|positions?|openings?)|job\s+titles?|titles?"
    r"|hiring(?:\s+for)?|location|locations|where|office|remote|workplace|work\s+mode|salary|compensation|comp|pay|pay\s+range"
    r"|base|type|employment(?:\s+type)?|job\s+type|commitment|contract)\s*[:：]\s*(?P<value>.+?)\s*$",
    re.I,
)
_PLURAL_LABELS = re.compile(r"^(?:(?:multiple\s+|current\s+|open\s+)?(?:roles|positions|openings)|job\s+titles|titles|hiring(?:\s+for)?)$", re.I)
_LISTED = re.compile(r"(?i)\b(?:openings|roles|positions|hiring(?:\s+for)?)\s*(?:for|include)?\s*:\s*(?P<list>\S.+)$")
_TRAILING_LINK = re.compile(r"\s*(?:[-–—=]+>|→|\(?\s*https?://|,?\s+apply\b|\s+[-–—]+\s+apply\b).*$", re.I)

# Places: countries, regions, US states, big cities, time zones. Lower-case names match any case;
# the upper-case codes match as written ("US", not "us").
_PLACE_NAMES = """
united states|usa|u\\.s\\.a?\\.?|america|americas|north america|south america|latin america|central america|canada|mexico
|brazil|argentina|chile|colombia|peru|uruguay|costa rica|united kingdom|great britain|england|scotland|wales|ireland
|germany|france|spain|portugal|italy|netherlands|the netherlands|holland|belgium|switzerland|austria|sweden|norway
|denmark|finland|iceland|poland|czechia|czech republic|slovakia|hungary|romania|bulgaria|greece|serbia|croatia|slovenia
|estonia|latvia|lithuania|ukraine|turkey|türkiye|israel|united arab emirates|saudi arabia|qatar|egypt|nigeria|kenya
|south africa|morocco|india|pakistan|bangladesh|sri lanka|nepal|china|hong kong|taiwan|japan|south korea|korea|singapore
|malaysia|indonesia|thailand|vietnam|philippines|australia|new zealand|luxembourg|cyprus|malta|madagascar
|north macedonia|macedonia|armenia|georgia|kazakhstan|moldova|albania|bosnia|montenegro|ghana|rwanda|ethiopia|tunisia
|europe|european union|asia|africa|oceania|middle east|scandinavia|nordics|benelux|balkans|dach|worldwide|world-wide
|global|globally|anywhere|international|internationally|bay area|silicon valley|east coast|west coast|midwest
|new england|pacific northwest|tri-state|time ?zones?|timezones?
|alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|hawaii|idaho|illinois|indiana|iowa
|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska
|nevada|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania
|rhode island|south carolina|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming
|ontario|quebec|british columbia|alberta|bavaria
|san francisco|new york city|los angeles|seattle|austin|boston|chicago|denver|miami|atlanta|portland|san diego|san jose
|palo alto|mountain view|menlo park|sunnyvale|santa clara|cupertino|redwood city|oakland|berkeley|emeryville
|south san francisco|san mateo|burlingame|los gatos|fremont|pleasanton|san ramon|walnut creek|santa monica|culver city
|el segundo|hawthorne|pasadena|irvine|newport beach|santa barbara|sacramento|washington dc|washington d\\.c\\.|arlington
|alexandria|reston|mclean|tysons|herndon|bethesda|philadelphia|pittsburgh|baltimore|raleigh|durham|chapel hill|charlotte
|nashville|dallas|houston|san antonio|phoenix|tucson|albuquerque|salt lake city|las vegas|minneapolis|detroit|ann arbor
|columbus|cleveland|cincinnati|dayton|st\\.? louis|kansas city|madison|milwaukee|boulder|brooklyn|manhattan|queens
|jersey city|hoboken|cambridge|somerville|waltham|providence|new haven|stamford|tampa|orlando|richmond|redmond|bellevue
|kirkland|honolulu|anchorage|new orleans|toronto|vancouver|montreal|montréal|ottawa|waterloo|calgary|halifax|london
|manchester|edinburgh|glasgow|oxford|bristol|leeds|birmingham|dublin|cork|belfast|berlin|munich|münchen|hamburg
|frankfurt|cologne|köln|stuttgart|düsseldorf|leipzig|dresden|karlsruhe|heidelberg|paris|lyon|toulouse|amsterdam
|rotterdam|utrecht|eindhoven|delft|the hague|brussels|antwerp|ghent|zurich|zürich|geneva|lausanne|basel|bern|zug|vienna
|graz|linz|prague|brno|warsaw|krakow|kraków|wroclaw|wrocław|gdansk|gdańsk|poznan|budapest|bucharest|cluj|sofia
|belgrade|novi sad|zagreb|ljubljana|tallinn|riga|vilnius|helsinki|espoo|stockholm|gothenburg|göteborg|malmö|malmo
|linköping|lund|uppsala|copenhagen|aarhus|oslo|trondheim|bergen|reykjavik|lisbon|porto|madrid|barcelona|valencia|malaga
|málaga|milan|milano|rome|turin|bologna|athens|thessaloniki|istanbul|ankara|tel aviv|jerusalem|haifa|dubai|abu dhabi
|riyadh|doha|cairo|lagos|nairobi|cape town|johannesburg|kigali|accra|bangalore|bengaluru|mumbai|delhi|new delhi
|gurgaon|gurugram|noida|hyderabad|pune|chennai|kolkata|ahmedabad|shanghai|beijing|shenzhen|hangzhou|guangzhou|taipei
|tokyo|osaka|kyoto|seoul|busan|sydney|melbourne|brisbane|perth|adelaide|canberra|auckland|wellington|christchurch
|sao paulo|são paulo|rio de janeiro|buenos aires|mexico city|guadalajara|monterrey|bogota|bogotá|medellin|medellín
|santiago|lima|montevideo|kyiv|kiev|lviv|tbilisi|yerevan|almaty|manila|jakarta|bangkok|ho chi minh|hanoi|kuala lumpur
|karachi|lahore|islamabad|rawalpindi|dhaka|colombo|kathmandu|skopje|shenzhen|cleveland|stanford|moscow|minsk
"""
_PLACE_WORDS = re.compile(
    r"(?<![\w])(?:"
    + "|".join(name.strip().replace(" ", r"\s+") for name in _PLACE_NAMES.replace("\n", "").split("|") if name.strip())
    + r")(?![\w])",
    re.I,
)
_PLACE_CODES = re.compile(
    r"(?<![\w])(?:US|USA|UK|EU|EEA|UAE|NL|DE|FR|PT|CH|SE|DK|FI|PL|CZ|IE|IL|JP|SG|AU|NZ|BR|MX|CAN|LATAM|EMEA"
    r"|APAC|AMER|AMERICAS|ANZ|NYC|SF|SFO|LA|DC|NY|ATX|LON|SJ|SFBA|SoCal|NorCal|CET|CEST|EST|EDT|PST|PDT|PT|ET|GMT"
    r"|UTC|BST|IST|WET|EET|AEST|SEA)(?![\w])"
)
_STATE_AFTER_CITY = re.compile(
    r"[A-Z][a-z]+[,]?\s+(?:AL|AK|AZ|CA|CO|CT|DE|FL|GA|IA|IL|KS|KY|LA|MA|MD|MI|MN|MO|MS|NC|ND|NE|NH|NJ|NM|NV|NY|PA|RI"
    r"|SC|SD|TN|TX|UT|VA|VT|WA|WI|WV|WY|BC|ON|QC|AB)(?![\w])"
)


# ------------------------------------------------------------------------------- helpers

def html_to_paragraphs(text_html: str) -> list[list[str]]:
    """HN comment HTML -> paragraphs of lines (plain text, entities decoded, link text kept)."""
    paragraphs = []
    for chunk in re.split(r"<p\b[^>]*>", text_html, flags=re.I):
        chunk = re.sub(r"<br\s*/?>", "\n", chunk, flags=re.I)
        chunk = re.sub(r"</?(?:pre|code|ul|ol|li)\b[^>]*>", "\n", chunk, flags=re.I)
        chunk = html.unescape(re.sub(r"<[^>]+>", "", chunk))
        lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append(lines)
    return paragraphs


def _depth_spans(text: str, separator: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of the pieces between ``separator`` matches outside (), [] and {}."""
    spans, start, depth, last = [], 0, 0, 0
    for match in separator.finditer(text):
        prefix = text[last : match.start()]
        depth += sum(prefix.count(c) for c in "([{") - sum(prefix.count(c) for c in ")]}")
        last = match.start()
        if depth <= 0:
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, len(text)))
    out = []
    for begin, end in spans:
        piece = text[begin:end]
        stripped = piece.strip(" \t*_")
        if stripped:
            offset = begin + piece.index(stripped)
            out.append((offset, offset + len(stripped)))
    return out


def _depth_split(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split on ``separator`` only outside (), [] and {}."""
    return [text[a:b] for a, b in _depth_spans(text, separator)]


_HEADER_SEPARATORS = (
    re.compile(r"\|"),
    re.compile(r"\s+(?:—|–|--?)\s+|\s+(?:—|–)|(?:—|–)\s+"),
    re.compile(r"\s*;\s+"),
    re.compile(r"\s+[·•]\s+"),
    re.compile(r"\s+/\s*|/\s+"),
)
_MONEY_END = re.compile(r"[$€£]?\s?\d[\d,.]*\s?[kK]?\+?$")
_MONEY_START = re.compile(r"^[$€£]?\s?\d")


def split_header(line: str) -> list[str]:
    """One header line -> its fields: ``|`` first, else dashes, ``;``, ``•``, spaced ``/``."""
    for separator in _HEADER_SEPARATORS:
        fields = _depth_split(line, separator)
        if len(fields) >= 2:
            merged: list[str] = []
            for piece in fields:  # "$150k - $180k" split on " - " is one field again
                if merged and _MONEY_END.search(merged[-1]) and _MONEY_START.match(piece) and separator is not _HEADER_SEPARATORS[0]:
                    merged[-1] = f"{merged[-1]} - {piece}"
                else:
                    merged.append(piece)
            return merged
    return [line.strip(" \t*_")] if line.strip(" \t*_") else []


def _without_parens(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\s/|,;]+", text) if re.search(r"\w", w)]


def is_role(text: str, strict: bool = False) -> bool:
    """Does this text name a job title ("Senior ML Engineer", "Head of Data", "CTO")?

    ``strict`` (for a header's first field, usually the company) leaves out the words that are
    also common in company names ("Global Partners", "Founders Fund"): lead, partner, associate….
    """
    core = _without_parens(_URL.sub(" ", text))
    words = _words(core)
    if not core or len(words) > 24 or len(words) > 10 and sum(w.lower() in _STOPWORDS for w in words) >= 2:
        return False
    if strict:
        return bool(_STRICT_NOUN.search(core) or _ROLE_PREFIX.search(core))
    return bool(_ROLE_NOUN.search(core) or _ROLE_PREFIX.search(core) or _ends_with_role(core))


def _ends_with_role(core: str) -> bool:
    core = _LEVEL_SUFFIX.sub("", core.strip(" .:;,-–—"))
    if _ROLE_PREFIX.match(core):
        return True
    words = core.split()
    if not words:
        return False
    last = re.sub(r"^.*/", "", words[-1]) or words[-1]
    return bool(_LAST_WORD_ROLE.match(words[-1]) or _LAST_WORD_ROLE.match(last))


def looks_like_place(text: str) -> bool:
    if _NOT_PLACE.search(text):
        return False
    return bool(_PLACE_WORDS.search(text) or _PLACE_CODES.search(text) or _STATE_AFTER_CITY.search(text))


def workplace_of(text: str) -> str | None:
    """remote | hybrid | onsite: the first one the text mentions."""
    best: tuple[int, str] | None = None
    for name, pattern in _WORKPLACE:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best else None


def _only_place_or_workplace(text: str) -> bool:
    """True when nothing is left once place names, workplace words and fillers are removed."""
    rest = _PLACE_WORDS.sub(" ", text)
    rest = _PLACE_CODES.sub(" ", rest)
    rest = _STATE_AFTER_CITY.sub(" ", rest)
    for _, pattern in _WORKPLACE:
        rest = pattern.sub(" ", rest)
    rest = re.sub(r"(?i)\b(?:only|or|and|in|based|preferred|friendly|first|possible|ok|us|our|the|fully|100%|\d+%|hq)\b", " ", rest)
    return not re.sub(r"[\W_]+", "", rest)


def _key(role: str) -> str:
    return re.sub(r"[^a-z0-9+#]+", " ", role.lower()).strip()


def _contains(outer: str, inner: str) -> bool:
    """Every word of ``inner`` in order inside ``outer`` ("senior engineer" in "senior engineer backend")."""
    return bool(inner) and f" {inner} " in f" {outer} "


def _is_plural_umbrella(role: str) -> bool:
    core = _LEVEL_SUFFIX.sub("", _without_parens(role))
    last = core.split()[-1].lower() if core.split() else ""
    return bool(re.fullmatch(r"\w+(?:ers|ists|ants|ects|ners|ors|sts|ds|es|ns|s)", last)) and not last.endswith("ss")


_ROLE_SEPARATOR = re.compile(r"\s*,\s+(?:and\s+|&\s+)?|\s+(?:&|and|\+)\s+|\s*;\s*", re.I)
_SLASH_SEPARATOR = re.compile(r"\s+/\s+")
_LIST_SEPARATOR = re.compile(r"\s*,\s+(?:and\s+|&\s+|or\s+)?|\s+(?:&|and|\+|or)\s+|\s*;\s*", re.I)


def split_roles(text: str, labelled_list: bool = False) -> list[str]:
    """A field naming roles -> one or more titles.

    Split on ``,`` / ``&`` / ``and`` / ``+`` / ``;`` outside parentheses. Pieces that are not titles
    themselves qualify a neighbour: those before the first title join it ("Staff, Fullstack &
    Frontend Software Engineers" is one title), later ones join the title before them ("Staff SWE,
    AI"). "Full-Stack Engineer & ML Engineer" is two. In a ``Roles:`` list every piece is a title.
    """
    text = re.sub(r"\s+", " ", text.strip())
    if re.fullmatch(r"\[[^\[\]]*\]|\{[^{}]*\}", text):
        text = text[1:-1].strip()  # "Roles: [A, B]"
    text = text.rstrip(" .")
    if not text or _URL.fullmatch(text):
        return []
    spans = _depth_spans(text, _LIST_SEPARATOR if labelled_list else _ROLE_SEPARATOR)
    spans = [(a, b) for a, b in spans if not _FILLER.match(text[a:b].strip(" ."))]
    if labelled_list:
        pieces = (text[a:b].rstrip(" .") for a, b in spans)
        return list(dict.fromkeys(p for p in pieces if p and not _URL.match(p) and len(_words(_without_parens(p))) <= 8))
    slashed = _depth_split(text, _SLASH_SEPARATOR)
    if len(slashed) > 1 and sum(is_role(p) for p in slashed) >= 2:
        # "Tech Lead / Staff Engineer / IT Manager": several titles; "Senior / Principal Engineers": one
        roles: list[str] = []
        pending = ""
        for piece in slashed:
            if is_role(piece):
                roles += split_roles(f"{pending} / {piece}" if pending else piece)
                pending = ""
            elif roles:
                roles[-1] = f"{roles[-1]} / {piece}"
            else:
                pending = f"{pending} / {piece}" if pending else piece
        return list(dict.fromkeys(roles))
    glued = text.split("/")
    if len(spans) == 1 and len(glued) > 1 and all(len(p.split()) >= 2 and is_role(p) for p in glued):
        return list(dict.fromkeys(p.strip() for p in glued))  # "Staff Fullstack Engineer/Senior Software Engineer"
    anchors = [i for i, (a, b) in enumerate(spans) if is_role(text[a:b])]
    if len(anchors) <= 1:
        return [text]
    groups: dict[int, list[int]] = {a: [a] for a in anchors}
    for i in range(len(spans)):
        if i not in groups:
            owner = anchors[0] if i < anchors[0] else max(a for a in anchors if a < i)
            groups[owner].append(i)
    roles = [text[spans[min(g)][0] : spans[max(g)][1]].rstrip(" ,.;&+").lstrip(" ,;&+") for g in groups.values()]
    return list(dict.fromkeys(r for r in roles if r))


# ------------------------------------------------------------------------------- header

@dataclass
class Header:
    company: str | None = None
    roles: list[str] = field(default_factory=list)
    location: str | None = None
    workplace: str | None = None
    workplace_text: str | None = None  # the raw text the workplace was read from
    employment: str | None = None
    salary_text: str | None = None
    fields: list[str] = field(default_factory=list)
    title_source: str = "role"  # role | body | prose | field

    @property
    def title(self) -> str | None:
        return self.roles[0] if self.roles else None


def _clean_company(text: str) -> str | None:
    text = re.sub(r"^\s*[(\[][^)\]]{1,20}[)\]]\s*", "", text.strip(" *_:-–—"))  # "(CLOSED) Entex"
    # "(YC S23, https://paradedb.com)", "(https://x.io)", "(YC W22)": not part of the name
    text = re.sub(r"\s*\((?:[^()]*?(?:https?://|www\.|\bYC\b|\b[\w-]+\.[a-z]{2,}(?![\w.])))[^()]*\)", "", text)
    url = _URL.search(text)
    if url:
        text = text[: url.start()] if url.start() > 0 else _domain_of(url.group(0))
    text = re.sub(r",\s+[a-z].*$", "", text)  # "Always Further, founded by the team who…"
    text = re.sub(r"\s+(?:-|–|—)\s*$", "", text.strip()).strip(" *_:,-–—")
    if re.match(r"(?i)(?:we|we['’]re|we\s+are|i|i['’]m|our|my)\s", text):
        return None  # a sentence ("We’re building a local-AI camera OS"), not a name
    if re.fullmatch(r"(?i)(?:hi|hey|hello)(?:\s+hn)?|we|we['’]re|we\s+are|i|i['’]m|hiring|now\s+hiring|company", text):
        return None  # "Hey HN | …", "We are | REMOTE US Hours | …": no name given
    return text or None


def _domain_of(url: str) -> str:
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.I)
    return re.split(r"[/?#\s]", host)[0].rstrip(".,)")


def _is_url_field(text: str) -> bool:
    stripped = text.strip(" ()<>")
    if _URL.match(stripped):
        return True
    if _DOMAIN.match(stripped):
        return True
    return bool(re.match(r"(?i)^(?:apply|careers?|jobs?|more|info|details)\b[^a-z]*(?:here|at|:)?\s*(?:https?://|www\.)", stripped))


def parse_header(text_html: str) -> Header:
    """Read the "Company | Role | Location | …" header (and role lists in the body) of one comment."""
    paragraphs = html_to_paragraphs(text_html)
    header = Header()
    if not paragraphs:
        return header
    lines = [line for paragraph in paragraphs for line in paragraph]
    first = lines[0]
    labelled = [_LABEL.match(line) for line in lines[:12]]
    used_lines = 1
    if labelled[0] and labelled[0].group("label").lower() not in ("remote", "type", "base", "contract"):
        fields: list[str] = []  # "Company: X / Role: Y / Location: Z" lines
        used_lines = 0
    else:
        if "|" not in first and _HIRING_SENTENCE.match(first):
            fields = [first]  # "Focused.io is hiring Agent Engineers & OTel / o11y experts in Denver…"
        else:
            fields = split_header(_LEADING_HIRING.sub("", first) if _LEADING_HIRING.match(first) else first)
        # A title line without separators followed by a "€160k | Full-Time | ONSITE" line.
        if len(lines) > 1 and "|" not in first and lines[1].count("|") >= 1 and len(lines[1]) < 200:
            fields += split_header(lines[1])
            used_lines = 2
        elif len(fields) == 1 and len(lines) > 1 and len(lines[1]) < 200 and (
            lines[1].count("|") >= 1 or len(split_header(lines[1])) >= 3
        ):  # "Remote or Netherlands" then "Topliner - Founding Engineer - Remote - $80k"
            fields += split_header(lines[1])
            used_lines = 2
    header.fields = list(fields)
    _read_fields(fields, header)
    _read_labels([m for m in labelled if m], header)
    body_roles = _body_roles(lines[used_lines:])
    _merge_body_roles(header, body_roles)
    if not header.roles:
        prose = _prose_role("\n".join(lines[:8]))
        if prose:
            header.roles, header.title_source = [prose], "prose"
    if not header.roles:
        fallback = next((f for f in header.fields[1:] if _is_misc(f)), None)
        if fallback:
            header.roles, header.title_source = [fallback], "field"
    return header


def _is_misc(text: str) -> bool:
    """A header field that is not url, salary, employment, place or workplace: a fallback title."""
    if _is_url_field(text) or has_money(text) or looks_like_place(text) or workplace_of(text):
        return False
    if _EMPLOYMENT.search(text) and len(_words(text)) <= 6 or text.rstrip().endswith("."):
        return False
    if _LABEL.match(text) or len(_words(text)) > 8 or _PROSE_START.match(text):
        return False
    if re.search(r"(?i)\b(?:series\s+[a-e]|seed|funding|funded|raised|backed|equity|benefits?|yc|visa|sponsorship|relocation|pto|401k|citizens?(?:hip)?|required|clearance)\b", text):
        return False
    return bool(re.search(r"[A-Za-z]{3}", text))


def _read_fields(fields: list[str], header: Header) -> None:
    if not fields:
        return
    extra: list[str] = []
    first = fields[0]
    hiring = _HIRING_SENTENCE.match(first)
    at = _AT_COMPANY.match(first) if "@" in first and not _URL.search(first) else None
    if hiring and not _PROSE_START.match(hiring.group("company")):
        header.company = _clean_company(hiring.group("company"))
        extra = _hiring_rest(hiring.group("rest"))
    elif at and is_role(at.group("role")):
        company = at.group("company").strip()
        inside = re.search(r"\(([^()]*)\)", company)
        place = re.search(r"\s+in\s+(.+)$", company)
        if inside:
            extra.append(inside.group(1))
        if place:
            extra.append(place.group(1))
            company = company[: place.start()]
        header.company = _clean_company(re.sub(r"\([^()]*\)", "", company))
        extra.insert(0, at.group("role"))
    elif _is_url_field(first):
        header.company = _domain_of(first)
        more = first.split(None, 1)
        if len(more) > 1:
            extra.append(more[1])
    elif _only_place_or_workplace(first) or sum(w.lower() in _STOPWORDS for w in _words(first)) < 2 and (
        is_role(first, strict=True) or is_role(first) and not any(is_role(f) for f in fields[1:])
    ):  # "Flow Traders | Research Engineer" has a company; "Founding GTM Lead | Chicago" has not
        extra.append(first)  # no company: the header opens with the role or the place
    elif len(_words(_clean_company(first) or "")) > 8 and not is_role(first):
        # A sentence, not a header: "At Peregrine, we…", "Sumble is the newco from…"
        named = _NAMED.match(first)
        header.company = _clean_company(named.group("name")) if named else None
        extra.append(first)
    else:
        header.company = _clean_company(first)
        inside = re.search(r"\(([^()]*)\)\s*$", first)
        if inside and (looks_like_place(inside.group(1)) or workplace_of(inside.group(1))):
            extra.append(inside.group(1))  # "PrairieLearn (Remote US)"
    locations: list[str] = []
    for text in extra + fields[1:]:
        _classify(text, header, locations)
    if locations:
        header.location = " | ".join(dict.fromkeys(locations))
    if not locations:
        for role in header.roles:  # "Software Engineer (Remote, US)"
            for inside in re.findall(r"\(([^()]*)\)", role):
                if looks_like_place(inside):
                    header.location = inside.strip()
                    break
            if header.location:
                break


def _hiring_rest(rest: str) -> list[str]:
    """"Senior Typescript Engineers - REMOTE (US). We are…" -> ["Senior Typescript Engineers", "REMOTE (US)"]."""
    rest = re.split(r"(?<=[a-z)\]])[.!]\s", rest + " ", maxsplit=1)[0].strip(" .!")
    parts = split_header(rest)
    out: list[str] = []
    for part in parts:
        match = re.match(r"^(?P<role>.+?)\s+(?:in|at|based in|for)\s+(?P<where>.+)$", part)
        if match and is_role(match.group("role")) and (looks_like_place(match.group("where")) or workplace_of(match.group("where"))):
            out += [match.group("role"), match.group("where")]
        else:
            out.append(part)
    return out


def _classify(text: str, header: Header, locations: list[str]) -> None:
    text = text.strip(" *_")
    if not text:
        return
    label = _LABEL.match(text)
    if label:
        _apply_label(label.group("label"), label.group("value"), header, locations)
        return
    if _is_url_field(text):
        return
    core = _without_parens(text)
    money = has_money(text) and not re.search(r"(?i)\b(?:raised|funding|funded|valuation|revenue|arr|exits?|backed|customers|sign(?:ing|-on)\s+bonus)\b", text)
    listed = _LISTED.search(text)
    if listed and is_role(listed.group("list")):  # "We have multiple openings for: PM, Designers, QA Engineers"
        for role in split_roles(listed.group("list"), labelled_list=True):
            if role.lower() not in (r.lower() for r in header.roles):
                header.roles.append(role)
        return
    if is_role(text) and not (money and not _ROLE_NOUN.search(core)):
        text = re.sub(r"(?i)^(?:now\s+hiring|hiring|looking\s+for|seeking)\s+(?:for\s+)?(?:an?\s+)?(?=\S)", "", text)  # "Hiring Product Engineers"
        for role in split_roles(_TRAILING_LINK.sub("", text) or text):
            if role.lower() not in (r.lower() for r in header.roles):
                header.roles.append(role)
        _workplace(" ".join(re.findall(r"\(([^()]*)\)", text)), header)
        return
    if money:
        if header.salary_text is None:
            header.salary_text = text
        return
    kind = workplace_of(text) if len(_words(text)) <= 16 else workplace_of(" ".join(_words(text)[:6]))
    if kind:
        _workplace(text, header)
    place = looks_like_place(text) and len(_words(text)) <= 16
    employment = _EMPLOYMENT.search(text)
    if employment and header.employment is None and (employment.start() < 3 or len(_words(text)) <= 6):
        header.employment = text if not place and len(_words(text)) <= 8 else employment.group(0)
    if place:
        locations.append(text)


def _workplace(text: str, header: Header) -> None:
    kind = workplace_of(text)
    if kind and header.workplace is None:
        header.workplace, header.workplace_text = kind, text


def _apply_label(label: str, value: str, header: Header, locations: list[str]) -> None:
    label = label.lower()
    value = value.strip()
    if not value:
        return
    if label in ("company", "who is hiring", "employer", "organization", "organisation"):
        header.company = header.company or _clean_company(value)
    elif re.match(r"(?:multiple\s+|current\s+|open\s+)?(?:roles?|positions?|openings?)|job\s+titles?|titles?|hiring", label):
        plural = bool(_PLURAL_LABELS.match(label))
        if header.roles and not plural:
            return  # "Role: …" in the body describes the role the header already names
        value = _BULLET.sub("", _TRAILING_LINK.sub("", value)).strip(" -–—")
        if _PROSE_START.match(value) or not plural and len(_words(value)) > 10:
            value = _prose_role(value) or ""  # "Role: We're looking for a Senior backend engineer with…"
        for role in split_roles(value, labelled_list=plural):
            role = role.strip(" -–—")
            if role and role.lower() not in (r.lower() for r in header.roles):
                header.roles.append(role)
    elif label in ("location", "locations", "where", "office"):
        if value.lower() not in (l.lower() for l in locations):
            locations.append(value)
        if header.location is None:
            header.location = value
        _workplace(value, header)
    elif label in ("remote", "workplace", "work mode"):
        if re.match(r"(?i)yes\b|y\b|true\b|100%|fully", value):
            header.workplace = header.workplace or "remote"
            header.workplace_text = header.workplace_text or f"Remote: {value}"
        else:
            _workplace(value, header)
    elif label in ("salary", "compensation", "comp", "pay", "pay range", "base"):
        header.salary_text = header.salary_text or value
    elif label in ("type", "employment", "employment type", "job type", "commitment", "contract"):
        header.employment = header.employment or value


def _read_labels(matches: list[re.Match[str]], header: Header) -> None:
    """Labelled lines ("Location: Berlin", "Role: …") fill whatever the header line left empty."""
    locations: list[str] = []
    had_location = header.location is not None
    for match in matches:
        label = match.group("label").lower()
        if label in ("location", "locations", "where", "office") and had_location:
            continue
        _apply_label(label, match.group("value"), header, locations)
    if locations and not had_location:
        header.location = " | ".join(dict.fromkeys(locations))


_BULLET = re.compile(r"^(?:[-*•·–—▪►◦+>]|\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)])\s*")
_INLINE_BULLETS = re.compile(r"\s+[•*·▪]\s+")
_CUT = re.compile(
    r"\s*:\s|\s*:$|\s+[-–—]{1,2}>?\s+|\s*[-–—=]+>|\s*[→⟶»]|\s+\|\s*|\|$|,?\s+\(?https?://|\s+@\s+|\.\s|\.$|\s+(?:[$€£]|USD|EUR|GBP)\s?\d|\s+(?:for|to)\s+(?=[a-z])"
)


def _line_role(line: str) -> str | None:
    """A body line naming one role ("- Senior ML Engineer: https://…", "Tech Lead (Data) - SF")."""
    text, bullet = line.strip(), False
    for _ in range(2):  # "* 1. Role", "*1. Role*"
        text = text.strip(" *_")
        match = _BULLET.match(text)
        if match and match.end() < len(text):
            text, bullet = text[match.end():], True
    text = text.replace("*", "").strip()
    text = re.sub(r"^(?:\[[^\]]{1,30}\]\s*|\d+\s*x\s+)", "", text)  # "[Leadership] Engineering Manager", "2x AI Engineer"
    if not text or _LABEL.match(text):
        return None
    cut = _CUT.search(text)
    title = (text[: cut.start()] if cut else text).strip(" .:;,_")
    title = re.sub(r"\s*[(\[][^)\]]*$", "", title).strip(" .:;,_")  # a cut inside "(… $150,000 - …)"
    if not title or len(title) > 90 or not (title[0].isupper() or re.match(r"[a-z]+[A-Z]", title)):
        return None
    core = _without_parens(title)
    words = core.split()
    if not words or len(words) > (8 if bullet else 7):
        return None
    lowered = [re.split(r"['’]", w.lower().strip(",.;:"))[0] for w in words]
    if any(w in _STOPWORDS for w in lowered):
        return None
    if len(words) == 1 and not _STRICT_NOUN.fullmatch(core):
        return None  # "Cofounders:", "Lead" alone are not postings
    if lowered[0] in ("for", "to", "as", "and", "or"):
        return None  # "For Lead - apply at …"
    if lowered[0] in _VERBS and not all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in ("and", "or", "of", "&") for w in words):
        return None  # "Mentor junior engineers", not "Lead React Native Engineer and React Native Engineers"
    if not bullet and not cut and len(words) > 5:
        return None
    if "," in core:  # "Software Engineer, Core Replication" yes; "Jane Doe, CTO and Cofounder" no
        return title if _ends_with_role(core.split(",")[0]) else None
    return title if _ends_with_role(core) else None


def _body_roles(lines: list[str]) -> list[str]:
    roles: list[str] = []
    for line in lines:
        if len(_INLINE_BULLETS.findall(line)) >= 2:  # "looking for • Full-Stack Engineers • Senior Infra Engineer"
            pieces = _INLINE_BULLETS.split(line)
        elif line.count("|") >= 2:  # "Marketing Lead - Remote | Tech Lead - SF | DevRel Engineer - SF"
            pieces = line.split("|")
        else:
            pieces = [line]
        for piece in pieces:
            role = _line_role(piece)
            for one in split_roles(role) if role else []:  # "Data Engineers, Mobile Engineers, and Backend Engineers"
                if _key(one) not in (_key(r) for r in roles):
                    roles.append(one)
    return roles


def _merge_body_roles(header: Header, body_roles: list[str]) -> None:
    """Add the roles a body lists to the header's: a body role already named (or named more
    specifically) is not counted twice; a header role the body names more specifically ("Senior
    Engineer" -> "Senior Engineer (Backend)", "Senior Engineer (Frontend)") gives way to the body's."""
    if not body_roles:
        return
    if not header.roles:
        header.title_source = "body"
    # A plural umbrella in the header ("Software Engineers") is what the body lists one by one.
    singular = [r for r in header.roles if not _is_plural_umbrella(r)]
    new = [r for r in body_roles if not any(_contains(_key(h), _key(r)) for h in singular)]
    kept = singular if len(new) >= 2 else list(header.roles)
    refined = {h for h in kept if any(_contains(_key(r), _key(h)) and _key(r) != _key(h) for r in new)}
    merged = [h for h in kept if h not in refined]
    for role in body_roles:
        if not any(_contains(_key(m), _key(role)) for m in merged):
            merged.append(role)
    header.roles = merged or header.roles


_PROSE_ROLE = re.compile(
    r"(?i)(?:hiring|seeking|looking\s+(?:for|to\s+(?:hire|add))|searching\s+for|recruiting|need|needs|join\s+(?:us|our\s+team)\s+as"
    r"|\bas(?=\s+an?\s)|\bhire"
    r"|open\s+role\s+for|role\s+for)"
    r"\s+(?:for\s+)?(?:(?:an?|our|the|two|three|four|five|several|multiple|some|\d+|experienced|talented|exceptional|strong|great"
    r"|new|additional|another|more)\s+)*"
    r"(?P<words>(?:[\w+#./'’()-]+,?\s+){0,7}[\w+#./'’()-]+)"
)
_PROSE_STOP = {"to", "who", "that", "which", "with", "for", "at", "in", "is", "are", "will", "we", "you", "our", "your", "from", "as", "by", "of"}


def _prose_role(text: str) -> str | None:
    """"… is hiring an AI Agent Engineer.", "we're looking for a low-level GPU performance engineer"."""
    for match in _PROSE_ROLE.finditer(text):
        words = match.group("words").split()
        start = 0
        for i, word in enumerate(words):
            bare = word.strip(",.;:!)(\"'")
            if bare.lower() in _PROSE_STOP:
                break
            if _LAST_WORD_ROLE.match(bare) or _LAST_WORD_ROLE.match(re.sub(r"^.*/", "", bare)):
                end = i + 1  # "a Lead Engineer": keep going while the next word is a role word too
                while end < len(words) and not words[end - 1].endswith((",", ";", ".")) and _LAST_WORD_ROLE.match(words[end].strip(",.;:!)(\"'")):
                    end += 1
                return " ".join(words[start:end]).strip(",.;:!)(\"'")
            if word.endswith((",", ";", ".")):
                start = i + 1  # "coders, policy researchers": the phrase restarts after a comma
    return None
