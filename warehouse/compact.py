"""Rewrite the DuckDB file so deleted and purged values are really gone from disk.

DuckDB marks deleted rows and superseded values as free space; after ``CHECKPOINT`` (and
even ``VACUUM``) the old bytes stay in the file's free blocks until reused. Erasure and
retention must remove them, so after a purge the warehouse is copied table by table into
a fresh file (``COPY FROM DATABASE`` keeps schema, constraints, indexes, views and
sequence positions), the copy is checked and fsynced, and it atomically replaces the old
file. Needs the database to itself: run it in the single-writer slot, after the purge.

What this cannot reach: filesystem-level remnants of the old file's blocks, backups and
snapshots. The data-protection note asks for an encrypted disk and a backup retention
period for that reason.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Any

import duckdb

from warehouse.db import (
    DEFAULT_LOCK_WAIT_S,
    ROW_GROUP_SIZE,
    open_writable,
    retry_on_lock,
)

log = logging.getLogger(__name__)


class CompactError(RuntimeError):
    """The rewritten copy did not match the original; the original was left in place."""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _counts(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, int]:
    tables = con.execute(
        "SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = ? ORDER BY 1, 2", [catalog]
    ).fetchall()
    out = {}
    for schema, table in tables:
        row = con.execute(f"SELECT count(*) FROM {_ident(catalog)}.{_ident(schema)}.{_ident(table)}").fetchone()
        out[f"{schema}.{table}"] = int(row[0]) if row else 0
    return out


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def rewrite_database(path: str | Path, *, max_wait: float = DEFAULT_LOCK_WAIT_S) -> dict[str, Any]:
    """Copy the warehouse into a fresh file and swap it in; returns sizes and table counts."""
    src = Path(path)
    tmp = src.with_name(f".{src.name}.rewrite-{secrets.token_hex(4)}")
    before = src.stat().st_size
    con = retry_on_lock(lambda: open_writable(src), path=src, max_wait=max_wait)
    try:
        con.execute("CHECKPOINT")
        row = con.execute("SELECT current_database()").fetchone()
        assert row is not None
        catalog = str(row[0])
        con.execute(f"ATTACH {_quote(str(tmp))} AS sw_rewrite (ROW_GROUP_SIZE {ROW_GROUP_SIZE})")
        try:
            con.execute(f"COPY FROM DATABASE {_ident(catalog)} TO sw_rewrite")
            old, new = _counts(con, catalog), _counts(con, "sw_rewrite")
            if old != new:
                raise CompactError(f"rewritten copy of {src} differs from the original: {old} != {new}")
            con.execute("CHECKPOINT sw_rewrite")
        finally:
            con.execute("DETACH sw_rewrite")
    except BaseException:
        con.close()
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    con.close()
    closed = src.stat()
    _fsync(tmp)
    now = src.stat()
    if (now.st_mtime_ns, now.st_size) != (closed.st_mtime_ns, closed.st_size):
        # Someone wrote between our close and the swap (the web app writes outside the
        # single-writer slot): keep their write, leave the rewrite to the next run.
        tmp.unlink(missing_ok=True)
        raise CompactError(f"{src} changed during the rewrite; nothing replaced (retry later)")
    if src.with_name(src.name + ".wal").exists():
        # A clean close checkpoints and removes the WAL; one here means another writer got in.
        tmp.unlink(missing_ok=True)
        raise CompactError(f"{src} was opened by another process during the rewrite; nothing replaced")
    os.replace(tmp, src)
    _fsync(src.parent)
    after = src.stat().st_size
    log.info("rewrote %s: %d -> %d bytes", src, before, after)
    return {"bytes_before": before, "bytes_after": after, "tables": len(new)}
