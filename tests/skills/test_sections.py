"""Sections: only candidate-facing text counts. Made-up postings."""

import polars as pl
import pytest

from flows.skills import SkillExtractor, load_taxonomy
from flows.skills.sections import classify_lines, heading_kind, split_lines

POSTING = """Machine Learning Engineer
About Acme
Acme is an AI company: we use Kubernetes and Snowflake to power our platform.
What you'll do
- Train ranking models in PyTorch
- Ship models to production
Requirements
- 3+ years with Python
Nice to have
- Experience with JAX
Benefits
- Free Tableau licence and a Docker-themed hoodie
Equal opportunity
Acme is an equal opportunity employer and uses Excel for nothing."""


def sections_of(text):
    docs = pl.DataFrame({"doc": [0], "text": [text]}, schema={"doc": pl.UInt32, "text": pl.String})
    return classify_lines(split_lines(docs))


@pytest.mark.parametrize(("heading", "kind"), [
    ("About the role", "responsibilities"), ("What you’ll do:", "responsibilities"), ("Key Responsibilities", "responsibilities"),
    ("Requirements", "requirements"), ("Minimum Qualifications", "requirements"), ("About you", "requirements"),
    ("Preferred qualifications", "preferred"), ("Nice to have", "preferred"), ("Bonus points", "preferred"),
    ("About us", "company"), ("About Acme", "company"), ("Our story", "company"),
    ("Benefits", "benefits"), ("What we offer", "benefits"), ("Compensation", "benefits"),
    ("Equal Opportunity Employer", "eeo"), ("Location", "logistics"), ("Our tech stack", "responsibilities"),
    ("In addition, the following would be an advantage:", "preferred"), ("Additional, preferred qualifications:", "preferred"),
    ("You will have a head start if you have:", "preferred"), ("What will make you stand out:", "preferred"),
    ("Bonus points if you have:", "preferred"), ("You might thrive in this role if you:", "requirements"),
    ("UK Benefits:", "benefits"), ("Health & Wellness Perks", "benefits"),
    ("Projects you'll work on:", "responsibilities"), ("We work across several domains:", "responsibilities"),
    ("We are hiring across several roles:", "responsibilities"), ("We're hiring!", "responsibilities"),
    ("We are a team of engineers", "company"), ("Why you should join Acme?", "company"),
    ("Job responsibilities", "responsibilities"), ("Additional Job Description", "responsibilities"),
])
def test_heading_kinds(heading, kind):
    assert heading_kind(heading) == kind


def test_a_bullet_or_a_sentence_is_not_a_heading():
    assert heading_kind("- Requirements gathering with stakeholders") is None
    assert heading_kind("Experience with Python and PyTorch is required for this role, ideally five years or more of it") is None


def test_only_candidate_facing_lines_count():
    lines = sections_of(POSTING)
    counted = lines.filter(pl.col("candidate"))["line"].to_list()
    assert "- Train ranking models in PyTorch" in counted and "- Experience with JAX" in counted
    assert not any("Kubernetes" in line or "Tableau" in line or "Excel" in line for line in counted)


def test_company_blurb_benefits_and_eeo_do_not_give_skills():
    found = {s: level for s, level, _ in SkillExtractor(load_taxonomy()).extract_text(POSTING)}
    assert found["pytorch"] == "required" and found["python"] == "required" and found["jax"] == "preferred"
    assert not {"kubernetes", "snowflake", "tableau", "docker", "excel"} & set(found)


def test_without_role_headings_the_whole_text_counts():
    text = "Acme | ML Engineer | Remote\nWe build search with Elasticsearch and Python.\nEmail jobs@acme.example"
    found = {s for s, _, _ in SkillExtractor(load_taxonomy()).extract_text(text)}
    assert {"elasticsearch", "python"} <= found


def test_intro_lines_about_the_role_count_when_headings_exist():
    text = ("Acme builds robots.\nYou will build perception models with OpenCV.\n"
            "Requirements\n- Python")
    found = {s for s, _, _ in SkillExtractor(load_taxonomy()).extract_text(text)}
    assert {"opencv", "python"} <= found


@pytest.mark.parametrize(("heading", "kind"), [
    ("You are an ideal candidate if you have:", "requirements"),
    ("This role is perfect for you if you:", "requirements"),
    ("You might be a great fit if:", "requirements"),
    ("As a Member of Technical Staff, you will:", "responsibilities"),
    ("In this position you will:", "responsibilities"),
])
def test_sentence_like_headings(heading, kind):
    assert heading_kind(heading) == kind


def test_ideally_as_the_only_qualifications_list_is_required():
    text = ("ML Engineer\nYou will:\n- Train models\nIdeally you'd have:\n- 3+ years with Kubernetes\n"
            "About Us:\nAcme runs Snowflake.")
    found = {s: level for s, level, _ in SkillExtractor(load_taxonomy()).extract_text(text)}
    assert found["kubernetes"] == "required" and "snowflake" not in found
    # Beside a requirements list, "Ideally" keeps its meaning.
    text = "ML Engineer\nRequirements:\n- Python\nIdeally you'd have:\n- Kubernetes"
    found = {s: level for s, level, _ in SkillExtractor(load_taxonomy()).extract_text(text)}
    assert found["python"] == "required" and found["kubernetes"] == "preferred"


def test_links_are_not_skills():
    text = ("Acme | ML Engineer | Remote\nWe write Python. Our blog: https://blog.example.com/high-performance-llms/ "
            "and code at https://github.com/acme/kubernetes-tools, also www.pytorch-fans.example")
    found = {s for s, _, _ in SkillExtractor(load_taxonomy()).extract_text(text)}
    assert "python" in found and not {"llm", "github", "kubernetes", "pytorch"} & found


def test_typographic_dashes_read_as_hyphens():
    text = "Acme | ML Engineer | Remote\nYou will work cross\u2011functionally on fine\u2011tuning LLMs."
    found = {s for s, _, _ in SkillExtractor(load_taxonomy()).extract_text(text)}
    assert {"cross-functional", "fine-tuning"} <= found


@pytest.mark.parametrize(("line", "preferred"), [
    ("- Experience with Spark and Kafka (Flink preferred)", False),
    ("- Fluent in Java (knowing Kotlin is a plus)", False),
    ("- Strong SQL skills; dbt is a plus", False),
    ("- Solid grasp of Redis, MongoDB, and ideally Cassandra", False),
    ("We need strong Python and SQL. Prior work in genomics is a plus.", False),
    ("Nice to have: Rust. It helps with our tooling.", True),
    ("- Experience with Terraform is a plus", True),
    ("- Ideally, you have shipped a recommender system", True),
    ("- Nice to have: Rust", True),
])
def test_a_marker_on_one_item_leaves_the_line_required(line, preferred):
    lines = sections_of(f"Data Engineer\nRequirements\n{line}")
    assert lines.filter(pl.col("line") == line)["preferred"].to_list() == [preferred]


def test_company_sentences_in_an_intro_do_not_count():
    text = ("Acme | ML Engineer | Remote\nAcme is a logistics company running on Kubernetes and Snowflake.\n"
            "Founded in 2019 by Airflow veterans.\nWe offer: a Tableau licence and equity.\n"
            "We're hiring an engineer to build ranking models in PyTorch.\nAcme builds routing software; you will use Terraform.")
    found = {s for s, _, _ in SkillExtractor(load_taxonomy()).extract_text(text)}
    assert {"pytorch", "terraform"} <= found
    assert not {"kubernetes", "snowflake", "airflow", "tableau"} & found


def _skills(text):
    return {s for s, _, _ in SkillExtractor(load_taxonomy()).extract_text(text)}


@pytest.mark.parametrize("header", [
    "SEEKING WORK | Remote | Lisbon", "Seeking work - remote, EU time zones", "SEEKING | Data Engineer | Lyon → Remote |",
    "FOR HIRE: backend developer", "Available for work | Remote",
])
def test_a_post_offering_oneself_for_work_gives_no_skills(header):
    post = f"Data Engineer\n{header}\nSix years of Python, Airflow and Snowflake; Docker/K8s.\nResume: on request"
    assert _skills(post) == set()


@pytest.mark.parametrize("header", [
    "SEEKING FREELANCER | Acme | Remote",  # a company looking for someone
    "Acme | Data Engineer | Remote",
])
def test_a_hiring_post_still_counts(header):
    post = f"Data Engineer\n{header}\nSix years of Python, Airflow and Snowflake; Docker/K8s."
    assert {"python", "airflow", "snowflake", "docker", "kubernetes"} <= _skills(post)


def test_seeking_as_a_hiring_word_is_not_a_seeker_post():
    assert "python" in _skills("Data Engineer\nSeeking a data engineer to build pipelines in Python.")
    # The word only counts in the header: a line further down says nothing about the post.
    assert "python" in _skills("Data Engineer\nAcme | Data Engineer | Remote\nWe need Python.\nLooking for work? Apply:")


def test_a_list_of_what_the_company_shipped_is_not_a_requirement():
    post = ("ML Engineer\nAcme | ML Engineer | Remote\nHere are a few things we’ve shipped recently:\n"
            "1. a Rust CLI for Ollama users\n- a Redis-backed cache\nWe need:\n- Python and Kubernetes")
    found = _skills(post)
    assert {"python", "kubernetes"} <= found and not {"rust", "ollama", "redis"} & found


def test_a_stack_list_under_we_built_stays():
    # "built" alone says what the stack is, not what the company launched.
    post = "ML Engineer\nAcme | ML Engineer | Remote\nWe've built our platform on:\n- Rust and Redis"
    assert {"rust", "redis"} <= _skills(post)


def test_company_sentence_with_a_bracketed_aside_is_company_talk():
    post = "Engineer\nAcme Labs (the makers of PyTorch Lightning) is building tools for teams.\nThe Stack:\nPython"
    found = _skills(post)
    assert "python" in found and "pytorch-lightning" not in found


def test_how_to_apply_is_not_a_requirement():
    post = "Engineer\nAcme | Engineer | Remote\nYou know Python.\nApply at jobs@acme.example with your resume and GitHub."
    found = _skills(post)
    assert "python" in found and "github" not in found
    # A responsibility that opens with "Apply" stays.
    assert "pytorch" in _skills("Engineer\nAcme | Engineer | Remote\nApply deep learning to search ranking, in PyTorch, at scale.")


def test_a_bare_mission_heading_after_about_us_is_still_the_company():
    post = ("Engineer\nWho are we?\nMission\nAcme plugs into Git and Slack for data teams.\n"
            "What are we looking for?\nPython and SQL.")
    found = _skills(post)
    assert {"python", "sql"} <= found and not {"git", "slack"} & found


def test_a_mission_heading_elsewhere_is_the_roles():
    post = "Engineer\nAbout the role\nYou will ship features.\nMission\nAutomate our Git workflows."
    assert "git" in _skills(post)


def test_a_company_section_line_that_turns_to_the_role_counts():
    post = ("Data Scientist\nMeet the team\nAcme's data team runs Snowflake for 40 product squads.\n"
            "We are hiring a data scientist to run experiments in Python.\n"
            "In this role you will build dashboards in Looker.\nYou'll join 200 people who love Tableau.\n"
            "Requirements\nSQL")
    found = _skills(post)
    assert {"python", "looker", "sql"} <= found and not {"snowflake", "tableau"} & found


def test_a_company_paragraph_counts_only_when_its_first_sentence_turns_to_the_role():
    blurb = ("Engineer\nAcme is a health platform built on EHR data and Snowflake. As an Acmer, you'll make care better.\n"
             "Requirements\nPython")
    found = _skills(blurb)
    assert "python" in found and not {"ehr", "snowflake"} & found
    # Not a company sentence: "This is a ..." is about the role, and its later sentences count.
    role = ("Engineer\nThis is a senior role at a young startup. We're looking for experience with PyTorch.\n"
            "Requirements\nPython")
    assert "pytorch" in _skills(role)


def test_a_description_that_opens_by_repeating_the_title_keeps_it():
    post = "Data Engineer\nData/ETL Engineer (Platform Team)\nAbout Acme\nAcme sells ETL software.\nRequirements\nSQL"
    lines = sections_of(post)
    assert lines.filter(pl.col("line_no") == 1)["section"][0] == "title"
    title, text = post.split("\n", 1)
    assert "etl" in {s["skill"] for s in SkillExtractor(load_taxonomy()).extract_document(title, text)[0]}
    # A first line that is a sentence, or that names no role, is the intro as before.
    assert sections_of("Data Engineer\nWe build ETL tools.\nRequirements\nSQL")["section"][1] == "intro"
    assert sections_of("Data Engineer\nAcme ETL Platform\nRequirements\nSQL")["section"][1] == "intro"
