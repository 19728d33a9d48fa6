"""Posting facets from text: minimum degree, degree fields, "or equivalent experience", minimum years, salary.

Rules (the labelling rules of ``benchmarks/gold/README.md``):

- **Degree** (``degree_min``): the lowest degree named in candidate-facing lines, required or preferred
  alike. Bachelor: "Bachelor's", "BS"/"B.S."/"BSc"/"BA", "undergraduate degree", a degree with no level
  ("degree in Computer Science", "4-year degree"). Master: "Master's", "MS"/"M.S."/"MSc"/"MEng"/"MBA",
  "advanced"/"graduate degree". PhD: "PhD"/"Ph.D.", "doctorate", "doctoral degree". ``none``: "no
  degree required", "degree not required", "don't need a degree", and a high-school diploma (no college
  degree asked). ``unspecified`` when nothing is named. Abbreviations are case-sensitive and count only
  beside degree words or punctuation, so "MS Office", "the BA team", "Scrum Master", "master data",
  "mastery", "PhDs on our team", "associate's degree" and "a high degree of autonomy" name no degree.
- **Degree fields** (``degree_fields``): the fields a degree requirement names, on candidate-facing lines
  that name a degree (not on lines saying no degree is needed), in this order: ``cs`` (computer science,
  computer/software engineering, informatics, "CS"), ``math`` (mathematics, applied math), ``statistics``,
  ``physics``, ``engineering`` (electrical, mechanical and other engineering, "EE"), ``data-science``
  (data science, machine learning, AI), and ``quantitative`` whenever any other is named or the line asks
  for a "quantitative" field. A field counts inside the degree's own phrase: after the degree word up to
  the end of its sentence ("BS/MS in Computer Science, Statistics or a related quantitative field"), or
  just before it ("a Statistics or Math degree"). The phrase stops at a clause that moves on ("with",
  "who", a number, "preferred"...), and a list item about experience, skills or knowledge is not a field
  ("BS in CS and 3+ years of machine learning experience" is ``cs`` only). "Related field" alone, other
  fields (economics, operations research, biology) and "STEM" add nothing. Empty when none.
- **Or equivalent** (``degree_or_equivalent``): a candidate line lets experience replace the degree
  ("equivalent practical experience", "in lieu of a degree"; on a line naming a degree also "or
  equivalent", "or related/comparable experience", not "or equivalent field"), and the posting names a
  degree (bachelor or above) somewhere.
- **Years** (``years_min``): from required candidate lines only: not in a nice-to-have section (when
  sections are known; else not on a ``preferred`` line), and not a mention its own clause calls
  preferred ("ideally 2+ years", "(3+ years preferred)", "5+ years with Go is a plus"); "5+ years,
  preferably in fintech" grades the domain and counts. Each mention gives its lower bound, in digits
  or words ("3-5 years", "3 to 5", "between 3 and 5" are 3; "five+", "5-plus", "two (2) years", "3yrs+",
  "7+ YOE", "a decade of experience"); a bare "N years" counts only beside experience words, a
  qualifier ("at least", "a minimum of", "3 years minimum", "or more") or opening its line. The largest
  required minimum wins, except that mentions offered as alternatives ("PhD, or MS with 3+ years, or
  BS with 5+ years"; "at least 1 year (junior) or at least 2 years (senior)"; a next line starting
  "or") give their smallest. Ignored: "10 years ago", "in 5 years", "up to 4 years", ages,
  runway/vesting, pay periods ("$90k a year"), the company's own history ("we've been around for over
  10 years", "founded by a team with 20+ years", "10+ years of growth"), tenure perks ("after 5 years
  of service"), and values over 30.
- **Years per skill** (:func:`skill_years`): the same required mentions, given to the skills named in
  the phrase they open ("5+ years of experience with Python and SQL") or tied to a name just before
  them ("Kubernetes (3+ years)", "Go: 2+ years"); the largest per skill.
- **Salary**: from every line (pay ranges sit in benefits sections), parsed by
  :func:`crawlers.parsers.salary_text.parse_salary_text` around the line's first pay-shaped amount
  (currency beside a number in thousands, with "k", or with a period: "$70M" funding is not one). The
  first line that names salary/base/compensation/pay/rate and parses wins; else the first bare amount
  that parses and does not sit beside stipend, budget, funding, revenue or deal words. On-target
  earnings ("$150K-$250K OTE") are not the base: a line that goes on to state the base gives the base
  ("OTE $200k-$250k, base $120k-$140k"), else none. Shapes: "$170-195,000", "$170k–$195k", "170K to
  195K USD", "$60–80/hr", "€4,000 per month", £, C$, ₹ and "15-20 LPA" / "18 lakh per annum" (rupees
  even unnamed). A result needs a currency, a period and a plausible lower bound (10,000 a year, 500 a
  month, 100 a week, 30 a day, 5 an hour).

Speed (~0.1 s for 3,350 postings / 135k lines / 16 MB): all scanning is Rust regex in Polars. Stage 1
runs four short literal-led patterns over every line; stage 2 runs the precise patterns once per distinct
surviving line (~4% of lines) and pulls out the matched tokens (``extract_all``). Python then sees only
those tokens and flags and checks the context around each token on short slices (Python's ``re`` is
10-100x slower than Rust's on whole lines); its per-line results are cached, as boilerplate repeats.
"""

from __future__ import annotations

import re
from functools import lru_cache

import polars as pl

from crawlers.parsers.salary_text import CODES, parse_salary_text

FACET_SCHEMA = {
    "doc": pl.UInt32, "degree_min": pl.String, "degree_or_equivalent": pl.Boolean, "years_min": pl.Int32,
    "salary_min": pl.Float64, "salary_max": pl.Float64, "salary_currency": pl.String, "salary_period": pl.String,
    "degree_fields": pl.List(pl.String),
}
DEGREES = ("none", "bachelor", "master", "phd", "unspecified")
DEGREE_FIELDS = ("cs", "math", "statistics", "physics", "engineering", "data-science", "quantitative")
_RANK = {"none": 0, "bachelor": 1, "master": 2, "phd": 3}
MAX_YEARS = 30  # more than this is company history or a typo, not a requirement

# ---------------------------------------------------------------------------------------------------
# Stage 1 (every line): a few short patterns the Rust engine finds with its literal search (ASCII mode,
# case spelled out or dropped with the first letter, no \b before a common letter). Measured on 16 MB of
# postings: ~4 ms per scan; one case-insensitive alternation of the same words, or merging the wrong
# scans, takes 20-30 ms. Stage 2 decides, so a scan may let through lines that mean nothing ("faster").

_CODES = "|".join(CODES)  # the currency codes the salary parser reads
_SCANS = (
    r"(?-u)[Yy](?:ears?|rs?)|YEARS?|YRS?|YOE|[Dd]ecade",
    r"(?-u)achelor|aster|egree|octora|ndergrad|chool|quivalent|lieu",
    r"(?-u)BACHELOR|MASTER|DEGREE|PHD|Ph\.? ?D|DPhil|\b(?:B\.?S|M\.?S|B\.?A|[BM]\.?Sc|[BM]\.?Eng|[BM]\.?Tech|MBA|MPhil)|"
    + _CODES,
    r"(?-u)\$|€|£|¥|₹|₩|₪|LPA|[Ll]akh",
)

# ---------------------------------------------------------------------------------------------------
# Stage 2 (lines that passed stage 1): tokens and flags. Rust regex has no look-around: context that
# needs it is checked in Python on the token's neighbourhood.

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
}
# Digits may touch the unit ("3yrs+"); a years word never stands alone after digits anyway.
_NUMBER = r"[0-9]{1,2}(?:\.[0-9])?|(?:" + "|".join(_NUMBER_WORDS) + r")\b"
_UNIT = r"(?:years?|yrs?|yoe)"  # "YOE": years of experience
# Dashes between two numbers, including the en/em dash read as Latin-1 ("10\u00e2\u0080\u009312 years").
_DASH = "-|\u2010|\u2011|\u2013|\u2014|\u2212|\u00e2\u0080\u0093|\u00e2\u0080\u0094"
# "two (2) years": the digits repeated in parentheses; "3-plus years", "5 plus years".
_DIGITS_ASIDE = r"(?:\s*\(\s*[0-9]{1,2}\s*\+?\s*\))?"
_PLUS = r"(?:\+|-?\s?plus\b)"
# "3+ years", "3-5 yrs", "3 to 5 years", "between 3 and 5 years", "five or more years", "3 years+",
# "years of experience: 4".
_YEARS_TOKEN = (
    rf"(?i-u)\b(?:{_NUMBER}){_DIGITS_ASIDE}\s*{_PLUS}?\s*"
    rf"(?:(?:{_DASH}|to|or|and)\s*(?:{_NUMBER}){_DIGITS_ASIDE}\s*{_PLUS}?\s*)?(?:or\s+more\s+)?{_UNIT}\b(?:\s*\+)?"
    r"|\b(?:years?|yrs?)\s+of\s+(?:[a-z-]+\s+)?experience\s*(?::|-|\u2013)\s*[0-9]{1,2}\b"
    r"|\b(?:a|one)\s+decade\b"
)
_EXPERIENCE_FLAG = r"(?i-u)experience|\bexp\b|worked|working|professional|industry"
_PREFERRED_FLAG = (
    r"(?i-u)ideally|preferab|preferred|nice to have|bonus|a plus|desired|desirable|helpful|beneficial|would be (?:great|nice)"
    r"|good to have|not required|optional|plus if|nice if|advantage|an asset|big plus"
)

# Abbreviations count only before something degree-like (slash, "or", "degree", "in", punctuation);
# "BA" (also business analyst: "BA, QA and devs") only before a slash, "or", "in", "degree" or "from".
_ABBREV_NEXT = r"(?:\s*(?:/|\\|,|;|\(|\)|\+|\.|(?i:or|and|degree|in|from|with|required|preferred|level|holder|plus)\b)|$)"
_BA_NEXT = r"\s*(?:/|(?i:or|in|degree|from)\b)"
_DEGREE_TOKEN = (
    r"(?-u)Ph\.?\s?D\b\.?|PHD\b|D\.?Phil\b|[Dd]octora(?:te|l\s+(?i:degree))\b"
    r"|[Mm]aster(?:'|’)s\b(?:\s+(?i:degrees?)\b)?|MASTER(?:'|’)?S\b"
    r"|[Mm]asters?\s+(?i:degrees?\b|in\b|of\s+(?:science|arts|engineering|business|computer|data|applied"
    r"|information|mathematics|statistics|public|fine)\b)"
    r"|Masters?\s*(?:\(|/|,|(?i:or|level|program|students?)\b)"
    rf"|M\.S\.|MS(?:EE|ME|CS|CE)\b|M\.?Sc\b\.?|M\.?Eng\b|M\.?Tech\b|MBA\b|MPhil\b|MS{_ABBREV_NEXT}"
    r"|[Aa]dvanced\s+(?i:degrees?)\b|[Gg]raduate\s+(?i:degrees?)\b|[Pp]ost-?graduate\b|POSTGRADUATE\b"
    r"|[Bb]achelor|BACHELOR|[Uu]ndergrad(?:uate)?\b"
    rf"|B\.[SA]\.|BS(?:EE|ME|CS|CE)\b|B\.?Sc\b\.?|B\.?Eng\b|B\.?Tech\b|B\.E\.|BSN\b|BS{_ABBREV_NEXT}|BA{_BA_NEXT}"
    r"|[Dd]egrees?\b|DEGREES?\b"
)
# A hint that a line may say no degree is needed; Python's _NO_DEGREE (with look-behind) decides.
_NO_DEGREE_FLAG = (
    r"(?i-u)not\s+(?:required|necessary|needed|mandatory|need|require)|n(?:'|’)t\s+(?:need|require)|\bno\s+(?:\w+\s+)?degree"
    r"|without\s+(?:a\s+)?(?:\w+\s+)?degree|optional|high[- ]?school|(?-i:\bGED\b)"
)
# Experience may replace the degree: anywhere on a candidate line ...
_EQUIVALENT_FLAG = (
    r"(?i-u)equivalent\s+(?:[\w-]+\s+){0,3}?(?:experience|combination)|\bin\s+lieu\s+of|experience\s+in\s+place\s+of"
)
# ... or, on a line naming a degree, looser phrasings (elsewhere "Python or equivalent" is a tool);
# the flag finds candidates, Python's _OR_EQUIVALENT (with look-ahead) decides.
_OR_EQUIVALENT_FLAG = r"(?i-u)\bor\s+(?:an?\s+)?(?:equivalent|comparable|related|relevant|commensurate)\b"

# The first pay-shaped amount of a line: a currency (symbol or code, either side) touching a number in
# thousands ("80,000", "€70.000"), with "k", of 5+ digits or in lakh/crore, or any amount with a period
# ("$60/hour", "€25 per hour"). Funding ("$70M", "$10B", "$240 million") and "$100 credits" are not.
_CURRENCY = rf"(?:\$|€|£|¥|₹|₩|₪|\b(?:{_CODES}))"
_SHAPED_NUMBER = (
    r"(?:[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}|[0-9]{1,3}(?:[,.' ][0-9]{3})+|[0-9]{1,3}(?:[.,][0-9])?\s?[kK]\b|[0-9]{5,}"
    r"|[0-9]+(?:\.[0-9])?\s?(?:L|LPA|lakhs?|Cr)\b)"
)
_PAY_AMOUNT = (
    rf"(?-u){_CURRENCY}\s?(?:[0-9]+(?:\.[0-9]+)?\s?(?:-|–|—|to)\s?{_CURRENCY}?\s?)?{_SHAPED_NUMBER}"  # "$90-110K"
    rf"|{_SHAPED_NUMBER}\s?(?:€|£|\b(?:{_CODES})\b)"
    # "$60/hour", "$60-80/hr", "$40 to $55 an hour"
    rf"|{_CURRENCY}\s?(?:[0-9]+(?:[.,][0-9]{{1,2}})?\s?(?:-|–|—|to)\s?{_CURRENCY}?\s?)?[0-9]+(?:[.,][0-9]{{1,2}})?\s?"
    r"(?:/\s?|per\s+|an?\s+)(?i:h(?:ou)?rs?\b|hour|day|week|wk|month|mo\b)"
    # "60-80 USD/hour", "45€ per hour": the currency after the figures
    rf"|\b(?:[0-9]+(?:[.,][0-9]{{1,2}})?\s?(?:-|–|—|to)\s?)?[0-9]+(?:[.,][0-9]{{1,2}})?\s?(?:€|£|\b(?:{_CODES})\b)\s?"
    r"(?:/\s?|per\s+|an?\s+)(?i:h(?:ou)?rs?\b|hour|day|week|wk|month|mo\b)"
    # "15-20 LPA", "12 lakh per annum": lakh a year are Indian rupees even unnamed ("12 lakh users" are not pay)
    r"|\b[0-9]{1,3}(?:\.[0-9])?\s?(?:(?:-|–|—|to)\s?[0-9]{1,3}(?:\.[0-9])?\s?)?"
    r"(?:LPA\b|(?i:lakhs?|lacs?)\s?(?i:per\s+annum|p\.a\.|pa\b|/\s?(?:yr|year|annum)\b|a\s+year|annual|CTC))"
)
_PAY_WORDS_FLAG = r"(?i-u)salary|\bbase\b|compensation|\bpay\b|\bwages?\b|remuneration|\brates?\b"
# Bare amounts (no pay word) beside these are perks, funding or sales figures, not pay.
_NOT_PAY_FLAG = (
    r"(?i-u)stipend|budget|allowance|reimburs|raised|funding|revenue|\bARR\b|valuation|market|worth|credit|donat"
    r"|per\s+employee|series\s+[A-F]\b|investors?|assets|deals?\b|\bACVs?\b|contracts?\b|quota|pipeline|targets?\b"
    r"|relocation|housing|sign-?on|signing|referral|equipment|office|courses|learning|wellness|spend|bonus"
    r"|lifetime|fertility|adoption|childcare|family\s+planning"
)

# ---------------------------------------------------------------------------------------------------
# Python checks around tokens (short strings only).

_YEARS_PARTS = re.compile(
    rf"(?P<low>{_NUMBER}){_DIGITS_ASIDE}\s*(?P<plus>{_PLUS})?\s*"
    rf"(?:(?P<range>{_DASH}|to|or|and)\s*(?:{_NUMBER}){_DIGITS_ASIDE}\s*{_PLUS}?\s*)?"
    rf"(?P<ormore>or\s+more\s+)?{_UNIT}\b(?P<plus_after>\s*\+)?"
    r"|(?:years?|yrs?)\s+of\s+(?:[a-z-]+\s+)?experience\s*[:\-\u2013]\s*(?P<after_colon>[0-9]{1,2})"
    r"|(?P<decade>(?:a|one)\s+decade)",
    re.I | re.ASCII,  # word boundaries as in the Rust token: "10\u00e2\u0080\u009312 years" is a range
)
# The words just before the number: "at least" makes a bare "N years" a requirement; "up to", "in",
# "next"... make it a maximum or a time span rather than experience. (Plain suffix tests on the last
# words: a regex searched backwards from the number costs ~10x more.)
_YEARS_QUALIFIERS = (
    " at least", " minimum", " minimum of", " a minimum of", " at minimum", " min", " min.", " more than", " over",
    " upwards of", " no less than", " not less than",
)
# After the mention, words that make a bare "N years" a stated minimum: "3 years minimum", "5 years or more".
_YEARS_EXPLICIT_AFTER = re.compile(
    r"\s*(?:\(?\s*(?:minimum|min\b)|or\s+(?:more|above|longer|greater)\b|and\s+(?:above|up)\b)", re.I)
_YEARS_NOT_BEFORE = (
    " up to", " upto", " max", " max.", " maximum", " maximum of", " no more than", " less than", " under",
    " in", " within", " next", " past", " last", " every", " after", " since", " for the", " over the", " first",
    " founded", " age", " aged", " aged between", " ages",
    " vest", " vests", " vesting", " vested", " vest over", " vests over", " vesting over", " couple of",
)
_YEARS_NOT_AFTER = re.compile(
    r"(?:-old|-long|-end|-round|\s+(?:ago|old|of\s+age|or\s+older|from\s+now|later|of\s+runway|runway"
    r"|warranty|vesting|cliff|anniversary|plan|roadmap|strategy|contract|lease|sabbatical"
    # "10 years in business", "10+ years of growth": ending their clause ("years of growth marketing" asks)
    r"|(?:in\s+business|of\s+(?:growth|success|innovation|profitab\w*|existence))(?=\s*(?:[.,;!]|$|and\b|for\b|since\b|as\b))"
    r"|of\s+(?:operation|operating|history|funding|service|tenure|employment|partnership)"
    r"|with\s+(?:us|the\s+company|our\s+company)))\b",
    re.I,
)
# A line opening with the number ("- 3 years in sales", "Experience: 3 years") states a requirement.
_LINE_START = re.compile(r"[\W\d]*(?:(?:experience|minimum|you\s+have|have|with|bring)\W*)?", re.I)
_CLAUSE_END = re.compile(r"[.;()!?]")
_A_YEAR_OF_EXPERIENCE = re.compile(r"\s*(?:['’]s\s+|of\s+)?(?:[\w-]+\s+){0,2}?experience", re.I)
# The company speaking of itself in the mention's clause: "we've been doing this for over 10 years",
# "our founders have 20+ years in the field". (Not "we're looking for 5+ years": that speaks of the hire.)
_COMPANY_SUBJECT = re.compile(
    r"\b(?:we(?:'|\u2019)?ve|we\s+have|our\s+(?:company|team|founders?|firm|leadership)|(?:company|firm|founders?)\s+(?:has|have)"
    r"|founded|established|in\s+business|been\s+around)\b"
    # ... or describing past hires, not asking: "many strong candidates for this role have 10+ years"
    r"|\b(?:many|most|typical(?:ly)?|often|usually)\b[^.;]{0,40}\bcandidates\b",
    re.I)
_PREFERRED_BEFORE = re.compile(
    r"ideally|preferabl[ey]|preferred|nice\s+to\s+have|good\s+to\s+have|bonus|a\s+plus|plus\s+if|nice\s+if|optional", re.I)
# After the mention only words that grade the years themselves: "(2+ years preferred)", "1-3 years ideal";
# "5+ years of experience, ideally in fintech" grades the domain, not the years.
# Within a short clause with no comma the grade still speaks of the years: "5+ years with Go is a plus",
# "Rust (2+ years) preferred".
_PREFERRED_AFTER = re.compile(
    r"(?:[^.;()]{0,25}?|\)?[^.;(),]{0,45}?)\b(?:preferred|is\s+a\s+plus|a\s+plus|nice\s+to\s+have|good\s+to\s+have"
    r"|desired|desirable|ideal|helpful|beneficial|would\s+be\s+(?:great|nice)|not\s+required|optional|bonus"
    r"|(?:big|huge|definite|strong)\s+plus|advantage|advantageous|an\s+asset)\b",
    re.I)
# A bare "N years" is experience when an experience word follows in its clause or precedes it closely.
_EXPERIENCE_AFTER = re.compile(r"[^.;]{0,60}?(?:experience|\bexp\b|worked|working|professional|industry)", re.I)
# Two mentions are alternatives when "or" joins them beside a degree ("MS with 3+ years, or BS with 5+");
# a plain "or" is not enough ("8+ years in sales, or marketing, with 2+ leading teams" asks both).
_OR = re.compile(r"\bor\b", re.I)
# ... or when "or" opens the next mention itself: "at least 1 year (junior) or at least 2 years (senior)".
_OR_JUST_BEFORE = re.compile(r"\bor\s+(?:at\s+least\s+|a\s+minimum\s+of\s+|minimum\s+|more\s+than\s+|over\s+)?$", re.I)
_DEGREE_WORD = re.compile(r"\bB\.?S|\bM\.?S|Ph\.?\s?D|master|bachelor|degree|doctora|\bBA\b|MBA", re.I)
_STARTS_WITH_OR = re.compile(r"\W*or\b", re.I)
_ENDS_WITH_OR = re.compile(r"\bor\W*$", re.I)

_LEVEL_OF_TOKEN = re.compile(
    r"(?P<phd>ph|d\.?phil|doctora)|(?P<master>m|advanced|graduate|post)|(?P<bachelor>b|undergrad)|(?P<degree>degree)", re.I)
# A bare "degree" is a bachelor's unless the words around say otherwise: "high degree of", "2nd-degree",
# "degree to which", "associate's degree", "high school degree", or a level just before it ("Master's
# (or PhD) degree", "BS/MS degree": that level already counted).
_DEGREE_NOT_BEFORE = re.compile(
    r"(?:high|certain|some|great|large|significant|reasonable|varying|\d\w*|associate(?:'|’)?s?|advanced|graduate|school)\W*$",
    re.I)
_DEGREE_NOT_AFTER = re.compile(r"\s*(?:of|to)\b", re.I)
# Where the words before a bare "degree" stop being its phrase: not the dot of "Ph.D. degree" or "B.S. degree".
_CLAUSE_BREAK = re.compile(r";|(?<![A-Z])[.!?](?=\s|$)")
_OTHER_DEGREE = re.compile(r"\b(?:other|another|any)\s+$", re.I)
_PEOPLE_AFTER = re.compile(r"['’]s\b(?!\s+degree)", re.I)
_LEVEL_JUST_BEFORE = re.compile(
    r"bachelor|master|ph\.?\s?d|doctora|\b[BM]\.?S\.?c?\b|\bB\.?A\b|MBA|[BM]\.?Eng|[BM]\.?Tech|undergrad", re.I)
# "no degree required", "degree not required", "don't need a degree", a high-school diploma (not "high
# school teachers on the team"); but "advanced degree preferred, not required" still asks for the first.
_NO_DEGREE = re.compile(
    r"\bno\s+(?:college\s+|university\s+|formal\s+|4-year\s+|four-year\s+)?degrees?\s+(?:is\s+|are\s+)?"
    r"(?:required|needed|necessary)"
    r"|(?<!advanced )(?<!graduate )(?:\bdegrees?|\bbachelor['’]?s?|\bdiploma)\b[^.;]{0,40}?"
    r"\bnot\s+(?:required|necessary|needed|mandatory)"
    r"|\b(?:don['’]?t|do\s+not|doesn['’]?t|does\s+not|won['’]?t)\s+(?:need|require)\b[^.;]{0,60}?\bdegree"
    r"|\bwithout\s+(?:a\s+)?(?:college\s+|university\s+|formal\s+)?degree|\bdegrees?\s+(?:is\s+|are\s+)?optional"
    r"|\bhigh[- ]?school\s+(?:diploma|degree|education|graduate|seniors?|students?|or\s+equivalent)|(?-i:\bGED\b)",
    re.I,
)
_OR_EQUIVALENT = re.compile(
    r"\bor\s+(?:an?\s+)?(?:comparable|related|relevant|commensurate)\s+(?:[\w-]+\s+){0,2}?experience"
    r"|\bor\s+equivalent\b(?!\s+(?:[\w-]+\s+)?(?:field|discipline|degree|qualification|certification|major|area|program))",
    re.I,
)
# parse_salary_text reads "X - Y" and "X to Y" as ranges but not "between X and Y": rewrite that "and".
_BETWEEN_AND = re.compile(r"(?:(?<=[0-9kK])|(?<=USD|EUR|GBP|CAD|AUD))\s+and\s+(?=(?:\$|€|£|USD|EUR|GBP|CAD|AUD)?\s?[0-9])")
_OTE_BEFORE = re.compile(r"(?:\bOTE\b|on[- ]target)\W*(?:\w+\W+){0,3}$", re.I)
_OTE_AFTER = re.compile(r"[-–—\s\d.,$€£kK]*(?:\bOTE\b|on[- ]target)", re.I)
_PAY_BEFORE, _PAY_AFTER = 30, 60  # characters around the first pay-shaped amount handed to the parser
_PLAUSIBLE_MIN = {"year": 10_000, "month": 500, "week": 100, "day": 30, "hour": 5}


def text_facets(lines: pl.DataFrame) -> pl.DataFrame:
    """Facets per document from its lines.

    ``lines`` has ``doc`` (UInt32), ``line_no`` (UInt32), ``line`` (String), ``candidate`` (Boolean:
    candidate-facing section) and ``preferred`` (Boolean: nice-to-have line or section), and may have
    ``section`` (then years drop only in a nice-to-have section, each mention's clause deciding). Returns one
    row per distinct ``doc`` with :data:`FACET_SCHEMA`; a document with nothing found gets
    ``degree_min`` "unspecified", ``degree_or_equivalent`` False, ``degree_fields`` empty and nulls elsewhere.
    """
    docs = lines.select(pl.col("doc").cast(pl.UInt32).unique().sort())
    found: dict[int, _DocFacets] = {}
    for (doc, line_no, text, years_tokens, experience_word, preferred_word, degree_tokens, no_degree, equivalent,
         or_equivalent, pay_amount) in _matched_lines(lines).iter_rows():
        facets = found.get(doc)
        if facets is None:
            facets = found[doc] = _DocFacets()
        if degree_tokens or no_degree or equivalent:
            facets.read_degree(text, degree_tokens or [], no_degree, equivalent, or_equivalent)
        if years_tokens:
            facets.read_years(line_no, text, years_tokens, experience_word, preferred_word)
        if pay_amount and facets.pay is None:
            facets.read_pay(text, pay_amount)
    facet_rows = pl.DataFrame([(doc, *f.result()) for doc, f in found.items()], schema=FACET_SCHEMA, orient="row")
    return (
        docs.join(facet_rows, on="doc", how="left")
        .with_columns(*FACET_DEFAULTS)
        .select(list(FACET_SCHEMA))
    )


# What a document with nothing found (or no text) gets: see text_facets.
FACET_DEFAULTS = (
    pl.col("degree_min").fill_null("unspecified"),
    pl.col("degree_or_equivalent").fill_null(False),
    pl.col("degree_fields").fill_null(pl.lit([], dtype=pl.List(pl.String))),
)


def _matched_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """The few lines that may say something, in document order, with their tokens and flags (all Rust)."""
    line = pl.col("line")
    scanned = lines.filter(pl.any_horizontal(line.str.contains(scan) for scan in _SCANS))
    # Boilerplate repeats across a company's postings: stage 2 reads each distinct line once.
    features = scanned.select(line.unique()).with_columns(
        line.str.extract_all(_YEARS_TOKEN).alias("years_tokens"),
        line.str.contains(_EXPERIENCE_FLAG).alias("experience_word"),
        line.str.contains(_PREFERRED_FLAG).alias("preferred_word"),
        line.str.extract_all(_DEGREE_TOKEN).alias("degree_tokens"),
        line.str.contains(_NO_DEGREE_FLAG).alias("no_degree"),
        line.str.contains(_EQUIVALENT_FLAG).alias("equivalent"),
        line.str.contains(_OR_EQUIVALENT_FLAG).alias("or_equivalent"),
        line.str.extract(_PAY_AMOUNT, 0).alias("pay_amount"),
        line.str.contains(_PAY_WORDS_FLAG).alias("pay_words"),
        line.str.contains(_NOT_PAY_FLAG).alias("not_pay_words"),
    )
    candidate = pl.col("candidate").fill_null(False)
    required = _years_count(lines)
    has_pay_words = pl.col("pay_amount").is_not_null() & pl.col("pay_words")
    return (
        scanned.join(features, on="line")
        .select(
            pl.col("doc").cast(pl.UInt32),
            "line_no",
            "line",
            # Years only from required candidate lines; degree from any candidate line; pay from every line.
            pl.when(required).then("years_tokens").alias("years_tokens"),
            (required & pl.col("experience_word")).alias("experience_word"),
            (required & pl.col("preferred_word")).alias("preferred_word"),
            pl.when(candidate).then("degree_tokens").alias("degree_tokens"),
            (candidate & pl.col("no_degree")).alias("no_degree"),
            (candidate & pl.col("equivalent")).alias("equivalent"),
            (candidate & pl.col("or_equivalent")).alias("or_equivalent"),
            # Lines naming pay win; bare amounts are read only in documents that have none.
            pl.when(pl.col("pay_words") | ~has_pay_words.any().over("doc") & ~pl.col("not_pay_words"))
            .then("pay_amount").alias("pay_amount"),
        )
        .filter(
            (pl.col("years_tokens").list.len() > 0) | (pl.col("degree_tokens").list.len() > 0)
            | pl.col("no_degree") | pl.col("equivalent") | pl.col("pay_amount").is_not_null()
        )
        .sort("doc", "line_no")
    )


def _years_count(lines: pl.DataFrame) -> pl.Expr:
    """Which lines years are read from: required candidate lines."""
    candidate = pl.col("candidate").fill_null(False)
    if "section" in lines.columns:
        # A nice-to-have section drops its years; a line that only says "preferably AWS" somewhere keeps
        # them, and each mention's own clause decides (_clause_says_preferred).
        return candidate & (pl.col("section").fill_null("") != "preferred")
    return candidate & ~pl.col("preferred").fill_null(False)


def facets_of_text(text: str) -> dict:
    """Facets of one document, every line candidate-facing and none preferred: FACET_SCHEMA's keys but ``doc``."""
    texts = text.split("\n")
    n = len(texts)
    lines = pl.DataFrame(
        {"doc": [0] * n, "line_no": list(range(n)), "line": texts, "candidate": [True] * n, "preferred": [False] * n},
        schema={"doc": pl.UInt32, "line_no": pl.UInt32, "line": pl.String, "candidate": pl.Boolean, "preferred": pl.Boolean},
    )
    row = text_facets(lines).row(0, named=True)
    del row["doc"]
    return row


class _DocFacets:
    """What one document's matched lines said so far (lines arrive in order)."""

    def __init__(self) -> None:
        self.degree_rank: int | None = None
        self.names_degree = False
        self.fields: set[str] = set()
        self.or_equivalent = False
        self.years: int | None = None  # largest required minimum over finished groups
        self.group: int | None = None  # smallest minimum within the current set of alternatives
        self.group_line: tuple[int, str] | None = None  # last line that gave years: (line_no, text)
        self.pay: tuple[float | None, float | None, str, str] | None = None  # first line that parses

    def read_degree(self, line: str, tokens: list[str], no_degree: bool, equivalent: bool, or_equivalent: bool) -> None:
        ranks = _degree_ranks(line, tuple(tokens))
        says_none = no_degree and bool(_NO_DEGREE.search(line))
        if ranks:
            self._lower_degree(min(ranks))
            self.names_degree = True
            if not says_none:  # "no CS degree required" names no field asked for
                self.fields.update(_degree_fields(line, tuple(tokens)))
        if says_none:
            self._lower_degree(_RANK["none"])
        if equivalent or (ranks and or_equivalent and _OR_EQUIVALENT.search(line)):
            self.or_equivalent = True

    def _lower_degree(self, rank: int) -> None:
        if self.degree_rank is None or rank < self.degree_rank:
            self.degree_rank = rank

    def read_years(self, line_no: int, line: str, tokens: list[str], experience_word: bool, preferred_word: bool) -> None:
        groups = _years_groups(line, tuple(tokens), experience_word, preferred_word)
        if not groups:
            return
        previous = self.group_line
        continues = previous is not None and line_no - previous[0] <= 2 and bool(
            _STARTS_WITH_OR.match(line) or _ENDS_WITH_OR.search(previous[1][-20:])
        )
        if continues and self.group is not None:
            # "Master's and 5+ years" / "OR a Bachelor's and 8+ years": one set of alternatives.
            self.group = min(self.group, groups[0])
            groups = groups[1:]
        for value in groups:
            self._close_group()
            self.group = value
        self.group_line = (line_no, line)

    def _close_group(self) -> None:
        if self.group is not None:
            self.years = self.group if self.years is None else max(self.years, self.group)
            self.group = None

    def read_pay(self, line: str, amount: str) -> None:
        self.pay = _pay(line, amount)

    def result(self) -> tuple:
        self._close_group()
        degree = DEGREES[self.degree_rank] if self.degree_rank is not None else "unspecified"
        fields = self.fields | {"quantitative"} if self.fields else self.fields
        return (degree, self.or_equivalent and self.names_degree, self.years, *(self.pay or (None,) * 4),
                [f for f in DEGREE_FIELDS if f in fields])


@lru_cache(maxsize=1 << 14)
def _pay(line: str, amount: str) -> tuple[float | None, float | None, str, str] | None:
    """The salary a line states around its first pay-shaped ``amount``, or None."""
    # parse_salary_text costs ~0.4 us per character: give it the amount's neighbourhood, which holds
    # the other end of a range, "up to", the currency code and the period, not a 1,000-character paragraph.
    at = line.find(amount)
    start, end = max(0, at - _PAY_BEFORE), at + len(amount) + _PAY_AFTER
    # Cut at spaces (whole words): "philosophy" cut to "ph" would read as "per hour".
    if start and (space := line.find(" ", start, at)) >= 0:
        start = space + 1
    if end < len(line) and (space := line.rfind(" ", at + len(amount), end)) >= 0:
        end = space
    if _OTE_BEFORE.search(line, start, at) or _OTE_AFTER.match(line, at + len(amount)):
        # On-target earnings (base plus commission) are not the base salary; the parser reads the base
        # when the line goes on to state it ("OTE $200k-$250k, base $120k-$140k"), else finds none.
        end = min(len(line), end + _PAY_AFTER)
    text = line[start:end]
    if "etween" in text:
        text = _BETWEEN_AND.sub(" - ", text)
    salary = parse_salary_text(text)
    if salary.currency is None or salary.period is None:
        return None
    lowest = salary.min if salary.min is not None else salary.max
    if lowest is None or lowest < _PLAUSIBLE_MIN.get(salary.period, 0):
        return None
    return salary.min, salary.max, salary.currency, salary.period


def _positions(line: str, tokens: tuple[str, ...]):
    """(start, end, token) of each extracted token, in order (extract_all gives them in order)."""
    position = 0
    for token in tokens:
        start = line.find(token, position)
        if start < 0:
            continue
        position = start + len(token)
        yield start, position, token


def _degree_mentions(line: str, tokens: tuple[str, ...]):
    """(start, end, rank) of each token naming a degree; rank None for a bare "degree" whose level was
    named just before ("BS/MS degree": already counted, but still where the degree's phrase is)."""
    for start, end, token in _positions(line, tokens):
        before_char = line[start - 1] if start else " "
        if before_char.isalnum() or before_char in "_.-":  # "LLMS", "e.MS", "360-degree"
            continue
        level = _LEVEL_OF_TOKEN.match(token).lastgroup
        if level == "phd" and _PEOPLE_AFTER.match(line, end):
            continue  # "Research Scientists (PhD's)": people, as "PhDs on our team"
        if level != "degree":
            yield start, end, _RANK[level]
            continue
        before = line[max(0, start - 30):start]
        clause_before = before[max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0):]
        # Within its clause: "Graduated in 2020. Degree in CS required" still names a degree.
        if _DEGREE_NOT_BEFORE.search(clause_before) or _DEGREE_NOT_AFTER.match(line, end):
            continue
        # "BS/MS degree": the level before it; "a PhD or other degree": a degree of its own.
        level_before = _LEVEL_JUST_BEFORE.search(clause_before[-25:]) and not _OTHER_DEGREE.search(clause_before)
        yield start, end, None if level_before else _RANK["bachelor"]


# Cached: a company's boilerplate lines repeat across its postings (tokens and flags follow from the line).
@lru_cache(maxsize=1 << 14)
def _degree_ranks(line: str, tokens: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(rank for _, _, rank in _degree_mentions(line, tokens) if rank is not None)


# Degree fields (Python, on degree lines only). Longer names first, so "software engineering" is cs and
# not also engineering; the capitalised abbreviations are case-sensitive ("CS", "EE", "AI", "ML").
_FIELD_NAMES = re.compile(
    r"(?P<cs>(?i:computer\s+science|comp\.?\s?sci\b|computer\s+(?:systems\s+)?engineering|software\s+engineering"
    r"|\binformatics\b))|\b(?P<cs_abbr>CS|CSE|(?:BS|MS)CS|CompSci)\b"
    r"|(?P<data_science>(?i:data\s+science|machine\s+learning|artificial\s+intelligence))|\b(?P<ds_abbr>AI|ML)\b"
    r"|\b(?P<eecs>EECS)\b"
    r"|\b(?P<statistics>(?i:(?:bio)?statistic(?:s|al)\b|stats\b))"
    r"|\b(?P<math>(?i:(?:applied\s+)?math(?:ematics|ematical|s)?\b))"
    r"|\b(?P<physics>(?i:(?:astro|bio|geo)?physics\b))"
    r"|\b(?P<engineering>(?i:engineering|electrical|mechanical)\b)|\b(?P<eng_abbr>EE|ECE|(?:BS|MS)(?:EE|ME|CE))\b"
    r"|\b(?P<quantitative>(?i:quantitative)\b)"
)
_FIELD_OF_GROUP = {
    "cs": ("cs",), "cs_abbr": ("cs",), "data_science": ("data-science",), "ds_abbr": ("data-science",),
    "eecs": ("cs", "engineering"), "statistics": ("statistics",), "math": ("math",), "physics": ("physics",),
    "engineering": ("engineering",), "eng_abbr": ("engineering",), "quantitative": ("quantitative",),
}
_FIELD_PHRASE_MAX = 250  # characters after the degree word; field lists run long
# Where the degree's phrase ends: a sentence's end (not an abbreviation's dot: "B.S.", "e.g.", "Ph.D.").
_SENTENCE_END = re.compile(r";|[.!?](?=\s+[A-Z]|\s*$)")
_ABBREVIATION_DOT = re.compile(r"(?:\b\w\.\w*|\b(?:[BM]Sc|[BM]Eng|PhD|BS|MS|BA|MA|etc|approx|incl|vs))$", re.I)
# ... or a clause that moves on from the fields: "with 3+ years", "from a top school", "who", "preferred", a number.
_CLAUSE_STOP = re.compile(
    r"\b(?:with|who|which|that|while|where|whereas|plus|as\s+well\s+as|along\s+with|in\s+addition|have|has|having"
    r"|for|from|at|on|by|via|level"
    r"|required|requirement|preferred|preferably|ideally|desired|a\s+plus|bonus|nice\s+to\s+have|mandatory|must)\b|[0-9]",
    re.I)
# ... or a list item about experience, skills or knowledge rather than a field of study, from the item's start:
# "BS in CS and machine learning experience", "MS in Statistics, strong ML skills".
_ITEM_STOP = re.compile(
    r"\b(?:experience|experienced|years?|yrs|skills?|knowledge|expertise|background|proficien\w*|familiar\w*"
    r"|understanding|fundamentals|publications?|papers|track\s+record|abilit(?:y|ies)|training|certifications?)\b",
    re.I)
_ITEM_SEPARATOR = re.compile(r",|/|&|\(|\)|:|\b(?:or|and|including|such\s+as|like|e\.g\.|i\.e\.)\b", re.I)
# Before the degree word: the words naming its field run back to a determiner, preposition or verb
# ("a Computer Science or Statistics degree", "hold a quantitative PhD"), within the sentence.
_BEFORE_BOUNDARY = re.compile(
    r"[.;:()!?\[\]*•|]|\b(?:a|an|the|in|of|with|have|has|hold|holds|holding|your|any|our|from|to|for|on|at|is|are"
    r"|be|plus|including|requires?|no|not|without|non|(?:[0-9]+|two|four)[- ]?years?)\b",
    re.I)
_BEFORE_NEGATED = re.compile(r"\b(?:no|not|without|non)\W*$", re.I)  # "no CS degree required"
# Asides in parentheses that grade or replace the degree ("(PhD preferred)", "(or equivalent experience)").
_ASIDE = re.compile(r"\([^()]{0,60}\)")
_OR_EXPERIENCE_IN = re.compile(
    r"\bor\s+(?:an?\s+)?(?:equivalent|comparable|relevant)\s+(?:[\w-]+\s+){0,2}?experience\s+(?=in\b)", re.I)
_IN = re.compile(r"\bin\b", re.I)
_BEFORE_MAX = 80


@lru_cache(maxsize=1 << 14)
def _degree_fields(line: str, tokens: tuple[str, ...]) -> frozenset[str]:
    """The fields a line's degree mentions name (``quantitative`` is added per document)."""
    fields: set[str] = set()
    for start, _end, _rank in _degree_mentions(line, tokens):
        for phrase in (_phrase_before(line, start), _phrase_after(line, start)):
            for match in _FIELD_NAMES.finditer(phrase):
                fields.update(_FIELD_OF_GROUP[match.lastgroup])
    return frozenset(fields)


def _phrase_after(line: str, start: int) -> str:
    """From the degree word to where its phrase ends: "MS in Statistics, Physics or a related field"."""
    phrase = line[start:start + _FIELD_PHRASE_MAX]
    # Asides that grade or replace the degree do not end its phrase: "Bachelor's degree (PhD preferred) in
    # Statistics", "PhD or equivalent research experience in Machine Learning, Statistics" ...
    phrase = _ASIDE.sub(lambda m: " " if _CLAUSE_STOP.search(m.group()) or _ITEM_STOP.search(m.group()) else m.group(), phrase)
    if (instead := _OR_EXPERIENCE_IN.search(phrase)) and not _IN.search(phrase, 0, instead.start()):
        # ... when the degree names its fields only after the alternative (else they are the experience's).
        phrase = phrase[:instead.start()] + phrase[instead.end():]
    for end in _SENTENCE_END.finditer(phrase):
        if end.group() == ";" or not _ABBREVIATION_DOT.search(phrase, 0, end.start()):
            phrase = phrase[:end.start()]
            break
    if stop := _CLAUSE_STOP.search(phrase, 1):
        phrase = phrase[:stop.start()]
    depth = 0
    for at, char in enumerate(phrase):
        # A bullet or a parenthesis closing one opened before the degree word ends its phrase.
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0 or char in "*•|":
            phrase = phrase[:at]
            break
    if stop := _ITEM_STOP.search(phrase):
        # Drop the whole list item the stop word sits in ("and machine learning experience").
        separators = [m.end() for m in _ITEM_SEPARATOR.finditer(phrase, 0, stop.start())]
        phrase = phrase[:separators[-1]] if separators else ""
    return phrase


def _phrase_before(line: str, start: int) -> str:
    """The words just before the degree word that name its field ("a Statistics or Math degree"): none
    when punctuation sits right before it ("machine learning, PhD preferred")."""
    before = line[max(0, start - _BEFORE_MAX):start]
    if not before.endswith(" ") or not before.rstrip()[-1:].isalnum():
        return ""
    cut = max((m.end() for m in _BEFORE_BOUNDARY.finditer(before)), default=0)
    phrase = before[cut:]
    if _BEFORE_NEGATED.search(before, 0, cut) or _ITEM_STOP.search(phrase) or _CLAUSE_STOP.search(phrase):
        return ""
    return phrase


@lru_cache(maxsize=1 << 14)
def _years_groups(line: str, tokens: tuple[str, ...], experience_word: bool, preferred_word: bool) -> tuple[int, ...]:
    """Required years named in one line: the minimum of each set of alternatives, in order."""
    mentions = _years_mentions(line, tokens, experience_word, preferred_word)
    groups: list[int] = []
    for i, (value, start, _end) in enumerate(mentions):
        gap = line[mentions[i - 1][2]:start] if i else ""
        if gap and _OR.search(gap) and (_DEGREE_WORD.search(gap) or _OR_JUST_BEFORE.search(gap)):
            groups[-1] = min(groups[-1], value)
        else:
            groups.append(value)
    return tuple(groups)


@lru_cache(maxsize=1 << 14)
def _years_mentions(
    line: str, tokens: tuple[str, ...], experience_word: bool, preferred_word: bool,
) -> tuple[tuple[int, int, int], ...]:
    """Each required years mention of one line: (value, start, end), in order."""
    mentions: list[tuple[int, int, int]] = []  # (value, start, end)
    for start, end, token in _positions(line, tokens):
        parts = _YEARS_PARTS.match(token)
        if parts is None:
            continue
        if parts.group("after_colon"):
            value = int(parts.group("after_colon"))
        else:
            raw = (parts.group("low") or "ten").lower()  # "a decade" is ten years
            if parts.group("decade") and not _EXPERIENCE_AFTER.match(line, end):
                continue  # "ranked the best for over a decade": a span, not "a decade of experience"
            value = _NUMBER_WORDS.get(raw)
            if value is None:
                value = int(float(raw))  # "1.5+ years": the whole years it guarantees
            if start and line[start - 1] in "$€£.,":  # "$5 years"?, "2,5"
                continue
            before = " " + " ".join(line[max(0, start - 24):start].lower().split()[-3:])
            if before.endswith(_YEARS_NOT_BEFORE) or _YEARS_NOT_AFTER.match(line, end):
                continue
            explicit = bool(
                parts.group("plus") or parts.group("plus_after") or parts.group("range") or parts.group("ormore")
                or before.endswith(_YEARS_QUALIFIERS) or _YEARS_EXPLICIT_AFTER.match(line, end)
            )
            if raw in ("a", "an") and not explicit and not _A_YEAR_OF_EXPERIENCE.match(line, end):
                continue  # "twice a year", "$90k a year", "spend a year working on": not "a year of experience"
            # A bare "3 years" is experience only beside experience words or opening its line.
            opens_line = start < 40 and _LINE_START.fullmatch(line, 0, start)
            if not explicit and not opens_line and not (
                experience_word and ("experien" in before or _EXPERIENCE_AFTER.match(line, end))
            ):
                continue
        if value > MAX_YEARS or (preferred_word and _clause_says_preferred(line, start, end)):
            continue
        if _company_speaks(line, start):
            continue
        mentions.append((value, start, end))
    return tuple(mentions)


def _company_speaks(line: str, start: int) -> bool:
    """Is the company, not the hire, the subject of the clause holding this years mention?"""
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(line, 0, start)), default=0)
    return bool(_COMPANY_SUBJECT.search(line, clause_start, start))


def _clause_says_preferred(line: str, start: int, end: int) -> bool:
    """Does the clause holding this years mention call it preferred ("ideally 5+ years", "(2+ years preferred)")?"""
    ends = [m.end() for m in _CLAUSE_END.finditer(line, 0, start)]
    clause_start = ends[-1] if ends else 0
    if clause_start and line[clause_start - 1] == "(":
        # "(2+ years)" grades what stands before it: "Rust is a plus (2+ years)".
        clause_start = ends[-2] if len(ends) > 1 else 0
    return bool(_PREFERRED_BEFORE.search(line, clause_start, start) or _PREFERRED_AFTER.match(line, end))


# ---------------------------------------------------------------------------------------------------
# Years per skill: "3+ years of Python" gives Python 3 (the same required mentions as ``years_min``).

SKILL_YEARS_SCHEMA = {"doc": pl.UInt32, "skill": pl.String, "years": pl.Int32}
# A skill takes the years of the closest mention before it in the same phrase ("5+ years of experience
# with Python and SQL": both), unless a mention is tied to it right after ("Python (3+ years)", "Go: 2+
# years", "Rust - 2+ yrs"). The phrase stops at a sentence's end, a bullet, or where the line moves on to
# another requirement ("3+ years of backend work, and strong Python skills": Python has no years).
_SKILL_PHRASE_END = re.compile(
    r";|(?-i:(?<![A-Z]))[.!?](?=\s|$)|[•|]"
    r"|,?\s+(?:and|plus|as\s+well\s+as|along\s+with)\s+(?:an?\s+|the\s+)?(?:strong|solid|excellent|deep|good|great|proven"
    r"|demonstrated|hands-on|familiarity|knowledge|understanding|ability|comfort|fluency|proficiency|expertise)\b",
    re.I)
_YEARS_TIED_AFTER = re.compile(r"\s*(?:\(|:|-|–|—)\s*")
_YEARS_OPEN_PHRASE = re.compile(
    r"['’]?\s*(?:of|in|with|using|on|across|doing|working|building|developing|writing|programming|coding|shipping"
    r"|designing|hands-on|professional|industry|production|relevant|practical|commercial|experience|exp)\b", re.I)


def skill_years(lines: pl.DataFrame, hits: pl.DataFrame) -> pl.DataFrame:
    """Required years stated for each skill on the lines naming it; the largest when several.

    ``lines`` as for :func:`text_facets` (``section`` optional); ``hits`` one row per name found, with
    ``doc``, ``line_no``, ``skill``, ``pos`` (character offset in the line) and ``matched`` (the name as
    written). Returns :data:`SKILL_YEARS_SCHEMA` rows for the skills given years only.
    """
    empty = pl.DataFrame(schema=SKILL_YEARS_SCHEMA)
    if hits.is_empty() or lines.is_empty():
        return empty
    line = pl.col("line")
    # Only lines that name a skill and say "years" are read (a few percent of the hits' lines).
    year_lines = (
        lines.join(hits.select(pl.col("doc").cast(pl.UInt32), pl.col("line_no").cast(pl.UInt32)).unique(),
                   on=["doc", "line_no"], how="semi")
        .filter(_years_count(lines) & line.str.contains(_SCANS[0]))
        .select(
            pl.col("doc").cast(pl.UInt32), pl.col("line_no").cast(pl.UInt32), "line",
            line.str.extract_all(_YEARS_TOKEN).alias("tokens"),
            line.str.contains(_EXPERIENCE_FLAG).alias("experience_word"),
            line.str.contains(_PREFERRED_FLAG).alias("preferred_word"),
        )
        .filter(pl.col("tokens").list.len() > 0)
    )
    if year_lines.is_empty():
        return empty
    mentions_of = {
        (doc, line_no): (text, _years_mentions(text, tuple(tokens), experience_word, preferred_word))
        for doc, line_no, text, tokens, experience_word, preferred_word in year_lines.iter_rows()
    }
    on_year_lines = hits.select(
        pl.col("doc").cast(pl.UInt32), pl.col("line_no").cast(pl.UInt32), "skill", "pos", "matched",
    ).join(year_lines.select("doc", "line_no"), on=["doc", "line_no"], how="semi").drop_nulls(["pos", "matched"])
    rows = []
    for doc, line_no, skill, pos, matched in on_year_lines.iter_rows():
        text, mentions = mentions_of[(doc, line_no)]
        value = _years_of_name(text, mentions, pos, pos + len(matched))
        if value is not None:
            rows.append((doc, skill, value))
    if not rows:
        return empty
    return (
        pl.DataFrame(rows, schema=SKILL_YEARS_SCHEMA, orient="row")
        .group_by("doc", "skill").agg(pl.col("years").max())
        .sort("doc", "skill")
    )


def _years_of_name(line: str, mentions: tuple[tuple[int, int, int], ...], start: int, end: int) -> int | None:
    """The years a skill named at ``line[start:end]`` is given, or None (see _SKILL_PHRASE_END)."""
    for value, m_start, _m_end in mentions:
        if m_start >= end:
            if _YEARS_TIED_AFTER.fullmatch(line, end, m_start):
                return value
            break
    for value, _m_start, m_end in reversed(mentions):
        if m_end <= start:
            # "Kubernetes (3+ years), Terraform": years in parentheses belong to the name before them.
            if _SKILL_PHRASE_END.search(line, m_end, start) or line[m_end:start].lstrip().startswith(")"):
                return None
            # The years open the skill's phrase ("5+ years of ...", "3 years' experience with ...",
            # "3+ years Python"), not close another's ("Terraform: 2+ years, Docker").
            if line[m_end:start].strip() and not _YEARS_OPEN_PHRASE.match(line, m_end):
                return None
            return value
    return None
