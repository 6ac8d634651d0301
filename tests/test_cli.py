"""The command line: demo (twice doubles nothing), sql (read-only, safe output), help and docs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import click
import typer.main
from typer.testing import CliRunner

from schoolwatch.cli.main import app
from warehouse.db import connect

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def all_commands() -> dict[str, click.Command]:
    """Every leaf command by its full name, e.g. 'case show'."""
    root = typer.main.get_command(app)
    found: dict[str, click.Command] = {}

    def walk(cmd: click.Command, prefix: str) -> None:
        if hasattr(cmd, "commands"):
            for name, sub in cmd.commands.items():
                walk(sub, f"{prefix} {name}".strip())
        else:
            found[prefix] = cmd

    walk(root, "")
    return found


def test_every_command_has_help_text() -> None:
    missing = [name for name, cmd in all_commands().items() if not (cmd.help or "").strip()]
    assert not missing, f"commands without help text: {missing}"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in all_commands() if f"schoolwatch {name}" not in readme]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_demo_twice_doubles_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    first = runner.invoke(app, ["demo", "--dir", str(folder)])
    assert first.exit_code == 0, first.output
    assert "Posts per platform" in first.output and "facebook" in first.output
    assert (folder / "schoolwatch.duckdb").exists() and (folder / "outbox").is_dir()

    def snapshot() -> dict[str, int]:
        with connect(folder / "schoolwatch.duckdb", read_only=True) as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                    for t in ("posts", "raw_items", "flags", "cases", "case_events", "monitoring_checks", "quarantine", "evidence")}

    before = snapshot()
    assert before["posts"] > 300 and before["cases"] > 0 and before["quarantine"] >= 2
    second = runner.invoke(app, ["demo", "--dir", str(folder)])
    assert second.exit_code == 0, second.output
    assert snapshot() == before


def test_sql_prints_table_csv_and_json(demo_dir: Path) -> None:
    db = str(demo_dir / "schoolwatch.duckdb")
    out = runner.invoke(app, ["sql", "--db", db, "SELECT platform, count(*) AS n FROM posts GROUP BY 1 ORDER BY 1"])
    assert out.exit_code == 0 and "facebook" in out.output
    as_json = runner.invoke(app, ["sql", "--db", db, "--json", "SELECT platform, count(*) AS n FROM posts GROUP BY 1 ORDER BY 1"])
    rows = json.loads(as_json.output)
    assert [r["platform"] for r in rows] == ["facebook", "reddit", "x"]
    params = runner.invoke(app, ["sql", "--db", db, "--json", "-p", "x", "SELECT count(*) AS n FROM posts WHERE platform = $1"])
    assert json.loads(params.output)[0]["n"] == 110


def test_sql_is_read_only(demo_dir: Path) -> None:
    db = str(demo_dir / "schoolwatch.duckdb")
    for statement in ("DELETE FROM posts", "  update posts set text = ''", "DROP TABLE posts", "ATTACH 'x.db'"):
        out = runner.invoke(app, ["sql", "--db", db, statement])
        assert out.exit_code != 0 and "read-only" in out.output
    # a write hidden behind a CTE is refused by the read-only connection itself
    out = runner.invoke(app, ["sql", "--db", db, "WITH x AS (SELECT 1) INSERT INTO audit_log SELECT 1, now(), 'a', 'b', NULL, '', '' FROM x"])
    assert out.exit_code != 0


def test_sql_output_is_safe_for_terminals_and_spreadsheets(demo_dir: Path) -> None:
    db = str(demo_dir / "schoolwatch.duckdb")
    hostile = "=HYPERLINK(\"http://evil\")\x1b[2J\u202e[red]x[/red]"
    out = runner.invoke(app, ["sql", "--db", db, "--csv", "SELECT ? AS v", "-p", hostile])
    row = list(csv.reader(io.StringIO(out.output)))[1]
    assert row[0].startswith("'=")
    table = runner.invoke(app, ["sql", "--db", db, "SELECT ? AS v", "-p", hostile])
    assert "\x1b" not in table.output and "\u202e" not in table.output
    assert "\\u001b" in table.output and "[red]x[/red]" in table.output  # markup shown, not interpreted


def test_sql_errors_are_messages_not_tracebacks(tmp_path: Path, demo_dir: Path) -> None:
    out = runner.invoke(app, ["sql", "--db", str(tmp_path / "none.duckdb"), "SELECT 1"])
    assert out.exit_code == 2 and "no warehouse" in out.output
    bad = runner.invoke(app, ["sql", "--db", str(demo_dir / "schoolwatch.duckdb"), "SELEC nonsense"])
    assert bad.exit_code == 2 and "Parser Error" in bad.output and "Traceback" not in bad.output


def test_bad_config_fails_with_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "schoolwatch.toml"
    text = (ROOT / "schoolwatch.example.toml").read_text(encoding="utf-8")
    cfg.write_text(re.sub(r'check_every = "1d"', 'check_every = "9d"', text, count=1), encoding="utf-8")
    out = runner.invoke(app, ["load", "--config", str(cfg)])
    assert out.exit_code == 2
    assert "accounts.0.check_every: must be at most 7 days" in out.output
