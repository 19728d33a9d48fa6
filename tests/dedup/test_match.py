"""assign_canonical_ids on tiny fictional frames (companies and texts are made up)."""

import random

import polars as pl
import pytest

from flows.dedup import DedupStats, assign_canonical_ids
from flows.normalize import POSTING_SCHEMA

ML_TEXT = (
    "Quillmetric builds ranking models for a marketplace of rare seeds. You will design features, "
    "train gradient boosted trees and transformers, run online experiments, and own the serving "
    "path from the feature store to the ranking service. We use Python, PyTorch, Spark and Kubernetes. "
    "You have shipped machine learning systems to production and enjoy measuring what they change."
)
DESIGN_TEXT = (
    "Fernwave is looking for a product designer to shape the booking flow of our ferry app. You will "
    "run interviews, sketch, prototype in Figma and work with two engineers every day on small releases."
)
OTHER_TEXT = (
    "Cobalt Grid operates battery storage sites. The platform team keeps our telemetry pipeline fast and "
    "boring: Kafka, Postgres, Go services, and on-call rotations that rarely page anyone at night."
)


def posting(posting_id, company, title, location=None, description=ML_TEXT, country=None):
    source, board, source_id = posting_id.split(":", 2)
    return {
        "posting_id": posting_id, "source": source, "board": board, "source_id": source_id,
        "company": company, "title": title, "location_raw": location, "location": location,
        "country": country, "description_text": description,
    }


def frame(*rows):
    return pl.DataFrame(list(rows), schema={k: POSTING_SCHEMA[k] for k in rows[0]} if rows else None)


def groups(result: pl.DataFrame) -> dict[str, str]:
    return dict(zip(result["posting_id"], result["canonical_id"]))


def test_exact_duplicate_across_sources_is_one_job():
    result = groups(assign_canonical_ids(frame(
        posting("greenhouse:quillmetric:101", "Quillmetric", "Machine Learning Engineer", "London, UK"),
        posting("lever:quillmetric:aa-1", "Quillmetric", "Machine Learning Engineer", "London, United Kingdom"),
    )))
    assert result["greenhouse:quillmetric:101"] == result["lever:quillmetric:aa-1"] == "greenhouse:quillmetric:101"


def test_abbreviated_title_matches_the_long_form():
    result = groups(assign_canonical_ids(frame(
        posting("hn:whoishiring:9001", "Quillmetric Inc.", "Sr. ML Eng", "NYC or Remote"),
        posting("ashby:quillmetric:0b1", "Quillmetric", "Senior Machine Learning Engineer", "New York"),
    )))
    assert len(set(result.values())) == 1


def test_same_role_in_two_cities_on_one_board_is_one_job():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:quillmetric:berlin", "Quillmetric", "Machine Learning Engineer", "Berlin"),
        posting("ashby:quillmetric:munich", "Quillmetric", "Machine Learning Engineer", "Munich"),
    )))
    assert len(set(result.values())) == 1


def test_same_title_in_two_cities_with_different_text_is_two_jobs():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:quillmetric:berlin", "Quillmetric", "Software Engineer", "Berlin", ML_TEXT),
        posting("ashby:quillmetric:munich", "Quillmetric", "Software Engineer", "Munich", OTHER_TEXT),
    )))
    assert len(set(result.values())) == 2


def test_same_board_repeat_with_identical_text_is_one_job():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:quillmetric:first", "Quillmetric", "Machine Learning Engineer", "Berlin"),
        posting("ashby:quillmetric:second", "Quillmetric", "Machine Learning Engineer", "Berlin"),
    )))
    assert len(set(result.values())) == 1


def test_same_board_same_text_different_level_is_two_jobs():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:quillmetric:senior", "Quillmetric", "Senior Machine Learning Engineer", "Berlin"),
        posting("ashby:quillmetric:staff", "Quillmetric", "Staff Machine Learning Engineer", "Berlin"),
    )))
    assert len(set(result.values())) == 2


def test_same_board_same_title_different_text_is_two_jobs():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:quillmetric:a", "Quillmetric", "Software Engineer", "Berlin", ML_TEXT),
        posting("ashby:quillmetric:b", "Quillmetric", "Software Engineer", "Berlin", OTHER_TEXT),
    )))
    assert len(set(result.values())) == 2


def test_hn_comment_with_near_identical_text_joins_the_board_posting():
    hn_text = "Quillmetric | ML Engineer | London | Full-time\n" + ML_TEXT + " Email jobs@quillmetric.example."
    result = groups(assign_canonical_ids(frame(
        posting("hn:whoishiring:4242", "Quillmetric", "ML Engineer", "London (hybrid)", hn_text),
        posting("greenhouse:quillmetric:77", "Quillmetric", "Machine Learning Engineer, Ranking", "London, UK"),
        posting("greenhouse:quillmetric:78", "Quillmetric", "Product Designer", "London, UK", DESIGN_TEXT),
    )))
    assert result["hn:whoishiring:4242"] == result["greenhouse:quillmetric:77"] == "greenhouse:quillmetric:77"
    assert result["greenhouse:quillmetric:78"] == "greenhouse:quillmetric:78"


def test_close_title_with_unrelated_text_stays_apart():
    result = groups(assign_canonical_ids(frame(
        posting("hn:whoishiring:4243", "Quillmetric", "ML Engineer", "London", OTHER_TEXT),
        posting("greenhouse:quillmetric:77", "Quillmetric", "Machine Learning Engineer, Ranking", "London, UK"),
    )))
    assert len(set(result.values())) == 2


def test_cross_source_equal_title_in_different_countries_stays_apart():
    result = groups(assign_canonical_ids(frame(
        posting("hn:whoishiring:5", "Quillmetric", "Machine Learning Engineer", "Berlin, Germany", OTHER_TEXT),
        posting("ashby:quillmetric:x", "Quillmetric", "Machine Learning Engineer", "Toronto, Canada"),
    )))
    assert len(set(result.values())) == 2


def test_different_companies_with_the_same_title_are_two_jobs():
    result = groups(assign_canonical_ids(frame(
        posting("greenhouse:quillmetric:1", "Quillmetric", "Machine Learning Engineer", "London"),
        posting("greenhouse:fernwave:1", "Fernwave", "Machine Learning Engineer", "London"),
    )))
    assert len(set(result.values())) == 2


def test_one_hn_comment_cannot_chain_two_board_jobs():
    # Both board postings resemble the comment; they are different jobs, so it joins only one.
    hn_text = "Quillmetric | ML Engineer | London\n" + ML_TEXT
    stats = DedupStats()
    result = groups(assign_canonical_ids(frame(
        posting("hn:whoishiring:77", "Quillmetric", "ML Engineer", "London", hn_text),
        posting("ashby:quillmetric:ranking", "Quillmetric", "Machine Learning Engineer, Ranking", "London"),
        posting("ashby:quillmetric:search", "Quillmetric", "Machine Learning Engineer, Search", "London"),
    ), stats=stats))
    assert stats.refused == 1
    assert result["ashby:quillmetric:ranking"] != result["ashby:quillmetric:search"]
    assert result["hn:whoishiring:77"] in (result["ashby:quillmetric:ranking"], result["ashby:quillmetric:search"])


def test_jsonld_page_of_an_ashby_posting_is_the_same_job():
    result = groups(assign_canonical_ids(frame(
        posting("jsonld:quillmetric:5f0c6a3e-1111", "Quillmetric", "ML Engineer, Ranking", "London", OTHER_TEXT),
        posting("ashby:quillmetric:5f0c6a3e-1111", "Quillmetric", "Machine Learning Engineer (Ranking)", None),
    )))
    assert len(set(result.values())) == 1


def test_hn_reposts_next_month_are_one_job():
    text = "Fernwave | Product Designer | Lisbon | ONSITE\n" + DESIGN_TEXT
    result = groups(assign_canonical_ids(frame(
        posting("hn:whoishiring:100", "Fernwave", "Product Designer", "Lisbon (ONSITE)", text),
        posting("hn:whoishiring:200", "Fernwave", "Senior Product Designer", "Lisbon", text),  # level differs
        posting("hn:whoishiring:300", "Fernwave", "Product Designers", "Lisbon, Portugal", text + " Apply by May."),
    )))
    assert result["hn:whoishiring:100"] == result["hn:whoishiring:300"]
    assert result["hn:whoishiring:200"] == "hn:whoishiring:200"


def test_unknown_hn_company_is_not_a_block():
    # normalisation falls back to the board name ("whoishiring") when a comment names no company
    result = groups(assign_canonical_ids(frame(
        posting("hn:whoishiring:1", "whoishiring", "Machine Learning Engineer", "London"),
        posting("hn:whoishiring:2", "whoishiring", "Machine Learning Engineer", "London"),
    )))
    assert len(set(result.values())) == 2


def test_deterministic_on_shuffled_input():
    rows = [
        posting("hn:whoishiring:4242", "Quillmetric", "ML Engineer", "London", "Quillmetric | ML Engineer\n" + ML_TEXT),
        posting("greenhouse:quillmetric:77", "Quillmetric", "Machine Learning Engineer, Ranking", "London, UK"),
        posting("lever:quillmetric:zz", "Quillmetric", "Machine Learning Engineer, Ranking", "London, UK"),
        posting("ashby:fernwave:1", "Fernwave", "Product Designer", "Lisbon", DESIGN_TEXT),
        posting("ashby:fernwave:2", "Fernwave", "Product Designer", "Porto", DESIGN_TEXT),
        posting("ashby:cobaltgrid:9", "Cobalt Grid", "Platform Engineer", None, OTHER_TEXT),
    ]
    expected = groups(assign_canonical_ids(frame(*rows)))
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        result = assign_canonical_ids(frame(*shuffled))
        assert result["posting_id"].to_list() == [r["posting_id"] for r in shuffled]  # input order kept
        assert groups(result) == expected
    # the canonical id is the smallest posting id of its group
    assert expected["hn:whoishiring:4242"] == "greenhouse:quillmetric:77"


def test_empty_frame():
    result = assign_canonical_ids(pl.DataFrame(schema=POSTING_SCHEMA))
    assert result.height == 0
    assert result.schema == {"posting_id": pl.String(), "canonical_id": pl.String()}


def test_nulls_in_company_location_and_description():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:quillmetric:1", None, "Machine Learning Engineer", None, None),
        posting("greenhouse:quillmetric:1", None, "Machine Learning Engineer", None, None),
        posting("ashby:fernwave:1", "Fernwave", None, None, None),
        posting("lever:fernwave:1", "Fernwave", "Product Designer", None, None),
        posting("greenhouse:fernwave:2", "Fernwave", "Product Designer", "Lisbon", None),
    )))
    assert result["ashby:quillmetric:1"] != result["greenhouse:quillmetric:1"]  # no company: never merged
    assert result["ashby:fernwave:1"] == "ashby:fernwave:1"
    # equal title across boards, unknown location on one side: no description needed
    assert result["lever:fernwave:1"] == result["greenhouse:fernwave:2"]


def test_repeated_posting_id_gets_one_canonical_id():
    row = posting("ashby:quillmetric:1", "Quillmetric", "Machine Learning Engineer", "Berlin")
    result = assign_canonical_ids(frame(row, row))
    assert result.height == 2
    assert result["canonical_id"].to_list() == ["ashby:quillmetric:1"] * 2


def test_minimal_columns_and_stats():
    stats = DedupStats()
    minimal = pl.DataFrame({
        "posting_id": ["greenhouse:q:1", "lever:q:2"], "company": ["Q Corp", "Q"],
        "title": ["Data Scientist", "Data Scientist"], "description_text": [ML_TEXT, ML_TEXT],
    })
    result = assign_canonical_ids(minimal, stats=stats)
    assert result["canonical_id"].to_list() == ["greenhouse:q:1", "greenhouse:q:1"]
    assert stats.postings == 2 and stats.edges["equal_title"] == 1


def test_null_posting_id_is_an_error():
    with pytest.raises(ValueError):
        assign_canonical_ids(pl.DataFrame({"posting_id": [None, "a:b:c"]}, schema={"posting_id": pl.String()}))


def test_region_in_the_title_is_a_place_not_another_role():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:cobaltgrid:amer", "Cobalt Grid", "Support Engineer (AMER)", "Remote", OTHER_TEXT),
        posting("ashby:cobaltgrid:emea", "Cobalt Grid", "Support Engineer (EMEA)", "Remote", OTHER_TEXT),
        posting("ashby:cobaltgrid:wknd", "Cobalt Grid", "Support Engineer (AMER - Weekends)", "Remote", OTHER_TEXT),
        posting("ashby:cobaltgrid:chi", "Cobalt Grid", "Field Trainer - Chicago", "USA - Remote", OTHER_TEXT),
        posting("ashby:cobaltgrid:nyc", "Cobalt Grid", "Field Trainer - New York City", "USA - Remote", OTHER_TEXT),
    )))
    assert result["ashby:cobaltgrid:amer"] == result["ashby:cobaltgrid:emea"]
    assert result["ashby:cobaltgrid:wknd"] == "ashby:cobaltgrid:wknd"  # a weekend shift is another role
    assert result["ashby:cobaltgrid:chi"] == result["ashby:cobaltgrid:nyc"] != result["ashby:cobaltgrid:amer"]


def test_level_numerals_separate_jobs():
    result = groups(assign_canonical_ids(frame(
        posting("ashby:cobaltgrid:1", "Cobalt Grid", "Senior Software Engineer I", "Remote", OTHER_TEXT),
        posting("ashby:cobaltgrid:2", "Cobalt Grid", "Senior Software Engineer II", "Remote", OTHER_TEXT),
    )))
    assert len(set(result.values())) == 2
