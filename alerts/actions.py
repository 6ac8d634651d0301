"""Acting on a case: the one place every face (CLI, web app, DAG) goes through.

Each function takes the connection and the case id, then what the action needs, then
``actor`` (a username, or ``system``) and ``now`` as keywords, and appends one event to the
case's hash-chained history. Nothing here edits or deletes an event. A refused action
raises :class:`alerts.cases.CaseError` whose message can be shown to the person as it is.

Own-account takedowns follow two rules (policy: remove within 24 hours; keep records):
a person, not the system, approves the takedown (``request_takedown`` with an ``own_*``
route), and the evidence is captured before anything is hidden. ``hide_via_api`` checks
both, calls the platform, and keeps the platform's answer as evidence in the event.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import duckdb

from alerts.cases import (
    OUTSIDE_BODIES,
    OWN_ROUTES,
    SYSTEM,
    TAKEDOWN_ROUTES,
    Case,
    CaseError,
    Event,
    append_event,
    get_case,
    has_evidence,
)
from connectors.base import Connector
from connectors.errors import ConnectorError

log = logging.getLogger(__name__)

__all__ = [
    "CaseError",
    "assign",
    "close",
    "dismiss",
    "escalate",
    "hide_via_api",
    "note",
    "record_view",
    "reopen",
    "report_outside",
    "request_takedown",
]


@contextmanager
def _atomic(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """A transaction of our own, or the caller's when one is already open."""
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        yield  # the caller owns the transaction
        return
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _append(
    con: duckdb.DuckDBPyConnection,
    case_id: int,
    kind: str,
    *,
    actor: str,
    now: datetime,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    idem_key: str | None = None,
) -> Event:
    with _atomic(con):
        ev = append_event(con, case_id, kind, actor=actor, now=now, reason=reason, data=data, idem_key=idem_key)
    if ev is None:
        raise CaseError(f"case {case_id}: this {kind.replace('_', ' ')} was already recorded")
    return ev


def _person(actor: str, what: str) -> None:
    if not actor or actor.strip().lower() == SYSTEM:
        raise CaseError(f"{what} must be done by a person, not by the system")


def _clean(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


# -- looking and organising ------------------------------------------------------------------

def record_view(con: duckdb.DuckDBPyConnection, case_id: int, *, actor: str, now: datetime) -> Event:
    """Record that someone opened the case (who saw safeguarding content is part of the record)."""
    get_case(con, case_id)
    return _append(con, case_id, "viewed", actor=actor, now=now)


def assign(con: duckdb.DuckDBPyConnection, case_id: int, to: str, *, actor: str, now: datetime) -> Event:
    """Give the case to a person."""
    to = (to or "").strip()
    case = get_case(con, case_id)
    if to and case.assignee == to:
        raise CaseError(f"case {case_id} is already assigned to {to}")
    return _append(con, case_id, "assigned", actor=actor, now=now, data={"to": to})


def note(con: duckdb.DuckDBPyConnection, case_id: int, text: str, *, actor: str, now: datetime) -> Event:
    """Add a free-text note to the history."""
    get_case(con, case_id)
    return _append(con, case_id, "note", actor=actor, now=now, reason=_clean(text))


def dismiss(con: duckdb.DuckDBPyConnection, case_id: int, reason: str, *, actor: str, now: datetime) -> Event:
    """Nothing to act on (a false positive, or within the rules); the reason is required."""
    _person(actor, "dismissing a case")
    get_case(con, case_id)
    return _append(con, case_id, "dismissed", actor=actor, now=now, reason=_clean(reason))


# -- taking it down --------------------------------------------------------------------------

def _post(con: duckdb.DuckDBPyConnection, post_id: str) -> tuple[str, str, str | None]:
    """(platform, native_id, kind of the account it sits on: own | watch | None)."""
    row = con.execute(
        "SELECT p.platform, p.native_id, a.kind FROM posts p LEFT JOIN accounts a USING (account_id) WHERE p.post_id = ?",
        [post_id],
    ).fetchone()
    if row is None:
        raise CaseError(f"the post {post_id} is no longer in the warehouse")
    return row[0], row[1], row[2]


def request_takedown(
    con: duckdb.DuckDBPyConnection,
    case_id: int,
    route: str,
    reason: str | None = None,
    *,
    actor: str,
    now: datetime,
) -> Event:
    """Ask for the post to come down by one route; ``own_hide``/``own_delete`` is the approval
    a person gives for :func:`hide_via_api` and is only possible on the school's own accounts."""
    if route not in TAKEDOWN_ROUTES:
        raise CaseError(f"takedown route must be one of {', '.join(sorted(TAKEDOWN_ROUTES))}, not {route!r}")
    case = get_case(con, case_id)
    if route in OWN_ROUTES:
        _person(actor, "approving an own-account takedown")
        platform, _, account_kind = _post(con, case.post_id)
        if account_kind != "own":
            raise CaseError(
                f"case {case_id}: the post is not on one of the school's own {platform} accounts, so it cannot be "
                "hidden or deleted by the school; use asked_poster or reported_platform"
            )
    if any(e.kind == "takedown_requested" and e.data.get("route") == route for e in case.current_events):
        raise CaseError(f"case {case_id}: a takedown by {route} was already requested")
    return _append(
        con, case_id, "takedown_requested", actor=actor, now=now, reason=_clean(reason),
        data={"route": route}, idem_key=f"takedown:{case_id}:{case.cycle}:{route}",
    )


def hide_via_api(
    con: duckdb.DuckDBPyConnection,
    case_id: int,
    connector: Connector,
    *,
    actor: str,
    now: datetime,
) -> Event:
    """Hide or delete the post through the platform's API, after approval and evidence capture.

    Returns the ``hidden_via_api`` event, or a ``hide_failed`` event carrying the platform's
    answer when it refused or could not be reached (the takedown then stays requested).
    """
    case = get_case(con, case_id)
    approval = case.approved_own_takedown
    if approval is None:
        raise CaseError(
            f"case {case_id}: a person must approve an own-account takedown (route own_hide or own_delete) "
            "before it is hidden through the API"
        )
    if not has_evidence(con, case_id):
        raise CaseError(f"case {case_id}: the evidence has not been captured; capture it before hiding the post")
    if any(e.kind == "hidden_via_api" for e in case.current_events):
        raise CaseError(f"case {case_id}: the post was already hidden through the API")
    platform, native_id, _ = _post(con, case.post_id)
    if getattr(connector, "platform", platform) != platform:
        raise CaseError(f"case {case_id}: the post is on {platform}, not {connector.platform}")
    base = {"platform": platform, "native_id": native_id, "route": approval.data["route"],
            "approved_by": approval.actor, "approval_event_id": approval.event_id}
    try:
        result = connector.hide(native_id)
    except ConnectorError as exc:
        log.warning("hide failed for case %s: %s", case_id, exc)
        return _append(con, case_id, "hide_failed", actor=actor, now=now, reason=str(exc),
                       data={**base, "error_kind": exc.kind, "status": exc.status})
    if not result.ok:
        return _append(con, case_id, "hide_failed", actor=actor, now=now, reason=result.reason or "the platform refused",
                       data={**base, "answer": result.evidence})
    return _append(
        con, case_id, "hidden_via_api", actor=actor, now=now, reason=_clean(result.reason),
        data={**base, "answer": result.evidence}, idem_key=f"hidden:{case_id}:{case.cycle}",
    )


# -- telling others --------------------------------------------------------------------------

def report_outside(
    con: duckdb.DuckDBPyConnection,
    case_id: int,
    body: str,
    reference: str,
    *,
    actor: str,
    now: datetime,
    reason: str | None = None,
) -> Event:
    """Record a report to an outside body (POSH, police, CEOP, IWF, ...) with its reference."""
    if body not in OUTSIDE_BODIES:
        raise CaseError(f"outside body must be one of {', '.join(sorted(OUTSIDE_BODIES))}, not {body!r}")
    _person(actor, "reporting to an outside body")
    get_case(con, case_id)
    return _append(con, case_id, "reported_outside", actor=actor, now=now, reason=_clean(reason),
                   data={"body": body, "reference": (reference or "").strip()})


def escalate(con: duckdb.DuckDBPyConnection, case_id: int, to: str, why: str, *, actor: str, now: datetime) -> Event:
    """A person escalates by hand (the ladder's own steps come from :mod:`alerts.escalation`)."""
    get_case(con, case_id)
    return _append(con, case_id, "escalated", actor=actor, now=now, reason=_clean(why),
                   data={"to": (to or "").strip(), "manual": True})


# -- ending and starting again ---------------------------------------------------------------

def close(con: duckdb.DuckDBPyConnection, case_id: int, reason: str, *, actor: str, now: datetime) -> Event:
    """Close the case (dealt with); the reason is required."""
    _person(actor, "closing a case")
    get_case(con, case_id)
    return _append(con, case_id, "closed", actor=actor, now=now, reason=_clean(reason))


def reopen(con: duckdb.DuckDBPyConnection, case_id: int, reason: str, *, actor: str, now: datetime) -> Event:
    """Reopen a removed, dismissed or closed case; a takedown case gets a fresh deadline."""
    case = get_case(con, case_id)
    return _append(con, case_id, "reopened", actor=actor, now=now, reason=_clean(reason),
                   data=reopen_data(case, now))


def reopen_data(case: Case, now: datetime) -> dict[str, Any]:
    """A reopened takedown case is due again one takedown window after now."""
    if case.due_at is None:
        return {}
    return {"due_at": (now + (case.due_at - case.opened_at)).isoformat()}
