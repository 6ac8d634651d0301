"""Pages that show things: the queue, the case page, the overview for auditors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from alerts import actions
from alerts.cases import (
    OPEN_STATES,
    OUTSIDE_BODIES,
    TAKEDOWN_ROUTES,
    TRANSITIONS,
    Case,
    CaseError,
    Event,
    get_case,
    list_cases,
    queue_order,
)
from review.render import Segment, highlight, safe_url, spans_from_evidence, time_left, visible
from review.users import list_users
from review.web import NotFound, can_act, can_see_content, db, is_safeguarding, render, state
from schoolwatch.core.categories import FLAG_CATEGORIES
from schoolwatch.core.ids import PLATFORMS

router = APIRouter()
ALL_STATES = ("open", "takedown_requested", "escalated", "removed", "dismissed", "closed")


def platform_of(post_id: str) -> str:
    return post_id.split(":", 1)[0]


@dataclass
class QueueRow:
    case: Case
    platform: str
    countdown: str
    urgency: str
    restricted: bool


@router.get("/queue", response_class=HTMLResponse)
def queue(request: Request, category: str = "", platform: str = "", state_: str = Query("", alias="state"),
          assignee: str = "") -> Response:
    session = request.state.session
    now = state(request).clock.now()
    with db(request) as con:
        cases = list_cases(con, open_only=state_ not in ALL_STATES or state_ in OPEN_STATES)
        people = [u.username for u in list_users(con) if not u.disabled and u.role != "auditor"]
    if state_ in ALL_STATES:
        cases = [c for c in cases if c.state == state_]
    if category:
        cases = [c for c in cases if c.category == category]
    if platform:
        cases = [c for c in cases if platform_of(c.post_id) == platform]
    if assignee == "-":
        cases = [c for c in cases if not c.assignee]
    elif assignee:
        cases = [c for c in cases if c.assignee == assignee]
    rows = []
    for c in queue_order(cases):
        label, urgency = time_left(c.due_at, now, c.is_open)
        rows.append(QueueRow(c, platform_of(c.post_id), label, urgency, not can_see_content(session.role, c.category)))
    return render(request, "queue.html", {
        "rows": rows,
        "filters": {"category": category, "platform": platform, "state": state_, "assignee": assignee},
        "categories": [c.value for c in FLAG_CATEGORIES],
        "platforms": PLATFORMS,
        "states": ALL_STATES,
        "people": people,
    })


@router.get("/overview", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    """Counts, the monitoring log and the case history: what auditors read (no post content)."""
    with db(request) as con:
        by_state: dict[str, int] = {}
        by_category: dict[str, int] = {}
        overdue = 0
        now = state(request).clock.now()
        for c in list_cases(con, open_only=False):
            by_state[c.state] = by_state.get(c.state, 0) + 1
            by_category[c.category] = by_category.get(c.category, 0) + 1
            if c.is_open and c.due_at and c.due_at < now:
                overdue += 1
        checks = con.execute(
            "SELECT recorded_at, kind, actor, coalesce(account_id, source_id), platform, status, items, started_at, finished_at "
            "FROM monitoring_checks ORDER BY seq DESC LIMIT 30"
        ).fetchall()
        accounts = con.execute(
            """
            SELECT a.account_id, a.platform, a.kind, a.check_every_s,
                   max(m.finished_at) FILTER (WHERE m.kind = 'automated' AND m.status = 'ok'),
                   max(m.finished_at) FILTER (WHERE m.kind = 'human')
            FROM accounts a LEFT JOIN monitoring_checks m ON m.account_id = a.account_id
            WHERE a.active GROUP BY ALL ORDER BY a.account_id
            """
        ).fetchall()
        events = con.execute(
            "SELECT occurred_at, case_id, actor, kind FROM case_events ORDER BY event_id DESC LIMIT 30"
        ).fetchall()
    return render(request, "overview.html", {
        "by_state": sorted(by_state.items()), "by_category": sorted(by_category.items()), "overdue": overdue,
        "checks": checks, "events": events,
        "accounts": [(a, p, k, last, human, last is None or (now - last).total_seconds() > every)
                     for a, p, k, every, last, human in accounts],
    })


# -- the case page ------------------------------------------------------------------

@dataclass
class PostView:
    post_id: str
    platform: str
    kind: str
    author: str
    created_at: Any
    url: str | None
    link: str | None
    segments: list[Segment]
    purged: bool
    removed_at: Any
    account_id: str | None
    source_id: str | None
    own: bool
    restricted: bool = False


_POST_COLS = ("post_id, platform, item_kind, coalesce(author_handle, author_name, author_id), created_at, url, text, "
              "text_purged_at, removed_at, account_id, source_id, parent_id, conversation_id")


def _post(con: duckdb.DuckDBPyConnection, post_id: str | None) -> tuple[Any, ...] | None:
    if not post_id:
        return None
    return con.execute(
        f"SELECT {_POST_COLS}, (SELECT kind FROM accounts a WHERE a.account_id = p.account_id) FROM posts p WHERE post_id = ?",
        [post_id],
    ).fetchone()


def _post_view(row: tuple[Any, ...], spans: list[Any], restricted: bool) -> PostView:
    url = row[5]
    return PostView(
        post_id=row[0], platform=row[1], kind=row[2], author="" if restricted else visible(row[3]),
        created_at=row[4], url=None if restricted else visible(url), link=None if restricted else safe_url(url),
        segments=[] if restricted else highlight(row[6], spans), purged=row[7] is not None, removed_at=row[8],
        account_id=row[9], source_id=row[10], own=row[13] == "own", restricted=restricted,
    )


def _context_restricted(con: duckdb.DuckDBPyConnection, post_id: str, role: str) -> bool:
    """A parent post that is itself a safeguarding case stays hidden from non-DSL readers."""
    row = con.execute("SELECT category FROM cases WHERE post_id = ?", [post_id]).fetchone()
    return row is not None and not can_see_content(role, row[0])


@dataclass
class TimelineEntry:
    event: Event
    summary: str
    detail: str


def _timeline(events: list[Event], show_text: bool) -> list[TimelineEntry]:
    out = []
    for e in events:
        d = e.data or {}
        bits = []
        for key in ("to", "route", "body", "reference", "category", "severity", "rung", "platform"):
            if key in d:
                bits.append(f"{key}: {d[key]}")
        reason = e.reason or ""
        if e.kind == "note" and not show_text:
            reason = "(note hidden: safeguarding case content)" if reason else ""
        out.append(TimelineEntry(e, e.kind.replace("_", " "), visible(reason if not bits else f"{', '.join(bits)}{' — ' + reason if reason else ''}")))
    return out


def allowed(case: Case, kind: str) -> bool:
    states = TRANSITIONS[kind]
    return states is None or case.state in states


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: int) -> Response:
    st = state(request)
    session = request.state.session
    now = st.clock.now()
    with db(request) as con:
        try:
            case = get_case(con, case_id)
        except CaseError:
            raise NotFound(f"There is no case {case_id}.") from None
        row = _post(con, case.post_id)
        if row is None:
            raise NotFound(f"The post behind case {case_id} is not in the warehouse.")
        if session.skip_view == case_id:
            session.skip_view = None
        else:
            actions.record_view(con, case_id, actor=session.username, now=now)
            case = get_case(con, case_id)
        session.note_view(case_id, case.school_id, row[9], row[10], row[1])
        show = can_see_content(session.role, case.category)
        spans: list[Any] = []
        flags = []
        for cat, sev, score, evidence, source, version in con.execute(
            "SELECT category, severity, score, evidence, source, classifier_version FROM flags WHERE post_id = ? "
            "ORDER BY score DESC", [case.post_id]
        ).fetchall():
            s, reasons = spans_from_evidence(evidence, cat)
            spans += s
            flags.append({"category": cat, "severity": sev, "score": score, "source": source, "version": version,
                          "reasons": [visible(r) for r in reasons] if show else [],
                          "matched": [visible((row[6] or "")[x.start:x.end]) for x in s] if show else []})
        post = _post_view(row, spans, not show)
        context: list[tuple[str, PostView]] = []
        if show:
            for label, pid in (("Thread start", row[12]), ("Replying to", row[11])):
                if pid and pid != case.post_id and all(c[1].post_id != pid for c in context):
                    prow = _post(con, pid)
                    if prow is not None:
                        context.append((label, _post_view(prow, [], _context_restricted(con, pid, session.role))))
        people = [u for u in list_users(con) if not u.disabled and u.role in {"coordinator", "dsl", "head"}]
    label, urgency = time_left(case.due_at, now, case.is_open)
    acting = can_act(session.role)
    return render(request, "case.html", {
        "case": case, "post": post, "flags": flags, "context": context, "show": show,
        "safeguarding": is_safeguarding(case.category), "countdown": label, "urgency": urgency,
        "timeline": _timeline(case.events, show),
        "can_act": acting and show, "can_assign": acting and allowed(case, "assigned"),
        "assignees": [u.username for u in people if show or u.role == "dsl"],
        "allowed": {k: allowed(case, k) for k in TRANSITIONS},
        "routes": sorted(r for r in TAKEDOWN_ROUTES if post.own or not r.startswith("own_")),
        "bodies": sorted(OUTSIDE_BODIES),
        "can_hide": post.own and allowed(case, "hidden_via_api") and st.connector_provider is not None and any(
            e.kind == "takedown_requested" and e.data.get("route") in {"own_hide", "own_delete"} for e in case.events),
        "hide_configured": st.connector_provider is not None,
    })
