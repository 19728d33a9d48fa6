"""`jobtrends claims list | show | mentions` (flows/claims_cli.py).

The warehouse is the hand-built one of tests/warehouse/test_claims_scorecard.py (made-up postings and
guides); the guides' texts for ``mentions`` are tiny made-up files in a tmp folder.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from flows.cli import main
from flows.config import Settings
from tests.warehouse.test_claims_scorecard import (
    EVIDENCE_WITH_QUOTES, G1, G2, QUOTE_WITH_QUOTES, W1, W2, main_claims, pid, salary_of, wilson,
    write_main_warehouse,
)

# The verdicts of the main warehouse's claims in its latest week (asserted view by view in the
# warehouse tests).
VERDICTS = {
    "g001-python-essential": "supported", "g001-java-essential": "not supported", "g001-rust-essential": "partly supported",
    "g001-cobol-essential": "not supported", "g002-cobol-not-needed": "supported", "g002-java-not-needed": "not supported",
    "g001-python-java-each": "partly supported", "g001-python-spark-each": "supported", "g002-spark-essential": "supported",
    "g001-python-junior": "supported", "g001-python-us": "not testable yet", "g001-python-fr": "not testable yet",
    "g002-interviews": "untestable", "g001-python-over-java": "supported", "g002-java-over-python": "not supported",
    "g002-tensorflow-over-keras": "not testable yet", "g001-salary-150k": "supported",
    "g001-salary-under-100k": "not supported", "g002-salary-200k": "not supported",
    "g002-salary-150k-min": "partly supported", "g002-salary-us": "not testable yet", "g001-years-at-most-2": "not supported",
    "g002-degree-master": "supported",
}
ALL_IDS = sorted(VERDICTS)  # the CLI orders by doc, then claim_id: g001-* sort before g002-*


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return write_main_warehouse(tmp_path_factory.mktemp("claims") / "home")


def run(capsys, home: Path, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), Settings(home=home))
    out, err = capsys.readouterr()
    return code, out, err


def interval(k: int, n: int) -> str:
    low, high = wilson(k, n)
    return f"[{low:.3f}, {high:.3f}]"


def summary(line: str) -> tuple[str, dict[str, int]]:
    """'23 claims, week 2026-11-16: 8 supported, ...' -> ('23 claims, week 2026-11-16', {verdict: n})."""
    head, _, counts = line.partition(": ")
    return head, {v: int(n) for n, v in (part.split(" ", 1) for part in counts.split(", ") if part)}


def test_registry_matches_the_fixture():
    assert sorted(c["claim_id"] for c in main_claims()) == ALL_IDS


# --- list ---------------------------------------------------------------------------------------------


def test_list_table(home, capsys):
    code, out, err = run(capsys, home, "claims", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["claim_id", "verdict", "observed", "expected", "n", "ci95", "quote"]
    rows = lines[1:-2]
    assert [r.split()[0] for r in rows] == ALL_IDS
    assert lines[-2] == ""
    head, counts = summary(lines[-1])
    assert head == f"{len(ALL_IDS)} claims, week {W2}"
    assert counts == dict(Counter(VERDICTS.values()))
    python = next(r for r in rows if r.startswith("g001-python-essential "))
    assert re.split(r"\s{2,}", python) == [
        "g001-python-essential", "supported", "0.700", "share >= 0.50", "100", interval(70, 100),
        "Made-up quote for g001-python-essential."]
    salary = next(r for r in rows if r.startswith("g001-salary-150k "))
    assert re.split(r"\s{2,}", salary)[1:6] == ["supported", "149,500", "median 135,000 to 165,000", "40", "[142,000, 157,000]"]
    untestable = next(r for r in rows if r.startswith("g002-interviews "))
    assert re.split(r"\s{2,}", untestable)[1:5] == ["untestable", "—", "0", "—"]  # no expected, no interval
    # Columns are aligned: every verdict starts under the header's.
    column = lines[0].index("verdict")
    assert all(r[column - 2:column] == "  " and r[column] != " " for r in rows)


def test_list_csv(home, capsys):
    code, out, _ = run(capsys, home, "claims", "list", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["claim_id"] for r in rows] == ALL_IDS
    assert {r["claim_id"]: r["verdict"] for r in rows} == VERDICTS
    cobol = next(r for r in rows if r["claim_id"] == "g002-cobol-not-needed")
    assert cobol == {"claim_id": "g002-cobol-not-needed", "verdict": "supported", "observed": "0.020",
                     "expected": "share <= 0.10", "n": "100", "ci95": interval(2, 100), "quote": QUOTE_WITH_QUOTES}
    compare = next(r for r in rows if r["claim_id"] == "g002-tensorflow-over-keras")
    assert (compare["verdict"], compare["observed"], compare["n"]) == ("not testable yet", "1.000", "5")


def test_list_json(home, capsys):
    code, out, _ = run(capsys, home, "claims", "list", "--format", "json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["claim_id"] for r in rows] == ALL_IDS
    row = next(r for r in rows if r["claim_id"] == "g001-python-over-java")
    low, high = wilson(60, 80)
    assert {k: row[k] for k in ("week", "doc", "guide_title", "topic", "stance", "subjects", "verdict", "observed", "n",
                                "expected", "segment", "test_kind", "test", "note")} == {
        "week": str(W2), "doc": G1, "guide_title": "Alpha guide", "topic": "language", "stance": "comparison",
        "subjects": ["python", "java"], "verdict": "supported", "observed": 0.75, "n": 80,
        "expected": "more jobs name python than java (> 0.5 of those naming one)", "segment": "all ML-role jobs",
        "test_kind": "compare", "test": "share(python) > share(java)", "note": None}
    assert (row["ci_low"], row["ci_high"]) == (pytest.approx(low, abs=1e-12), pytest.approx(high, abs=1e-12))
    cobol = next(r for r in rows if r["claim_id"] == "g002-cobol-not-needed")
    assert cobol["quote"] == QUOTE_WITH_QUOTES
    interviews = next(r for r in rows if r["claim_id"] == "g002-interviews")
    assert (interviews["verdict"], interviews["explanation"], interviews["observed"]) == (
        "untestable", "Postings do not describe the interviews.", None)


def test_list_by_guide_number_or_file_name(home, capsys):
    g1 = [i for i in ALL_IDS if i.startswith("g001-")]
    g2 = [i for i in ALL_IDS if i.startswith("g002-")]
    for guide, ids in (("001", g1), (G1, g1), ("002", g2), (G2, g2), ("00", []), ("003", [])):
        code, out, _ = run(capsys, home, "claims", "list", "--guide", guide, "--format", "csv")
        assert code == 0
        assert [r["claim_id"] for r in csv.DictReader(io.StringIO(out))] == ids, guide
    code, out, _ = run(capsys, home, "claims", "list", "--guide", "001")
    head, counts = summary(out.splitlines()[-1])
    assert head == f"{len(g1)} claims, week {W2}"
    assert counts == dict(Counter(VERDICTS[i] for i in g1))


@pytest.mark.parametrize("verdict", ["supported", "not testable yet", "untestable", "partly supported"])
def test_list_by_verdict(home, capsys, verdict):
    code, out, _ = run(capsys, home, "claims", "list", "--verdict", verdict, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["claim_id"] for r in rows] == [i for i in ALL_IDS if VERDICTS[i] == verdict]
    assert {r["verdict"] for r in rows} == {verdict}


def test_list_by_guide_and_verdict(home, capsys):
    code, out, _ = run(capsys, home, "claims", "list", "--guide", "002", "--verdict", "not supported", "--format", "csv")
    assert code == 0
    assert [r["claim_id"] for r in csv.DictReader(io.StringIO(out))] == [
        "g002-java-not-needed", "g002-java-over-python", "g002-salary-200k"]


def test_list_unknown_verdict_is_a_usage_error(home, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["claims", "list", "--verdict", "maybe"], Settings(home=home))
    assert exit_info.value.code == 2
    assert "invalid choice: 'maybe'" in capsys.readouterr().err


def test_list_earlier_week(home, capsys):
    iso_year, iso_week, _ = W1.isocalendar()
    for week in (f"{iso_year}-W{iso_week:02d}", str(W1), "2026-11-12"):  # an ISO week, its Monday, a day in it
        code, out, _ = run(capsys, home, "claims", "list", "--week", week)
        assert code == 0, week
        head, counts = summary(out.splitlines()[-1])
        assert head == f"{len(ALL_IDS)} claims, week {W1}"
        assert counts == {"not testable yet": len(ALL_IDS) - 1, "untestable": 1}
    code, out, _ = run(capsys, home, "claims", "list", "--week", str(W1), "--format", "csv")
    python = next(r for r in csv.DictReader(io.StringIO(out)) if r["claim_id"] == "g001-python-essential")
    assert (python["verdict"], python["observed"], python["n"]) == ("not testable yet", "1.000", "10")


def test_list_week_without_jobs_and_bad_week(home, capsys):
    code, out, _ = run(capsys, home, "claims", "list", "--week", "2026-W40")
    assert code == 0
    assert out.splitlines()[0].split() == ["claim_id", "verdict", "observed", "expected", "n", "ci95", "quote"]
    assert out.splitlines()[1:3] == ["", "0 claims, week 2026-09-28: "]
    code, out, err = run(capsys, home, "claims", "list", "--week", "last week")
    assert (code, out) == (2, "")
    assert err == "jobtrends: --week must look like 2026-W47 or a date, got 'last week'\n"


def test_no_warehouse(tmp_path, capsys):
    for argv in (("claims", "list"), ("claims", "show", "g001-python-essential")):
        code, out, err = run(capsys, tmp_path / "empty", *argv)
        assert (code, out) == (2, "")
        assert err == (f"jobtrends: no warehouse at {tmp_path / 'empty' / 'warehouse.duckdb'}:"
                       " run `jobtrends demo` or `jobtrends run` first\n")


def test_home_option(home, tmp_path, capsys):
    code = main(["claims", "list", "--home", str(home), "--format", "csv"], Settings(home=tmp_path / "elsewhere"))
    assert code == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out)))) == len(ALL_IDS)


# --- show ---------------------------------------------------------------------------------------------


def test_show_share_claim(home, capsys):
    code, out, err = run(capsys, home, "claims", "show", "g002-cobol-not-needed")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:11] == [
        f"g002-cobol-not-needed  (Beta guide, {G2})",
        f"  “{QUOTE_WITH_QUOTES}”",
        "",
        "  stance    not-needed on cobol (language)",
        "  test      share <= 0.1   segment: all ML-role jobs",
        "",
        f"  week {W2}: SUPPORTED",
        f"  observed  0.020  95% interval {interval(2, 100)}  n=100",
        "  expected  share <= 0.10",
        "  why       cobol 2.0% of 100 jobs",
        "",
    ]
    assert lines[11] == "  example postings:"
    examples = ["\n".join(lines[i:i + 3]) for i in range(12, len(lines), 3)]
    assert sorted(examples) == [
        f"  - {pid(i)}  Acme Widgets · ML Engineer\n      cobol: “{EVIDENCE_WITH_QUOTES}”\n      https://jobs.example.test/{i}"
        for i in (98, 99)]


def test_show_examples_roll_up_to_the_parent_skill(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g002-spark-essential", "--examples", "100")
    assert code == 0
    postings = re.findall(r"^  - (\S+)  ", out, flags=re.M)
    assert sorted(postings) == sorted(pid(i) for i in range(65))  # pyspark 0..39, spark 30..64; job 000 once
    # Jobs 0..29 name only PySpark: their evidence is the PySpark line.
    block = out[out.index(f"  - {pid(0)}  "):].splitlines()
    assert block[1] == "      spark: “Experience with pyspark”"
    code, out, _ = run(capsys, home, "claims", "show", "g002-spark-essential", "--examples", "2")
    assert len(re.findall(r"^  - ", out, flags=re.M)) == 2
    code, out, _ = run(capsys, home, "claims", "show", "g002-spark-essential", "--examples", "0")
    assert "example postings" not in out


def test_show_median_claim(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g001-salary-150k", "--examples", "100")
    assert code == 0
    assert "  observed  149,500  95% interval [142,000, 157,000]  n=40\n  expected  median 135,000 to 165,000\n" in out
    assert "  why       median salary $149,500 of 40 jobs stating it (100 in the segment)\n" in out
    examples = re.findall(r"^  - (\S+)  .*\n      salary: “(.*)”$", out, flags=re.M)
    assert sorted(p for p, _ in examples) == sorted(pid(i) for i in range(50, 90))  # the 40 that state a salary
    for posting, evidence in examples:
        i = int(posting.rsplit(":", 1)[1])
        low, high = (salary_of(i), salary_of(i)) if i == 89 else (salary_of(i) - 10000, salary_of(i) + 10000)
        assert evidence == f"${salary_of(i):,.0f} a year: USD {low:,.0f} to {high:,.0f} per year (structured)"


def test_show_untestable_claim(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g002-interviews")
    assert code == 0
    assert out.splitlines()[6:] == [f"  week {W2}: UNTESTABLE", "  why       Postings do not describe the interviews."]


def test_show_segment_claim_and_earlier_week(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g001-python-junior", "--examples", "100")
    assert code == 0
    assert "  test      share >= 0.5   segment: seniority=junior\n" in out
    assert f"  observed  0.700  95% interval {interval(35, 50)}  n=50\n" in out
    assert sorted(re.findall(r"^  - (\S+)  ", out, flags=re.M)) == sorted(pid(i) for i in range(0, 70, 2))
    code, out, _ = run(capsys, home, "claims", "show", "g001-python-essential", "--week", str(W1))
    assert code == 0
    assert f"  week {W1}: NOT TESTABLE YET\n  observed  1.000  95% interval {interval(10, 10)}  n=10\n" in out


def test_show_unknown_claim_and_week_without_jobs(home, capsys):
    code, out, err = run(capsys, home, "claims", "show", "g999-nope")
    assert (code, out) == (2, "")
    assert err == "jobtrends: no claim 'g999-nope' (see `jobtrends claims list`)\n"
    code, out, err = run(capsys, home, "claims", "show", "g001-python-essential", "--week", "2026-W40")
    assert (code, out) == (2, "")
    assert err == "jobtrends: no scorecard for week 2026-09-28: no ML-role postings loaded that week\n"


def test_show_claim_id_is_a_parameter(home, capsys):
    code, out, err = run(capsys, home, "claims", "show", "x' OR '1'='1")
    assert (code, out) == (2, "")
    assert err == "jobtrends: no claim \"x' OR '1'='1\" (see `jobtrends claims list`)\n"


# --- mentions -----------------------------------------------------------------------------------------

GUIDES = {
    "001_tiny.txt": "Learn Python first. Then PyTorch.\nPython again, and SQL.\n",
    "002_other.txt": "Kubernetes and Rust.\nKubernetes, \"k8s\" and Docker; don't skip it.\n",
}


@pytest.fixture
def seeds(tmp_path, monkeypatch):
    import warehouse.reference

    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, text in GUIDES.items():
        (folder / name).write_text(text, encoding="utf-8")
    guides = [{"doc": name, "title": name, "site": None, "year": None, "author": None} for name in GUIDES]
    monkeypatch.setattr(warehouse.reference, "load_claims", lambda *a, **k: (guides, []))
    monkeypatch.setattr(warehouse.reference, "GUIDE_MENTIONS_FILE", tmp_path / "guide_mentions.csv")
    return folder


def expected_csv() -> str:
    from flows.skills.taxonomy import load_taxonomy

    v = load_taxonomy().version
    return (
        "doc,skill,mentions,taxonomy_version\n"
        f"001_tiny.txt,python,2,{v}\n001_tiny.txt,pytorch,1,{v}\n001_tiny.txt,sql,1,{v}\n"
        f"002_other.txt,docker,1,{v}\n002_other.txt,kubernetes,3,{v}\n002_other.txt,rust,1,{v}\n"
    )


def test_mentions_writes_and_checks(seeds, tmp_path, capsys):
    target = tmp_path / "guide_mentions.csv"
    code, out, _ = run(capsys, tmp_path, "claims", "mentions", "--seeds", str(seeds), "--check")
    assert code == 1 and not target.exists()  # no file yet: out of date
    code, out, err = run(capsys, tmp_path, "claims", "mentions", "--seeds", str(seeds))
    assert (code, out, err) == (0, f"wrote {target} (6 rows)\n", "")
    assert target.read_text(encoding="utf-8") == expected_csv()
    code, out, err = run(capsys, tmp_path, "claims", "mentions", "--seeds", str(seeds), "--check")
    assert (code, out, err) == (0, "guide_mentions.csv is current\n", "")


def test_mentions_check_stale_file(seeds, tmp_path, capsys):
    target = tmp_path / "guide_mentions.csv"
    stale = expected_csv().replace("python,2,", "python,3,")
    target.write_text(stale, encoding="utf-8")
    code, out, err = run(capsys, tmp_path, "claims", "mentions", "--seeds", str(seeds), "--check")
    assert (code, out) == (1, "")
    assert err == "jobtrends: guide_mentions.csv is out of date: run `jobtrends claims mentions`\n"
    assert target.read_text(encoding="utf-8") == stale  # --check never writes


def test_mentions_missing_guide_or_folder(seeds, tmp_path, capsys):
    (seeds / "002_other.txt").unlink()
    code, out, err = run(capsys, tmp_path, "claims", "mentions", "--seeds", str(seeds))
    assert (code, out) == (2, "")
    assert err == f"jobtrends: guide 002_other.txt is not in {seeds}\n"
    assert not (tmp_path / "guide_mentions.csv").exists()
    code, out, err = run(capsys, tmp_path, "claims", "mentions", "--seeds", str(tmp_path / "nowhere"))
    assert (code, out) == (2, "")
    assert err == f"jobtrends: no guides folder at {tmp_path / 'nowhere'} (give --seeds)\n"


def test_an_empty_warehouse_has_no_verdicts_yet(tmp_path, capsys):
    from warehouse import db

    with db.write_window(tmp_path):
        pass  # migrated and modelled, nothing loaded
    settings = Settings().with_overrides(home=tmp_path)
    assert main(["claims", "list"], settings=settings) == 2
    assert "no ML-role postings loaded yet" in capsys.readouterr().err
