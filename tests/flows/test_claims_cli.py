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

import duckdb
import pytest

from flows.cli import main
from flows.config import Settings
from tests.warehouse.test_claims_scorecard import (
    EVIDENCE_WITH_QUOTES, G1, G2, HN_WEEK, LATEST_VERDICTS, QUOTE_WITH_QUOTES, W1, W2, clustered, main_claims, pid,
    salary_of, write_main_warehouse,
)

# The verdicts of the main warehouse's claims in its latest week (asserted view by view in the warehouse tests).
VERDICTS = LATEST_VERDICTS
ALL_IDS = sorted(VERDICTS)
POINT_OF = {c["claim_id"]: c["point_id"] for c in main_claims()}


def points(ids: list[str]) -> int:
    return len({POINT_OF[i] for i in ids})  # the CLI orders by doc, then claim_id: g001-* sort before g002-*
# In W1 the ML-engineer population has 10 jobs: only the trends, the AU and every-role segments are testable.
W1_COUNTS = {"not testable yet": 31, "supported": 2, "partly supported": 2, "contradicted": 1, "untestable": 1}

@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return write_main_warehouse(tmp_path_factory.mktemp("claims") / "home")


class StartsWith(str):
    """Equal to any string that starts with it (a line whose tail the CLI computes, like a p-value)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and other.startswith(str(self))

    __hash__ = str.__hash__


def run(capsys, home: Path, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), Settings(home=home))
    out, err = capsys.readouterr()
    return code, out, err


def interval(clusters: list[tuple[int, int]]) -> str:
    """The employer-clustered interval of a share, as the CLI prints it; clusters are (n_c, k_c) per employer."""
    st = clustered(clusters)
    return f"[{st['lo']:.3f}, {st['hi']:.3f}]"


def summary(line: str) -> tuple[str, dict[str, int]]:
    """'37 claims, week 2026-11-16: 15 supported, ...' -> ('37 claims, week 2026-11-16', {verdict: n})."""
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
    assert head == f"{len(ALL_IDS)} claims ({points(ALL_IDS)} points), week {W2}"
    assert counts == dict(Counter(VERDICTS.values()))
    python = next(r for r in rows if r.startswith("g001-python-essential "))
    assert re.split(r"\s{2,}", python) == [
        "g001-python-essential", "supported", "0.800", "share >= 0.50 (required)", "100", interval([(5, 4)] * 20),
        "Made-up quote for g001-python-essential."]
    salary = next(r for r in rows if r.startswith("g001-salary-150k "))
    assert re.split(r"\s{2,}", salary)[1:6] == ["partly supported", "149,500", "median 135,000 to 165,000", "60",
                                                "[127,000, 172,000]"]
    scala = next(r for r in rows if r.startswith("g001-scala-research "))  # one employer's 30 postings: a wide interval
    assert re.split(r"\s{2,}", scala)[1:6] == ["partly supported", "0.750", "share >= 0.50 (required)", "40",
                                               interval([(30, 30)] + [(1, 0)] * 10)]
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
                     "expected": "share <= 0.10 (required)", "n": "100", "ci95": interval([(5, 1)] * 2 + [(5, 0)] * 18),
                     "quote": QUOTE_WITH_QUOTES}
    compare = next(r for r in rows if r["claim_id"] == "g002-tensorflow-over-keras")
    assert (compare["verdict"], compare["observed"], compare["n"]) == ("not testable yet", "1.000", "2")


def test_list_json(home, capsys):
    code, out, _ = run(capsys, home, "claims", "list", "--format", "json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["claim_id"] for r in rows] == ALL_IDS
    row = next(r for r in rows if r["claim_id"] == "g001-python-over-java")
    st = clustered([(4, 4)] * 13 + [(1, 0)] * 7)  # 59 jobs name one side, 52 of them Python
    assert {k: row[k] for k in ("week", "doc", "guide_title", "topic", "stance", "subjects", "verdict", "n", "expected",
                                "segment", "test_kind", "test", "note", "point_id", "weeks_pooled", "n_employers",
                                "weighted_verdict", "verdict_flips")} == {
        "week": str(W2), "doc": G1, "guide_title": "Alpha guide", "topic": "language", "stance": "comparison",
        "subjects": ["python", "java"], "verdict": "supported", "n": 59,
        "expected": "more jobs name python than java (> 0.5 of those naming one)", "segment": "ML-engineer roles",
        "test_kind": "compare", "test": "share(python) > share(java)", "note": None, "point_id": "g001-p12",
        "weeks_pooled": 1, "n_employers": 20, "weighted_verdict": "partly supported", "verdict_flips": True}
    assert (row["observed"], row["ci_low"], row["ci_high"], row["design_effect"]) == (
        pytest.approx(52 / 59, abs=1e-12), pytest.approx(st["lo"], abs=1e-12), pytest.approx(st["hi"], abs=1e-12),
        pytest.approx(st["deff"], abs=1e-12))
    cobol = next(r for r in rows if r["claim_id"] == "g002-cobol-not-needed")
    assert cobol["quote"] == QUOTE_WITH_QUOTES
    interviews = next(r for r in rows if r["claim_id"] == "g002-interviews")
    assert (interviews["verdict"], interviews["explanation"], interviews["observed"]) == (
        "untestable", "Postings do not describe the interviews.", None)


def test_list_json_has_no_nan(home, capsys):
    # In HN_WEEK no job names Python or Java: the paired comparison has no observed share (NULL, not NaN).
    code, out, _ = run(capsys, home, "claims", "list", "--week", str(HN_WEEK), "--format", "json")
    assert code == 0 and "NaN" not in out
    rows = {r["claim_id"]: r for r in map(json.loads, out.splitlines())}
    assert (rows["g001-python-over-java"]["verdict"], rows["g001-python-over-java"]["n"],
            rows["g001-python-over-java"]["observed"]) == ("not testable yet", 0, None)


def test_list_by_guide_number_or_file_name(home, capsys):
    g1 = [i for i in ALL_IDS if i.startswith("g001-")]
    g2 = [i for i in ALL_IDS if i.startswith("g002-")]
    for guide, ids in (("002", g2), (G1, g1), ("00", [])):  # a number, a file name, not a guide's number
        code, out, _ = run(capsys, home, "claims", "list", "--guide", guide, "--format", "csv")
        assert code == 0
        assert [r["claim_id"] for r in csv.DictReader(io.StringIO(out))] == ids, guide
    code, out, _ = run(capsys, home, "claims", "list", "--guide", "001")
    head, counts = summary(out.splitlines()[-1])
    assert head == f"{len(g1)} claims ({points(g1)} points), week {W2}"
    assert counts == dict(Counter(VERDICTS[i] for i in g1))


@pytest.mark.parametrize("verdict", [
    "supported", "partly supported", "not testable yet", "untestable",
    "contradicted", "rarely asked for", "rarely stated",
])
def test_list_by_verdict(home, capsys, verdict):
    code, out, _ = run(capsys, home, "claims", "list", "--verdict", verdict, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["claim_id"] for r in rows] == [i for i in ALL_IDS if VERDICTS[i] == verdict]
    assert {r["verdict"] for r in rows} == {verdict}


def test_list_by_guide_and_verdict(home, capsys):
    code, out, _ = run(capsys, home, "claims", "list", "--guide", "002", "--verdict", "partly supported", "--format", "csv")
    assert code == 0
    assert [r["claim_id"] for r in csv.DictReader(io.StringIO(out))] == [
        "g002-langchain-falling", "g002-python-applied-au", "g002-spark-recommended"]


def test_list_unknown_verdict_is_a_usage_error(home, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["claims", "list", "--verdict", "maybe"], Settings(home=home))
    assert exit_info.value.code == 2
    assert "invalid choice: 'maybe'" in capsys.readouterr().err


def test_list_earlier_week(home, capsys):
    iso_year, iso_week, _ = W1.isocalendar()
    for week in (f"{iso_year}-W{iso_week:02d}", "2026-11-12"):  # an ISO week, a day in it
        code, out, _ = run(capsys, home, "claims", "list", "--week", week)
        assert code == 0, week
        head, counts = summary(out.splitlines()[-1])
        assert head == f"{len(ALL_IDS)} claims ({points(ALL_IDS)} points), week {W1}"
        assert counts == W1_COUNTS
    code, out, _ = run(capsys, home, "claims", "list", "--week", str(W1), "--format", "csv")
    python = next(r for r in csv.DictReader(io.StringIO(out)) if r["claim_id"] == "g001-python-essential")
    assert (python["verdict"], python["observed"], python["n"]) == ("not testable yet", "1.000", "10")


def test_list_week_without_jobs_and_bad_week(home, capsys):
    code, out, _ = run(capsys, home, "claims", "list", "--week", "2026-W40")
    assert code == 0
    assert out.splitlines()[0].split() == ["claim_id", "verdict", "observed", "expected", "n", "ci95", "quote"]
    assert out.splitlines()[1:3] == ["", "0 claims (0 points), week 2026-09-28: "]
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
    code, out, err = run(capsys, home, "claims", "show", "g002-cobol-not-needed", "--examples", "0")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"g002-cobol-not-needed  (Beta guide, {G2})",
        f"  “{QUOTE_WITH_QUOTES}”",
        "",
        "  stance    not-needed on cobol (language)",
        "  test      share <= 0.1   segment: ML-engineer roles",
        f"  point     {POINT_OF['g002-cobol-not-needed']}",
        "",
        f"  week {W2}: SUPPORTED — the 95 % interval lies inside what the guide expects",
        f"  observed  0.020  95% interval {interval([(5, 1)] * 2 + [(5, 0)] * 18)}  n=100",
        "  expected  share <= 0.10 (required)",
        "  clusters  20 employers, design effect 1.00 (the interval counts employers, not only postings)",
        # two employers' postings name COBOL: Wilson on 20 employers cannot put the share under the bar
        "  each employer once: 0.020 → partly supported  ← the verdict changes",
        StartsWith("  p = "),
        "  why       cobol required by 2.0% of 100 jobs (20 employers)",
    ]


def test_show_share_claim_examples(home, capsys):
    code, out, err = run(capsys, home, "claims", "show", "g002-cobol-not-needed")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    start = lines.index("  example postings:")
    assert lines[start - 1] == "" and lines[start - 2].startswith("  why       ")
    examples = ["\n".join(lines[i:i + 3]) for i in range(start + 1, len(lines), 3)]
    assert sorted(examples) == [
        f"  - {pid(i)}  {company} · ML Engineer\n      cobol: “{EVIDENCE_WITH_QUOTES}”\n      https://jobs.example.test/{i}"
        for i, company in ((0, "Aster Analytics"), (7, "Bramblecode"))]


def test_show_examples_roll_up_to_the_parent_skill(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g002-spark-recommended", "--examples", "100")
    assert code == 0
    postings = re.findall(r"^  - (\S+)  ", out, flags=re.M)
    # pyspark at employers 0..9, spark at 5..14, in each one's job j = 3
    assert sorted(postings) == sorted(pid(5 * e + 3) for e in range(15))
    # Employers 0..4 name only PySpark: their evidence is the PySpark line.
    block = out[out.index(f"  - {pid(3)}  "):].splitlines()
    assert block[1] == "      spark: “Experience with pyspark”"
    code, out, _ = run(capsys, home, "claims", "show", "g002-spark-recommended", "--examples", "2")
    assert len(re.findall(r"^  - ", out, flags=re.M)) == 2


def test_show_examples_zero(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g002-spark-recommended", "--examples", "0")
    assert code == 0 and "example postings" not in out


def test_show_median_claim(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g001-salary-150k", "--examples", "0")
    assert code == 0
    assert "  observed  149,500  95% interval [127,000, 172,000]  n=60\n  expected  median 135,000 to 165,000\n" in out
    assert ("  why       median salary $149,500 over 12 employers (each employer's median once);"
            " $149,500 over the 60 jobs stating it\n") in out


def test_show_median_claim_examples(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g001-salary-150k", "--examples", "100")
    assert code == 0
    examples = re.findall(r"^  - (\S+)  .*\n      salary: “(.*)”$", out, flags=re.M)
    assert sorted(p for p, _ in examples) == sorted(pid(i) for i in range(60))  # the 60 US jobs state a salary
    for posting, evidence in examples:
        i = int(posting.rsplit(":", 1)[1])
        low, high = (salary_of(i), salary_of(i)) if i == 59 else (salary_of(i) - 10000, salary_of(i) + 10000)
        assert evidence == f"${salary_of(i):,.0f} a year: USD {low:,.0f} to {high:,.0f} per year (structured)"


def test_show_untestable_claim(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g002-interviews")
    assert code == 0
    assert out.splitlines()[7:] == [f"  week {W2}: UNTESTABLE — postings cannot test this claim",
                                    "  why       Postings do not describe the interviews."]


def test_show_segment_claim_and_earlier_week(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g001-docker-us-mid", "--examples", "0")
    assert code == 0
    assert "  test      share >= 0.25   segment: country=US,seniority=mid\n" in out
    assert f"  observed  0.667  95% interval {interval([(3, 2)] * 12)}  n=36\n" in out
    code, out, _ = run(capsys, home, "claims", "show", "g001-python-essential", "--week", str(W1), "--examples", "0")
    assert code == 0
    assert (f"  week {W1}: NOT TESTABLE YET — too few jobs in the segment, even pooled over 13 weeks\n"
            f"  observed  1.000  95% interval {interval([(1, 1)] * 10)}  n=10, pooled over 13 weeks\n") in out


def test_show_segment_claim_examples(home, capsys):
    code, out, _ = run(capsys, home, "claims", "show", "g001-docker-us-mid", "--examples", "100")
    assert code == 0
    # US (employers 0..11), mid (j = 1..3), Docker (j = 0..2, any mention): j = 1, 2 at each of 12 employers
    assert sorted(re.findall(r"^  - (\S+)  ", out, flags=re.M)) == sorted(
        pid(5 * e + j) for e in range(12) for j in (1, 2))


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
