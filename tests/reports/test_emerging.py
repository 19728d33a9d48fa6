"""reports.emerging: made-up posting texts only (invented tool names such as "zorblax" and "quuxdb")."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import polars as pl
import pytest

from reports.emerging import SCHEMA, emerging_terms, known_terms


def frame(*texts: str) -> pl.DataFrame:
    return pl.DataFrame({"job_id": list(range(len(texts))), "text": list(texts)},
                        schema={"job_id": pl.Int64, "text": pl.String})


def terms(result: pl.DataFrame) -> set[str]:
    return set(result.get_column("term").to_list())


def row(result: pl.DataFrame, term: str) -> dict:
    rows = result.filter(pl.col("term") == term).to_dicts()
    assert len(rows) == 1, f"{term!r} not in {sorted(terms(result))}"
    return rows[0]


EMPTY = frame()


def test_stopwords_generic_words_and_numbers_are_not_terms():
    texts = [f"We are looking for 5+ years of strong experience with Zorblax and the team in 2026 at $100k.\nJob {i}"
             for i in range(6)]
    result = emerging_terms(frame(*texts), EMPTY, set(), limit=100)
    found = terms(result)
    assert "zorblax" in found
    for noise in ("we", "the", "strong", "experience", "team", "years", "2026", "5+", "100k", "experience with zorblax",
                  "zorblax and the", "strong experience", "years of strong"):
        assert noise not in found
    # every term starts and ends with a content word; generic words may sit in the middle of a trigram
    assert all(t.split()[0] not in {"with", "and", "experience"} for t in found)


def test_middle_stopword_is_allowed_in_a_trigram():
    texts = [f"Knowledge of retrieval for ranking.\nJob {i}" for i in range(5)]
    assert "retrieval for ranking" in terms(emerging_terms(frame(*texts), EMPTY, set(), limit=100))


def test_known_terms_are_dropped_including_multi_word_aliases_and_plurals():
    known = {"pytorch", "tensorflow", "vector databases", "machine learning"}
    texts = [
        f"PyTorch Lightning on a vector database.\nMachine learning with PyTorch and TensorFlow.\nZorblax {i}"
        for i in range(5)
    ]
    found = terms(emerging_terms(frame(*texts), EMPTY, known, limit=100))
    for covered in ("pytorch", "tensorflow", "vector database", "vector", "machine", "learning", "machine learning",
                    "pytorch and tensorflow"):
        assert covered not in found
    # a known term plus a new word is a candidate (and subsumes "lightning", which always comes with it)
    assert "pytorch lightning" in found and "lightning" not in found
    assert "zorblax" in found


def test_known_term_with_a_slash_covers_its_pieces():
    texts = [f"Own the CI/CD for Quuxdb.\nRole {i}" for i in range(5)]
    found = terms(emerging_terms(frame(*texts), EMPTY, {"ci/cd"}, limit=100))
    assert "quuxdb" in found and "ci" not in found and "cd" not in found


def test_document_frequency_counts_a_term_once_per_posting():
    texts = ["Zorblax zorblax ZORBLAX.\nZorblax again: zorblax"] + [f"Zorblax once.\nJob {i}" for i in range(5)]
    texts.append("Nothing")
    result = emerging_terms(frame(*texts), EMPTY, set(), limit=100)
    got = row(result, "zorblax")
    assert got["n_docs"] == 6
    assert got["share"] == pytest.approx(6 / 7)


def test_min_docs_applies_to_the_current_period():
    texts = [f"Quuxdb here.\nJob {i}" for i in range(4)] + ["Something else"] * 6
    assert "quuxdb" not in terms(emerging_terms(frame(*texts), frame(*texts * 3), set(), min_docs=5))
    assert "quuxdb" in terms(emerging_terms(frame(*texts), EMPTY, set(), min_docs=4))


def test_rising_term_has_positive_change_and_significant_z():
    current = frame(*([f"Build agents with Zorblax.\nJob {i}" for i in range(40)] + ["Other words"] * 60))
    previous = frame(*([f"Zorblax maybe.\nJob {i}" for i in range(5)] + ["Other words"] * 95))
    result = emerging_terms(current, previous, set(), limit=100)
    got = row(result, "zorblax")
    assert (got["n_docs"], got["prev_n_docs"]) == (40, 5)
    assert got["share"] == pytest.approx(0.40) and got["prev_share"] == pytest.approx(0.05)
    assert got["change"] == pytest.approx(0.35)
    pooled = 45 / 200
    expected = 0.35 / math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 100))
    assert got["z"] == pytest.approx(expected) and got["z"] > 1.96
    # the phrase around it is counted too, but a phrase with a stopword inside does not hide the word
    assert row(result, "agents with zorblax")["prev_n_docs"] == 0


def test_z_is_zero_when_undefined_and_positive_for_a_new_term():
    current = frame(*(["Quuxdb and Zorblax"] * 10 + ["Quuxdb, other words"] * 10))
    previous = frame(*(["Quuxdb"] * 20))
    result = emerging_terms(current, previous, set(), min_docs=1, limit=100)
    assert row(result, "quuxdb")["z"] == 0.0  # pooled share 1: z undefined
    assert row(result, "zorblax")["change"] == pytest.approx(0.5) and row(result, "zorblax")["z"] > 1.96


def test_previous_period_empty_gives_zero_prev_share_and_z():
    got = row(emerging_terms(frame(*["Zorblax"] * 5), EMPTY, set()), "zorblax")
    assert (got["prev_n_docs"], got["prev_share"], got["z"]) == (0, 0.0, 0.0)
    assert got["change"] == pytest.approx(1.0)


def test_longest_informative_ngram_subsumes_its_parts():
    texts = [f"Ship a model context protocol server.\nJob {i}" for i in range(10)]
    texts += [f"The protocol matters.\nJob {i}" for i in range(30)]
    found = terms(emerging_terms(frame(*texts), EMPTY, set(), limit=100))
    assert "model context protocol" in found
    assert not {"model context", "context protocol", "model", "context"} & found
    # "protocol" occurs far more often on its own (40 postings vs 10), so it stays
    assert "protocol" in found


def test_terms_do_not_span_line_breaks_or_sentence_punctuation_but_keep_dotted_and_hyphenated_words():
    texts = [f"Use Quuxdb\nZorblax daily. Flimflam, Snorkel-ai; Grommet.js (Wibble) {i}" for i in range(5)]
    found = terms(emerging_terms(frame(*texts), EMPTY, set(), limit=100))
    assert {"quuxdb", "zorblax", "flimflam", "snorkel-ai", "grommet.js", "wibble"} <= found
    for joined in ("quuxdb zorblax", "zorblax flimflam", "flimflam snorkel-ai", "snorkel-ai grommet.js",
                   "grommet.js wibble"):
        assert joined not in found


def test_terms_do_not_run_from_one_posting_into_the_next():
    texts = ["Ends with Quuxdb", "Zorblax starts this"] * 5
    assert "quuxdb zorblax" not in terms(emerging_terms(frame(*texts), EMPTY, set(), limit=100))


def test_urls_and_emails_are_ignored():
    texts = [f"Zorblax role. Apply at https://careers.example.com/jobs/{i} or www.example.org, or mail jobs@example.com"
             for i in range(6)]
    found = terms(emerging_terms(frame(*texts), EMPTY, set(), limit=100))
    assert "zorblax" in found
    leaked = ("example", "careers", "http", "www", "com", "mail jobs")
    assert not [t for t in found if any(part in t for part in leaked)]


def test_sorted_by_docs_then_z_and_limited():
    current = frame(*(["Quuxdb"] * 10 + ["Flimflam"] * 6 + ["Wibble"] * 6 + ["Grommet"] * 3))
    previous = frame(*(["Quuxdb"] * 10 + ["Flimflam"] * 9 + ["Wibble"] * 3))
    result = emerging_terms(current, previous, set(), min_docs=3)
    assert result.schema == pl.Schema(SCHEMA)
    # equal n_docs: wibble rose, flimflam fell, so wibble comes first
    assert result.get_column("term").to_list() == ["quuxdb", "wibble", "flimflam", "grommet"]
    assert emerging_terms(current, previous, set(), min_docs=3, limit=2).get_column("term").to_list() == [
        "quuxdb", "wibble"]
    assert emerging_terms(current, previous, set(), min_docs=4).get_column("term").to_list()[-1] == "flimflam"


@pytest.mark.parametrize("current", [frame(), pl.DataFrame({"text": []}), frame("", None, "the and of")])
def test_empty_inputs_give_an_empty_frame_with_the_schema(current):
    result = emerging_terms(current, frame(), set(), min_docs=1)
    assert result.height == 0 and result.schema == pl.Schema(SCHEMA)


def test_previous_without_columns_is_fine():
    result = emerging_terms(frame(*["Zorblax"] * 5), pl.DataFrame(), set())
    assert terms(result) == {"zorblax"}


@dataclass
class FakeSkill:
    name: str
    aliases: tuple[str, ...] = ()
    aliases_cs: tuple[str, ...] = ()


@dataclass
class FakeTaxonomy:
    skills: list[FakeSkill] = field(default_factory=list)


def test_known_terms_on_a_fake_taxonomy():
    taxonomy = FakeTaxonomy([
        FakeSkill("Zorblax", ("zorblax", "zorblax  engine ")),
        FakeSkill("Go", ("golang",), ("Go",)),
        FakeSkill("Vector Databases", ("vector   db",)),
    ])
    assert known_terms(taxonomy) == {"zorblax", "zorblax engine", "go", "golang", "vector databases", "vector db"}


def test_known_terms_on_the_real_taxonomy():
    from flows.skills.taxonomy import load_taxonomy

    known = known_terms(load_taxonomy())
    assert {"pytorch", "scikit-learn"} <= known
    assert all(term == term.lower() and "  " not in term for term in known)
    # and they filter: a posting that only names known tools yields no candidates
    texts = ["PyTorch and scikit-learn"] * 5
    assert emerging_terms(frame(*texts), EMPTY, known).height == 0
