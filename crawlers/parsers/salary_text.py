"""Free-text salary -> bounds, currency and period (pure; shared by the HN and Remotive parsers).

Handles what job boards and "Who is hiring?" headers write: ``$150k-$200k``, ``€80-100k``,
``$90/hr``, ``£85–120k + equity``, ``$45,000 - $50,000``, ``€160.000+``, ``$31,2k``, ``115k - 180k USD``,
``up to $220K``, ``$100k to $150k``, ``$170-195,000`` (the thousands written once), ``15-20 LPA`` (lakh:
rupees even unnamed). ``k`` multiplies by 1,000. Base pay is kept apart from on-target earnings and total
compensation: a figure labelled base wins, else the first figure not labelled OTE ("on-target") or, when
another figure is given, total compensation ("TC"); so ``$55K-$70K + OTE $85K-$100K`` and ``OTE
$200k-$250k, base $120k-$140k`` both read the base, and a text whose only figure is OTE states no salary.
A lone amount gives ``min == max``, except after "up to" (then only ``max``). Amounts followed by
``%``, ``M``/``B`` or "million/billion/trillion" (equity, funding) and ``401k`` are not pay. The period is
the one the text states (``/hr``, ``per month``, ``annually``…); with none stated an amount of 1,000 or
more is per year and a smaller one is left without a period. Nothing readable -> every value ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest symbols first so "CA$" is not read as "$".
SYMBOLS = {
    "US$": "USD", "CA$": "CAD", "CAD$": "CAD", "C$": "CAD", "AU$": "AUD", "AUD$": "AUD", "A$": "AUD",
    "NZ$": "NZD", "SG$": "SGD", "S$": "SGD", "HK$": "HKD", "R$": "BRL", "MX$": "MXN",
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₪": "ILS",
}
CODES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON",
    "INR", "JPY", "SGD", "HKD", "BRL", "MXN", "ILS", "ZAR", "CNY", "KRW", "TRY", "AED", "BGN", "UAH",
)
WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR"}

_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_CODE = "|".join(CODES)
_AMOUNT = re.compile(
    rf"(?P<pre>{_SYMBOL}|\b(?:{_CODE})\s?)?"
    # Indian grouping ("18,00,000": lakh) first, then thousands ("45,000", "160.000"), then plain numbers.
    r"(?P<num>(?<![\w.,])\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"
    r"|(?<![\w.,])\d{1,3}(?:[,.'’]\d{3})+(?:[.,]\d{1,2})?|(?<![\w.,])\d+(?:[.,]\d{1,2})?)"
    rf"(?P<suf>\+?\s?[kK](?![a-zA-Z])|\s?(?:L|lakhs?|lacs?|LPA)(?![a-zA-Z])|\s?(?:Cr|crores?)(?![a-zA-Z]))?"
    rf"(?P<post>\s?(?:{_SYMBOL})|\s?(?:{_CODE})\b)?"
)
_NOT_PAY_AFTER = re.compile(r"\s?(?:%|[mMbB](?![a-zA-Z])|mm\b|mn\b|bn\b|million|billion|trillion|\+?\s?years?\b|yrs?\b)", re.I)
_RANGE_GAP = re.compile(r"^\s*(?:-+|–|—|to|till|until|~|->|→)\s*$", re.I)
_UP_TO = re.compile(r"(?:up\s?to|upto|max(?:imum)?\.?|<|≤)\s*$", re.I)
_THOUSANDS = re.compile(r"\d{1,3}[,.'’]000")  # "195,000": a figure in thousands
# Labels that tell base pay from on-target earnings (base plus commission) and total compensation
# (base plus bonus and equity), read just before a figure (back to a comma, "+" or ";") or right after it.
_LABEL_BEFORE, _LABEL_AFTER = 40, 25
_DECIMAL_END = re.compile(r"\d[.,]$")
_OTE = re.compile(r"\bOTE\b|on[- ]target|\bwith\s+commission|including\s+commission", re.I)
_OTE_RIGHT_AFTER = re.compile(r"[\s/a-zA-Z.]{0,12}?(?:\bOTE\b|on[- ]target)", re.I)
_BASE = re.compile(r"\bbase\b", re.I)
_BASE_RIGHT_AFTER = re.compile(r"\s*(?:\(?\s*)?base\b", re.I)
_TOTAL = re.compile(
    r"\btotal\s+(?:comp|cash|rewards?|package|pay|target)|\bTC\b|\bTTC\b|\bincluding\s+(?:bonus|equity)", re.I)
_TOTAL_RIGHT_AFTER = re.compile(r"[\s(]*(?:total\b|TC\b|TTC\b)", re.I)
_CODE_ANYWHERE = re.compile(rf"\b({_CODE})\b")
_WORD_ANYWHERE = re.compile(r"\b(dollars?|euros?)\b", re.I)
PERIODS = (
    ("hour", r"/\s?h(?:ou)?r?s?\b|per\s+hour|hourly|an\s+hour|\bp/?h\b|/\s?hour"),
    ("day", r"/\s?day\b|per\s+day|\bdaily\b|a\s+day\b|day\s+rate"),
    ("week", r"/\s?w(?:ee)?k\b|per\s+week|\bweekly\b|a\s+week\b"),
    ("month", r"/\s?mo(?:nth)?s?\b|per\s+month|\bmonthly\b|a\s+month\b|/\s?m\b"),
    ("year", r"/\s?y(?:ea)?r\b|/\s?y\b|per\s+(?:year|annum)|\bannual(?:ly)?\b|\byearly\b|a\s+year\b|\bp\.?a\.?(?!\w)|/\s?year"),
)
_PERIOD = [(name, re.compile(pattern, re.I)) for name, pattern in PERIODS]
# k = thousand; Indian lakh (L, LPA) = 100,000 and crore (Cr) = 10,000,000
MULTIPLIERS = {"k": 1000, "l": 100_000, "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "lacs": 100_000,
               "lpa": 100_000, "cr": 10_000_000, "crore": 10_000_000, "crores": 10_000_000}
MAX_PLAUSIBLE = 50_000_000  # above this a "salary" is funding, revenue or a typo


@dataclass(frozen=True)
class Salary:
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: str | None = None

    @property
    def found(self) -> bool:
        return self.min is not None or self.max is not None


@dataclass
class _Amount:
    start: int
    end: int
    value: float
    currency: str | None
    k: bool
    explicit: bool  # has a currency symbol/code or a k suffix of its own
    lakh: bool = False  # written in lakh or crore (Indian rupees)


def _number(raw: str) -> float:
    """``45,000`` / ``160.000`` / ``100'000`` -> thousands; ``31,2`` / ``91.36`` -> decimals."""
    raw = raw.replace("’", "'")
    separators = [i for i, ch in enumerate(raw) if ch in ",.'"]
    if not separators:
        return float(raw)
    last = separators[-1]
    digits_after = len(raw) - last - 1
    if digits_after == 3 and raw[last] != "'" or raw[last] == "'":
        return float(re.sub(r"[,.']", "", raw))
    head = re.sub(r"[,.']", "", raw[:last])
    return float(f"{head}.{raw[last + 1:]}")


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    token = token.strip()
    return SYMBOLS.get(token) or (token.upper() if token.upper() in CODES else None)


def _amounts(text: str) -> list[_Amount]:
    found: list[_Amount] = []
    for match in _AMOUNT.finditer(text):
        after = text[match.end():]
        if _NOT_PAY_AFTER.match(after) and not match.group("suf"):
            continue
        if match.group("suf") and re.match(r"\s?[mMbB](?![a-zA-Z])", after):
            continue
        num = match.group("num")
        if num == "401" and match.group("suf") or text[match.end():match.end() + 3] == "(k)":
            continue
        try:
            value = _number(num)
        except ValueError:
            continue
        suffix = (match.group("suf") or "").strip(" +").lower()
        k = bool(suffix)
        currency = _currency(match.group("pre")) or _currency(match.group("post"))
        value *= MULTIPLIERS.get(suffix, 1000) if k else 1
        found.append(_Amount(match.start(), match.end(), value, currency, k, bool(currency or k), suffix not in ("", "k")))
    return found


def _pay_figures(text: str, amounts: list[_Amount], fallback_currency: str | None) -> list[tuple[_Amount, _Amount | None]]:
    """Every range (else single amount) the text states as pay, in order."""
    figures: list[tuple[_Amount, _Amount | None]] = []
    i = 0
    while i < len(amounts):
        amount = amounts[i]
        nxt = amounts[i + 1] if i + 1 < len(amounts) else None
        if nxt and _RANGE_GAP.match(text[amount.end:nxt.start]) and (amount.explicit or nxt.explicit or fallback_currency):
            figures.append((amount, nxt))
            i += 2
            continue
        if amount.explicit or (fallback_currency and amount.value >= 1000):
            figures.append((amount, None))
        i += 1
    return figures


def _base_pay(text: str, figures: list[tuple[_Amount, _Amount | None]]) -> tuple[_Amount, _Amount | None] | None:
    """The figure that is the base pay: one labelled base, else the first not labelled on-target earnings
    (base plus commission) or, when another figure is given, total compensation. None when every figure
    is OTE: that is not a base salary."""
    kinds = [_figure_kind(text, low.start, (high or low).end) for low, high in figures]
    for wanted in ("base", "plain", "total"):
        for figure, kind in zip(figures, kinds):
            if kind == wanted and (wanted != "total" or len(figures) == 1):
                return figure
    return None


def _figure_kind(text: str, start: int, end: int) -> str:
    """"base", "ote", "total" or "plain": a label right after the figure ("$150K-$250K OTE") wins, else
    the closest label before it in its clause ("OTE $300k. Base $120k-$150k": the second is base)."""
    after = text[end:end + _LABEL_AFTER]
    for kind, pattern in (("ote", _OTE_RIGHT_AFTER), ("base", _BASE_RIGHT_AFTER), ("total", _TOTAL_RIGHT_AFTER)):
        if pattern.match(after):
            return kind
    before = text[max(0, start - _LABEL_BEFORE):start]
    before = before[max(before.rfind(mark) for mark in ",;|+.") + 1:] if not _DECIMAL_END.search(before) else before
    closest = max(
        ((match.end(), kind) for kind, pattern in (("ote", _OTE), ("base", _BASE), ("total", _TOTAL))
         for match in pattern.finditer(before)),
        default=(0, "plain"),
    )
    return closest[1]


def _bare(text: str, amount: _Amount) -> float:
    """The number as written, before its k/L multiplier."""
    match = _AMOUNT.match(text, amount.start)
    return _number(match.group("num")) if match else 1.0


def parse_salary_text(text: str | None) -> Salary:
    """Read one free-text salary. See the module docstring for the formats and the rules."""
    if not text or not text.strip():
        return Salary()
    amounts = _amounts(text)
    code = _CODE_ANYWHERE.search(text)
    word = _WORD_ANYWHERE.search(text)
    fallback_currency = code.group(1) if code else (WORDS[word.group(1).lower()] if word else None)
    picked = _base_pay(text, _pay_figures(text, amounts, fallback_currency))
    if picked is None:
        return Salary()
    low, high = picked
    low_value = low.value
    if high is not None:
        high_value = high.value
        # "$150-250k", "€80-100k": the k written once applies to both ends; "$170-195,000": so do the thousands.
        if high.k and not low.k and low_value < 1000 <= high_value:
            low_value *= high.value / _bare(text, high)
        elif not low.k and low_value < 1000 and _THOUSANDS.fullmatch(_AMOUNT.match(text, high.start).group("num")) \
                and low_value * 1000 <= high_value:
            low_value *= 1000
        if low_value > high_value:
            low_value, high_value = high_value, low_value
        lo, hi = low_value, high_value
    elif _UP_TO.search(text[:low.start]):
        lo, hi = None, low_value
    else:
        lo, hi = low_value, low_value
    if (hi or 0) > MAX_PLAUSIBLE or (hi is not None and hi <= 0):
        return Salary()
    currency = low.currency or (high.currency if high else None) or fallback_currency
    if currency is None and (low.lakh or (high is not None and high.lakh)):
        currency = "INR"  # "15-20 LPA", "12 lakh": Indian rupees even unnamed
    if code and currency == "USD" and code.group(1) != "USD" and "$" in text:
        currency = code.group(1)  # "$120k CAD"
    period = _period(text, picked[0].start)
    if period is None and (hi or 0) >= 1000:
        period = "year"
    return Salary(lo, hi, currency, period)


def _period(text: str, start: int) -> str | None:
    best: tuple[int, str] | None = None
    for name, pattern in _PERIOD:
        match = pattern.search(text, start)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best else None


def has_money(text: str | None) -> bool:
    """True when the text states a pay amount (a currency or a ``k`` amount; not %, funding, 401k)."""
    return bool(text) and parse_salary_text(text).found
