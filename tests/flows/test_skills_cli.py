"""`jobtrends skills list | extract | explain` (flows/skills_cli.py). The postings here are made up."""

from __future__ import annotations

import io
import json

import pytest

from flows.cli import main
from flows.skills.taxonomy import CATEGORIES
from warehouse import db

POSTING = """\

Senior Machine Learning Engineer
About us
Kitewise forecasts wind for kite festivals. Our backend is written in Haskell.
What you'll do
- Train and ship forecasting models with PyTorch on Kubernetes
Requirements
- 4+ years of experience with Python and SQL
- Bachelor's degree in CS or equivalent practical experience
Nice to have
- Experience with Terraform
Benefits
- Salary $140,000 - $175,000 per year
- We run on AWS credits and free snacks
"""

HTML = (
    "<h2>Data Scientist</h2><p>Join our tiny team of puzzle makers.</p>"
    "<h3>Requirements</h3><ul><li>Pandas &amp; scikit-learn</li><li>MSc in statistics</li></ul>"
)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def skills_of(record: dict) -> dict[str, str]:
    return {s["skill"]: s["level"] for s in record["skills"]}


# --- list ----------------------------------------------------------------------------------------------


def test_list_table(capsys):
    code, out, _ = run(capsys, "skills", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("# taxonomy ") and lines[0].split(":")[1].split()[1] == "skills"
    count = int(lines[0].split(":")[1].split()[0])
    assert count >= 400 and len(lines) == count + 2
    assert lines[1].split() == ["id", "name", "category", "parent", "aliases"]
    python = next(line for line in lines if line.startswith("python "))
    assert "language" in python and "python3" in python
    # Columns are aligned: every row has its category where the header has it.
    column = lines[1].index("category")
    assert all(line[column - 2:column] == "  " for line in lines[2:])
    assert max(len(line) for line in lines) < 200  # aliases truncated


def test_list_json_and_category(capsys):
    code, out, _ = run(capsys, "skills", "list", "--format", "json")
    assert code == 0
    skills = json.loads(out)
    assert len(skills) >= 400
    assert {s["category"] for s in skills} <= set(CATEGORIES)
    assert set(skills[0]) == {"id", "name", "category", "parent", "aliases", "aliases_cs", "patterns"}
    ids = {s["id"] for s in skills}
    assert {"python", "pytorch", "kubernetes"} <= ids
    assert all(s["parent"] is None or s["parent"] in ids for s in skills)

    code, out, _ = run(capsys, "skills", "list", "--format", "json", "--category", "cloud")
    cloud = json.loads(out)
    assert code == 0 and cloud and {s["category"] for s in cloud} == {"cloud"}
    code, out, _ = run(capsys, "skills", "list", "--category", "cloud")
    assert code == 0 and f"{len(cloud)} skills in category cloud" in out.splitlines()[0]

    code, _, err = run(capsys, "skills", "list", "--category", "astrology")
    assert code == 2 and "unknown category" in err and "ml-library" in err


# --- extract -------------------------------------------------------------------------------------------


def test_extract_file(tmp_path, capsys):
    path = tmp_path / "kitewise.txt"
    path.write_text(POSTING, encoding="utf-8")
    code, out, _ = run(capsys, "skills", "extract", str(path))
    assert code == 0
    [line] = out.splitlines()
    record = json.loads(line)
    assert record["id"] == "kitewise.txt"
    found = skills_of(record)
    assert found["python"] == found["pytorch"] == found["kubernetes"] == found["sql"] == "required"
    assert found["terraform"] == "preferred"
    assert "haskell" not in found and "aws" not in found  # company blurb and benefits do not count
    assert found["machine-learning"] == "required"  # from the title (the first non-empty line)
    python = next(s for s in record["skills"] if s["skill"] == "python")
    assert python["category"] == "language" and "Python and SQL" in python["evidence"]
    assert record["degree_min"] == "bachelor" and record["degree_or_equivalent"] is True
    assert record["years_min"] == 4
    assert record["salary"] == {"min": 140000, "max": 175000, "currency": "USD", "period": "year"}
    assert list(record) == ["id", "skills", "degree_min", "degree_or_equivalent", "years_min", "salary"]


def test_extract_html_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(HTML))
    code, out, _ = run(capsys, "skills", "extract")
    assert code == 0
    record = json.loads(out)
    assert record["id"] is None
    # The title "Data Scientist" names the field itself (data-science); "MSc in statistics" is the degree's
    # field (degree facet), not the statistics skill.
    assert skills_of(record) == {"data-science": "required", "pandas": "required", "scikit-learn": "required"}
    pandas = next(s for s in record["skills"] if s["skill"] == "pandas")
    assert pandas["evidence"] == "- Pandas & scikit-learn"  # HTML converted, entities decoded
    assert record["degree_min"] == "master" and record["salary"] is None

    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    code, out, _ = run(capsys, "skills", "extract", "-")
    assert code == 0
    assert json.loads(out) == {"id": None, "skills": [], "degree_min": "unspecified",
                               "degree_or_equivalent": False, "years_min": None, "salary": None}


def test_extract_missing_file(tmp_path, capsys):
    code, out, err = run(capsys, "skills", "extract", str(tmp_path / "nope.txt"))
    assert code == 2 and out == "" and "cannot read" in err


def test_extract_jsonl_reports_a_bad_line_and_goes_on(tmp_path, capsys):
    path = tmp_path / "postings.jsonl"
    path.write_text(
        json.dumps({"id": "p1", "text": "ML Engineer\nWe need Python and Airflow."}) + "\n"
        + '{"id": "p2", "text": "Data Engineer\n\n'  # broken: the string never ends
        + "\n"  # blank lines are skipped
        + json.dumps({"id": 3, "title": "Analytics Engineer", "text": "<p>SQL and dbt; 3+ years of experience.</p>"}) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "skills", "extract", "--jsonl", str(path))
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["id"] == "p1" and set(skills_of(first)) == {"python", "airflow", "machine-learning"}
    assert second["id"] == 3 and set(skills_of(second)) >= {"sql", "dbt"} and second["years_min"] == 3
    assert "line 2" in err and "not valid JSON" in err
    assert "line 3" not in err and "line 4" not in err


def test_extract_jsonl_from_stdin_matches_single_extract(monkeypatch, capsys):
    rows = [{"id": "a", "text": POSTING}, {"id": "b", "text": HTML}, {"id": "c", "text": ""}]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(json.dumps(r) + "\n" for r in rows)))
    code, out, err = run(capsys, "skills", "extract", "--jsonl", "-")
    assert code == 0 and err == ""
    batch = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in batch] == ["a", "b", "c"]
    for row, record in zip(rows, batch):
        monkeypatch.setattr("sys.stdin", io.StringIO(row["text"]))
        assert main(["skills", "extract"]) == 0
        single = json.loads(capsys.readouterr().out)
        assert {**single, "id": row["id"]} == record


def test_extract_jsonl_field_errors(monkeypatch, capsys):
    lines = ['[1, 2]', '{"id": "x"}', '{"id": "y", "text": 5}', '{"id": "z", "text": "Python"}']
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, err = run(capsys, "skills", "extract", "--jsonl")
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["z"]
    assert "line 1" in err and "line 2" in err and 'no "text"' in err and "line 3" in err


def test_extract_jsonl_lines_are_the_bytes_json_dumps_writes():
    """The output lines are encoded in bulk; they must be what ``json.dumps`` wrote per record: quotes,
    backslashes, control characters, non-ASCII text and odd ids included."""
    from flows.skills import SkillExtractor, load_taxonomy
    from flows.skills_cli import extract_json_lines, extract_many

    extractor = SkillExtractor(load_taxonomy())
    postings = [
        ("1", "p\"1", "ML Engineer", 'Requirements\n- 3+ years of "Python" \\ SQL\n- Docker\tand\x01Kubernetes'),
        ("2", 7, "Data Scientist", "Requirements\n- Pandas — scikit-learn, naïve Bayes 😀\u2028\n- Salary €60,000 - €70,000 a year"),
        ("3", None, "", ""),
        ("4", 2.5, "Analyst", "Nice to have\n- Tableau\n- Bachelor's degree or equivalent experience"),
        ("5", True, "Engineer", "We pay $45.50 - $60.25 per hour. Requirements: Rust and Go"),
    ]
    expected = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in extract_many(extractor, postings))
    assert extract_json_lines(extractor, postings) == expected
    assert '\\"Python\\"' in expected and "😀" in expected  # the examples do reach the escaping
    assert extract_json_lines(extractor, []) == ""


def test_extract_jsonl_keeps_input_order_across_chunks(monkeypatch, capsys):
    """Chunks are extracted while the next one is read: output still follows the input, line for line."""
    monkeypatch.setattr("flows.skills_cli.JSONL_CHUNK", 2)
    texts = ["Python", "SQL and dbt", "not json", "Rust", "", "Kubernetes", "Go and Docker"]
    lines = [json.dumps({"id": i, "text": t}) if t != "not json" else "{oops" for i, t in enumerate(texts)]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, err = run(capsys, "skills", "extract", "--jsonl")
    assert code == 1 and "line 3" in err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [0, 1, 3, 4, 5, 6]
    assert "python" in skills_of(records[0]) and "kubernetes" in skills_of(records[4])


def test_extract_jsonl_reads_what_only_the_standard_reader_accepts(monkeypatch, capsys):
    lines = ['{"id": NaN, "text": "Python"}', '{"id": 123456789012345678901234567890, "text": "SQL"}',
             '\x0c{"id": "ff", "text": "Rust"}', '{"id": "bad", "text": "x"']
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, err = run(capsys, "skills", "extract", "--jsonl")
    assert code == 1
    assert out.splitlines()[0].startswith('{"id": NaN, ')
    assert [json.loads(line)["id"] for line in out.splitlines()[1:]] == [123456789012345678901234567890, "ff"]
    assert "line 4" in err and "not valid JSON" in err and "line 1" not in err


# --- explain -------------------------------------------------------------------------------------------


@pytest.fixture
def home(tmp_path):
    """A warehouse holding one made-up posting."""
    with db.write_window(tmp_path) as con:
        con.execute(
            "INSERT INTO posting_content (content_hash, title, description_html, description_text) VALUES (?, ?, ?, ?)",
            ["h1", "Senior Machine Learning Engineer", None, POSTING.split("\n", 2)[2]],
        )
        con.execute(
            "INSERT INTO sightings (week, run_id, run_date, posting_id, source, board, source_id, company, title,"
            " remote, role_family, is_ml_role, seniority, content_hash)"
            " VALUES (DATE '2026-11-16', 'r1', DATE '2026-11-16', ?, 'greenhouse', 'kitewise', '101', 'Kitewise',"
            " 'Senior Machine Learning Engineer', 'no', 'ml-engineer', true, 'senior', 'h1')",
            ["greenhouse:kitewise:101"],
        )
    return tmp_path


def test_explain(home, capsys):
    code, out, err = run(capsys, "skills", "explain", "greenhouse:kitewise:101", "--home", str(home))
    assert code == 0, err
    assert out.startswith("greenhouse:kitewise:101: Senior Machine Learning Engineer — Kitewise")
    sections = out.split("\nSections")[1].split("\nSkills")[0]
    assert "company" in sections and "not counted" in sections
    benefits = next(line for line in sections.splitlines() if "benefits" in line)
    assert benefits.split()[:2] == ["lines", "10-12"] and "(not counted)" in benefits
    skills = out.split("\nSkills")[1].split("\nFacets")[0]
    python = next(line for line in skills.splitlines() if line.strip().startswith("python "))
    assert python.split() == ["python", "language", "required"]
    assert "L6  - 4+ years of experience with Python and SQL" in skills  # line 6 of the description
    assert "terraform" in skills and "[preferred]" in skills
    assert "haskell" not in skills and "aws" not in skills
    facets = out.split("\nFacets")[1]
    assert "bachelor (or equivalent experience)" in facets and "140,000–175,000 USD per year" in facets
    assert "years_min   4" in facets

    code, out, _ = run(capsys, "skills", "explain", "greenhouse:kitewise:101", "--home", str(home), "--lines")
    assert code == 0 and "\nLines" in out and "Haskell" in out.split("\nLines")[1]


def test_explain_unknown_posting(home, capsys):
    code, out, err = run(capsys, "skills", "explain", "greenhouse:kitewise:999", "--home", str(home))
    assert code == 2 and out == ""
    assert "no posting 'greenhouse:kitewise:999'" in err
    code, _, err = run(capsys, "skills", "explain", "kitewise", "--home", str(home))
    assert code == 2 and "did you mean: greenhouse:kitewise:101" in err
    code, _, err = run(capsys, "skills", "explain", "x", "--home", str(home / "missing"))
    assert code == 2 and "no warehouse" in err
