"""The file rewrite behind retention and erasure: same data, sequences kept, never loses a write."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import warehouse.compact as compact
from warehouse.compact import CompactError, rewrite_database
from warehouse.db import connect

NOW = datetime(2026, 11, 16, tzinfo=UTC)


def _school(con, sid: str) -> None:
    con.execute("INSERT INTO schools (school_id, name, aliases, updated_at) VALUES (?, 'Invented School', [], ?)", [sid, NOW])


def test_rewrite_keeps_rows_and_sequence_positions(tmp_path):
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        _school(con, "a")
        for _ in range(3):
            con.execute("SELECT nextval('case_ids')")
        con.execute("INSERT INTO cases (post_id, school_id, category, severity, opened_at) VALUES ('x:1', 'a', 'abuse', 'high', ?)", [NOW])
        con.execute("DELETE FROM schools WHERE school_id = 'zzz'")
    out = rewrite_database(db)
    assert out["tables"] > 10
    with connect(db) as con:
        assert con.execute("SELECT school_id FROM schools").fetchall() == [("a",)]
        row = con.execute(
            "INSERT INTO cases (post_id, school_id, category, severity, opened_at) VALUES ('x:2', 'a', 'abuse', 'high', ?) RETURNING case_id",
            [NOW],
        ).fetchone()
        assert row == (5,)  # the sequence carried on: ids are never reused
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] >= 2
    assert not list(tmp_path.glob(".*rewrite*"))


def test_rewrite_never_swaps_over_a_write_made_meanwhile(tmp_path, monkeypatch):
    db = tmp_path / "w.duckdb"
    with connect(db) as con:
        _school(con, "a")
    real = compact._fsync

    def fsync_then_someone_writes(path):
        real(path)
        if path.name.startswith(".") and path.is_file():
            with connect(db) as con:
                _school(con, "written-meanwhile")

    monkeypatch.setattr(compact, "_fsync", fsync_then_someone_writes)
    with pytest.raises(CompactError, match="changed during the rewrite"):
        rewrite_database(db)
    with connect(db, read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT school_id FROM schools").fetchall()) == ["a", "written-meanwhile"]
    assert not list(tmp_path.glob(".*rewrite*"))
