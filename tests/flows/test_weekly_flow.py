"""The weekly flow end to end: real spiders (subprocesses) against the replay server, real warehouse."""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import date

import pytest

from crawlers.parsers import parser_for
from crawlers.replay import boards_in, snapshots
from crawlers.replay.server import ReplayServer
from crawlers.spiders.hn import hiring_month
from flows import journal
from flows.cli import main as cli_main
from flows.config import Settings
from flows.demo import SAMPLE_DIR
from flows.weekly import weekly
from warehouse import db

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_api")]


COUNTS = ("select (select count(*) from sightings), (select count(*) from posting_skills),"
          " (select sum(n_with_skill) from skill_demand_weekly), (select count(*) from posting_facets)")


def postings_in(snapshot) -> int:
    """How many postings a snapshot holds, by the parsers alone (the oracle for what the flow loads)."""
    total = 0
    for source in ("greenhouse", "lever", "ashby", "remoteok", "remotive"):
        for file in sorted((snapshot / source).glob("*.json")):
            total += len(parser_for(source)(file.read_text(encoding="utf-8"), file.stem).records)
    for page in sorted(snapshot.glob("jsonld/*/*.html")):
        total += len(parser_for("jsonld")(page.read_text(encoding="utf-8"), page.parent.name).records)
    items = [json.loads(f.read_text(encoding="utf-8")) for f in sorted(snapshot.glob("hn/item/*.json"))]
    stories = {i["id"]: i for i in items if i and i.get("type") == "story" and hiring_month(i.get("title") or "")}
    for item in items:
        if item and item.get("parent") in stories:
            story = stories[item["parent"]]
            context = {"story_id": story["id"], "story_title": story["title"], "story_time": story["time"]}
            total += len(parser_for("hn")(json.dumps(item), "whoishiring", context).records)
    return total


def q(home, sql):
    with db.connect_read(home) as con:
        return con.execute(sql).fetchall()



def test_demo_loads_every_snapshot_of_the_sample(sample_home):
    home, results = sample_home
    found = snapshots(SAMPLE_DIR)
    assert len(results) == len(found) >= 4
    weeks = [w for (w,) in q(home, "select distinct week from sightings order by 1")]
    assert len(weeks) == len(found)
    per_week = dict(q(home, "select week, count(*) from sightings group by 1"))
    for (snapshot_date, path), result in zip(found, results):
        assert result["postings"] == postings_in(path) == per_week[snapshot_date]
        assert result["failed_boards"] == []
    sources = {s for (s,) in q(home, "select distinct source from postings")}
    assert sources == {"greenhouse", "lever", "ashby", "hn", "jsonld", "remoteok", "remotive"}
    assert q(home, "select count(*) from postings")[0][0] >= 40
    assert q(home, "select count(*) from check_duplicate_postings")[0][0] == 0
    assert q(home, "select count(*) from check_null_keys")[0][0] == 0
    # The flow stores each new version's facets with its skills: nothing is left for extract_missing.
    assert all(result["backfilled"] == 0 for result in results)
    assert q(home, "select count(*) from posting_content anti join stg_current_facets using (content_hash)")[0][0] == 0


def test_demo_postings_appear_and_disappear(sample_home):
    home, _ = sample_home
    first_week, last_week = q(home, "select min(run_date), max(run_date) from sightings")[0]
    appeared = q(home, f"select count(*) from postings where first_seen > '{first_week}'")[0][0]
    closed = q(home, f"select count(*) from postings where last_seen < '{last_week}'")[0][0]
    assert appeared > 0 and closed > 0


def test_demo_skill_demand_and_evidence(sample_home):
    home, _ = sample_home
    top = q(home, "select skill, share from skill_demand_weekly where week = (select max(week) from sightings) order by share desc limit 5")
    assert top and all(0 < share <= 1 for _, share in top)
    assert q(home, "select count(*) from posting_skills where evidence is null or evidence = ''")[0][0] == 0
    levels = {level for (level,) in q(home, "select distinct level from posting_skills")}
    assert levels == {"required", "preferred"}


def test_demo_lands_raw_responses_unchanged(sample_home):
    home, _ = sample_home
    raw_files = sorted(home.glob("raw/*/*/ashby.jsonl.gz"))
    assert raw_files
    with gzip.open(raw_files[0], "rt", encoding="utf-8") as handle:
        line = json.loads(handle.readline())
    served = (SAMPLE_DIR / raw_files[0].parts[-3] / "ashby" / f"{line['board']}.json").read_text(encoding="utf-8")
    assert line["body"] == served and line["status"] == 200


def test_demo_report_is_marked_as_sample(sample_home):
    home, results = sample_home
    page = (home / "reports").glob("*/index.html")
    pages = sorted(page)
    assert len(pages) == len(results)
    text = pages[-1].read_text(encoding="utf-8")
    assert "SAMPLE DATA" in text and "vegaEmbed(" in text and "https://cdn" not in text


def test_rerunning_a_week_does_not_double_count(sample_home, tmp_path):
    home, _ = sample_home
    work = tmp_path / "home"
    shutil.copytree(home, work, ignore=shutil.ignore_patterns("raw", "reports"))
    before = q(work, COUNTS)
    snapshot_date, path = snapshots(SAMPLE_DIR)[-1]
    with ReplayServer(path) as server:
        result = weekly(home=str(work), run_date=snapshot_date, api_base_url=server.url, boards=boards_in(path), dataset="sample")
    assert result["extracted"] == 0  # every posting version was extracted before
    assert q(work, COUNTS) == before


def test_failing_board_and_bad_body_are_recorded_and_the_run_goes_on(tmp_path, fixture_text):
    root = tmp_path / "replay"
    for ats, name, board in (("greenhouse", "greenhouse_acme.json", "acme"), ("ashby", "ashby_nimbus.json", "nimbus")):
        (root / ats).mkdir(parents=True, exist_ok=True)
        (root / ats / f"{board}.json").write_text(fixture_text(f"api/{name}"), encoding="utf-8")
    (root / "lever").mkdir()
    (root / "lever" / "broken.json").write_text("<html>we are down</html>", encoding="utf-8")
    boards = boards_in(root)
    boards["greenhouse"].append("vanished")
    with ReplayServer(root) as server:
        result = weekly(home=str(tmp_path / "home"), run_date=date(2026, 11, 18), api_base_url=server.url, boards=boards)
    home = tmp_path / "home"
    status = {(s, b): (st, err) for s, b, st, err in q(home, "select source, board, status, error from crawl_runs")}
    assert status[("greenhouse", "acme")][0] == "ok"
    assert status[("greenhouse", "vanished")] == ("failed", "HTTP 404")
    assert status[("lever", "broken")][0] == "failed" and "unparseable" in status[("lever", "broken")][1]
    reasons = sorted(r for (r,) in q(home, "select reason from quarantined_records"))
    assert reasons == ["missing title", "posting is not a JSON object", "unparseable body: body is not JSON: Expecting value: line 1 column 1 (char 0)"]
    assert result["postings"] == 4
    assert q(home, "select week from sightings limit 1")[0][0] == date(2026, 11, 16)
    # Called directly the flow returns its summary; in Prefect the run is Completed, named Degraded.
    assert state_of_latest_weekly_run() == ("COMPLETED", "Degraded", "2 boards failed, 0 volume drops")
    assert [r["status"] for r in journal.read_runs(journal.journal_path(home / "state"))] == ["degraded"]


def test_a_run_that_raises_is_failed_in_prefect_and_in_the_journal(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[board]]\nats = "nosuchats"\ntoken = "x"\ncompany = "X"\n', encoding="utf-8")
    home = tmp_path / "home"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JOBTRENDS_SOURCES_FILE", str(sources))
        state = weekly(home=str(home), run_date=date(2026, 11, 18), return_state=True)
    assert state.is_failed()
    (run,) = journal.read_runs(journal.journal_path(home / "state"))
    assert run["status"] == "failed" and "nosuchats" in run["error"] and run["week"] == date(2026, 11, 16)
    assert not db.warehouse_path(home).exists()  # nothing loaded: the journal is the only record


def state_of_latest_weekly_run() -> tuple[str, str, str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        (flow_run,) = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["weekly"])), sort=FlowRunSort.START_TIME_DESC, limit=1,
        )
    return flow_run.state.type.value, flow_run.state.name, flow_run.state.message


@pytest.mark.corpus
def test_corpus_replay_loads_every_posting_of_every_source(corpus_replay):
    home, result, _ = corpus_replay
    assert result["failed_boards"] == []
    counts = dict(q(home, "select source, count(*) from postings group by 1"))
    assert counts == {"ashby": 3350, "greenhouse": 241, "lever": 4, "hn": 1660, "jsonld": 100, "remoteok": 97, "remotive": 35}
    assert q(home, "select count(*) from quarantined_records")[0][0] == 0
    top = q(home, "select skill, share from skill_demand_weekly order by share desc limit 10")
    assert len(top) == 10 and top[0][1] > 0.3
    # HN postings belong to their thread's month (January to May 2026).
    months = [m for (m,) in q(home, "select distinct period_month from postings where source = 'hn' order by 1")]
    assert [(m.year, m.month) for m in months] == [(2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5)]
    # Every posting belongs to exactly one job (benchmarks/bench_dedup.py measures how well).
    jobs, postings = q(home, "select count(*), sum(n_sightings) from jobs")[0]
    assert postings == sum(counts.values()) and 0 < jobs <= postings
    page = next((home / "reports").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'href="https://remoteok.com/"' in page and 'href="https://remotive.com/"' in page
    # Issue #5: every claim has its row in the scorecard, the guides are ranked, and `claims show` works for each.
    n_claims = q(home, "select count(*) from claims")[0][0]
    n_points = q(home, "select count(distinct point_id) from claims")[0][0]
    assert n_claims >= 100 and n_points >= 100
    assert q(home, "select count(*), count(distinct claim_id), count(verdict) from claim_scorecard")[0] == (n_claims, n_claims, n_claims)
    # Issue #12: seven evidence classes; a tacit foundation is never 'rarely asked for' or contradicted for
    # being unnamed; headline counts are of points.
    verdicts = {v for (v,) in q(home, "select distinct verdict from claim_scorecard")}
    assert verdicts <= {"supported", "partly supported", "contradicted", "rarely asked for", "rarely stated",
                        "not testable yet", "untestable"}
    assert q(home, """select count(*) from claim_scorecard as s join claims as c using (claim_id)
                      where s.verdict in ('contradicted', 'rarely asked for') and c.stance not in ('not-needed', 'comparison', 'figure', 'trend')
                        and (select bool_and(k.kind = 'tacit') from stg_claim_subject_kinds as k where k.claim_id = s.claim_id)""")[0][0] == 0
    assert q(home, "select count(*) from claim_points")[0][0] == n_points
    assert f"{n_points} points ({n_claims} claims)" in page
    # Issue #12: one remote role reposted per location or language is one job. Most of BJAK's ML-role
    # postings are such reposts ("Founding AI Engineer" alone in 14 locations): they fold into at most a
    # third as many jobs, however many of its titles the role rules count as ML roles.
    [(bjak,)] = q(home, "select count(*) from jobs_weekly where company = 'BJAK' and is_ml_role and week = (select max(week) from jobs_weekly)")
    [(bjak_postings,)] = q(home, "select count(*) from postings where company = 'BJAK' and is_ml_role")
    assert 0 < bjak and 3 * bjak <= bjak_postings, (bjak, bjak_postings)
    [(posts, jobs)] = q(home, "select count(*), count(distinct canonical_id) from postings where company = 'BJAK' and title like 'Founding AI Engineer%'")
    assert posts >= 3 * jobs
    assert sorted(r for (r,) in q(home, "select alignment_rank from guide_alignment")) == [1, 2, 3, 4, 5]
    assert 'data-claim="g001-python-essential"' in page
    settings = Settings().with_overrides(home=home)
    assert cli_main(["claims", "list", "--format", "json"], settings=settings) == 0  # every claim's verdict
    # `claims show` for one claim of each guide and kind of test (each call computes the scorecard,
    # ~1.5 s: all of them would take the suite's whole time budget).
    for (claim_id,) in q(home, "select min(claim_id) from claims group by doc, test_kind order by 1"):
        assert cli_main(["claims", "show", claim_id, "--examples", "2"], settings=settings) == 0, claim_id


def test_demo_counts_a_job_seen_on_a_board_and_a_feed_once(sample_home):
    home, _ = sample_home
    # The sample's Remote OK listing 1160427 is Fernwave's Ashby posting (see the sample README).
    ids = ("remoteok:remoteok:1160427", "ashby:fernwave:11deb73c-2ffc-5a43-b12f-f0c54badcb1e")
    canonical = {c for (c,) in q(home, f"select canonical_id from postings where posting_id in {ids}")}
    assert len(canonical) == 1
    [(n_sightings, sources)] = q(home, f"select n_sightings, sources from jobs where canonical_id = '{canonical.pop()}'")
    assert n_sightings == 2 and sources == ["ashby", "remoteok"]
    # Deleted and dead HN comments are counted, not loaded.
    assert q(home, "select sum(n) from skipped_counts where source = 'hn'")[0][0] > 0


def test_an_edited_posting_is_one_posting_with_its_new_skills(sample_home):
    home, _ = sample_home
    # The sample edits this posting on 2026-11-02 (adds vLLM and RAG); see crawlers/replay/sample/README.md.
    posting = "greenhouse:lumenforge:5413768003"
    versions = q(home, f"select count(distinct content_hash), count(*) from sightings where posting_id = '{posting}'")[0]
    assert versions[0] == 2 and versions[1] == 5
    skills = {s for (s,) in q(home, f"select skill from posting_skills where posting_id = '{posting}'")}
    assert "vllm" in skills
    assert q(home, f"select count(*) from postings where posting_id = '{posting}'")[0][0] == 1
