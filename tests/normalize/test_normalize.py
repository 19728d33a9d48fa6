from datetime import datetime

import pytest

from crawlers.parsers import parser_for
from flows.normalize import normalize_postings
from flows.normalize.dates import posted_at
from flows.normalize.html_text import html_to_text
from flows.normalize.locations import country, remote, state
from flows.normalize.salary import annual_usd
from flows.normalize.titles import role_family, seniority


@pytest.mark.parametrize("title,family", [
    ("Senior Machine Learning Engineer, Ranking", "ml_engineer"),
    ("Software Engineer, Machine Learning", "ml_engineer"),
    ("MLOps Engineer", "mlops"),
    ("Senior Software Engineer, ML Infrastructure", "mlops"),
    ("Research Engineer, LLM Inference", "research_engineer"),
    ("Research Scientist", "research"),
    ("Applied Scientist II", "applied_scientist"),
    ("Data Scientist, Growth", "data_scientist"),
    ("AI Engineer", "ai_engineer"),
    ("LLM Engineer (Agents)", "ai_engineer"),
    ("Product Manager, AI", "ai_adjacent"),
    ("Account Executive", "other"),
    ("Account Executive, AI Platform", "other"),
    ("Backend Engineer", "other"),
    ("", "other"),
])
def test_role_family(title, family):
    assert role_family(title) == family


@pytest.mark.parametrize("title,level", [
    ("Machine Learning Engineer Intern", "intern"), ("Junior Data Scientist", "junior"),
    ("Sr. ML Engineer", "senior"), ("Staff Research Engineer", "staff"), ("Principal Scientist", "principal"),
    ("ML Tech Lead", "lead"), ("Engineering Manager, ML", "manager"), ("Head of AI", "director"),
    ("Applied Scientist II", "mid"), ("Machine Learning Engineer", "unspecified"),
])
def test_seniority(title, level):
    assert seniority(title) == level


@pytest.mark.parametrize("raw,expected", [
    ("San Francisco, CA", "US"), ("Toronto, Ontario | Remote - Canada", "CA"), ("London, UK", "GB"),
    ("Berlin, Germany", "DE"), ("Remote US", "US"), ("Bengaluru", "IN"), ("New York Office", "US"),
    ("Remote", None), (None, None), ("Worldwide", None),
])
def test_country(raw, expected):
    assert country(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("San Francisco, CA", "CA"), ("New York, NY", "NY"), ("Austin, Texas", "TX"), ("Seattle, Washington", "WA"),
    ("New York", "NY"), ("New York Office", "NY"), ("Washington, DC", "DC"), ("Washington D.C.", "DC"),
    ("San Francisco, California, United States", "CA"), ("Remote (California)", "CA"),
    # The first location that names a state, when the country is the US.
    ("Remote - US | Austin, TX", "TX"), ("New York, NY | San Francisco, CA", "NY"),
    ("London, UK | New York, NY", None),                 # the country is GB
    # ... and the first place of a location that lists several.
    ("Boston, MA or Washington, D.C.", "MA"), ("Honolulu, HI; San Francisco, CA", "HI"), ("SF / NY", "NY"),
    ("Portland, OR or Boston, MA", "OR"),
    # Codes that are also words count only in the "City, ST" shape, in capitals.
    ("Indianapolis, IN", "IN"), ("Portland, OR", "OR"), ("Portland, ME", "ME"), ("Columbus, OH", "OH"),
    ("Remote - IN", None), ("Remote - OR", None), ("Remote or Hybrid", None), ("Based in US", None),
    ("Remote - ME", None), ("Berlin, DE", None), ("Bangalore, IN", None), ("NYC / LA", None),
    ("REMOTE (US only, LA or SF a plus)", None), ("Remote (US/Canada, ET/CT/MT)", None), ("Remote (US/CA)", None),
    ("Hartford, CT", "CT"), ("Weave HQ (Lehi, UT)", "UT"), ("Saint Louis, MO, USA", "MO"),
    # No state named: a country, or a city alone.
    ("Remote - US", None), ("United States", None), ("San Francisco", None), ("NYC", None),
    ("Toronto, ON", None), ("Remote", None), (None, None),
])
def test_state(raw, expected):
    assert state(raw) == expected


@pytest.mark.parametrize("workplace,location,expected", [
    ("remote", None, "remote"), ("Hybrid", None, "hybrid"), ("OnSite", None, "onsite"),
    ("isRemote=true", "Paris", "remote"), ("isRemote=false", "Paris (Hybrid)", "hybrid"),
    ("isRemote=false", "Paris", "onsite"), (None, "Remote - US", "remote"), (None, "Paris", "unknown"),
])
def test_remote(workplace, location, expected):
    assert remote(workplace, location, "Engineer") == expected


def test_salary_annualised_in_usd():
    assert annual_usd(100000, "USD", "year") == 100000
    assert annual_usd(50, "USD", "hour") == 104000
    assert annual_usd(1000, "EUR", "month") == pytest.approx(12 * 1000 * 1.16)
    assert annual_usd(1000, "XYZ", "year") is None
    assert annual_usd(None, "USD", "year") is None


def test_posted_at_reads_iso_and_epoch_ms():
    assert posted_at("2026-11-02T08:30:00-05:00") == datetime(2026, 11, 2, 13, 30)
    assert posted_at("1762300800000") == datetime(2025, 11, 5, 0, 0)
    assert posted_at("soon") is None


def test_html_to_text_keeps_blocks_and_drops_scripts():
    text = html_to_text("<h3>Requirements</h3><ul><li>Python &amp; SQL</li></ul><script>alert(1)</script><p>x&nbsp;y</p>")
    assert text == "Requirements\n- Python & SQL\nx y"


# Invented fragments that exercise each rule of the conversion: blocks, list items, skipped
# elements, comments, entities, odd whitespace, broken markup, text outside any tag.
TRICKY_HTML = [
    None, "", "   ", "plain words, no tags",
    "<p>One</p><p>Two<br>Three<br/>Four</p>",
    "lead text <b>bold</b> <i>italic</i><div>block</div> tail",
    "<ul><li>  </li><li>-</li><li>Go &amp; Rust</li><li><p>nested</p> after</li></ul>",
    "<style>p {}</style><noscript><p>hidden</p></noscript>keep<template><p>no</p></template><!-- note -->after",
    "<h2>Head</h2>\r\n<p>a\u00a0\u200b b\u2003c \u3000</p>\x1c<p>\u2028</p>",
    "<table><tr><td>cell 1</td><td>cell 2</td></tr><tr><td>row 2</td></tr></table>",
    "<p>unclosed <b>bold <p>next para</div> stray</li>",
    "&lt;not a tag&gt; &copy; 2026 &unknown; &#x2F;path&#39;s",
    "<pre>  keep\n\n  lines  </pre><?php echo 1; ?>done",
    "<div>" * 400 + "deep" + "</div>" * 400,
]


def test_html_to_texts_is_html_to_text_of_each():
    from flows.normalize.html_text import _STRIPPED, html_to_texts

    assert html_to_texts(TRICKY_HTML).to_list() == [html_to_text(h) for h in TRICKY_HTML]
    assert html_to_text(TRICKY_HTML[6]) == "- -\n- Go & Rust\nnested\nafter"
    assert html_to_text(TRICKY_HTML[7]) == "keepafter"
    # Lines are stripped as str.strip() strips them, in Polars as in Python.
    assert set(_STRIPPED) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_html_to_text_matches_a_walk_of_the_tree():
    # The XSLT conversion must give what walking the parsed tree in Python gives.
    import lxml.html

    from flows.normalize.html_text import _collapse, _walk

    for html in TRICKY_HTML[3:]:
        parts: list[str] = []
        _walk(lxml.html.fragment_fromstring(html, create_parent="div"), parts)
        assert html_to_text(html) == _collapse("".join(parts)), html[:40]


def test_normalize_frame_from_fixtures(fixture_text):
    records = parser_for("greenhouse")(fixture_text("api/greenhouse_acme.json"), "acme").records
    records += parser_for("ashby")(fixture_text("api/ashby_nimbus.json"), "nimbus").records
    frame = normalize_postings(records, {("ashby", "nimbus"): "Nimbus Labs"})
    rows = {r["posting_id"]: r for r in frame.iter_rows(named=True)}
    ml = rows["greenhouse:acme:4001"]
    assert (ml["is_ml_role"], ml["role_family"], ml["seniority"], ml["country"], ml["remote"]) == (True, "ml_engineer", "senior", "DE", "hybrid")
    assert "- 5+ years with Python and PyTorch" in ml["description_text"]
    assert rows["greenhouse:acme:4002"]["is_ml_role"] is False
    research = rows["ashby:nimbus:a1b2"]
    assert research["company"] == "Nimbus Labs" and research["salary_min_usd"] == 180000
    assert research["remote"] == "unknown"
    # state: the first location naming one ("San Francisco, CA | New York, NY"), only in the US.
    assert (research["location_raw"], research["country"], research["state"]) == ("San Francisco, CA | New York, NY", "US", "CA")
    assert (ml["country"], ml["state"]) == ("DE", None)
    assert rows["greenhouse:acme:4002"]["state"] is None  # "Remote - US"
    assert len({r["content_hash"] for r in rows.values()}) == len(rows)


def test_content_hash_ignores_fields_that_do_not_change_the_posting(fixture_text):
    body = fixture_text("api/greenhouse_acme.json")
    first = normalize_postings(parser_for("greenhouse")(body, "acme").records)
    second = normalize_postings(parser_for("greenhouse")(body.replace("2026-11-10T09:00:00", "2026-11-20T09:00:00"), "acme").records)
    assert first["content_hash"].to_list() == second["content_hash"].to_list()
    edited = normalize_postings(parser_for("greenhouse")(body.replace("Kubernetes", "Terraform"), "acme").records)
    assert edited["content_hash"][0] != first["content_hash"][0]


@pytest.mark.parametrize("title,family", [
    ("Staff Machine Learning Engineer, LLM Serving", "ml_engineer"),
    ("Vision-Language Model Engineer", "ml_engineer"),
    ("Software Engineer, GenAI", "ai_engineer"),
])
def test_role_family_prefers_the_most_specific_rule(title, family):
    assert role_family(title) == family


def test_period_month_prefers_the_stated_period():
    from datetime import date

    from flows.normalize.dates import period_month

    assert period_month("2026-05", datetime(2026, 5, 20)) == date(2026, 5, 1)
    assert period_month(None, datetime(2026, 4, 30, 23)) == date(2026, 4, 1)
    assert period_month("garbage", None) is None
