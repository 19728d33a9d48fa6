"""Parsers for the sources beyond the ATS APIs (issue #3): HN, JSON-LD pages, Remote OK, Remotive.

Fixtures and header lines here are fictional, written for these tests. The corpus test at the end
reads ../shared/corpus in place (never copied) and skips where it is absent.
"""

import glob
import json

import pytest

from crawlers.parsers import RECORD_FIELDS, ParseResult, UnparseableBody, parser_for
from crawlers.parsers.hn import parse_header, split_roles, thread_month
from crawlers.parsers.salary_text import has_money, parse_salary_text
from tests.conftest import require_corpus

THREAD = {"story_id": 9100, "story_title": "Ask HN: Who is hiring? (November 2026)", "story_time": 1793577600}
NEW_FIELDS = ("period_raw", "salary_text", "tags_raw", "roles_raw")


# ------------------------------------------------------------------------------ contract

def test_record_fields_and_signatures():
    assert all(name in RECORD_FIELDS for name in NEW_FIELDS)
    assert ParseResult().skipped == []
    for source in ("greenhouse", "lever", "ashby", "hn", "jsonld", "remoteok", "remotive"):
        parse = parser_for(source)
        assert list(parse.__code__.co_varnames[:3]) == ["body", "board", "context"]
        assert parse.__defaults__ == (None,)


@pytest.mark.parametrize("source,name", [
    ("greenhouse", "api/greenhouse_acme.json"), ("lever", "api/lever_quill.json"), ("ashby", "api/ashby_nimbus.json"),
])
def test_existing_parsers_accept_and_ignore_context(source, name, fixture_text):
    body = fixture_text(name)
    assert parser_for(source)(body, "x", {"anything": 1}).records == parser_for(source)(body, "x").records


# ------------------------------------------------------------------------------------ hn

def _hn(fixture_text, name, context=THREAD):
    return parser_for("hn")(fixture_text(f"api/{name}"), "whoishiring", context)


def test_hn_user_and_story_are_context_not_postings(fixture_text):
    for name in ("hn_user_whoishiring.json", "hn_story.json"):
        result = _hn(fixture_text, name)
        assert (result.records, result.rejects, result.skipped) == ([], [], [])


def test_hn_comment_record(fixture_text):
    result = _hn(fixture_text, "hn_comment_multi.json")
    assert result.rejects == [] and result.skipped == []
    (record,) = result.records
    assert set(record) == set(RECORD_FIELDS)
    assert record["source"] == "hn" and record["board"] == "whoishiring"
    assert record["source_id"] == "9101"
    assert record["url"] == "https://news.ycombinator.com/item?id=9101"
    assert record["posted_at_raw"] == "1793581200"
    assert record["period_raw"] == "2026-11"
    assert record["company"] == "Otterly Maps"
    assert record["title"] == "Senior Backend Engineer"
    # the body bullets repeat two header roles and a duty line: still three roles
    assert json.loads(record["roles_raw"]) == ["Senior Backend Engineer", "Data Engineer", "Product Designer"]
    assert record["location_raw"] == "Lisbon, Portugal | REMOTE (EU)"
    assert record["workplace_raw"] == "remote"
    assert record["employment_type_raw"] == "Full-time"
    assert record["salary_text"] == "€80-100k"
    assert (record["salary_min"], record["salary_max"], record["salary_currency"], record["salary_period"]) == (80000, 100000, "EUR", "year")
    assert record["description_html"].startswith("Otterly Maps (<a href=\"https:&#x2F;&#x2F;")  # kept as served
    assert json.loads(record["raw_json"])["by"] == "otterly_cto"


def test_hn_single_role_salary_and_workplace(fixture_text):
    (record,) = _hn(fixture_text, "hn_comment_single.json").records
    assert (record["company"], record["title"], record["location_raw"], record["workplace_raw"]) == (
        "Kestrel Analytics", "Staff ML Engineer", "San Francisco, CA", "hybrid")
    assert json.loads(record["roles_raw"]) == ["Staff ML Engineer"]
    assert (record["salary_min"], record["salary_max"], record["salary_currency"]) == (180000, 220000, "USD")


def test_hn_deleted_and_dead_are_skipped_not_rejected(fixture_text):
    deleted = _hn(fixture_text, "hn_comment_deleted.json")
    dead = _hn(fixture_text, "hn_comment_dead.json")
    assert [r for r, _ in deleted.skipped] == ["deleted comment"] and deleted.rejects == [] and deleted.records == []
    assert [r for r, _ in dead.skipped] == ["dead comment"] and dead.rejects == []
    empty = parser_for("hn")('{"id": 1, "type": "comment", "text": ""}', "whoishiring")
    assert [r for r, _ in empty.skipped] == ["empty comment"]
    assert [r for r, _ in parser_for("hn")("null", "whoishiring").skipped] == ["missing item"]


def test_hn_comment_without_a_role_is_kept_with_its_first_line(fixture_text):
    result = _hn(fixture_text, "hn_comment_meta.json")
    [record] = result.records
    assert record["title"] == "Thanks for running these threads every month, they are great."
    assert record["roles_raw"] == "[]" and result.rejects == []


def test_hn_job_seeker_is_kept_and_marked():
    body = json.dumps({"id": 5, "type": "comment", "time": 1, "text": "Location: Oslo<p>Remote: Yes<p>Willing to relocate: No<p>Technologies: Go"})
    [record] = parser_for("hn")(body, "whoishiring").records
    assert record["employment_type_raw"] == "job seeker" and record["roles_raw"] == "[]"
    assert record["title"] == "Location: Oslo"


def test_hn_algolia_thread_yields_its_top_level_comments():
    thread = {
        "id": 77, "type": "story", "title": "Ask HN: Who is hiring? (March 2019)", "created_at_i": 1551456000,
        "children": [
            {"id": 78, "type": "comment", "created_at_i": 1551457000, "text": "Acme | ML Engineer | Berlin | ONSITE", "children": []},
            {"id": 79, "type": "comment", "created_at_i": 1551458000, "text": None, "children": []},
        ],
    }
    result = parser_for("hn")(json.dumps(thread), "whoishiring")
    [record] = result.records
    assert (record["source_id"], record["company"], record["title"], record["period_raw"]) == ("78", "Acme", "ML Engineer", "2019-03")
    assert [reason for reason, _ in result.skipped] == ["empty comment"]
    assert parser_for("hn")(json.dumps({"hits": [], "nbPages": 1}), "whoishiring").records == []


def test_hn_wrong_body_raises():
    with pytest.raises(UnparseableBody):
        parser_for("hn")("<html>rate limited</html>", "whoishiring")
    with pytest.raises(UnparseableBody):
        parser_for("hn")("[1, 2]", "whoishiring")


def test_hn_thread_month_fallbacks():
    assert thread_month(THREAD) == "2026-11"
    assert thread_month({"story_title": "Ask HN: Who is hiring? (Sept 2026)"}) == "2026-09"
    assert thread_month({"story_title": "Ask HN: Who is hiring?", "story_time": 1793577600}) == "2026-11"
    assert thread_month(None, 1767225600) == "2026-01"  # no context: the comment's own time
    assert thread_month(None, None) is None


# The header parser, on fictional header lines: (comment HTML, company, roles, location, workplace, salary_text)
HEADERS = [
    # 1 the canonical order, with a Visa field and an escaped URL
    ("Quillfeather | Senior Backend Engineer | Lisbon, Portugal | REMOTE | $150k-$200k | Visa | https:&#x2F;&#x2F;quillfeather.example",
     "Quillfeather", ["Senior Backend Engineer"], "Lisbon, Portugal", "remote", "$150k-$200k"),
    # 2 order varies; entity in the company name
    ("Moss &amp; Pebble | Berlin, Germany | ONSITE | Staff ML Engineer | €80-100k",
     "Moss & Pebble", ["Staff ML Engineer"], "Berlin, Germany", "onsite", "€80-100k"),
    # 3 role last; REMOTE with a region is the location too
    ("Tidewater Labs | REMOTE (US) | Full-time | Data Scientist", "Tidewater Labs", ["Data Scientist"], "REMOTE (US)", "remote", None),
    # 4 hybrid with detail, province code
    ("Brambleworks | Product Designer | Hybrid (2 days in office) | Toronto, ON",
     "Brambleworks", ["Product Designer"], "Toronto, ON", "hybrid", None),
    # 5 several roles in one field
    ("Glowfin | Platform Engineer, Data Engineer &amp; Product Manager | Remote (EU)",
     "Glowfin", ["Platform Engineer", "Data Engineer", "Product Manager"], "Remote (EU)", "remote", None),
    # 6 a "Roles:" field: every piece is a title
    ("Glowfin | Roles: Platform Engineer, Data Engineer and Product Manager | Remote",
     "Glowfin", ["Platform Engineer", "Data Engineer", "Product Manager"], None, "remote", None),
    # 7 qualifiers before one title stay one title
    ("Lanternfish | Staff, Backend &amp; Frontend Software Engineers | NYC | ONSITE",
     "Lanternfish", ["Staff, Backend & Frontend Software Engineers"], "NYC", "onsite", None),
    # 8 a plural umbrella in the header, specific roles as bullets in the body; duty bullets ignored
    ("Orchard Nine | Engineers | Remote<p>Open roles:<p>- Senior ML Engineer<p>- Founding Designer: https://x.example<p>- Build our data platform from scratch",
     "Orchard Nine", ["Senior ML Engineer", "Founding Designer"], None, "remote", None),
    # 9 " - " separators, "City, ST", a lone amount
    ("Pinecrest Robotics - Robotics Software Engineer - Austin, TX - Onsite - $140k",
     "Pinecrest Robotics", ["Robotics Software Engineer"], "Austin, TX", "onsite", "$140k"),
    # 10 an <a> link inside the company field
    ('Heronry (<a href="https:&#x2F;&#x2F;heronry.example" rel="nofollow">https:&#x2F;&#x2F;heronry.example</a>) | Firmware Developer | Remote (Worldwide) | Contract',
     "Heronry", ["Firmware Developer"], "Remote (Worldwide)", "remote", None),
    # 11 hourly rate behind an escaped slash
    ("Vellum Bay | Senior SRE | Remote | $90&#x2F;hr", "Vellum Bay", ["Senior SRE"], None, "remote", "$90/hr"),
    # 12 "Head of …" is a title
    ("Kestrel Analytics | Head of Data | San Francisco, CA | Hybrid | $180k",
     "Kestrel Analytics", ["Head of Data"], "San Francisco, CA", "hybrid", "$180k"),
    # 13 pounds with an en dash
    ("Saltmarsh | Analyst | London, UK | ONSITE | £55k–£70k", "Saltmarsh", ["Analyst"], "London, UK", "onsite", "£55k–£70k"),
    # 14 no currency sign, a k amount
    ("Cobalt Finch | Research Scientist | Remote | 120k+ equity", "Cobalt Finch", ["Research Scientist"], None, "remote", "120k+ equity"),
    # 15 "competitive" is not an amount
    ("Ashgrove | Applied AI Engineer | Remote | Competitive salary + equity", "Ashgrove", ["Applied AI Engineer"], None, "remote", None),
    # 16 "X is hiring …" sentence as the header
    ("Foxglade is hiring Senior Frontend Engineers - REMOTE (US). We make maps.",
     "Foxglade", ["Senior Frontend Engineers"], "REMOTE (US)", "remote", None),
    # 17 "Role @ Company (place)"
    ("Founding Engineer @ Otterly (Denver, ONSITE)", "Otterly", ["Founding Engineer"], "Denver, ONSITE", "onsite", None),
    # 18 no company: the header opens with the role
    ("Staff Data Engineer | REMOTE (EMEA)", None, ["Staff Data Engineer"], "REMOTE (EMEA)", "remote", None),
    # 19 labelled lines instead of a header
    ("COMPANY: Larkspur\nROLE: Founding Full Stack Engineer\nLOCATION: Remote (Canada)\nCOMPENSATION: CA$120k - CA$150k",
     "Larkspur", ["Founding Full Stack Engineer"], "Remote (Canada)", "remote", "CA$120k - CA$150k"),
    # 20 no role in the header: the body's prose names it
    ("Mistral Grove | Remote | Full-time<p>We are looking for a Senior Rust Developer to join our storage team.",
     "Mistral Grove", ["Senior Rust Developer"], None, "remote", None),
    # 21 two titles split by a spaced slash (here an entity)
    ("Copperleaf | Tech Lead &#x2F; Staff Engineer | Munich, DE | HYBRID",
     "Copperleaf", ["Tech Lead", "Staff Engineer"], "Munich, DE", "hybrid", None),
    # 22 abbreviations, "and more" dropped
    ("Tern Systems | SWE, SRE, and more | SF or Remote (US) | $170-220k",
     "Tern Systems", ["SWE", "SRE"], "SF or Remote (US)", "remote", "$170-220k"),
    # 23 two workplace words: the first one wins
    ("Birchline | ONSITE, HYBRID | Zurich, Switzerland | Backend Engineer (Go)",
     "Birchline", ["Backend Engineer (Go)"], "Zurich, Switzerland", "onsite", None),
    # 24 markup around fields
    ("<i>Wildroot</i> | <b>Machine Learning Engineer</b> | Amsterdam | onsite",
     "Wildroot", ["Machine Learning Engineer"], "Amsterdam", "onsite", None),
    # 25 a YC batch is not part of the name; "In-person" is on-site
    ("Marigold Health (YC W25) | Senior Product Engineer | New York, NY | In-person | $160k – $210k",
     "Marigold Health", ["Senior Product Engineer"], "New York, NY", "onsite", "$160k – $210k"),
    # 26 nothing but "Multiple roles": that field is the title
    ("Quarry | Multiple roles | Remote (US)", "Quarry", ["Multiple roles"], "Remote (US)", "remote", None),
    # 27 a header role refined by the body's list
    ("Silverbirch | Senior Engineer | Remote<p>Roles:<p>* Senior Engineer (Backend)<p>* Senior Engineer (Frontend)<p>* Product Designer",
     "Silverbirch", ["Senior Engineer (Backend)", "Senior Engineer (Frontend)", "Product Designer"], None, "remote", None),
    # 28 "Remote-first" is remote; two comma-separated titles
    ("Dunlin | Remote-first | Customer Success Manager, Account Executive | $60k - $80k + OTE",
     "Dunlin", ["Customer Success Manager", "Account Executive"], None, "remote", "$60k - $80k + OTE"),
    # 29 a signature line ("Name, CTO and Cofounder") is not a role
    ("Peregrine Row | Remote | Backend Engineer<p>Jane Roe, CTO and Cofounder: https://example.org",
     "Peregrine Row", ["Backend Engineer"], None, "remote", None),
    # 30 roles listed one per line in the first paragraph, with " - place" after each
    ("Trellis | https://trellis.example\nTech Lead (Data Platform) - SF\nDeveloper Advocate - Remote friendly\nSr Platform Engineer - SF",
     "Trellis", ["Tech Lead (Data Platform)", "Developer Advocate", "Sr Platform Engineer"], None, None, None),
    # 31 a title line without separators, then the "|" line
    ("Senior Machine Learning Engineer – Ranking (m/f/d)\n€95.000+ | Full-Time | ONSITE",
     None, ["Senior Machine Learning Engineer"], None, "onsite", "€95.000+"),
    # 32 numbered roles in the body, each with a description
    ("Fernhill Bio | Boston, MA | ONSITE<p>1. Senior Go Engineer: You will build the sequencing pipeline.<p>2. Bioinformatics Developer (Antibodies): You will own the models.",
     "Fernhill Bio", ["Senior Go Engineer", "Bioinformatics Developer (Antibodies)"], "Boston, MA", "onsite", None),
]


@pytest.mark.parametrize("text,company,roles,location,workplace,salary", HEADERS, ids=[str(i) for i in range(1, len(HEADERS) + 1)])
def test_hn_header(text, company, roles, location, workplace, salary):
    header = parse_header(text)
    assert header.company == company
    assert header.roles == roles
    assert header.title == roles[0]
    assert header.location == location
    assert header.workplace == workplace
    assert header.salary_text == salary


def test_hn_header_nothing_usable():
    assert parse_header("Thanks for the thread, see you next month!").title is None
    assert parse_header("").title is None


@pytest.mark.parametrize("text,roles", [
    ("Full-Stack Engineer & ML Engineer", ["Full-Stack Engineer", "ML Engineer"]),
    ("Senior + Staff Engineers (Go, Rust, ML/AI)", ["Senior + Staff Engineers (Go, Rust, ML/AI)"]),
    ("Staff SWE, AI", ["Staff SWE, AI"]),
    ("Mid-Level & Senior Software Engineers", ["Mid-Level & Senior Software Engineers"]),
    ("Software Engineers, Forward-deployed PMs, and more", ["Software Engineers", "Forward-deployed PMs"]),
    ("Senior / Principal Engineers", ["Senior / Principal Engineers"]),
    ("Staff Fullstack Engineer/Senior Software Engineer", ["Staff Fullstack Engineer", "Senior Software Engineer"]),
    ("Tech Lead and SRE", ["Tech Lead", "SRE"]),
])
def test_split_roles(text, roles):
    assert split_roles(text) == roles


def test_split_roles_labelled_list():
    assert split_roles("[Engineering Manager (Rails), Lead Product Engineer (Rails)]", labelled_list=True) == [
        "Engineering Manager (Rails)", "Lead Product Engineer (Rails)"]
    assert split_roles("Designer, Analyst or Writer", labelled_list=True) == ["Designer", "Analyst", "Writer"]


# --------------------------------------------------------------------------- salary text

@pytest.mark.parametrize("text,expected", [
    ("$150k-$200k", (150000, 200000, "USD", "year")),
    ("€80-100k", (80000, 100000, "EUR", "year")),
    ("$90/hr", (90, 90, "USD", "hour")),
    ("$180k", (180000, 180000, "USD", "year")),
    ("120k+ equity", (120000, 120000, None, "year")),
    ("£85–120k + equity", (85000, 120000, "GBP", "year")),
    ("$45,000 - $50,000", (45000, 50000, "USD", "year")),
    ("€160.000+", (160000, 160000, "EUR", "year")),
    ("$31,2k- $52k", (31200, 52000, "USD", "year")),
    ("115k - 180k USD", (115000, 180000, "USD", "year")),
    ("up to $220K USD", (None, 220000, "USD", "year")),
    ("$100k to $150k", (100000, 150000, "USD", "year")),
    ("$55K-$70K + OTE $85K-$100K + Equity", (55000, 70000, "USD", "year")),
    ("$182,300.00 - $291,500.00", (182300, 291500, "USD", "year")),
    ("from $2500/month", (2500, 2500, "USD", "month")),
    ("€3858–€4244/month + 8% holiday pay", (3858, 4244, "EUR", "month")),
    ("$120k CAD", (120000, 120000, "CAD", "year")),
    ("CA$120k - CA$150k", (120000, 150000, "CAD", "year")),
    ("$50-$75 /hour", (50, 75, "USD", "hour")),
    ("CHF 120'000", (120000, 120000, "CHF", "year")),
    ("₹40L–₹70L base", (4000000, 7000000, "INR", "year")),
    ("$400+k total", (400000, 400000, "USD", "year")),
    ("$600/day", (600, 600, "USD", "day")),
])
def test_salary_text(text, expected):
    salary = parse_salary_text(text)
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


@pytest.mark.parametrize("text", [
    "", None, "Competitive", "Equity only", "5-20% equity", "$1.6 trillion market", "16M Funding", "Series B, $30M raised",
    "5% bonus, 401k match", "Remote (UTC-1 to UTC+5)", "Inside IR35", "3 days/week in office",
])
def test_salary_text_not_pay(text):
    assert not parse_salary_text(text).found
    assert not has_money(text)


# -------------------------------------------------------------------------------- jsonld

def test_jsonld_graph_in_comment_with_escaped_description(fixture_text):
    result = parser_for("jsonld")(fixture_text("api/jsonld_finch.html"), "cobaltfinch")
    assert result.rejects == []
    (record,) = result.records
    assert set(record) == set(RECORD_FIELDS)
    assert (record["source"], record["board"], record["source_id"]) == ("jsonld", "cobaltfinch", "cf-2291")
    assert record["title"] == "Senior Data Engineer" and record["company"] == "Cobalt Finch"
    assert record["url"] == "https://careers.cobaltfinch.example/jobs/cf-2291"  # the page's og:url
    assert record["location_raw"] == "Porto, Portugal"  # the empty second address is dropped
    assert record["employment_type_raw"] == "FULL_TIME, CONTRACTOR"
    assert record["posted_at_raw"] == "2026-10-02"
    assert record["description_html"] == "<p>Build our <b>Spark &amp; dbt</b> pipelines.</p>"  # unescaped once
    assert (record["salary_min"], record["salary_max"], record["salary_currency"], record["salary_period"]) == (70000, 95000, "EUR", "year")
    assert json.loads(record["raw_json"])["validThrough"] == "2026-12-31T23:59:59Z"


def test_jsonld_list_telecommute_hourly_and_rejects(fixture_text):
    result = parser_for("jsonld")(fixture_text("api/jsonld_finch_remote.html"), "cobaltfinch")
    (record,) = result.records
    assert record["source_id"] == "cf-3310"  # from the posting's url: no identifier
    assert record["url"] == "https://careers.cobaltfinch.example/jobs/cf-3310"
    assert record["workplace_raw"] == "TELECOMMUTE"
    assert record["location_raw"] == "Canada | United States"  # applicantLocationRequirements
    assert record["company"] == "Cobalt Finch"  # hiringOrganization given as a plain string
    assert (record["salary_min"], record["salary_max"], record["salary_period"]) == (31.5, 31.5, "hour")
    assert record["description_html"] == "<p>Answer questions from\nfarmers.</p>"
    reasons = sorted(reason for reason, _ in result.rejects)
    assert reasons[0].startswith("malformed JSON-LD: ") and reasons[1] == "no id"


def test_jsonld_page_without_posting_is_one_reject(fixture_text):
    result = parser_for("jsonld")(fixture_text("api/jsonld_listing.html"), "cobaltfinch")
    assert result.records == [] and [r for r, _ in result.rejects] == ["no JobPosting JSON-LD on page"]
    assert [r for r, _ in parser_for("jsonld")("", "x").rejects] == ["no JobPosting JSON-LD on page"]


def test_jsonld_context_url_gives_the_id():
    page = '<script type="application/ld+json">{"@type": "JobPosting", "title": "Welder"}</script>'
    (record,) = parser_for("jsonld")(page, "site", {"url": "https://site.example/jobs/w-7/"}).records
    assert record["source_id"] == "w-7" and record["url"] == "https://site.example/jobs/w-7/"


def test_jsonld_cdata_wrapper():
    page = '<script type="application/ld+json">//<![CDATA[\n{"@type": "JobPosting", "title": "Baker", "identifier": "b-1"}\n//]]></script>'
    (record,) = parser_for("jsonld")(page, "site").records
    assert (record["source_id"], record["title"]) == ("b-1", "Baker")


# ------------------------------------------------------------------------------ remoteok

def test_remoteok_skips_the_legal_notice_and_reads_salary(fixture_text):
    result = parser_for("remoteok")(fixture_text("api/remoteok_api.json"), "remoteok")
    rust, support, blank = result.records
    assert set(rust) == set(RECORD_FIELDS)
    assert (rust["source"], rust["source_id"], rust["title"], rust["company"]) == ("remoteok", "5001", "Senior Rust Developer", "Otterly Maps")
    assert rust["workplace_raw"] == "remote" and rust["location_raw"] == "Europe"
    assert json.loads(rust["tags_raw"]) == ["rust", "backend", "maps"]
    assert rust["posted_at_raw"] == "2026-11-02T10:33:20+00:00"
    assert "CafÃ©" in rust["description_html"]  # mojibake kept exactly as served
    assert (rust["salary_min"], rust["salary_max"], rust["salary_currency"], rust["salary_period"]) == (90000, 130000, "USD", "year")
    assert support["salary_min"] is None and support["salary_currency"] is None  # 0 = not stated
    assert support["location_raw"] is None
    assert blank["title"] == "(no title served)" and result.rejects == []  # served blank: kept, titled so


def test_remoteok_wrong_body_raises():
    with pytest.raises(UnparseableBody):
        parser_for("remoteok")('{"error": "rate limited"}', "remoteok")


# ------------------------------------------------------------------------------ remotive

def test_remotive_bom_free_text_salary_and_fields(fixture_text):
    body = fixture_text("api/remotive_jobs.json")
    assert body.startswith("\ufeff")
    result = parser_for("remotive")(body, "remotive")
    assert result.rejects == []
    ml, annotator, sales = result.records
    assert set(ml) == set(RECORD_FIELDS)
    assert (ml["source"], ml["source_id"], ml["title"], ml["company"]) == ("remotive", "7001", "ML Engineer", "Tidewater Labs")
    assert (ml["location_raw"], ml["workplace_raw"], ml["employment_type_raw"], ml["department_raw"]) == (
        "USA, Canada", "remote", "full_time", "Software Development")
    assert ml["posted_at_raw"] == "2026-11-01T09:15:00"
    assert json.loads(ml["tags_raw"]) == ["python", "pytorch"]
    assert ml["salary_text"] == "$120k - $150k"
    assert (ml["salary_min"], ml["salary_max"], ml["salary_currency"], ml["salary_period"]) == (120000, 150000, "USD", "year")
    assert (annotator["salary_min"], annotator["salary_max"], annotator["salary_period"]) == (18, 22, "hour")
    assert sales["salary_text"] is None and sales["salary_min"] is None and sales["employment_type_raw"] is None


def test_remotive_wrong_body_raises():
    with pytest.raises(UnparseableBody):
        parser_for("remotive")("[]", "remotive")


# -------------------------------------------------------------------- the real corpus (in place)

def test_corpus_counts():
    corpus = require_corpus()
    hn = parser_for("hn")
    items = {}
    for path in glob.glob(str(corpus / "hn" / "item" / "*.json")):
        with open(path, encoding="utf-8") as handle:
            items[path] = handle.read()
    stories = {d["id"]: d for d in map(json.loads, items.values()) if d.get("type") == "story"}
    records = rejects = skipped = 0
    for body in items.values():
        item = json.loads(body)
        story = stories.get(item.get("parent"))
        context = {"story_id": story["id"], "story_title": story["title"], "story_time": story["time"]} if story else None
        result = hn(body, "whoishiring", context)
        records, rejects, skipped = records + len(result.records), rejects + len(result.rejects), skipped + len(result.skipped)
    assert records == 1660 and rejects == 0 and skipped == 0

    pages = glob.glob(str(corpus / "jsonld" / "openai" / "*.html"))
    results = [parser_for("jsonld")(open(p, encoding="utf-8").read(), "openai") for p in pages]
    assert sum(len(r.records) for r in results) == 100 and not any(r.rejects for r in results)

    remoteok = parser_for("remoteok")((corpus / "remoteok" / "api.json").read_text(encoding="utf-8"), "remoteok")
    assert len(remoteok.records) == 97 and remoteok.rejects == []
    assert sum(r["title"] == "(no title served)" for r in remoteok.records) == 1  # one job is served blank

    remotive = parser_for("remotive")((corpus / "remotive" / "remote-jobs.json").read_text(encoding="utf-8"), "remotive")
    assert len(remotive.records) == 35 and remotive.rejects == []
