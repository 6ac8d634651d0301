"""`schoolwatch forget`: a person's unflagged data erased from rows, landing and file bytes."""

from __future__ import annotations

import json
from datetime import timedelta

from typer.testing import CliRunner

from schoolwatch.cli.main import app
from warehouse import chain
from warehouse.compact import rewrite_database
from warehouse.db import connect
from warehouse.erasure import forget
from warehouse.retention import run_retention

from .conftest import KEY, Tweet, file_has, ingest, make_config

A = Tweet("2001", "ZqxForgetMe", "800001", "ZQXFORGETA what a great match on saturday")
THREAT = Tweet("2002", "ZqxForgetMe", "800001", "I will stab the referee ZQXKEEPTHREAT")
OTHER = Tweet("2003", "zqxsomeoneelse", "800002", "ZQXOTHERPERSON nice photos of the play")
B = Tweet("2004", "zqxforgetme", "800001", "ZQXFORGETB looking forward to the fair")
C = Tweet("2005", "zqxforgetme", "800001", "ZQXFORGETC collected after the erasure")


def test_forget_erases_unflagged_keeps_flagged_and_records_without_data(tmp_path, clock):
    cfg = make_config(tmp_path)
    db = cfg.db_path
    ingest(cfg, clock, [A, THREAT, OTHER])
    clock.advance(timedelta(days=1))
    run_retention(db, cfg, clock.now(), key=KEY)  # A is now stored under a pseudonym
    ingest(cfg, clock, [B])  # B: plain author, classified, not yet pseudonymised
    landing = cfg.data_dir / "landing"
    assert len(list(landing.rglob("*.jsonl.gz"))) == 2
    assert file_has(db, "ZQXFORGETA") and file_has(db, "ZQXFORGETB")

    with connect(db) as con:
        r = forget(con, cfg, "x", "@ZQXFORGETME", clock.now(), "dpo-jones", key=KEY)
    rewrite_database(db)
    assert r["posts_erased"] == 2 and r["raw_items_erased"] == 2
    assert r["case_posts_kept"] == 1 and r["flagged_posts_kept"] == 0
    assert r["landing_files_deleted"] == 2  # both loaded files held their lines: deleted whole
    assert any("kept" in n and "case" in n for n in r["notes"])
    assert not list(landing.rglob("*.jsonl.gz"))
    for marker in ("ZQXFORGETA", "ZQXFORGETB"):
        assert not file_has(db, marker), marker
    assert file_has(db, "ZQXKEEPTHREAT") and file_has(db, "ZQXOTHERPERSON")  # kept: evidence; someone else
    with connect(db, read_only=True) as con:
        assert sorted(x[0] for x in con.execute("SELECT post_id FROM posts").fetchall()) == ["x:2002", "x:2003"]
        assert con.execute("SELECT count(*) FROM raw_items WHERE post_id IN ('x:2001', 'x:2004')").fetchone() == (0,)
        action, actor, detail = con.execute("SELECT action, actor, detail FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        assert (action, actor) == ("erasure", "dpo-jones")
        assert "forgetme" not in detail.casefold() and "800001" not in detail
        assert json.loads(detail)["posts_erased"] == 2
        assert chain.verify_chain(con, chain.AUDIT)[1] is None
        register = con.execute("SELECT subject_psn, kind FROM erasure_register ORDER BY kind").fetchall()
        assert {k for _, k in register} == {"handle", "id"} and all(s.startswith("psn_") for s, _ in register)

    # items collected later are erased by the register on the next retention run
    clock.advance(timedelta(days=1))
    ingest(cfg, clock, [C])
    assert file_has(db, "ZQXFORGETC")
    rr = run_retention(db, cfg, clock.now(), key=KEY)
    assert rr["erasures_reapplied"] == 1 and rr["landing_files_deleted"] >= 1
    assert not file_has(db, "ZQXFORGETC")
    assert not [p for p in landing.rglob("*.jsonl.gz")]


def test_forget_dry_run_and_cli(tmp_path, clock, monkeypatch):
    cfg = make_config(tmp_path)
    ingest(cfg, clock, [A, OTHER])
    with connect(cfg.db_path) as con:
        dry = forget(con, cfg, "x", "zqxforgetme", clock.now(), "dpo", key=KEY, dry_run=True)
        assert dry["posts_erased"] == 1 and dry["audit_seq"] is None
        assert con.execute("SELECT count(*) FROM posts").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
    toml = tmp_path / "schoolwatch.toml"
    toml.write_text(
        '[school]\nid = "kestrel-vale"\nname = "Kestrel Vale Academy"\n'
        "[contacts]\n"
        + "".join(f'{k} = {{ name = "Invented Person", email = "{k}@school.example.org" }}\n'
                  for k in ("esafety_coordinator", "dsl", "head", "chair_of_governors", "it"))
        + f'[paths]\ndata_dir = "{cfg.data_dir}"\n'
    )
    monkeypatch.setenv("SCHOOLWATCH_PSEUDONYM_KEY", KEY.decode())
    res = CliRunner().invoke(app, ["forget", "--author", "@ZqxForgetMe", "--platform", "x", "--config", str(toml), "--actor", "dpo"])
    assert res.exit_code == 0, res.output
    assert "erasure recorded as erasure-" in res.output and "posts erased" in res.output
    assert not file_has(cfg.db_path, "ZQXFORGETA") and file_has(cfg.db_path, "ZQXOTHERPERSON")
    bad = CliRunner().invoke(app, ["forget", "--author", "x", "--platform", "myspace", "--config", str(toml)])
    assert bad.exit_code == 2
    res = CliRunner().invoke(app, ["retention", "--dry-run", "--config", str(toml)])
    assert res.exit_code == 0 and "dry run" in res.output, res.output


def test_forget_without_key_says_what_it_could_not_do(tmp_path, clock):
    cfg = make_config(tmp_path)
    ingest(cfg, clock, [A])
    with connect(cfg.db_path) as con:
        r = forget(con, cfg, "x", "800001", clock.now(), "dpo", key=None)  # by user id
        assert r["posts_erased"] == 1 and r["register_entries"] == 0
        assert any("SCHOOLWATCH_PSEUDONYM_KEY" in n for n in r["notes"])
