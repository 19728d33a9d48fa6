import pytest

from flows.dedup import keys


@pytest.mark.parametrize("name,key", [
    ("Quillmetric", "quillmetric"),
    ("Quillmetric, Inc.", "quillmetric"),
    ("Quillmetric Labs", "quillmetric"),
    ("quillmetric-labs", "quillmetric"),
    ("Quillmetric AI", "quillmetric"),
    ("quillmetricai", "quillmetric"),
    ("quillmetric.ai", "quillmetric"),
    ("The Quillmetric Company GmbH", "quillmetriccompany"),
    ("Quillmetric (YC W24)", "quillmetric"),
    ("Petal Crest Technologies", "petalcrest"),
    ("petal-crest", "petalcrest"),
    ("xAI", "xai"),  # too short to lose its suffix
    ("AI", "ai"),  # nothing left after a suffix: keep it
    ("Labs", "labs"),
    ("Ænima Søftware", "ænimasøftware"),
    ("", None),
    (None, None),
    ("!!!", None),
])
def test_company_key(name, key):
    assert keys.company_key(name) == key


def test_company_key_keeps_distinct_companies_apart():
    assert keys.company_key("Fernwave Health") != keys.company_key("Fernwave")


@pytest.mark.parametrize("a,b", [
    ("Sr. ML Eng", "Senior Machine Learning Engineer"),
    ("ML Engineers", "Machine Learning Engineer"),
    ("Senior Machine Learning Engineer (Remote - Worldwide)", "Senior Machine Learning Engineer"),
    ("Machine Learning Engineer - Berlin", "Machine Learning Engineer"),
    ("Machine Learning Engineer II", "Machine Learning Engineer"),  # numerals go; seniority keeps them
    ("Full-Stack Engineer", "Fullstack Engineer"),
    ("SWE, Front-end", "Software Engineer, Frontend"),
    ("Account Executive (USA)", "Account Executive , USA"),
    ("Engineer, Ranking", "Ranking Engineer"),  # sorted tokens: order does not matter
    ("ML Ops Engineer", "MLOps Engineer"),
    ("Senior Backend Engineer, Node.js", "Senior Backend Engineer, NodeJs"),
    ("Software Engineer, Java Script/Type Script", "Software Engineer, JavaScript/TypeScript"),
    ("数据工程师 (Data Engineer)", "Data Engineer"),  # a bilingual title: its English words
])
def test_title_key_equal(a, b):
    assert keys.title_key(a) == keys.title_key(b)


@pytest.mark.parametrize("a,b", [
    ("Senior Machine Learning Engineer", "Staff Machine Learning Engineer"),
    ("Software Engineer (Back-end)", "Software Engineer (Front-end)"),  # meaningful brackets stay
    ("Software Engineer Intern - Winter 2026", "Software Engineer Intern - Fall 2026"),
    ("AI Red Team Engineer - Dutch", "AI Red Team Engineer - Polish"),
])
def test_title_key_different(a, b):
    assert keys.title_key(a) != keys.title_key(b)


def test_seniority_keeps_level_numerals():
    assert keys.seniority("Applied Scientist II") != keys.seniority("Applied Scientist III")
    assert keys.seniority("Sr. ML Eng") == "senior"


def test_title_close():
    ml = keys.title_tokens("ML Engineer")
    assert keys.title_close(ml, keys.title_tokens("Machine Learning Engineer, Ranking"))
    assert not keys.title_close(ml, keys.title_tokens("Product Designer"))
    assert not keys.title_close(frozenset(), ml)


def test_countries_from_free_text_and_board_lists():
    assert keys.countries("SF/NYC/London") == {"US", "GB"}
    assert keys.countries("Berlin | Munich") == {"DE"}
    assert keys.countries("On-site in Stockholm, Sweden") == {"SE"}
    assert keys.countries("Remote") == frozenset()
    assert keys.countries(None, "FR") == {"FR"}


def test_locations_compatible():
    assert keys.locations_compatible(frozenset({"US"}), frozenset({"US", "GB"}))
    assert not keys.locations_compatible(frozenset({"US"}), frozenset({"DE"}))
    assert keys.locations_compatible(frozenset(), frozenset({"DE"}))  # unknown / remote-anywhere


def test_location_key_ignores_order_and_case():
    assert keys.location_key("Berlin | MUNICH") == keys.location_key("Munich | Berlin")
    assert keys.location_key("Berlin") != keys.location_key("Munich")
    assert keys.location_key(None) == ""


def test_levels():
    assert keys.seniority("Senior Software Engineer I") != keys.seniority("Senior Software Engineer II")
    assert keys.seniority("Software Engineer 2 (API ops)") == keys.seniority("Software Engineer II, API Ops")
    assert keys.levels_compatible(keys.seniority("ML Engineer"), keys.seniority("Senior ML Engineer II"))
    assert keys.levels_compatible(keys.seniority("Senior ML Engineer"), keys.seniority("Senior ML Engineer II"))
    assert not keys.levels_compatible(keys.seniority("Senior ML Engineer"), keys.seniority("Staff ML Engineer"))
    assert not keys.levels_compatible(keys.seniority("Senior Engineer I"), keys.seniority("Senior Engineer II"))


def test_title_places_keep_regions_and_workplace_apart():
    assert keys.title_key("Support Engineer (AMER)") == keys.title_key("Support Engineer (EMEA)")
    assert keys.title_places("Support Engineer (AMER)") != keys.title_places("Support Engineer (EMEA)")
    assert keys.title_places("Field Trainer - Chicago") == {"chicago"}
    assert keys.title_places("Senior Engineer - Remote") == {"remote"}
    assert keys.title_places("Engineer (12-month contract)") == frozenset()
    assert keys.title_key("Software Engineer (C++)") != keys.title_key("Software Engineer")
