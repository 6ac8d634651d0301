"""Hash-chained, append-only logs (the monitoring log, the audit log, case events).

Each row's hash covers its content and the previous row's hash, so editing, deleting or
inserting a row anywhere breaks the chain from that row on. :func:`verify_chain` walks a
table in order and reports the first broken row.

Redactable fields (case events' ``reason`` and ``data``) are hashed through their own
SHA-256, so retention can purge the content after the records-policy period and keep the
digest in ``redacted``: the chain still verifies, and no content can be swapped in later.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

GENESIS = "0" * 64


def _norm(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def field_digest(value: Any) -> str | None:
    """The SHA-256 a redactable field is hashed through (None stays None)."""
    if value is None:
        return None
    body = json.dumps(_norm(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def _hashed(spec: ChainSpec, content: dict[str, Any], redacted: dict[str, Any] | None = None) -> dict[str, Any]:
    if not spec.redactable:
        return content
    out = dict(content)
    for f in spec.redactable:
        if redacted and f in redacted and content.get(f) is None:
            out[f] = {"sha256": redacted[f]}  # purged: the digest kept at purge time stands in
        else:
            out[f] = {"sha256": field_digest(content.get(f))}
    return out


def row_hash(prev_hash: str, content: dict[str, Any]) -> str:
    body = json.dumps(_norm(content), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainSpec:
    table: str
    order_by: str  # the column that orders the chain
    fields: tuple[str, ...]  # the content the hash covers
    partition: str | None = None  # e.g. case_id: one chain per case
    redactable: tuple[str, ...] = ()  # hashed via field_digest; content may be purged later


MONITORING = ChainSpec(
    "monitoring_checks",
    "seq",
    (
        "seq", "check_id", "school_id", "account_id", "source_id", "platform", "kind", "actor",
        "started_at", "finished_at", "status", "items", "api_calls", "error", "recorded_at",
    ),
)
AUDIT = ChainSpec("audit_log", "seq", ("seq", "occurred_at", "actor", "action", "detail"))
CASE_EVENTS = ChainSpec(
    "case_events",
    "event_id",
    ("event_id", "case_id", "occurred_at", "actor", "kind", "reason", "data", "idem_key"),
    partition="case_id",
    redactable=("reason", "data"),
)


def last_hash(con: duckdb.DuckDBPyConnection, spec: ChainSpec, partition_value: Any = None) -> str:
    where, params = "", []
    if spec.partition:
        where, params = f"WHERE {spec.partition} = ?", [partition_value]
    row = con.execute(
        f"SELECT row_hash FROM {spec.table} {where} ORDER BY {spec.order_by} DESC LIMIT 1", params
    ).fetchone()
    return row[0] if row else GENESIS


def append(con: duckdb.DuckDBPyConnection, spec: ChainSpec, values: dict[str, Any]) -> dict[str, Any]:
    """Insert one chained row. ``values`` must include the ordering column's value.

    Call inside a transaction: the previous hash is read and the row written atomically.
    JSON columns are passed as Python objects and stored as canonical JSON text.
    """
    prev = last_hash(con, spec, values.get(spec.partition) if spec.partition else None)
    content = {f: values.get(f) for f in spec.fields}
    if "data" in content and content["data"] is not None and not isinstance(content["data"], str):
        content["data"] = json.dumps(content["data"], sort_keys=True, ensure_ascii=False, default=str)
    if "detail" in content and content["detail"] is not None and not isinstance(content["detail"], str):
        content["detail"] = json.dumps(content["detail"], sort_keys=True, ensure_ascii=False, default=str)
    h = row_hash(prev, _hashed(spec, content))
    row: dict[str, Any] = {**values, **{k: content[k] for k in ("data", "detail") if k in content}, "prev_hash": prev, "row_hash": h}
    cols = list(row)
    con.execute(
        f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [row[c] for c in cols],
    )
    return row


@dataclass(frozen=True)
class ChainBreak:
    table: str
    position: Any  # the ordering value of the first broken row
    reason: str


def verify_chain(con: duckdb.DuckDBPyConnection, spec: ChainSpec) -> tuple[int, ChainBreak | None]:
    """Walk the chain; return (rows checked, first break or None)."""
    extra = [spec.partition] if spec.partition else []
    if spec.redactable:
        extra.append("redacted")
    cols = ", ".join(dict.fromkeys((*spec.fields, "prev_hash", "row_hash", *extra)))
    order = f"{spec.partition}, {spec.order_by}" if spec.partition else spec.order_by
    cur = con.execute(f"SELECT {cols} FROM {spec.table} ORDER BY {order}")
    names = [d[0] for d in cur.description]
    prev: dict[Any, str] = {}
    n = 0
    for raw in cur.fetchall():
        rec = dict(zip(names, raw, strict=True))
        n += 1
        key = rec.get(spec.partition) if spec.partition else None
        expected_prev = prev.get(key, GENESIS)
        if rec["prev_hash"] != expected_prev:
            return n, ChainBreak(spec.table, rec[spec.order_by], "previous-hash link broken: a row before it was deleted, inserted or edited")
        content = {f: rec[f] for f in spec.fields}
        redacted = json.loads(rec["redacted"]) if isinstance(rec.get("redacted"), str) else rec.get("redacted")
        if row_hash(rec["prev_hash"], _hashed(spec, content, redacted)) != rec["row_hash"]:
            return n, ChainBreak(spec.table, rec[spec.order_by], "row content does not match its hash: the row was edited")
        prev[key] = rec["row_hash"]
    return n, None
