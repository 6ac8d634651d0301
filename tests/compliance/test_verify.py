"""Tampering with the hash-chained logs is found by `schoolwatch audit verify`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from alerts.cases import append_event
from schoolwatch.cli.main import app
from warehouse import chain
from warehouse.verify import verify_all

from .conftest import check

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


def _five_checks(con: duckdb.DuckDBPyConnection, *, gaps: bool = False) -> list[int]:
    for i in range(5):
        if gaps:  # a rolled-back run leaves a gap in the sequence, as real life does
            con.execute("SELECT nextval('check_seq')").fetchall()
        check(con, "x-main", T0 + timedelta(hours=6 * i))
    return [r[0] for r in con.execute("SELECT seq FROM monitoring_checks ORDER BY seq").fetchall()]


def _only_finding(con: duckdb.DuckDBPyConnection):  # noqa: ANN202
    report = verify_all(con)
    assert not report.ok
    assert len(report.findings) == 1
    return report.findings[0]


def test_intact_log_verifies(wh: duckdb.DuckDBPyConnection) -> None:
    _five_checks(wh)
    report = verify_all(wh)
    assert report.ok, report.findings
    assert report.rows["monitoring_checks"] == 5


def test_update_of_one_row_is_found_at_that_row(wh: duckdb.DuckDBPyConnection) -> None:
    seqs = _five_checks(wh)
    wh.execute("UPDATE monitoring_checks SET status = 'ok', items = 99 WHERE seq = ?", [seqs[2]])
    f = _only_finding(wh)
    assert (f.table, f.position) == ("monitoring_checks", seqs[2])
    assert "edited" in f.reason


def test_update_that_fakes_a_check_time_is_found(wh: duckdb.DuckDBPyConnection) -> None:
    seqs = _five_checks(wh)
    wh.execute("UPDATE monitoring_checks SET finished_at = finished_at + INTERVAL 1 HOUR WHERE seq = ?", [seqs[1]])
    assert _only_finding(wh).position == seqs[1]


def test_delete_of_one_row_is_found_at_the_next(wh: duckdb.DuckDBPyConnection) -> None:
    seqs = _five_checks(wh)
    wh.execute("DELETE FROM monitoring_checks WHERE seq = ?", [seqs[2]])
    f = _only_finding(wh)
    assert f.position == seqs[3]
    assert "previous-hash link broken" in f.reason


def test_insert_in_the_middle_with_a_valid_looking_hash_is_found(wh: duckdb.DuckDBPyConnection) -> None:
    seqs = _five_checks(wh, gaps=True)
    # Forge a check between the second and third rows: link it to the second row and give
    # it a correct hash of its own, exactly as record_check would have.
    forged_seq = seqs[1] + 1
    assert forged_seq < seqs[2]
    prev = wh.execute("SELECT row_hash FROM monitoring_checks WHERE seq = ?", [seqs[1]]).fetchone()[0]
    values = {
        "seq": forged_seq, "check_id": "forged-run", "school_id": "kestrel-vale", "account_id": "x-main",
        "source_id": "x-main", "platform": "x", "kind": "automated", "actor": "system",
        "started_at": T0 + timedelta(hours=7), "finished_at": T0 + timedelta(hours=7, seconds=20),
        "status": "ok", "items": 0, "api_calls": 1, "error": None, "recorded_at": T0 + timedelta(hours=7),
    }
    h = chain.row_hash(prev, {f: values[f] for f in chain.MONITORING.fields})
    cols = [*values, "prev_hash", "row_hash"]
    wh.execute(
        f"INSERT INTO monitoring_checks ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [*values.values(), prev, h],
    )
    f = _only_finding(wh)
    assert f.position == seqs[2]  # the genuine row after the forgery no longer links
    assert "previous-hash link broken" in f.reason


def test_case_event_edit_is_found_with_its_case(wh: duckdb.DuckDBPyConnection) -> None:
    for case_id in (1, 2):
        wh.execute(
            "INSERT INTO cases (case_id, post_id, school_id, category, severity, opened_at) VALUES (?, ?, 'kestrel-vale', 'abuse', 'high', ?)",
            [case_id, f"x:{case_id}", T0],
        )
        append_event(wh, case_id, "opened", actor="system", now=T0)
        append_event(wh, case_id, "note", actor="coordinator1", now=T0 + timedelta(hours=1), reason="looked at it")
        append_event(wh, case_id, "dismissed", actor="coordinator1", now=T0 + timedelta(hours=2), reason="not about us")
    target = wh.execute("SELECT event_id FROM case_events WHERE case_id = 2 AND kind = 'dismissed'").fetchone()[0]
    wh.execute("UPDATE case_events SET reason = 'quietly changed' WHERE event_id = ?", [target])
    f = _only_finding(wh)
    assert (f.table, f.position, f.case_id) == ("case_events", target, 2)


def test_audit_log_delete_is_found(wh: duckdb.DuckDBPyConnection) -> None:
    for i in range(4):
        seq = wh.execute("SELECT nextval('audit_seq')").fetchone()[0]
        chain.append(wh, chain.AUDIT, {"seq": seq, "occurred_at": T0 + timedelta(minutes=i), "actor": "admin",
                                       "action": "retention_run", "detail": {"purged": i}})
    wh.execute("DELETE FROM audit_log WHERE seq = 2")
    f = _only_finding(wh)
    assert (f.table, f.position) == ("audit_log", 3)


def test_whole_chain_rewritten_after_a_digest_is_found_by_its_recorded_head(wh: duckdb.DuckDBPyConnection) -> None:
    seqs = _five_checks(wh)
    head = wh.execute("SELECT row_hash FROM monitoring_checks ORDER BY seq DESC LIMIT 1").fetchone()[0]
    wh.execute(
        "INSERT INTO digests (school_id, iso_week, status, recipients, subject, message_id, sha256, created_at, sent_at, chain_heads) "
        "VALUES ('kestrel-vale', '2026-W45', 'sent', ['a@example.org'], 's', '<m@x>', 'h', ?, ?, ?::JSON)",
        [T0, T0, f'{{"monitoring_checks": {{"position": {seqs[-1]}, "row_hash": "{head}"}}}}'],
    )
    assert verify_all(wh).ok
    # Someone edits row 2 and recomputes every hash after it: the chain itself links again...
    wh.execute("UPDATE monitoring_checks SET status = 'ok', error = NULL, items = 50 WHERE seq = ?", [seqs[1]])
    rows = wh.execute("SELECT * FROM monitoring_checks ORDER BY seq").fetchall()
    names = [d[0] for d in wh.description]
    prev = chain.GENESIS
    for r in rows:
        rec = dict(zip(names, r, strict=True))
        h = chain.row_hash(prev, {f: rec[f] for f in chain.MONITORING.fields})
        wh.execute("UPDATE monitoring_checks SET prev_hash = ?, row_hash = ? WHERE seq = ?", [prev, h, rec["seq"]])
        prev = h
    n, broken = chain.verify_chain(wh, chain.MONITORING)
    assert broken is None and n == 5
    # ...but the head that went out in the sent digest no longer matches.
    f = _only_finding(wh)
    assert f.table == "monitoring_checks" and f.position == seqs[-1]
    assert "2026-W45 digest" in f.reason


def test_cli_exits_non_zero_and_names_the_row(tmp_path: Path, wh: duckdb.DuckDBPyConnection) -> None:
    seqs = _five_checks(wh)
    db = tmp_path / "schoolwatch.duckdb"
    wh.execute("CHECKPOINT")
    runner = CliRunner()
    wh.execute("DELETE FROM monitoring_checks WHERE seq = ?", [seqs[0]])
    wh.close()
    result = runner.invoke(app, ["audit", "verify", "--db", str(db)])
    assert result.exit_code == 1, result.output
    assert f"monitoring_checks row {seqs[1]}" in result.output
    assert "BROKEN" in result.output


def test_cli_exits_zero_when_intact(tmp_path: Path, wh: duckdb.DuckDBPyConnection) -> None:
    _five_checks(wh)
    wh.close()
    result = CliRunner().invoke(app, ["audit", "verify", "--db", str(tmp_path / "schoolwatch.duckdb"), "--json"])
    assert result.exit_code == 0, result.output
    assert '"ok": true' in result.output


@pytest.mark.parametrize("kind", ["update", "delete"])
def test_demo_warehouse_tampering_is_found(demo_copy: Path, kind: str) -> None:
    db = demo_copy / "schoolwatch.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["audit", "verify", "--db", str(db)]).exit_code == 0
    con = duckdb.connect(str(db))
    if kind == "update":
        con.execute("UPDATE case_events SET actor = 'someone else' WHERE event_id = (SELECT min(event_id) FROM case_events)")
    else:
        con.execute("DELETE FROM monitoring_checks WHERE seq = (SELECT min(seq) FROM monitoring_checks)")
    con.close()
    result = runner.invoke(app, ["audit", "verify", "--db", str(db)])
    assert result.exit_code == 1
    assert ("case_events" if kind == "update" else "monitoring_checks") in result.output
