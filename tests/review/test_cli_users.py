"""`schoolwatch users ...` and `schoolwatch serve --help` through the real Typer app."""

from __future__ import annotations

from typer.testing import CliRunner

from review.users import authenticate
from schoolwatch.cli.main import app
from warehouse.db import connect

runner = CliRunner()


def test_users_add_list_disable(tmp_path):
    db = str(tmp_path / "wh.duckdb")
    r = runner.invoke(app, ["users", "add", "Dee", "--role", "dsl", "--password-stdin", "--email", "dee@example.org", "--db", db],
                      input="a long invented password\n")
    assert r.exit_code == 0, r.output
    assert "added dee (dsl)" in r.output
    r = runner.invoke(app, ["users", "add", "dee", "--role", "dsl", "--password-stdin", "--db", db], input="another long one\n")
    assert r.exit_code == 2 and "already exists" in r.output
    r = runner.invoke(app, ["users", "add", "pat", "--role", "admin", "--password-stdin", "--db", db], input="a long invented password\n")
    assert r.exit_code == 2 and "role must be one of" in r.output
    r = runner.invoke(app, ["users", "add", "pat", "--role", "head", "--password-stdin", "--db", db], input="short\n")
    assert r.exit_code == 2 and "at least" in r.output
    r = runner.invoke(app, ["users", "list", "--db", db])
    assert r.exit_code == 0 and "dee" in r.output and "active" in r.output and "pat" not in r.output
    with connect(db) as con:
        stored = con.execute("SELECT password_hash FROM users WHERE username = 'dee'").fetchone()[0]
        assert stored.startswith("$argon2id$") and "long invented" not in stored
        assert authenticate(con, "dee", "a long invented password") is not None
    r = runner.invoke(app, ["users", "disable", "dee", "--db", db])
    assert r.exit_code == 0
    assert "disabled" in runner.invoke(app, ["users", "list", "--db", db]).output
    with connect(db) as con:
        assert authenticate(con, "dee", "a long invented password") is None
        actions = [r[0] for r in con.execute("SELECT action FROM audit_log ORDER BY seq").fetchall()]
    assert actions == ["user_added", "user_disabled"]
    assert runner.invoke(app, ["users", "disable", "nobody", "--db", db]).exit_code == 2


def test_commands_have_help():
    for args in (["serve", "--help"], ["users", "--help"], ["users", "add", "--help"], ["users", "list", "--help"],
                 ["users", "disable", "--help"]):
        r = runner.invoke(app, args)
        assert r.exit_code == 0, args
        assert "--db" in r.output or args == ["users", "--help"]
    assert "--port" in runner.invoke(app, ["serve", "--help"]).output


def test_serve_refuses_a_missing_database(tmp_path):
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 2 and "no warehouse" in r.output
