"""The single writer: idempotent loads, quarantine, crash safety, cursors, the lock helper."""

from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone, Manifest, RunMeta, item_line
from schoolwatch.sample.land import land_sample
from warehouse.db import DatabaseBusyError, connect, retry_on_lock
from warehouse.loader import load_landing, read_cursors

TABLES = ["posts", "raw_items", "quarantine", "monitoring_checks", "cursors", "landing_files", "validation_results"]


def counts(db: Path) -> dict[str, int]:
    with connect(db, read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def tweet(i: int, text: str = "hello") -> dict:
    return {"id": str(1000 + i), "text": text, "author_id": "7", "created_at": "2026-11-10T10:00:00.000Z",
            "conversation_id": str(1000 + i), "edit_history_tweet_ids": [str(1000 + i)]}


def land_run(zone: LandingZone, run: str, items: list[dict], *, status: str = "ok", cursor: dict | None = None,
             source: str = "x-main", before: dict | None = None) -> RunMeta:
    meta = RunMeta(run, "x", source, "kv", source)
    now = datetime(2026, 11, 16, 9, tzinfo=UTC)
    path, n = zone.write_items(meta, [item_line(meta, stream="mentions", endpoint="GET /2/users/:id/mentions",
                                                fetched_at=now, native_id=t["id"], item=t) for t in items])
    zone.write_manifest(Manifest(run, "x", source, "kv", source, now.isoformat(), now.isoformat(), status,  # type: ignore[arg-type]
                                 items=n, api_calls=1, cursor_before=before, cursor_after=cursor if status == "ok" else None,
                                 error=None if status == "ok" else "x GET /2/users/:id/mentions HTTP 503: unavailable",
                                 data_file=path.name if path else None))
    return meta


@pytest.fixture
def zone(tmp_path: Path) -> LandingZone:
    return LandingZone(tmp_path / "landing")


def test_sample_loads_and_second_load_changes_nothing(tmp_path, zone, clock):
    land_sample(zone, clock, "kv")
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        first = load_landing(con, zone, clock)
    before = counts(db)
    with connect(db) as con:
        second = load_landing(con, zone, clock)
    assert first.posts_new == before["posts"] == 311
    assert second.files_loaded == 0 and second.posts_new == 0 and second.checks_recorded == 0
    assert counts(db) == before


def test_corrupt_file_is_quarantined_while_the_rest_loads(tmp_path, zone, clock):
    good = land_run(zone, "20261116T090000Z-a", [tweet(1), tweet(2)], cursor={"since_id": "1002"})
    bad = land_run(zone, "20261116T090500Z-b", [tweet(3), tweet(4)], cursor={"since_id": "1004"})
    path = zone.data_path(bad)
    path.write_bytes(path.read_bytes()[:-12])  # truncated gzip
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        s = load_landing(con, zone, clock)
        posts = [r[0] for r in con.execute("SELECT post_id FROM posts ORDER BY 1").fetchall()]
        q = con.execute("SELECT line_no, check_name, reason FROM quarantine").fetchall()
        checks = con.execute("SELECT check_id, status, error FROM monitoring_checks ORDER BY seq").fetchall()
        cursor = read_cursors(con)
    assert posts == ["x:1001", "x:1002"]
    assert s.files_quarantined == 1
    assert q[0][0] == 0 and q[0][1] == "read" and "cannot decompress" in q[0][2]
    # the run whose items were lost in a corrupt file is a failed check, and its cursor did not move
    assert checks[1][1] == "failed" and "corrupt" in checks[1][2]
    assert cursor == {"x-main": {"since_id": "1002"}}
    assert good.run_id == checks[0][0]


def test_bad_lines_are_quarantined_with_reasons(tmp_path, zone, clock):
    meta = land_run(zone, "20261116T090000Z-a", [tweet(1), {**tweet(2), "created_at": None}, {**tweet(3), "id": None}])
    path = zone.data_path(meta)
    text = gzip.decompress(path.read_bytes()).decode() + "{not json\n"
    path.write_bytes(gzip.compress(text.encode()))
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        load_landing(con, zone, clock)
        q = con.execute("SELECT line_no, check_name, reason FROM quarantine ORDER BY line_no").fetchall()
        n = con.execute("SELECT count(*) FROM posts").fetchall()[0][0]
    assert n == 1
    assert [(r[0], r[1]) for r in q] == [(2, "normalise"), (3, "normalise"), (4, "parse")]
    assert q[0][2] == "created_at missing" and q[1][2] == "tweet has no id" and q[2][2].startswith("malformed JSON")


def test_crash_between_files_loses_nothing(tmp_path, zone, clock):
    for k in range(4):
        land_run(zone, f"20261116T09000{k}Z-r", [tweet(10 * k + j) for j in range(5)], cursor={"since_id": str(k)},
                 before={"since_id": str(k - 1)} if k else None)
    db = tmp_path / "w.duckdb"

    class Crash(Exception):
        pass

    def crash_after_second(stem: str) -> None:
        if stem.endswith("T090001Z-r"):
            raise Crash(stem)

    with connect(db) as con, pytest.raises(Crash):
        load_landing(con, zone, clock, after_file=crash_after_second)
    assert counts(db)["posts"] == 10
    with connect(db) as con:
        load_landing(con, zone, clock)
    c = counts(db)
    assert c["posts"] == 20 and c["monitoring_checks"] == 4 and c["raw_items"] == 20
    with connect(db, read_only=True) as con:
        assert read_cursors(con) == {"x-main": {"since_id": "3"}}


def test_crash_inside_a_run_rolls_the_run_back(tmp_path, zone, clock, monkeypatch):
    land_run(zone, "20261116T090000Z-a", [tweet(1), tweet(2)], cursor={"since_id": "2"})
    db = tmp_path / "w.duckdb"
    import warehouse.loader as loader

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(loader, "_load_manifest", boom)
    with connect(db) as con, pytest.raises(RuntimeError):
        load_landing(con, zone, clock)
    assert counts(db)["posts"] == 0 and counts(db)["landing_files"] == 0
    monkeypatch.undo()
    with connect(db) as con:
        load_landing(con, zone, clock)
    assert counts(db)["posts"] == 2 and counts(db)["cursors"] == 1


def test_failed_fetch_is_a_failed_check_and_keeps_the_cursor(tmp_path, zone, clock):
    land_run(zone, "20261116T090000Z-a", [tweet(1)], cursor={"since_id": "1001"})
    land_run(zone, "20261116T091500Z-b", [], status="failed")
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        load_landing(con, zone, clock)
        checks = con.execute("SELECT status, error FROM monitoring_checks ORDER BY seq").fetchall()
        assert read_cursors(con) == {"x-main": {"since_id": "1001"}}
    assert checks[0] == ("ok", None)
    assert checks[1][0] == "failed" and "HTTP 503" in checks[1][1]


def test_newer_version_of_a_post_updates_text_and_keeps_both_raw_versions(tmp_path, zone, clock):
    land_run(zone, "20261116T090000Z-a", [tweet(1, "first")])
    land_run(zone, "20261116T100000Z-b", [tweet(1, "second")])
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        load_landing(con, zone, clock)
        assert con.execute("SELECT text FROM posts").fetchall() == [("second",)]
        assert con.execute("SELECT count(*) FROM raw_items").fetchall()[0][0] == 2


HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("CREATE TABLE IF NOT EXISTS held (a INT)")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
    """
)


def _hold(db: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_lock_helper_waits_for_a_competing_process(tmp_path):
    db = tmp_path / "w.duckdb"
    with connect(db):
        pass
    proc = _hold(db, 1.0)
    started = time.monotonic()
    with connect(db, max_wait=20) as con:
        waited = time.monotonic() - started
        con.execute("INSERT INTO audit_log VALUES (1, now(), 'test', 'x', NULL, '0', '0')")
    proc.wait(timeout=10)
    assert waited > 0.3  # it really had to wait for the other process


def test_lock_helper_gives_up_clearly(tmp_path):
    db = tmp_path / "w.duckdb"
    with connect(db):
        pass
    proc = _hold(db, 5.0)
    try:
        with pytest.raises(DatabaseBusyError, match=r"is busy: another schoolwatch process .* held its lock for"):
            with connect(db, read_only=True, max_wait=0.5):
                pass
    finally:
        proc.kill()
        proc.wait()


def test_retry_on_lock_does_not_hide_other_errors(tmp_path):
    calls = []

    def fn():
        calls.append(1)
        raise ValueError("not a lock problem")

    with pytest.raises(ValueError):
        retry_on_lock(fn, path=tmp_path / "x", max_wait=1, sleep=lambda s: None)
    assert len(calls) == 1


def test_clock_is_used_for_load_times(tmp_path, zone):
    clock = ManualClock(datetime(2026, 11, 20, 12, tzinfo=UTC))
    land_run(zone, "20261116T090000Z-a", [tweet(1)])
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        load_landing(con, zone, clock)
        (recorded,) = con.execute("SELECT recorded_at FROM monitoring_checks").fetchall()[0]
    assert recorded == clock.now()
    clock.advance(timedelta(hours=1))


def _dump(db: Path) -> dict[str, list[tuple]]:
    with connect(db, read_only=True) as con:
        return {
            "posts": con.execute("SELECT * EXCLUDE (first_seen, last_seen) FROM posts ORDER BY post_id").fetchall(),
            "raw_items": con.execute("SELECT * FROM raw_items ORDER BY post_id, sha256").fetchall(),
            "quarantine": con.execute("SELECT landing_path, line_no, check_name, native_id, reason, raw_line FROM quarantine "
                                      "ORDER BY ALL").fetchall(),
        }


def test_fast_path_and_python_path_load_the_same_warehouse(tmp_path, zone, clock):
    """The demo's week (messy records and two bad lines included) through both normalisers."""
    land_sample(zone, clock, "kv")
    fast_db, python_db = tmp_path / "fast.duckdb", tmp_path / "python.duckdb"
    with connect(fast_db) as con:
        load_landing(con, zone, clock)
    with connect(python_db) as con:
        load_landing(con, zone, clock, fast=False)
    fast, python = _dump(fast_db), _dump(python_db)
    assert len(fast["posts"]) == 311 and len(fast["quarantine"]) >= 2
    assert any(q[2].startswith("expect_") for q in fast["quarantine"])  # a row the GX gate refused
    assert all(q[5] for q in fast["quarantine"])  # each with the line it came from
    assert fast == python


def test_stored_payload_hashes_to_its_key(tmp_path, zone, clock):
    land_sample(zone, clock, "kv")
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        load_landing(con, zone, clock)
        bad = con.execute("SELECT count(*) FROM raw_items WHERE sha256(payload::VARCHAR) <> sha256").fetchall()[0][0]
        joined = con.execute("SELECT count(*) FROM posts p JOIN raw_items r ON r.post_id = p.post_id AND r.sha256 = p.raw_sha256")
        assert bad == 0 and joined.fetchall()[0][0] == 311


def test_migration_011_keeps_raw_items_and_compresses_payloads(tmp_path, zone, clock):
    """A warehouse made before 011 (raw_items as 001 made it) keeps every row, key included."""
    import duckdb

    from warehouse.db import migrate

    db = tmp_path / "old.duckdb"
    land_sample(zone, clock, "kv")
    with connect(db) as con:
        load_landing(con, zone, clock)
        before = con.execute("SELECT * FROM raw_items ORDER BY post_id, sha256").fetchall()
    raw = duckdb.connect(str(db))
    raw.execute("CREATE TABLE raw_old AS SELECT * FROM raw_items")
    raw.execute("DROP TABLE raw_items")
    raw.execute(
        "CREATE TABLE raw_items (post_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, platform VARCHAR NOT NULL, "
        "source_id VARCHAR NOT NULL, stream VARCHAR, endpoint VARCHAR, payload JSON, landing_path VARCHAR NOT NULL, "
        "line_no INTEGER NOT NULL, fetched_at TIMESTAMPTZ NOT NULL, purged_at TIMESTAMPTZ, PRIMARY KEY (post_id, sha256))"
    )
    raw.execute("INSERT INTO raw_items SELECT * FROM raw_old")
    raw.execute("DROP TABLE raw_old")
    raw.execute("DELETE FROM schema_migrations WHERE version = 11")
    assert migrate(raw) == ["011_raw_payload_zstd.sql"]
    raw.execute("CHECKPOINT")
    assert raw.execute("SELECT * FROM raw_items ORDER BY post_id, sha256").fetchall() == before
    compressions = {r[0] for r in raw.execute(
        "SELECT compression FROM pragma_storage_info('raw_items') WHERE column_name = 'payload' AND segment_type = 'JSON'"
    ).fetchall()}
    assert compressions == {"ZSTD"}
    with pytest.raises(duckdb.ConstraintException):
        raw.execute("INSERT INTO raw_items SELECT * FROM raw_items LIMIT 1")
    raw.close()


def test_writable_connections_in_one_process_share_the_file_and_release_it(tmp_path):
    """Web app threads (and a step inside another's connection) open the file at once; once
    the last one closes, another process can take the lock."""
    import threading

    from warehouse import db as wdb

    db = tmp_path / "w.duckdb"
    with connect(db):  # created and migrated first, as `schoolwatch serve` does before serving
        pass
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def worker(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            with connect(db) as con:
                con.execute("INSERT INTO audit_log VALUES (?, now(), 'test', 'x', NULL, '0', '0')", [i])
                time.sleep(0.05)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with connect(db) as outer, connect(db) as inner:  # nested, as retention inside a job does
        inner.execute("INSERT INTO audit_log VALUES (9, now(), 'test', 'x', NULL, '0', '0')")
        assert outer.execute("SELECT count(*) FROM audit_log").fetchall()[0][0] == 5
    assert str(db.resolve()) not in wdb._INSTANCES
    proc = _hold(db, 0.1)  # another process can open it now
    assert proc.wait(timeout=20) == 0


def _everything(db: Path) -> dict[str, list[tuple]]:
    """Every table a load writes, without the columns that differ between two loads (the
    check rows' hash chain includes the row's sequence number and load time)."""
    with connect(db, read_only=True) as con:
        return {
            **_dump(db),
            "landing_files": con.execute("SELECT * EXCLUDE (loaded_at) FROM landing_files ORDER BY path").fetchall(),
            "validation_results": con.execute("SELECT * EXCLUDE (validated_at) FROM validation_results ORDER BY ALL").fetchall(),
            "monitoring_checks": con.execute("SELECT check_id, source_id, status, items FROM monitoring_checks ORDER BY seq").fetchall(),
            "cursors": con.execute("SELECT source_id, cursor, run_id FROM cursors ORDER BY source_id").fetchall(),
        }


def _staging_databases(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT database_name FROM duckdb_databases() WHERE database_name LIKE 'sw_stage_%'").fetchall()]


def test_a_load_in_many_groups_writes_what_one_group_writes(tmp_path, zone, clock, monkeypatch):
    """Small groups: the next group is staged on another thread while one is written, and
    the result is the same as staging everything at once (the same post in several runs
    included: the sample re-fetches posts across its runs)."""
    land_sample(zone, clock, "kv")
    whole, grouped = tmp_path / "whole.duckdb", tmp_path / "grouped.duckdb"
    with connect(whole) as con:
        load_landing(con, zone, clock)
    monkeypatch.setattr("warehouse.loader.FIRST_GROUP_LINES", 3)
    monkeypatch.setattr("warehouse.loader.GROUP_LINES", 7)
    with connect(grouped) as con:
        summary = load_landing(con, zone, clock)
        assert _staging_databases(con) == []  # every group's staging tables are gone
    assert summary.posts_new == 311
    assert _everything(grouped) == _everything(whole)


def test_a_crash_with_a_group_staged_ahead_frees_it_and_loses_nothing(tmp_path, zone, clock, monkeypatch):
    for i in range(4):
        land_run(zone, f"20261116T09000{i}Z-a", [tweet(10 * i + k) for k in range(3)], cursor={"since_id": str(i)})
    monkeypatch.setattr("warehouse.loader.FIRST_GROUP_LINES", 2)
    monkeypatch.setattr("warehouse.loader.GROUP_LINES", 2)  # a group per run
    db = tmp_path / "w.duckdb"

    def crash(stem: str) -> None:
        if stem.endswith("T090001Z-a"):
            raise RuntimeError("killed")

    with connect(db) as con:
        with pytest.raises(RuntimeError, match="killed"):
            load_landing(con, zone, clock, after_file=crash)
        assert _staging_databases(con) == []
    assert counts(db)["posts"] == 6  # the first two runs are in; nothing of the rest
    with connect(db) as con:
        load_landing(con, zone, clock)
    assert counts(db)["posts"] == 12
    assert counts(db)["landing_files"] == 8
