"""The case actions: one POST route each, all going through :mod:`alerts.actions`.

Each route checks the role (auditors never act; on a safeguarding case only the DSL works
it, others may only hand it to the DSL), runs the action in a short write, and redirects
back to the case page with a message. An action the case's state does not allow comes
back as a message, not an error page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from alerts import actions
from alerts.cases import CaseError, get_case
from alerts.evidence import export_pack
from connectors.errors import ConnectorError
from review.users import get_user
from review.web import NotFound, can_see_content, db, render, require_actor, state

log = logging.getLogger(__name__)
router = APIRouter()
MAX_TEXT = 4000

Action = Callable[[duckdb.DuckDBPyConnection, str, datetime], Any]


def _text(value: str, what: str, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise CaseError(f"{what} is required")
    if len(value) > MAX_TEXT:
        raise CaseError(f"{what} is too long (at most {MAX_TEXT} characters)")
    return value


def _act(request: Request, case_id: int, action: str, done: str, fn: Action) -> Response:
    st = state(request)
    session = request.state.session
    with db(request) as con:
        try:
            case = get_case(con, case_id)
        except CaseError:
            raise NotFound(f"There is no case {case_id}.") from None
        require_actor(session, case.category, action)
        try:
            fn(con, session.username, st.clock.now())
            session.flashes.append(done)
        except CaseError as exc:
            session.flashes.append(f"Not done: {exc}")
    session.skip_view = case_id
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/assign")
def assign(request: Request, case_id: int, to: str = Form("")) -> Response:
    def run(con: duckdb.DuckDBPyConnection, actor: str, now: datetime) -> Any:
        who = get_user(con, _text(to, "who to assign to"))
        if who is None or who.disabled or who.role == "auditor":
            raise CaseError("assign to an active coordinator, DSL or head")
        case = get_case(con, case_id)
        session = request.state.session
        if not can_see_content(session.role, case.category) and who.role != "dsl":
            raise CaseError("a safeguarding case can only be handed to the DSL")
        return actions.assign(con, case_id, who.username, actor=actor, now=now)

    return _act(request, case_id, "assign", f"Assigned to {to.strip()}.", run)


@router.post("/cases/{case_id}/note")
def note(request: Request, case_id: int, text: str = Form("")) -> Response:
    return _act(request, case_id, "note", "Note added.",
                lambda con, actor, now: actions.note(con, case_id, _text(text, "the note"), actor=actor, now=now))


@router.post("/cases/{case_id}/dismiss")
def dismiss(request: Request, case_id: int, reason: str = Form("")) -> Response:
    return _act(request, case_id, "dismiss", "Dismissed.",
                lambda con, actor, now: actions.dismiss(con, case_id, _text(reason, "a reason for dismissing"), actor=actor, now=now))


@router.post("/cases/{case_id}/takedown")
def takedown(request: Request, case_id: int, route: str = Form(""), reason: str = Form("")) -> Response:
    return _act(request, case_id, "takedown", "Takedown requested.",
                lambda con, actor, now: actions.request_takedown(con, case_id, route, _text(reason, "reason", False) or None,
                                                             actor=actor, now=now))


@router.get("/cases/{case_id}/hide", response_class=HTMLResponse)
def hide_confirm(request: Request, case_id: int) -> Response:
    session = request.state.session
    with db(request) as con:
        try:
            case = get_case(con, case_id)
        except CaseError:
            raise NotFound(f"There is no case {case_id}.") from None
    require_actor(session, case.category, "hide")
    return render(request, "hide_confirm.html", {"case": case})


@router.post("/cases/{case_id}/hide")
def hide(request: Request, case_id: int, confirm: str = Form("")) -> Response:
    st = state(request)

    def run(con: duckdb.DuckDBPyConnection, actor: str, now: datetime) -> Any:
        if confirm != "yes":
            raise CaseError("tick the box to confirm hiding the post on the platform")
        if st.connector_provider is None:
            raise CaseError("hiding through the API is not configured on this server")
        row = con.execute(
            "SELECT p.platform, p.account_id, a.kind FROM cases c JOIN posts p USING (post_id) "
            "LEFT JOIN accounts a ON a.account_id = p.account_id WHERE c.case_id = ?", [case_id]
        ).fetchone()
        if row is None or row[2] != "own":
            raise CaseError("hiding through the API is only possible for posts on the school's own accounts")
        try:
            connector = st.connector_provider(row[0], row[1])
        except ConnectorError as exc:
            log.warning("no %s connector for hiding (case %s): %s", row[0], case_id, exc.__class__.__name__)
            raise CaseError(f"cannot reach {row[0]} with this server's credentials: {exc}") from None
        event = actions.hide_via_api(con, case_id, connector, actor=actor, now=now)
        if event.kind == "hide_failed":
            raise CaseError(f"the platform did not hide the post: {event.reason} (recorded in the timeline)")
        return event

    return _act(request, case_id, "hide", "Hidden on the platform.", run)


@router.post("/cases/{case_id}/report")
def report(request: Request, case_id: int, body: str = Form(""), reference: str = Form("")) -> Response:
    return _act(request, case_id, "report", "Report recorded.",
                lambda con, actor, now: actions.report_outside(con, case_id, body, _text(reference, "the reference"),
                                                           actor=actor, now=now))


@router.post("/cases/{case_id}/escalate")
def escalate(request: Request, case_id: int, to: str = Form(""), why: str = Form("")) -> Response:
    return _act(request, case_id, "escalate", "Escalated.",
                lambda con, actor, now: actions.escalate(con, case_id, _text(to, "who it goes to"), _text(why, "why"),
                                                     actor=actor, now=now))


@router.post("/cases/{case_id}/close")
def close(request: Request, case_id: int, reason: str = Form("")) -> Response:
    return _act(request, case_id, "close", "Closed.",
                lambda con, actor, now: actions.close(con, case_id, _text(reason, "a reason for closing"), actor=actor, now=now))


@router.post("/cases/{case_id}/reopen")
def reopen(request: Request, case_id: int, reason: str = Form("")) -> Response:
    return _act(request, case_id, "reopen", "Reopened.",
                lambda con, actor, now: actions.reopen(con, case_id, _text(reason, "a reason for reopening"), actor=actor, now=now))


@router.post("/cases/{case_id}/export")
def export(request: Request, case_id: int) -> Response:
    st = state(request)
    out_dir = st.settings.export_dir or (st.db_path.parent / "evidence-packs")

    def run(con: duckdb.DuckDBPyConnection, actor: str, now: datetime) -> Path:
        folder = export_pack(con, case_id, Path(out_dir), now)
        digest = (folder / "evidence.json.sha256").read_text(encoding="utf-8").split()[0]
        # exporting is an action like any other, so it goes in the case history
        actions.note(con, case_id, f"evidence pack exported to {folder} (evidence.json sha256 {digest})",
                     actor=actor, now=now)
        request.state.session.flashes.append(f"Evidence pack written to {folder / 'index.html'}")
        return folder

    return _act(request, case_id, "export", "Evidence pack exported.", run)
