"""The `jobtrends` command line: query formats, errors, and reading while a load is under way."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from flows.cli import main
from flows.config import load_settings
from warehouse import db


@pytest.fixture
def home(tmp_path):
    with db.write_window(tmp_path) as con:
        con.execute(
            "INSERT INTO run_log VALUES ('r1', DATE '2026-11-16', DATE '2026-11-16', 'replay', 'test', now(), now(), '/raw', 2, 0, 0)"
        )
        con.execute("INSERT INTO ref_skills (skill, name, category, aliases, parent, taxonomy_version) VALUES ('python', 'Python', 'language', ['python'], NULL, 'v1')")
    return tmp_path


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, timeout=60)


def test_query_formats(home, capsys):
    assert main(["query", "--home", str(home), "--format", "csv", "select skill, name from skills"]) == 0
    assert capsys.readouterr().out == "skill,name\npython,Python\n"
    assert main(["query", "--home", str(home), "--format", "json", "select skill from skills"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"skill": "python"}]
    assert main(["query", "--home", str(home), "select skill, name from skills"]) == 0
    assert "Python" in capsys.readouterr().out


def test_query_is_read_only_and_errors_are_clear(home, capsys):
    assert main(["query", "--home", str(home), "delete from ref_skills"]) == 1
    assert "read-only" in capsys.readouterr().err.lower()
    assert main(["query", "--home", str(home), "select nope"]) == 1
    assert "query failed" in capsys.readouterr().err
    assert main(["query", "--home", str(home / "missing"), "select 1"]) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_query_answers_while_a_load_holds_the_write_window(home):
    with db.write_window(home) as con:
        con.execute("DELETE FROM ref_skills")
        result = run_cli("query", "--home", str(home), "--format", "csv", "select count(*) as n from skills")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "n\n1\n"  # the published warehouse, untouched until the load commits


def test_report_needs_a_run(tmp_path, capsys):
    assert main(["report", "--home", str(tmp_path)]) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_settings_from_file_and_environment(tmp_path):
    config = tmp_path / "jobtrends.toml"
    config.write_text('home = "/srv/jt"\nschedule_cron = "0 7 * * 2"\ncrawl_retries = 5\n')
    settings = load_settings(config, environ={"JOBTRENDS_CRAWL_RETRIES": "1"})
    assert (str(settings.home), settings.schedule_cron, settings.crawl_retries) == ("/srv/jt", "0 7 * * 2", 1)
    config.write_text('hom = "/typo"\n')
    with pytest.raises(ValueError, match="unknown setting"):
        load_settings(config, environ={})


def test_a_command_imports_only_its_own_module():
    code = ("import sys; from flows.cli import build_parser, _command_named;"
            "parser = build_parser(command=_command_named(['skills', 'list']));"
            "print(sorted(m for m in ('flows.sources_cli', 'flows.skills_cli', 'flows.claims_cli') if m in sys.modules));"
            "print(parser.parse_args(['skills', 'list']).handler.__name__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split("\n")[:2] == ["['flows.skills_cli']", "cmd_list"]


def test_help_and_unknown_commands_still_list_every_command():
    from flows.cli import _command_named

    assert _command_named(["--help"]) is None and _command_named(["skils"]) is None and _command_named([]) is None
    assert _command_named(["query", "select 1"]) == "query"
    done = run_cli("--help")
    assert done.returncode == 0 and all(name in done.stdout for name in ("sources", "skills", "claims", "query"))
    done = run_cli("skils")
    assert done.returncode == 2 and "skills" in done.stderr and "claims" in done.stderr
