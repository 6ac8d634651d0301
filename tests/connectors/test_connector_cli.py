"""`schoolwatch accounts check` and `schoolwatch ingest` in-process, against `responses`."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import responses
from typer.testing import CliRunner

from schoolwatch.cli.main import app
from tests.connectors.conftest import fixture_json, fixture_text

CONFIG = """
[school]
id = "st-example"
name = "St Example Primary School"
aliases = ["St Example"]

[[accounts]]
id = "x-main"
platform = "x"
handle = "StExampleSch"
native_id = "1234500000"
kind = "own"
principal = "Ms Ada Finch"
reserve = "Mr Bo Lark"
streams = ["mentions"]

[[accounts]]
id = "fb-page"
platform = "facebook"
handle = "stexampleprimary"
native_id = "104400000000001"
kind = "own"
principal = "Ms Ada Finch"
reserve = "Mr Bo Lark"
streams = ["tagged"]

[[accounts]]
id = "ig-main"
platform = "instagram"
handle = "stexampleprimary"
native_id = "17841400000000001"
kind = "own"
principal = "Ms Ada Finch"
reserve = "Mr Bo Lark"

[contacts]
esafety_coordinator = { name = "Ms Ada Finch", email = "esafety@stexample.example.org" }
dsl = { name = "Mrs Cy Wren", email = "dsl@stexample.example.org" }
head = { name = "Mr Di Heron", email = "head@stexample.example.org" }
chair_of_governors = { name = "Dr Ed Rook", email = "chair@stexample.example.org" }
it = { name = "Mr Bo Lark", email = "it@stexample.example.org" }

[paths]
data_dir = "data"
"""

G = "https://graph.facebook.com/v24.0"


@pytest.fixture
def cfg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "schoolwatch.toml"
    path.write_text(CONFIG, encoding="utf-8")
    for name in list(__import__("os").environ):
        if name.startswith("SCHOOLWATCH_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SCHOOLWATCH_X_BEARER_TOKEN_X_MAIN", "X-SECRET-BEARER")
    monkeypatch.setenv("SCHOOLWATCH_FACEBOOK_PAGE_TOKEN", "FB-SECRET-TOKEN")
    return path


@responses.activate
def test_accounts_check_table_without_tokens(cfg: Path) -> None:
    responses.get(
        "https://api.twitter.com/2/users/by/username/StExampleSch",
        body=fixture_text("x", "user_by_username.json"),
    )
    responses.get(f"{G}/debug_token", body=fixture_text("facebook", "debug_token_valid.json"))
    responses.get(f"{G}/104400000000001", body=fixture_text("facebook", "page.json"))
    result = CliRunner().invoke(app, ["accounts", "check", "--config", str(cfg), "--json"])
    out = result.output
    assert result.exit_code == 1, out  # instagram has no token, X has no user-context keys
    assert "X-SECRET-BEARER" not in out and "FB-SECRET-TOKEN" not in out
    rows = json.loads(out)
    by = {(r["source"], r["check"]): r for r in rows}
    assert by[("x-main", "credentials")]["works"] == "ok"
    assert "SCHOOLWATCH_X_BEARER_TOKEN_X_MAIN" in by[("x-main", "credentials")]["detail"]
    assert by[("x-main", "read (bearer token, user lookup)")]["works"] == "ok"
    assert by[("x-main", "hide replies (user context)")]["works"] == "FAILS"
    assert "SCHOOLWATCH_X_ACCESS_TOKEN" in by[("x-main", "hide replies (user context)")]["fix"]
    assert by[("fb-page", "pages_manage_engagement (hide and delete comments)")]["works"] == "ok"
    ig = by[("ig-main", "credentials")]
    assert (
        ig["works"] == "FAILS"
        and "SCHOOLWATCH_INSTAGRAM_ACCESS_TOKEN" in ig["fix"]
        and "IG_MAIN" in ig["fix"]
    )


@pytest.mark.slow  # the load step imports great-expectations and the classifier
@responses.activate
def test_ingest_lands_loads_and_isolates_failures(cfg: Path) -> None:
    responses.get(
        "https://api.twitter.com/2/users/1234500000/mentions",
        body=fixture_text("x", "mentions_page2.json"),
    )
    responses.get(
        f"{G}/104400000000001/tagged",
        json={"data": fixture_json("facebook", "tagged_p1.json")["data"]},
    )
    db = cfg.parent / "w.duckdb"
    result = CliRunner().invoke(
        app, ["ingest", "--config", str(cfg), "--db", str(db), "--no-progress"]
    )
    out = result.output
    assert result.exit_code == 1, out  # instagram: no credential -> failed check, others fine
    assert "X-SECRET-BEARER" not in out
    assert "ig-main" in out and "SCHOOLWATCH_INSTAGRAM_ACCESS_TOKEN" in out
    assert "loaded" in out
    with duckdb.connect(str(db), read_only=True) as con:
        posts = dict(
            con.execute("SELECT platform, count(*) FROM posts GROUP BY platform").fetchall()
        )
        checks = set(con.execute("SELECT source_id, status FROM monitoring_checks").fetchall())
    assert posts == {"x": 1, "facebook": 1}
    assert checks == {("ig-main", "failed"), ("x-main", "ok"), ("fb-page", "ok")}


def test_ingest_unknown_source(cfg: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", "--config", str(cfg), "--source", "nope", "--no-load"]
    )
    assert result.exit_code == 2 and "nope" in result.output


@responses.activate
def test_ingest_with_progress_display_no_load(cfg: Path) -> None:
    responses.get(
        "https://api.twitter.com/2/users/1234500000/mentions",
        body=fixture_text("x", "mentions_page1.json"),
    )
    responses.get(
        "https://api.twitter.com/2/users/1234500000/mentions",
        body=fixture_text("x", "mentions_page2.json"),
    )
    result = CliRunner().invoke(
        app, ["ingest", "--config", str(cfg), "--source", "x-main", "--no-load", "--progress"]
    )
    assert result.exit_code == 0, result.output
    assert "x-main" in result.output and "loaded" not in result.output
    manifests = list((cfg.parent / "data" / "landing" / "x" / "x-main").glob("*.manifest.json"))
    assert len(manifests) == 1 and json.loads(manifests[0].read_text())["pages"] == 2
