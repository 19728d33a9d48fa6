"""Text facets: degree, "or equivalent", minimum years, salary. Every snippet here is made up for these tests."""

from pathlib import Path

import polars as pl
import pytest

from flows.skills import SkillExtractor, load_taxonomy
from flows.skills.facets import DEGREE_FIELDS, DEGREES, FACET_SCHEMA, facets_of_text, skill_years, text_facets

SMALL_TAXONOMY = Path(__file__).resolve().parents[1] / "fixtures" / "skills_small.toml"


def degree(text):
    return facets_of_text(text)["degree_min"]


def fields(text):
    return facets_of_text(text)["degree_fields"]


def years(text):
    return facets_of_text(text)["years_min"]


def salary(text):
    found = facets_of_text(text)
    return found["salary_min"], found["salary_max"], found["salary_currency"], found["salary_period"]


# ------------------------------------------------------------------------------------------ degree

@pytest.mark.parametrize("text,expected", [
    ("Bachelor's degree in Physics", "bachelor"),
    ("Bachelors in Economics or similar", "bachelor"),
    ("BS in Computer Science", "bachelor"),
    ("B.S. in Applied Math", "bachelor"),
    ("BSc in Statistics", "bachelor"),
    ("BA or BS in a quantitative field", "bachelor"),
    ("BSEE or equivalent", "bachelor"),
    ("An undergraduate degree in any field", "bachelor"),
    ("A 4-year degree from an accredited school", "bachelor"),
    ("Degree in Computer Science or a related field", "bachelor"),
    ("Master's degree in Robotics", "master"),
    ("Master’s in Data Science", "master"),
    ("MS in Electrical Engineering", "master"),
    ("M.S. in Operations Research", "master"),
    ("MSc in Machine Learning", "master"),
    ("MEng in Software Systems", "master"),
    ("MBA preferred", "master"),
    ("An advanced degree in statistics", "master"),
    ("PhD in Computer Vision", "phd"),
    ("Ph.D. in Chemistry or Biology", "phd"),
    ("A doctorate in a relevant discipline", "phd"),
    ("Doctoral degree in Economics", "phd"),
    ("No degree required: show us what you built", "none"),
    ("A college degree is not required for this role", "none"),
    ("You don't need a degree to apply", "none"),
    ("High school diploma or GED", "none"),
])
def test_degree_forms(text, expected):
    assert degree(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("BS/MS in Computer Science", "bachelor"),             # the lowest one named
    ("MS/PhD in Physics", "master"),
    ("Master's (or PhD) degree in Mathematics", "master"),  # the bare "degree" belongs to the levels before it
    ("Master's degree in CS; PhD preferred", "master"),       # preferred lines count too
    ("PhD preferred", "phd"),
    ("Bachelor's degree required; advanced degrees preferred but not required", "bachelor"),
    ("Bachelor's degree is a plus but not required", "none"),
    ("BS/MS/PhD in Computer Science", "bachelor"),
    ("Ph.D./M.S. in Machine Learning", "master"),
    ("Ph.D. degree in Robotics", "phd"),                      # the dots of "Ph.D." do not end its phrase
    ("M.S. degree in Statistics", "master"),
    ("Bachelor's degree required, Master's preferred", "bachelor"),
    ("MS or PhD preferred", "master"),
    ("Graduated in 2020. Degree in CS required", "bachelor"),  # a year in the sentence before
    ("Hold a Ph.D. or other degree in a related field", "bachelor"),
])
def test_degree_lowest_named(text, expected):
    assert degree(text) == expected


@pytest.mark.parametrize("text", [
    "Proficient in MS Office, MS Excel and MS SQL Server",
    "Partner with the BA team and QA on requirements",
    "Work with our Scrum Master on sprint planning",
    "Own master data management for the product catalogue",
    "Mastery of Python and a will to master new tools",
    "You are a master of your craft",
    "Operate with a high degree of autonomy",
    "Give 360-degree feedback and build 2nd-degree connections",
    "An associate's degree in design",
    "Knowledge of GLBA, BSA and AML rules",
    "No BS attitude",
    "Open roles: ML Engineer, Research Scientist (PhD's)",   # people, not a degree asked for
])
def test_degree_false_friends(text):
    assert degree(text) == "unspecified"


def test_degree_only_from_candidate_lines():
    lines = _lines([
        ("Our founders are PhD-level researchers from top labs.", False, False),
        ("Requirements", True, False),
        ("BS in Computer Science", True, False),
    ])
    assert text_facets(lines)["degree_min"].to_list() == ["bachelor"]


@pytest.mark.parametrize("text,expected", [
    ("Bachelor's degree in CS or equivalent practical experience", True),
    ("BS in Physics or equivalent experience", True),
    ("Bachelor's degree in Design, or related experience", True),
    ("Degree in Engineering (or equivalent)", True),
    ("BA in Economics or comparable experience", True),
    ("Bachelor's degree\nor equivalent work experience", True),
    ("Bachelor's degree in Math or an equivalent field", False),  # equivalent field, not experience
    ("Bachelor's degree in Statistics", False),
    ("Python, Go or equivalent", False),                          # no degree named
    ("Bachelor's degree in Computer Science or related field", False),  # a related field is still a degree
    ("Bachelor's degree or equivalent combination of education and experience", True),
    ("Degree in CS, or equivalent work experience", True),
    ("Bachelors/Masters in CS or related discipline, or equivalent experience", True),
    ("Bachelor's degree in a related field or 4 years of equivalent experience", True),
    ("Ph.D. in Robotics or equivalent research experience", True),
    ("A degree in CS or equivalent field", False),
])
def test_degree_or_equivalent(text, expected):
    assert facets_of_text(text)["degree_or_equivalent"] is expected


# ---------------------------------------------------------------------------------- degree fields

@pytest.mark.parametrize("text,expected", [
    ("BS/MS in Computer Science, Statistics, Mathematics, Physics or a related quantitative field",
     ["cs", "math", "statistics", "physics", "quantitative"]),
    ("Bachelor's degree in Computer Science or a related field", ["cs", "quantitative"]),
    ("BS in CS", ["cs", "quantitative"]),
    ("Master's degree in Computer Engineering, Software Engineering or Informatics", ["cs", "quantitative"]),
    ("B.S. in Applied Math", ["math", "quantitative"]),
    ("M.Sc. in Physics or Astrophysics", ["physics", "quantitative"]),
    ("MS in Electrical Engineering", ["engineering", "quantitative"]),
    ("Degree in Mechanical or Electrical Engineering", ["engineering", "quantitative"]),
    ("BSEE or equivalent", ["engineering", "quantitative"]),
    ("PhD in EECS", ["cs", "engineering", "quantitative"]),
    ("PhD in Machine Learning, AI, or a related area", ["data-science", "quantitative"]),
    ("Masters in Data Science", ["data-science", "quantitative"]),
    ("Master of Applied Statistics", ["statistics", "quantitative"]),
    ("A Statistics or Math degree", ["math", "statistics", "quantitative"]),     # the field before the degree
    ("Rigorous 4 year CS degree or equivalent", ["cs", "quantitative"]),
    ("Master's degree in a quantitative discipline", ["quantitative"]),          # "quantitative" alone
    ("BA or BS in a quantitative field", ["quantitative"]),
    ("Bachelor's degree (PhD preferred) in a quantitative field (Statistics, Physics, etc.)",
     ["statistics", "physics", "quantitative"]),
    ("PhD or equivalent research experience in Machine Learning, Statistics, or a related field",
     ["statistics", "data-science", "quantitative"]),
    ("BS in CS required; MS in Statistics preferred", ["cs", "statistics", "quantitative"]),
])
def test_degree_fields_named(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text,expected", [
    # The degree's own phrase ends where the line moves on to experience, skills or another sentence.
    ("BS in Computer Science and 3+ years of machine learning experience", ["cs", "quantitative"]),
    ("MS in CS with 5+ years of experience in machine learning", ["cs", "quantitative"]),
    ("Bachelor's degree in Computer Science or equivalent practical experience in engineering", ["cs", "quantitative"]),
    ("Degree in Computer Science. Statistics is a plus.", ["cs", "quantitative"]),
    ("Master's degree in Physics and strong ML skills", ["physics", "quantitative"]),
    ("5+ years of experience in machine learning, PhD a plus", []),   # the field is the experience's
    ("Experience in ML research (PhD preferred)", []),
    ("You have a PhD and publications in machine learning", []),
    ("MS in Statistics from a top university for our AI team", ["statistics", "quantitative"]),
])
def test_degree_fields_only_inside_the_degree_phrase(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text", [
    # Fields named without a degree.
    "Strong background in statistics and mathematics",
    "Experience with computer science fundamentals",
    "Hands-on machine learning and data science work",
    "Quantitative mindset and physics intuition",
    # A degree without a field, or in a related or other field.
    "Degree in a related field",
    "Bachelor's degree or equivalent experience",
    "An undergraduate degree in any field",
    "Bachelor's degree in Finance, Accounting, or a related field",
    "PhD in Computer Vision",                        # not one of the fields
    "A STEM degree",
    "MBA preferred",
    # No degree asked for, and false friends of degree words.
    "No CS degree required",
    "You don't need a Computer Science degree to apply",
    "Operate with a high degree of autonomy in data science",
    "Proficient in MS Office and statistics",
])
def test_degree_fields_none(text):
    assert fields(text) == []


def test_degree_fields_only_from_candidate_lines_and_in_order():
    lines = _lines([
        ("Our founders hold PhDs in Physics.", False, False),       # company blurb
        ("Requirements", True, False),
        ("MS in Statistics or Computer Science", True, False),
        ("Nice to have", True, True),
        ("PhD in Machine Learning", True, True),                   # preferred lines count, as for degree_min
    ])
    assert text_facets(lines)["degree_fields"].to_list() == [["cs", "statistics", "data-science", "quantitative"]]
    assert DEGREE_FIELDS[-1] == "quantitative"


# ------------------------------------------------------------------------------------------- years

@pytest.mark.parametrize("text,expected", [
    ("3+ years of experience with Python", 3),
    ("3-5 years of backend experience", 3),
    ("3–5 years building data pipelines", 3),
    ("At least 5 years in a product role", 5),
    ("Minimum of 2 years of professional experience", 2),
    ("5 or more years of industry experience", 5),
    ("Two years of experience with SQL", 2),
    ("five+ years shipping mobile apps", 5),
    ("3 yrs in sales", 3),
    ("Years of experience: 4", 4),
    ("1.5+ years of professional experience", 1),
    ("0-2 years of experience; new grads welcome", 0),
    ("five years of experience in data engineering", 5),
    ("5+ yrs of Python", 5),
    ("at least two years of experience with dashboards", 2),
    ("a minimum of 4 years designing APIs", 4),
    ("3 to 5 years of experience in analytics", 3),
    ("between 3 and 5 years of experience in analytics", 3),
    ("5 years or equivalent experience in security", 5),
    ("two (2) years of experience with payroll systems", 2),
    ("five (5)+ years of experience with payroll systems", 5),
    ("5-plus years of experience in retail", 5),
    ("6 plus years of experience in retail", 6),
    ("3 years minimum in data engineering", 3),
    ("4 years or more in a customer-facing role", 4),
    ("at least a year of experience with SQL", 1),
    ("- 10\u00e2\u0080\u009312 years in program delivery.", 10),  # an en dash read as Latin-1
    ("8\u201312 years building compilers", 8),
    ("7+ YOE in backend", 7),
    ("3yrs+ experience with React", 3),
    ("A decade of experience building compilers", 10),
    ("Over a decade of experience in search", 10),
    ("5+ years\u2019 experience in data engineering", 5),
    ("5+ years of combined software and security engineering experience", 5),
    ("4+ years in business operations or consulting", 4),
    ("7+ years of growth marketing at technology companies", 7),
])
def test_years_forms(text, expected):
    assert years(text) == expected


def test_years_largest_required_minimum():
    assert years("5+ years of software engineering\n2+ years of ML experience") == 5
    assert years("10+ years in engineering, including 4+ years leading teams") == 10
    assert years("6+ years in sales, marketing, or operations, with at least 2 years managing people") == 6


def test_years_alternatives_take_the_smallest():
    assert years("PhD, or MS with 3+ years, or BS with 5+ years of experience") == 3
    assert years("Master's degree and 4+ years of experience\nOR a Bachelor's degree and 7+ years of experience") == 4
    # "or" opening the next mention: levels of one role, the lower one is the minimum.
    assert years("At least 1 year of experience (junior) or at least 2 years of experience (senior)") == 1
    assert years("3+ years of Python or 5+ years of Java") == 3
    # A plain "or" inside a list is no alternative: both are asked for.
    assert years("8+ years in sales, or marketing, with 2+ years leading teams") == 8


def test_years_in_preferred_lines_are_ignored():
    lines = _lines([
        ("Requirements", True, False),
        ("3+ years of experience with Rust", True, False),
        ("Nice to have", True, True),
        ("6+ years in distributed systems", True, True),
    ])
    assert text_facets(lines)["years_min"].to_list() == [3]
    assert years("Ideally 4+ years of research experience") is None
    assert years("Experience with Kafka (2+ years preferred)") is None
    assert years("5+ years of experience, ideally in fintech") == 5  # "ideally" grades the domain, not the years
    assert years("5+ years of experience, preferably in healthcare") == 5
    assert years("5+ years of experience with Go is a plus") is None
    assert years("Rust (2+ years) preferred") is None
    assert years("2+ years with Terraform would be great") is None
    assert years("Bonus: 3+ years of Rust") is None
    assert years("Experience with Rust is a plus (2+ years)") is None
    assert years("3+ years of Rust would be a bonus") is None
    assert years("2+ years with Elixir is a big plus") is None
    assert years("3+ years of fintech experience is an advantage") is None
    assert years("5+ years of Python plus strong SQL skills") == 5  # "plus" joins two requirements
    assert years("Python (4+ years); Rust is a plus") == 4


def test_years_keep_lines_that_only_mention_a_preference_when_sections_are_known():
    # With sections known, a requirement line that says "preferably" somewhere keeps its years, and a
    # nice-to-have section drops them whatever its lines say.
    lines = pl.DataFrame({
        "doc": [1, 1, 1, 1], "line_no": [0, 1, 2, 3],
        "line": ["Requirements", "4+ years building web apps on a cloud (preferably AWS)", "Nice to have", "7+ years in fintech"],
        "candidate": [True] * 4, "preferred": [False, True, True, True],
        "section": ["requirements", "requirements", "preferred", "preferred"],
    }, schema={"doc": pl.UInt32, "line_no": pl.UInt32, "line": pl.String, "candidate": pl.Boolean,
               "preferred": pl.Boolean, "section": pl.String})
    assert text_facets(lines)["years_min"].to_list() == [4]
    # Without sections the line's own flag decides, as before.
    assert text_facets(lines.drop("section"))["years_min"].to_list() == [None]


@pytest.mark.parametrize("text", [
    "We started 10 years ago in a garage",
    "Founded in 2015, we now serve 40 countries",
    "We have 5 years of runway",
    "Applicants must be 18 years of age or older",
    "Aged between 25 – 40 years",
    "Help with the year-end close",
    "Options vest over 4 years with a 1-year cliff",
    "Up to 4 years of professional experience",
    "In 5 years we want to be the default tool",
    "Our team brings 40+ years of combined experience",  # over 30: company history, not a requirement
    "Salary: $150,000 - $180,000 per year",
    "$140,000 - $180,000 a year",
    "We've been building tools for analysts for over 10 years",
    "Our founders have 20+ years in the field",
    "Celebrating 10+ years of growth",
    "A paid sabbatical after 5 years with the company",
    "Extra vacation day after 3+ years of service",
    "We have 5+ years of experience helping hospitals",
    "We started a decade ago",
    "Ranked among the best charities for over a decade",
    "Travel twice a year for offsites with the engineering team, working on plans",
    "You will spend a year working on our ML platform",
    "123 years of history",
    "We've been in business for 12 years",
    "Founded by a team with 20+ years of combined experience in retail",
    "Many strong candidates for this role have 10+ years of experience; we hire for impact",
])
def test_years_not_about_required_experience(text):
    assert years(text) is None


# ------------------------------------------------------------------------------------------ salary

@pytest.mark.parametrize("text,expected", [
    ("Salary: $180k–$250k", (180000, 250000, "USD", "year")),
    ("Compensation: £80,000", (80000, 80000, "GBP", "year")),
    ("Gehalt: €70.000 brutto", (70000, 70000, "EUR", "year")),
    ("Pay: $60/hour", (60, 60, "USD", "hour")),
    ("Stipend for interns: €5,000 per month salary", (5000, 5000, "EUR", "month")),
    ("Base salary: USD 150,000 - 200,000", (150000, 200000, "USD", "year")),
    ("The base salary is between $120,000 USD and $140,000 USD per year.", (120000, 140000, "USD", "year")),
    ("$130K – $170K + equity", (130000, 170000, "USD", "year")),  # a bare range, no pay word
    ("Base salary $95-120K", (95000, 120000, "USD", "year")),
    ("Salary: $170-195,000", (170000, 195000, "USD", "year")),
    ("$170k–$195k plus equity", (170000, 195000, "USD", "year")),
    ("Salary range: 170K to 195K USD", (170000, 195000, "USD", "year")),
    ("Pay: $60–80/hr", (60, 80, "USD", "hour")),
    ("Rate: $40 to $55 an hour", (40, 55, "USD", "hour")),
    ("Rate: 60-80 USD/hour", (60, 80, "USD", "hour")),
    ("Freelance, 45€ per hour", (45, 45, "EUR", "hour")),
    ("Salary: €4,000 - €5,000 per month", (4000, 5000, "EUR", "month")),
    ("Salary: £45k-£55k", (45000, 55000, "GBP", "year")),
    ("Compensation: C$120,000–C$140,000", (120000, 140000, "CAD", "year")),
    ("CTC: ₹25-35 LPA", (2_500_000, 3_500_000, "INR", "year")),
    ("Salary: 18 - 24 lakh per annum", (1_800_000, 2_400_000, "INR", "year")),
    ("15-20 LPA depending on experience", (1_500_000, 2_000_000, "INR", "year")),
    ("Salary: ₹1,20,000 per month", (120_000, 120_000, "INR", "month")),
    ("Base salary $150k-$180k; OTE $250k-$300k", (150000, 180000, "USD", "year")),
    ("OTE $200k-$250k (50/50 split), base $120k-$140k", (120000, 140000, "USD", "year")),
    ("Total compensation $250k-$350k, base $180k-$220k", (180000, 220000, "USD", "year")),
    ("Equity: 0.5%-1%; salary $140-160k", (140000, 160000, "USD", "year")),
])
def test_salary_forms(text, expected):
    assert salary(text) == expected


def test_salary_is_read_from_every_line_and_prefers_pay_words():
    lines = _lines([
        ("We raised a $40M Series B and pass $12M ARR.", False, False),
        ("You will close $50k-$100k deals.", True, False),
        ("Benefits", False, False),
        ("Home office budget of $1,500.", False, False),
        ("The salary range for this role is $140,000 - $165,000.", False, False),
    ])
    assert text_facets(lines).select("salary_min", "salary_max", "salary_currency", "salary_period").row(0) == (
        140000, 165000, "USD", "year")


@pytest.mark.parametrize("text", [
    "We raised $25M from great investors",
    "A $1,000 yearly learning budget",                  # not pay, and implausible as an annual salary
    "You'll get $100 per month for open source",       # implausible as a monthly salary
    "Close $50k-$100k ACV deals",
    "Earn 20,000 points a year",                       # no currency
    "Compensation: $150K - $250K OTE",                 # on-target earnings, not base
    "A $10K relocation bonus",
    "Compensation: OTE $200k-$250k",                  # only on-target earnings stated: no base
    "We pay $150K-$250K on-target earnings",
    "Equity: 0.5% - 1.0%",
    "A team serving 12 lakh users",                    # lakh, but not a yearly amount
    "$25,000 lifetime benefit for family planning",
    "Up to $5,000 fertility treatment",
])
def test_salary_not_pay(text):
    assert salary(text) == (None, None, None, None)


# ------------------------------------------------------------------------------------------- frame

def test_one_row_per_doc_with_defaults():
    lines = pl.DataFrame(
        {"doc": [3, 3, 7], "line_no": [0, 1, 0], "line": ["We make tea.", "3+ years of Go experience", "Nothing here"],
         "candidate": [True, True, True], "preferred": [False, False, False]},
        schema={"doc": pl.UInt32, "line_no": pl.UInt32, "line": pl.String, "candidate": pl.Boolean, "preferred": pl.Boolean},
    )
    facets = text_facets(lines)
    assert facets.schema == pl.Schema(FACET_SCHEMA)
    assert facets["doc"].to_list() == [3, 7]
    assert facets.row(1, named=True) == {
        "doc": 7, "degree_min": "unspecified", "degree_or_equivalent": False, "years_min": None,
        "salary_min": None, "salary_max": None, "salary_currency": None, "salary_period": None, "degree_fields": []}
    assert set(facets["degree_min"]) <= set(DEGREES)
    assert text_facets(lines.clear()).schema == pl.Schema(FACET_SCHEMA)


def test_facets_of_text_nothing_found():
    assert facets_of_text("We are a friendly team in Lisbon.") == {
        "degree_min": "unspecified", "degree_or_equivalent": False, "years_min": None,
        "salary_min": None, "salary_max": None, "salary_currency": None, "salary_period": None, "degree_fields": []}


def _lines(rows):
    """(line, candidate, preferred) rows of one document -> the frame text_facets reads."""
    return pl.DataFrame(
        {"doc": [0] * len(rows), "line_no": list(range(len(rows))), "line": [r[0] for r in rows],
         "candidate": [r[1] for r in rows], "preferred": [r[2] for r in rows]},
        schema={"doc": pl.UInt32, "line_no": pl.UInt32, "line": pl.String, "candidate": pl.Boolean, "preferred": pl.Boolean},
    )


# ------------------------------------------------------------------------------------ years per skill

def _years_per_skill(text, names):
    """Years skill_years gives each of ``names`` (found at their first place in each line) in one document."""
    lines = pl.DataFrame(
        {"doc": 0, "line_no": list(range(len(text.split("\n")))), "line": text.split("\n"), "candidate": True,
         "preferred": False},
        schema={"doc": pl.UInt32, "line_no": pl.UInt32, "line": pl.String, "candidate": pl.Boolean, "preferred": pl.Boolean},
    )
    hits = [(0, n, name.lower(), line.find(name), name) for n, line in enumerate(text.split("\n")) for name in names
            if line.find(name) >= 0]
    hits = pl.DataFrame(hits, orient="row", schema={"doc": pl.UInt32, "line_no": pl.UInt32, "skill": pl.String,
                                                    "pos": pl.Int64, "matched": pl.String})
    found = dict(skill_years(lines, hits).select("skill", "years").iter_rows())
    return {name.lower(): found.get(name.lower()) for name in names}


@pytest.mark.parametrize("text,names,expected", [
    ("5+ years of experience with Python and SQL", ["Python", "SQL"], {"python": 5, "sql": 5}),
    ("3+ years of Python", ["Python"], {"python": 3}),
    ("three years of hands-on Kafka", ["Kafka"], {"kafka": 3}),
    ("2-4 years working with Spark", ["Spark"], {"spark": 2}),
    ("5 years' experience in Java", ["Java"], {"java": 5}),
    ("2+ years Scala, 1+ years Kafka", ["Scala", "Kafka"], {"scala": 2, "kafka": 1}),
    ("Kubernetes (3+ years), Terraform: 2+ years, Docker", ["Kubernetes", "Terraform", "Docker"],
     {"kubernetes": 3, "terraform": 2, "docker": None}),          # years tied to the name before them
    ("5+ years of Python, 3+ years of Go experience", ["Python", "Go"], {"python": 5, "go": 3}),
    ("BS in CS with 3+ years of C++", ["C++"], {"c++": 3}),
    ("4 years' experience in Java. Rust is welcome too", ["Java", "Rust"], {"java": 4, "rust": None}),  # next sentence
    ("3+ years of backend work, and strong PostgreSQL skills", ["PostgreSQL"], {"postgresql": None}),  # moves on
    ("Experience with Airflow", ["Airflow"], {"airflow": None}),    # no years stated
    ("Ideally 3+ years of Rust", ["Rust"], {"rust": None}),          # preferred years are not required ones
    ("We have used Spark for over 10 years", ["Spark"], {"spark": None}),  # the company's history
])
def test_years_per_skill(text, names, expected):
    assert _years_per_skill(text, names) == expected


def test_years_per_skill_take_the_largest_and_skip_nice_to_have_sections():
    text = "2+ years of Python\n6+ years of Python and Go\nNice to have\n9+ years of Go"
    lines = pl.DataFrame(
        {"doc": 0, "line_no": [0, 1, 2, 3], "line": text.split("\n"), "candidate": True, "preferred": [False, False, True, True],
         "section": ["requirements", "requirements", "preferred", "preferred"]},
        schema={"doc": pl.UInt32, "line_no": pl.UInt32, "line": pl.String, "candidate": pl.Boolean,
                "preferred": pl.Boolean, "section": pl.String},
    )
    hits = pl.DataFrame([(0, 0, "python", 11, "Python"), (0, 1, "python", 11, "Python"), (0, 1, "go", 22, "Go"),
                         (0, 3, "go", 12, "Go")], orient="row",
                        schema={"doc": pl.UInt32, "line_no": pl.UInt32, "skill": pl.String, "pos": pl.Int64, "matched": pl.String})
    assert skill_years(lines, hits).rows() == [(0, "go", 6), (0, "python", 6)]
    assert skill_years(lines, hits.clear()).is_empty()


def test_extracted_skills_carry_their_years():
    extractor = SkillExtractor(load_taxonomy(SMALL_TAXONOMY))
    skills, facets = extractor.extract_document(
        "ML Engineer", "Requirements\n- 4+ years of Python and machine learning\n- Experience with Kubernetes")
    assert {s["skill"]: s["years"] for s in skills} == {"python": 4, "machine-learning": 4, "kubernetes": None}
    assert facets["years_min"] == 4
    mentions, _ = extractor.extract_all(pl.DataFrame(
        {"content_hash": ["h1"], "title": ["Engineer"], "description_text": ["Requirements\n- Java (2+ years)"]}))
    assert mentions.select("skill", "years").rows() == [("java", 2)]


def test_skills_extract_records_give_each_skill_its_years():
    from flows.skills_cli import extract_many

    extractor = SkillExtractor(load_taxonomy(SMALL_TAXONOMY))
    [record] = extract_many(extractor, [("k1", "p1", "Engineer", "Requirements\n- 3+ years of Java\n- Python")])
    assert {s["skill"]: s["years"] for s in record["skills"]} == {"java": 3, "python": None}
    assert set(record["skills"][0]) == {"skill", "category", "level", "evidence", "years"}
    assert record["years_min"] == 3
