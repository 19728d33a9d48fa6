import json

import pytest

from crawlers.parsers import UnparseableBody, parser_for


def test_greenhouse_unescapes_content_and_rejects_untitled(fixture_text):
    result = parser_for("greenhouse")(fixture_text("api/greenhouse_acme.json"), "acme")
    assert [r["source_id"] for r in result.records] == ["4001", "4002"]
    first = result.records[0]
    assert first["description_html"].startswith("<h3>About Acme</h3>")
    assert "SQL &amp; Spark" in first["description_html"]  # escaped once by the API, unescaped once
    assert first["company"] == "Acme Robotics"
    assert first["posted_at_raw"] == "2026-11-02T08:30:00-05:00"  # no posted date: first_published...
    assert result.records[1]["posted_at_raw"] == "2026-11-01T00:00:00Z"  # ...else updated_at
    assert first["workplace_raw"] == "Hybrid"
    assert first["location_raw"] == "Berlin, Germany"
    assert json.loads(first["raw_json"])["id"] == 4001
    assert [reason for reason, _ in result.rejects] == ["missing title"]


def test_lever_joins_lists_and_reads_salary(fixture_text):
    result = parser_for("lever")(fixture_text("api/lever_quill.json"), "quill")
    mlops, intern = result.records
    assert mlops["title"] == "MLOps Engineer"
    assert mlops["location_raw"] == "Toronto, Ontario | Remote - Canada"
    assert "<li>MLflow</li>" in mlops["description_html"] and "equal opportunity" in mlops["description_html"]
    assert (mlops["salary_min"], mlops["salary_max"], mlops["salary_currency"], mlops["salary_period"]) == (120000, 150000, "CAD", "year")
    assert mlops["posted_at_raw"] == "1762300800000"
    assert intern["salary_period"] == "hour"


def test_ashby_salary_spans_tiers_and_ignores_equity(fixture_text):
    result = parser_for("ashby")(fixture_text("api/ashby_nimbus.json"), "nimbus")
    research, designer = result.records
    assert (research["salary_min"], research["salary_max"], research["salary_currency"]) == (180000, 260000, "USD")
    assert research["workplace_raw"] is None  # isRemote null: unknown, not on-site
    assert research["location_raw"] == "San Francisco, CA | New York, NY"
    assert designer["workplace_raw"] == "isRemote=true"
    assert designer["salary_min"] is None
    assert result.rejects[0][0] == "posting is not a JSON object"


@pytest.mark.parametrize("source,body", [
    ("greenhouse", "<html>maintenance</html>"), ("greenhouse", '{"error": "not found"}'),
    ("lever", '{"ok": false, "error": "Document not found"}'), ("ashby", "[]"),
])
def test_wrong_bodies_raise_unparseable(source, body):
    with pytest.raises(UnparseableBody):
        parser_for(source)(body, "x")


def test_bom_is_accepted():
    result = parser_for("lever")("\ufeff[]", "x")
    assert result.records == [] and result.rejects == []
