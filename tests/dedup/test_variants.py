"""One role posted per place or per language is one job (rule 1b of flows.dedup.match).

Companies, titles and texts are made up. Dedup reads no clock, so nothing here depends on time.
"""

import polars as pl
import pytest

from flows.dedup import DedupStats, assign_canonical_ids, keys
from flows.normalize import POSTING_SCHEMA

ROLE_TEXT = (
    "Help build the models behind Petalwise, the seed exchange for small farms. You will train ranking "
    "and forecasting models, ship them behind our feature store, watch them in production and explain "
    "what they changed to growers. We work in Python and PyTorch on a modest Kubernetes cluster. You "
    "have three to six years of applied machine learning, enjoy messy tabular data and like owning a "
    "model from the first notebook to the on-call rota. Nice to have: experience with time series, "
    "experiment design, or agricultural data. We offer a salary band published in every offer letter, "
    "a learning budget, and two team weeks a year in our head office."
)
OTHER_ROLE_TEXT = (
    "Petalwise is looking for an engineer to own the grower app end to end: React screens, a Node "
    "service behind them, and the small models that suggest what to plant next. You will pair with "
    "design every week, ship behind feature flags, and measure each release with the growers who asked "
    "for it. Two to four years of full-stack work, TypeScript in production, and curiosity about data "
    "are what we look for; a farm background is a plus, never a requirement."
)
# A bilingual board posts the translation first, then the English original.
CHINESE_PART = "帮助我们构建种子交易平台背后的模型。你将训练排序和预测模型，并负责其在生产环境中的运行。"


def located(place: str, text: str = ROLE_TEXT) -> str:
    return f"📍 Working arrangement: {place} (Remote - work from anywhere in {place})\n{text}\nBased in {place}."


def posting(posting_id, title, location, description, company="Petalwise"):
    source, board, source_id = posting_id.split(":", 2)
    return {
        "posting_id": posting_id, "source": source, "board": board, "source_id": source_id,
        "company": company, "title": title, "location_raw": location, "location": location,
        "country": None, "description_text": description,
    }


def run(*rows, stats=None):
    frame = pl.DataFrame(list(rows), schema={k: POSTING_SCHEMA[k] for k in rows[0]})
    result = assign_canonical_ids(frame, stats=stats)
    return dict(zip(result["posting_id"], result["canonical_id"]))


# --- keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", [
    "Founding Data Scientist (Remote)",
    "Founding Data Scientist - London",
    "Founding Data Scientist (Remote, EU)",
    "Founding Data Scientist, Berlin",
    "Founding Data Scientist (US Based)",
    "Founding Data Scientist (Paris only)",
    "Founding Data Scientist (Indonesia, Remote - Global Hiring)",
    "Founding Data Scientist - Relocate to Europe",
    "创始数据科学家 Founding Data Scientist (Remote)",
    "創業データサイエンティスト (Founding Data Scientist) (Remote)",
    "창립 데이터 과학자 (Founding Data Scientist)",
    "Ведущий аналитик данных (Founding Data Scientist)",
])
def test_role_key_drops_places_and_translations(title):
    assert keys.role_key(title) == keys.role_key("Founding Data Scientist") == "data founding scientist"


@pytest.mark.parametrize("a,b", [
    ("Data Scientist", "Founding Data Scientist"),
    ("Data Scientist (Remote)", "Senior Data Scientist (Remote)"),
    ("Support Analyst (AMER)", "Support Analyst (AMER - Weekends)"),
    ("Data Scientist - UK Public Sector", "Data Scientist (Japan)"),
    ("Machine Learning Engineer (LLM)", "Machine Learning Engineer (Vision)"),
    ("机器学习工程师（大语言模型）Machine Learning Engineer (LLM)",
     "机器学习工程师（视觉）Machine Learning Engineer (Vision)"),
    ("Data Scientist, Growth - Lisbon", "Data Scientist, Payments - Lisbon"),
    ("Red Team Analyst - Spanish (Spain)", "Red Team Analyst - Spanish (Mexico)"),  # a locale of a language
])
def test_role_key_keeps_what_makes_another_role(a, b):
    assert keys.role_key(a) != keys.role_key(b)


def test_english_part_only_when_the_latin_words_name_a_role():
    assert keys.title_key("数据科学家 Data Scientist") == keys.title_key("Data Scientist")
    assert keys.title_key("AI 数据科学家") != keys.title_key("AI")  # no English role: the title stays whole
    assert keys.title_key("数据科学家") == "数据科学家"


def test_seniority_of_a_bilingual_title_reads_its_english_words():
    assert keys.seniority("高级数据科学家 (Senior Data Scientist)") == keys.seniority("Senior Data Scientist")
    assert keys.seniority("数据科学家 Data Scientist II") != keys.seniority("数据科学家 Data Scientist III")


def test_location_neutral_text_reads_the_same_for_two_places():
    assert keys.location_neutral(located("Thailand")) == keys.location_neutral(located("Malaysia"))
    neutral = keys.location_neutral("Location: London\nYou will work with our team in New York City and Lisbon.")
    assert neutral == "you will work with our team in place and place"
    assert keys.location_neutral("#LI-Remote\nSan Francisco, CA\nWe ship weekly.") == "we ship weekly"
    assert keys.location_neutral(None) is None


# --- matching -----------------------------------------------------------------------------------


def test_one_remote_role_in_many_places_is_one_job():
    stats = DedupStats()
    places = ["Indonesia", "Vietnam", "Singapore", "Germany", "United Kingdom"]
    result = run(
        *(posting(f"ashby:petalwise:{i}", "Founding Data Scientist (Remote)", place, located(place))
          for i, place in enumerate(places)),
        posting("ashby:petalwise:5", "Founding Data Scientist", "Malaysia", located("Malaysia")),  # hybrid HQ
        stats=stats,
    )
    assert set(result.values()) == {"ashby:petalwise:0"}
    assert stats.edges["variant"] >= 5


def test_bilingual_postings_join_the_english_one():
    result = run(
        posting("ashby:petalwise:en", "Founding Data Scientist (Remote)", "Germany", located("Germany")),
        posting("ashby:petalwise:zh", "创始数据科学家 Founding Data Scientist (Remote)", "China",
                CHINESE_PART + "\n" + located("China")),
        posting("ashby:petalwise:ja", "創業データサイエンティスト (Founding Data Scientist)", "Tokyo, Japan",
                "モデルを構築し、本番環境で運用します。\n" + located("Japan")),
    )
    assert set(result.values()) == {"ashby:petalwise:en"}


def test_a_translation_in_another_language_only_is_not_matched_on_the_title_alone():
    result = run(
        posting("ashby:petalwise:en", "Founding Data Scientist", "Germany", located("Germany")),
        posting("ashby:petalwise:zh", "创始数据科学家 Founding Data Scientist", "China", CHINESE_PART * 8),
    )
    assert len(set(result.values())) == 2


def test_one_title_over_two_different_ads_is_two_jobs():
    result = run(
        posting("ashby:petalwise:a", "Founding Data Scientist (Remote)", "Indonesia", located("Indonesia")),
        posting("ashby:petalwise:b", "Founding Data Scientist (Remote)", "Vietnam", located("Vietnam")),
        posting("ashby:petalwise:c", "Founding Data Scientist (Remote)", "Germany",
                located("Germany", OTHER_ROLE_TEXT)),
        posting("ashby:petalwise:d", "Founding Data Scientist (Remote)", "United States",
                located("United States", OTHER_ROLE_TEXT)),
    )
    assert result["ashby:petalwise:a"] == result["ashby:petalwise:b"]
    assert result["ashby:petalwise:c"] == result["ashby:petalwise:d"]
    assert result["ashby:petalwise:a"] != result["ashby:petalwise:c"]


@pytest.mark.parametrize("a,b", [
    ("Data Scientist (Remote)", "Senior Data Scientist (Remote)"),
    ("Data Scientist II - Berlin", "Data Scientist III - Lisbon"),
    ("Data Scientist", "Founding Data Scientist"),
    ("Data Scientist, Growth (Remote)", "Data Scientist, Payments (Remote)"),
    ("Machine Learning Engineer (LLM)", "Machine Learning Engineer (Vision)"),
    ("Support Analyst (EMEA)", "Support Analyst (AMER - Weekends)"),
    ("Red Team Analyst - Spanish (Spain)", "Red Team Analyst - Spanish (Mexico)"),
])
def test_hard_negatives_with_identical_text_stay_apart(a, b):
    result = run(
        posting("ashby:petalwise:a", a, "Berlin", located("Germany")),
        posting("ashby:petalwise:b", b, "Lisbon", located("Portugal")),
    )
    assert len(set(result.values())) == 2


def test_other_companies_and_feeds_are_left_to_the_other_rules():
    result = run(
        posting("ashby:petalwise:1", "Data Scientist", "Berlin", located("Germany")),
        posting("ashby:fernwave:1", "Data Scientist", "Lisbon", located("Portugal"), company="Fernwave"),
        # an HN comment re-posted for another country is a repost (compatible countries) or nothing
        posting("hn:whoishiring:1", "Data Scientist", "Berlin, Germany", located("Germany"), company="Cobalt Grid"),
        posting("hn:whoishiring:2", "Data Scientist", "Toronto, Canada", located("Canada"), company="Cobalt Grid"),
    )
    assert len(set(result.values())) == 4


def test_across_two_boards_of_one_company():
    result = run(
        posting("greenhouse:petalwise:1", "Founding Data Scientist - Berlin", "Berlin, Germany", located("Germany")),
        posting("lever:petalwise:2", "Founding Data Scientist (Remote)", "Toronto, Canada", located("Canada")),
    )
    assert set(result.values()) == {"greenhouse:petalwise:1"}
