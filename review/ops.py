"""The case actions the web app offers, each one a case event.

These mirror ``alerts.actions`` (written on the ``cases`` branch) name for name and
argument for argument, calling :func:`alerts.cases.append_event`, which checks the
transition. When ``alerts.actions`` lands, each function here becomes a one-line
delegation; the app only ever calls this module.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from alerts.cases import CaseError, Event, append_event, get_case
from connectors.base import Connector
from warehouse.db import transaction


def _one(con: duckdb.DuckDBPyConnection, case_id: int, kind: str, *, actor: str, now: datetime,
         reason: str | None = None, data: dict[str, Any] | None = None) -> Event | None:
    with transaction(con):
        return append_event(con, case_id, kind, actor=actor, now=now, reason=reason, data=data)


def record_view(con: duckdb.DuckDBPyConnection, case_id: int, *, actor: str, now: datetime) -> Event | None:
    return _one(con, case_id, "viewed", actor=actor, now=now)


def assign(con: duckdb.DuckDBPyConnection, case_id: int, to: str, *, actor: str, now: datetime) -> Event | None:
    return _one(con, case_id, "assigned", actor=actor, now=now, data={"to": to})


def note(con: duckdb.DuckDBPyConnection, case_id: int, text: str, *, actor: str, now: datetime) -> Event | None:
    return _one(con, case_id, "note", actor=actor, now=now, reason=text)


def dismiss(con: duckdb.DuckDBPyConnection, case_id: int, reason: str, *, actor: str, now: datetime) -> Event | None:
    return _one(con, case_id, "dismissed", actor=actor, now=now, reason=reason)


def request_takedown(con: duckdb.DuckDBPyConnection, case_id: int, route: str, reason: str | None = None, *,
                     actor: str, now: datetime) -> Event | None:
    return _one(con, case_id, "takedown_requested", actor=actor, now=now, reason=reason, data={"route": route})


def hide_via_api(con: duckdb.DuckDBPyConnection, case_id: int, connector: Connector, *, actor: str,
                 now: datetime) -> Event | None:
    """Hide the post through the platform API (own accounts, after an approved request).

    The transition is checked before the platform is called; a refusal from the platform
    is recorded as a note so the attempt is visible, and raised as :class:`CaseError`.
    """
    case = get_case(con, case_id)
    row = con.execute(
        "SELECT p.native_id, a.kind FROM posts p LEFT JOIN accounts a USING (account_id) WHERE p.post_id = ?",
        [case.post_id],
    ).fetchone()
    if row is None or row[1] != "own":
        raise CaseError("hiding through the API is only possible for posts on the school's own accounts")
    if not any(e.kind == "takedown_requested" and e.data.get("route") in {"own_hide", "own_delete"} for e in case.events):
        raise CaseError("hiding through the API needs an approved own-account takedown request first")
    result = connector.hide(str(row[0]))
    if not result.ok:
        _one(con, case_id, "note", actor=actor, now=now, reason=f"hide via API failed: {result.reason or 'no reason given'}")
        raise CaseError(f"the platform did not hide the post: {result.reason or 'no reason given'}")
    return _one(con, case_id, "hidden_via_api", actor=actor, now=now,
                data={"platform": connector.platform, "evidence": result.evidence})


def report_outside(con: duckdb.DuckDBPyConnection, case_id: int, body: str, reference: str, *, actor: str,
                   now: datetime) -> Event | None:
    return _one(con, case_id, "reported_outside", actor=actor, now=now, data={"body": body, "reference": reference})


def escalate(con: duckdb.DuckDBPyConnection, case_id: int, to: str, why: str, *, actor: str, now: datetime) -> Event | None:
    case = get_case(con, case_id)
    return _one(con, case_id, "escalated", actor=actor, now=now, reason=why,
                data={"to": to, "rung": case.escalation_rung + 1})


def close(con: duckdb.DuckDBPyConnection, case_id: int, reason: str, *, actor: str, now: datetime) -> Event | None:
    return _one(con, case_id, "closed", actor=actor, now=now, reason=reason)


def reopen(con: duckdb.DuckDBPyConnection, case_id: int, reason: str, *, actor: str, now: datetime) -> Event | None:
    return _one(con, case_id, "reopened", actor=actor, now=now, reason=reason)


def export_pack(con: duckdb.DuckDBPyConnection, case_id: int, out_dir: Path, now: datetime) -> Path:
    """The evidence pack, from ``alerts.evidence`` (branch ``cases``)."""
    try:
        from alerts.evidence import export_pack as _export  # noqa: PLC0415 - lands with the cases branch
    except ImportError as exc:
        raise CaseError("exporting evidence packs is not available in this build yet") from exc
    return _export(con, case_id, out_dir, now)
