"""The employer named in a posting is not one of its skills. Made-up postings."""

import pytest

from flows.skills import SkillExtractor, load_taxonomy


@pytest.fixture(scope="module")
def skills_of():
    extractor = SkillExtractor(load_taxonomy())
    return lambda text: {s for s, _, _ in extractor.extract_text(text)}


def test_employer_field_of_a_hiring_header_is_not_a_skill(skills_of):
    found = skills_of("ML Engineer\nSnowflake | ML Engineer | Berlin | Full-time\nYou know Python and Redis.")
    assert "snowflake" not in found and {"python", "redis"} <= found


def test_header_as_the_title_line(skills_of):
    assert "databricks" not in skills_of("Databricks | Data Engineer | Remote\nYou know Spark SQL and Python.")


def test_other_fields_of_the_header_still_count(skills_of):
    found = skills_of("Engineer\nAcme | Backend Engineer | Remote | Python, Snowflake, Redis")
    assert {"python", "snowflake", "redis"} <= found


def test_a_title_that_opens_with_the_role_keeps_its_tools(skills_of):
    assert "python" in skills_of("Senior Python Engineer | Remote | Full-time\nBuild services.")


def test_pipes_further_down_are_not_a_header(skills_of):
    post = "Engineer\nAcme | Engineer | Remote\nWhat you'll do\nBuild models.\nRequirements\nSnowflake | dbt | Airflow"
    assert "snowflake" in skills_of(post)


def test_the_same_name_outside_the_header_counts(skills_of):
    assert "snowflake" in skills_of("Engineer\nSnowflake | Data Engineer | Remote\nYou will model data in Snowflake.")
