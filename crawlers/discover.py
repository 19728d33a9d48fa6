"""Find Greenhouse, Lever and Ashby job-board links in free text (pure: no I/O).

:func:`find_board_links` is what ``jobtrends sources discover`` runs over crawled posting texts to
propose boards for ``crawlers/sources.toml``. It recognises, case-insensitively on the host:

=============================================================  ===================================
``boards.greenhouse.io/<t>``, ``job-boards.greenhouse.io/<t>``  ``("greenhouse", t)``
``boards.greenhouse.io/embed/job_board?for=<t>`` (and job_app)  ``("greenhouse", t)``
``boards-api.greenhouse.io/v1/boards/<t>``                      ``("greenhouse", t)``
``jobs.lever.co/<s>``, ``api.lever.co/v0/postings/<s>``         ``("lever", s)``
``jobs.ashbyhq.com/<o>``, ``api.ashbyhq.com/posting-api/job-board/<o>``  ``("ashby", o)``
=============================================================  ===================================

The text is HTML-unescaped first (HN comments write ``/`` as ``&#x2F;``); URL-escaped links
(``https%3A%2F%2Fjobs.lever.co%2Facme``) are found too. Greenhouse tokens are lower-cased (Greenhouse
board tokens are lower-case); Lever and Ashby names keep their case as written (Ashby's matters), and
Ashby names are percent-decoded (``Iodine%20Software`` -> ``Iodine Software``), as ``sources.toml``
stores them. Callers comparing tokens across texts should compare them case-insensitively. Trailing dots and
hyphens (end of a sentence) are dropped. Links to the EU instances (``jobs.eu.lever.co``,
``job-boards.eu.greenhouse.io``) are not matched: the spiders call the US APIs.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

# Not preceded by a host character, so "notjobs.lever.co" or "jobs.eu.lever.co" never match.
_START = r"(?<![\w.-])"
_TOKEN = r"([A-Za-z0-9][A-Za-z0-9_.%-]*)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("greenhouse", re.compile(
        _START + r"(?:job-)?boards\.greenhouse\.io/embed/job_(?:board|app)(?:/js)?\?(?:[^\s\"'<>#]*?&)?for=" + _TOKEN,
        re.IGNORECASE)),
    ("greenhouse", re.compile(_START + r"boards-api\.greenhouse\.io/v1/boards/" + _TOKEN, re.IGNORECASE)),
    ("greenhouse", re.compile(_START + r"(?:job-)?boards\.greenhouse\.io/(?!embed\b)" + _TOKEN, re.IGNORECASE)),
    ("lever", re.compile(_START + r"jobs\.lever\.co/" + _TOKEN, re.IGNORECASE)),
    ("lever", re.compile(_START + r"api\.lever\.co/v0/postings/" + _TOKEN, re.IGNORECASE)),
    ("ashby", re.compile(_START + r"jobs\.ashbyhq\.com/" + _TOKEN, re.IGNORECASE)),
    ("ashby", re.compile(_START + r"api\.ashbyhq\.com/posting-api/job-board/" + _TOKEN, re.IGNORECASE)),
]
# First path segments that are pages of the ATS itself, not boards.
_NOT_BOARDS = {
    "greenhouse": {"embed", "v1", "static", "assets"},
    "lever": {"static", "assets"},
    "ashby": {"api", "embed", "static", "assets"},
}


def _token(ats: str, raw: str) -> str | None:
    token = raw.rstrip(".-_%")
    if ats == "ashby":
        token = unquote(token).strip()
    elif ats == "greenhouse":
        token = token.lower()
    if not token or token.casefold() in _NOT_BOARDS[ats]:
        return None
    return token


def find_board_links(text: str) -> set[tuple[str, str]]:
    """The ``(ats, token)`` pairs of the job-board links in *text* (plain text or HTML)."""
    if not text:
        return set()
    texts = [html.unescape(html.unescape(text))]  # twice: some HTML arrives escaped twice (&amp;#x2F;)
    if "%2f" in texts[0].lower():
        texts.append(unquote(texts[0]))
    found: set[tuple[str, str]] = set()
    for chunk in texts:
        for ats, pattern in _PATTERNS:
            for match in pattern.finditer(chunk):
                token = _token(ats, match.group(1))
                if token is not None:
                    found.add((ats, token))
    return found
