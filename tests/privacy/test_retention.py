"""Retention: purged data is really gone from the DuckDB file, counts stay, chains verify."""

from __future__ import annotations

import json
from datetime import timedelta

from alerts.cases import append_event
from warehouse import chain
from warehouse.db import connect
from warehouse.retention import apply_retention, run_retention
from warehouse.verify import verify_all

from .conftest import KEY, Tweet, file_has, ingest, make_config

BENIGN = Tweet("1001", "zqxhandleone", "900001", "ZQXBENIGNMARKER lovely concert at the school tonight")
THREAT = Tweet("1002", "zqxbadactor", "900002", "I will stab someone at the gates ZQXTHREATMARKER")
COMPLAINT = Tweet("1003", "zqxgrumbler", "900003", "Honestly the communication about the trip has been shocking ZQXCOMPLAINTMARK")


def _one(db, sql, params=()):
    with connect(db, read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_unflagged_text_author_and_landing_really_gone(tmp_path, clock):
    cfg = make_config(tmp_path)
    ingest(cfg, clock, [BENIGN, THREAT])
    db = cfg.db_path
    assert file_has(db, "ZQXBENIGNMARKER") and file_has(db, "zqxhandleone")
    assert list((cfg.data_dir / "landing").rglob("*.jsonl.gz"))

    clock.advance(timedelta(days=1))
    r1 = run_retention(db, cfg, clock.now(), key=KEY)
    assert r1["pseudonymisation"] == "applied" and r1["authors_pseudonymised"] == 1
    assert r1["unflagged_text_purged"] == 0  # text kept for 30 days
    rows = _one(db, "SELECT post_id, author_handle, author_id, author_name, author_pseudonymised, text IS NOT NULL FROM posts ORDER BY post_id")
    assert rows[0][1].startswith("psn_") and rows[0][2].startswith("psn_") and rows[0][3] is None and rows[0][4] and rows[0][5]
    assert rows[1][1] == "zqxbadactor" and not rows[1][4]  # flagged: the real author stays, for evidence

    clock.advance(timedelta(days=30))
    r2 = run_retention(db, cfg, clock.now(), key=KEY)
    assert r2["unflagged_text_purged"] == 1 and r2["unflagged_raw_purged"] == 1
    assert r2["landing_files_deleted"] == 2  # the run's data file and its manifest, loaded 31 days ago
    assert "rewrite" in r2
    assert not list((cfg.data_dir / "landing").rglob("*.jsonl.gz"))
    # the post still counts; its text and the raw payload are gone from the file's bytes
    assert _one(db, "SELECT count(*), count(text), count(text_purged_at) FROM posts") == [(2, 1, 1)]
    assert not file_has(db, "ZQXBENIGNMARKER")
    assert not file_has(db, "zqxhandleone")
    assert file_has(db, "ZQXTHREATMARKER")  # open case: kept (and proves the grep can see text)

    with connect(db, read_only=True) as con:
        n, broken = chain.verify_chain(con, chain.AUDIT)
        assert broken is None and n == 2
        detail = json.loads(con.execute("SELECT detail FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()[0])
        assert detail["unflagged_text_purged"] == 1
        assert chain.verify_chain(con, chain.MONITORING)[1] is None
        assert chain.verify_chain(con, chain.CASE_EVENTS)[1] is None

    # a second run the same day has nothing left to do and doubles nothing
    r3 = run_retention(db, cfg, clock.now(), key=KEY)
    assert r3["unflagged_text_purged"] == 0 and r3["authors_pseudonymised"] == 0 and "rewrite" not in r3


def test_flagged_without_case_purged_after_flagged_days(tmp_path, clock):
    cfg = make_config(tmp_path, flagged_days=10)
    ingest(cfg, clock, [COMPLAINT])
    db = cfg.db_path
    assert _one(db, "SELECT count(*) FROM flags") == [(1,)]
    assert _one(db, "SELECT count(*) FROM cases") == [(0,)]
    clock.advance(timedelta(days=9))
    assert run_retention(db, cfg, clock.now(), key=KEY)["flagged_posts_purged"] == 0
    assert file_has(db, "ZQXCOMPLAINTMARK")
    clock.advance(timedelta(days=2))
    r = run_retention(db, cfg, clock.now(), key=KEY)
    assert r["flagged_posts_purged"] == 1 and r["flagged_raw_purged"] == 1
    assert _one(db, "SELECT text, author_handle, url FROM posts") == [(None, None, None)]
    evidence = json.loads(_one(db, "SELECT evidence FROM flags")[0][0])
    assert evidence and all("text" not in span for span in evidence if "start" in span)
    assert _one(db, "SELECT category FROM flags") == [("complaint",)]  # the count by category stays
    assert not file_has(db, "ZQXCOMPLAINTMARK") and not file_has(db, "communication about the trip")


def test_closed_case_content_purged_after_records_period_chain_still_verifies(tmp_path, clock):
    cfg = make_config(tmp_path, closed_case_days=30)
    ingest(cfg, clock, [THREAT])
    db = cfg.db_path
    clock.advance(timedelta(days=1))
    with connect(db) as con:
        (case_id,) = con.execute("SELECT case_id FROM cases").fetchone()
        append_event(con, case_id, "note", actor="coordinator", now=clock.now(), reason="spoke to ZQXNOTEMARKER family")
        append_event(con, case_id, "closed", actor="dsl", now=clock.now(), reason="police informed ZQXCLOSEREASON")
    clock.advance(timedelta(days=20))
    assert run_retention(db, cfg, clock.now(), key=KEY)["closed_cases_purged"] == 0
    assert file_has(db, "ZQXCLOSEREASON") and file_has(db, "ZQXTHREATMARKER")

    clock.advance(timedelta(days=11))
    r = run_retention(db, cfg, clock.now(), key=KEY)
    assert r["closed_cases_purged"] == 1 and r["evidence_purged"] == 1 and r["case_events_redacted"] >= 3
    for marker in ("ZQXCLOSEREASON", "ZQXNOTEMARKER", "ZQXTHREATMARKER", "zqxbadactor"):
        assert not file_has(db, marker), marker
    with connect(db) as con:
        kinds = [r[0] for r in con.execute("SELECT kind FROM case_events ORDER BY event_id").fetchall()]
        assert kinds == ["opened", "flagged", "note", "closed"]  # metadata kept: the history still counts
        assert con.execute("SELECT count(*) FROM case_events WHERE reason IS NOT NULL OR data IS NOT NULL").fetchone() == (0,)
        assert con.execute("SELECT payload, text, author FROM evidence").fetchall() == [(None, None, None)]
        assert con.execute("SELECT category, severity FROM cases").fetchall() == [("threat", "critical")]
        n, broken = chain.verify_chain(con, chain.CASE_EVENTS)
        assert n == 4 and broken is None
        assert verify_all(con).ok  # what `schoolwatch audit verify` runs
        # the redacted rows are still protected: an edit to the kept metadata shows
        con.execute("UPDATE case_events SET actor = 'someone-else' WHERE kind = 'closed'")
        assert chain.verify_chain(con, chain.CASE_EVENTS)[1] is not None


def test_dry_run_changes_nothing(tmp_path, clock):
    cfg = make_config(tmp_path)
    ingest(cfg, clock, [BENIGN, THREAT])
    clock.advance(timedelta(days=40))
    with connect(cfg.db_path) as con:
        dry = apply_retention(con, cfg, clock.now(), key=KEY, dry_run=True)
        assert dry["unflagged_text_purged"] == 1 and dry["authors_pseudonymised"] == 1 and dry["audit_seq"] is None
        assert dry["landing_files_deleted"] == 2
        assert con.execute("SELECT count(*) FROM audit_log").fetchone() == (0,)
        assert con.execute("SELECT count(text) FROM posts").fetchone() == (2,)
        assert con.execute("SELECT count(*) FROM posts WHERE author_pseudonymised").fetchone() == (0,)
    assert len(list((cfg.data_dir / "landing").rglob("*.jsonl.gz"))) == 1


def test_without_key_pseudonymisation_is_skipped_and_said(tmp_path, clock):
    cfg = make_config(tmp_path)
    ingest(cfg, clock, [BENIGN])
    clock.advance(timedelta(days=1))
    r = run_retention(cfg.db_path, cfg, clock.now(), key=None)
    assert r["pseudonymisation"].startswith("skipped") and r["authors_pseudonymised"] == 0
    assert _one(cfg.db_path, "SELECT author_handle FROM posts") == [("zqxhandleone",)]


def test_unclassified_posts_are_never_touched(tmp_path, clock):
    from .conftest import land

    cfg = make_config(tmp_path)
    land(cfg, clock, [BENIGN])
    with connect(cfg.db_path) as con:
        from schoolwatch.core.landing import LandingZone
        from warehouse.loader import load_landing

        load_landing(con, LandingZone(cfg.data_dir / "landing"), clock)  # loaded, not classified
        clock.advance(timedelta(days=60))
        r = apply_retention(con, cfg, clock.now(), key=KEY)
        assert r["unflagged_text_purged"] == 0 and r["authors_pseudonymised"] == 0 and r["unflagged_raw_purged"] == 0
        assert con.execute("SELECT text FROM posts").fetchone()[0].startswith("ZQXBENIGNMARKER")
