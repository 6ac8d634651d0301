"""The case commands, run through the real Typer app against a copy of the demo warehouse."""

from __future__ import annotations

import json
import re

import click
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from alerts.cases import get_case
from schoolwatch.cli.main import app
from warehouse.db import connect

runner = CliRunner()
COMMANDS = ["queue", "escalate", "case show", "case assign", "case note", "case dismiss", "case takedown",
            "case report", "case escalate", "case close", "case reopen", "case export"]


def _run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env={"USER": "priya", **(env or {})})


@pytest.mark.parametrize("name", COMMANDS)
def test_every_case_command_has_help_and_db_and_config(name):
    group = get_command(app)
    cmd: click.Command = group
    for part in name.split():
        cmd = cmd.commands[part]  # type: ignore[attr-defined]
    assert (cmd.help or "").strip(), f"{name} has no help text"
    opts = {o for p in cmd.params for o in getattr(p, "opts", [])}
    assert {"--db", "--config"} <= opts
    for p in cmd.params:
        assert isinstance(p, click.Argument) or (p.help or "").strip(), f"{name} {p.name} has no help"
    result = _run(*name.split(), "--help")
    assert result.exit_code == 0


def test_queue_orders_by_severity_then_deadline(demo_copy):
    db = str(demo_copy / "schoolwatch.duckdb")
    with connect(db) as con:
        # give one high case an earlier deadline than the others: it still comes after every critical one
        con.execute("UPDATE cases SET due_at = due_at - INTERVAL 20 HOUR WHERE case_id = (SELECT min(case_id) FROM cases WHERE severity = 'high')")
    result = _run("queue", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    sev = [r["severity"] for r in rows]
    assert sev == sorted(sev, key=lambda s: {"critical": 0, "high": 1, "low": 2}[s]) and len(rows) == 10
    table = _run("queue", "--db", db)
    assert "time left" in table.output and "safeguarding: DSL only" in table.output


def test_acting_through_the_cli_records_events_and_refuses_clearly(demo_copy, tmp_path):
    db = str(demo_copy / "schoolwatch.duckdb")
    r = _run("case", "assign", "1", "tom", "--db", db)
    assert r.exit_code == 0 and "assigned recorded" in r.output
    r = _run("case", "takedown", "1", "--route", "reported_platform", "--reason", "abuse", "--db", db, "--as", "tom")
    assert r.exit_code == 0, r.output
    r = _run("case", "report", "1", "posh", "--reference", "POSH-77", "--db", db)
    assert r.exit_code == 0, r.output
    r = _run("case", "close", "1", "--reason", "removed by the platform", "--db", db)
    assert r.exit_code == 0, r.output
    r = _run("case", "dismiss", "1", "--reason", "x", "--db", db)
    assert r.exit_code == 2 and "case 1 is closed: cannot dismiss it" in r.output
    r = _run("case", "show", "1", "--db", db)
    assert r.exit_code == 0 and "POSH-77" in r.output and "closed" in r.output
    with connect(db) as con:
        case = get_case(con, 1)
    assert [(e.kind, e.actor) for e in case.events[2:]] == [
        ("assigned", "priya"), ("takedown_requested", "tom"), ("reported_outside", "priya"), ("closed", "priya"),
        ("viewed", "priya")]
    r = _run("case", "export", "1", "--out", str(tmp_path / "packs"), "--db", db)
    assert r.exit_code == 0 and (tmp_path / "packs" / "case-1-evidence" / "index.html").exists()


def test_escalate_command_sends_critical_alerts_once_over_smtp(demo_copy, smtp_server):
    cfg = demo_copy / "schoolwatch.toml"
    cfg.write_text(re.sub(r"(?m)^port = \d+", f"port = {smtp_server.port}", cfg.read_text()).replace(
        'host = "localhost"', f'host = "{smtp_server.host}"'))
    first = _run("escalate", "--config", str(cfg))
    assert first.exit_code == 0, first.output
    with connect(demo_copy / "schoolwatch.duckdb") as con:
        kinds = dict(con.execute("SELECT kind, count(*) FROM notifications WHERE status = 'sent' GROUP BY 1").fetchall())
    # The demo's cases opened days ago (the CLI runs on the system clock) and nobody acted:
    # criticals alert, and every case past its deadline without a takedown request is overdue.
    assert kinds["critical"] > 0 and kinds["overdue"] > 0
    n = sum(kinds.values())
    assert f"e-mails sent {n}," in first.output
    assert len(smtp_server.wait_for(n)) == n
    again = _run("escalate", "--config", str(cfg))
    assert again.exit_code == 0 and "e-mails sent 0," in again.output
    assert len(smtp_server.messages) == n
