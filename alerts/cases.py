"""Cases: what a person must act on, with an append-only, hash-chained event history.

A case is opened from flags at or above the configured severity, one per post (later
flags on the same post join it; replies in the same thread are linked). State, assignee
and deadlines are derived from the events; an illegal transition raises
:class:`CaseError` with a clear message. Events are never updated or deleted: this module
has no function that does either, and the per-case hash chain shows any edit made behind
its back (``schoolwatch audit verify``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import duckdb

from schoolwatch.core.categories import TAKEDOWN, Category, Severity
from schoolwatch.core.clock import utc
from schoolwatch.core.config import Config
from warehouse import chain

SYSTEM = "system"

# kind -> states it may follow (None: any state)
TRANSITIONS: dict[str, frozenset[str] | None] = {
    "opened": frozenset({"new"}),
    "flagged": None,  # a later flag on the same post joins the case
    "viewed": None,
    "note": None,
    "assigned": frozenset({"open", "takedown_requested", "escalated", "removed"}),
    "dismissed": frozenset({"open", "takedown_requested", "escalated"}),
    "takedown_requested": frozenset({"open", "takedown_requested", "escalated"}),
    "hidden_via_api": frozenset({"takedown_requested", "escalated"}),
    "hide_failed": frozenset({"takedown_requested", "escalated"}),
    "reported_outside": frozenset({"open", "takedown_requested", "escalated", "removed"}),
    "check_present": frozenset({"takedown_requested", "escalated"}),
    "check_unknown": frozenset({"takedown_requested", "escalated"}),
    "removal_verified": frozenset({"open", "takedown_requested", "escalated"}),
    "escalated": frozenset({"open", "takedown_requested", "escalated"}),
    "alert_sent": None,
    "reopened": frozenset({"removed", "dismissed", "closed"}),
    "closed": frozenset({"open", "takedown_requested", "escalated", "removed", "dismissed"}),
}
# kind -> the state it leads to (absent: state unchanged)
NEXT_STATE: dict[str, str] = {
    "opened": "open",
    "dismissed": "dismissed",
    "takedown_requested": "takedown_requested",
    "removal_verified": "removed",
    "escalated": "escalated",
    "reopened": "open",
    "closed": "closed",
}
EVENT_KINDS = frozenset(TRANSITIONS)
TAKEDOWN_ROUTES = frozenset({"own_hide", "own_delete", "asked_poster", "reported_platform"})
OUTSIDE_BODIES = frozenset({"posh", "police", "ceop", "iwf", "report_harmful_content", "host_or_isp", "prevent_act"})
NEEDS_REASON = frozenset({"dismissed", "closed", "escalated", "reopened", "note"})
OPEN_STATES = frozenset({"open", "takedown_requested", "escalated"})
OWN_ROUTES = frozenset({"own_hide", "own_delete"})

# How each kind reads in a refusal ("case 3 is closed: cannot dismiss it").
_VERB = {
    "opened": "open it",
    "assigned": "assign it",
    "dismissed": "dismiss it",
    "takedown_requested": "request a takedown",
    "hidden_via_api": "hide it through the API",
    "hide_failed": "record a failed hide",
    "reported_outside": "record a report to an outside body",
    "check_present": "record a removal check",
    "check_unknown": "record a removal check",
    "removal_verified": "verify its removal",
    "escalated": "escalate it",
    "reopened": "reopen it",
    "closed": "close it",
}


class CaseError(ValueError):
    """An action that is not allowed on this case now; the message says why."""


@dataclass(frozen=True)
class Event:
    event_id: int
    case_id: int
    occurred_at: datetime
    actor: str
    kind: str
    reason: str | None
    data: dict[str, Any]
    idem_key: str | None


@dataclass
class Case:
    case_id: int
    post_id: str
    school_id: str
    category: str
    severity: str
    opened_at: datetime
    due_at: datetime | None
    thread_case_id: int | None
    about_head: bool
    events: list[Event] = field(default_factory=list)

    # -- derived from events ---------------------------------------------------
    @property
    def state(self) -> str:
        state = "new"
        for e in self.events:
            state = NEXT_STATE.get(e.kind, state)
        return state

    @property
    def assignee(self) -> str | None:
        who = None
        for e in self.events:
            if e.kind == "assigned":
                who = e.data.get("to")
        return who

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def current_events(self) -> list[Event]:
        """Events since the last reopening (the current cycle of the case)."""
        last = max((i for i, e in enumerate(self.events) if e.kind == "reopened"), default=-1)
        return self.events[last + 1 :]

    @property
    def cycle(self) -> int:
        """How many times the case was reopened; keys side effects per cycle."""
        return sum(1 for e in self.events if e.kind == "reopened")

    @property
    def deadline(self) -> datetime | None:
        """``due_at``, or the new deadline a reopening set (derived from events)."""
        due = self.due_at
        for e in self.events:
            if e.kind == "reopened" and e.data.get("due_at"):
                due = utc(datetime.fromisoformat(e.data["due_at"]))
        return due

    @property
    def takedown_requested_at(self) -> datetime | None:
        return next((e.occurred_at for e in self.current_events if e.kind == "takedown_requested"), None)

    @property
    def approved_own_takedown(self) -> Event | None:
        """A person's own-account takedown request in this cycle: the approval to hide via API."""
        return next(
            (e for e in self.current_events
             if e.kind == "takedown_requested" and e.data.get("route") in OWN_ROUTES and e.actor != SYSTEM),
            None,
        )

    @property
    def removed_at(self) -> datetime | None:
        found = None
        for e in self.events:
            if e.kind == "removal_verified":
                found = e.occurred_at
            elif e.kind == "reopened":
                found = None
        return found

    @property
    def time_to_removal(self) -> timedelta | None:
        removed = self.removed_at
        return removed - self.opened_at if removed else None

    @property
    def escalation_rung(self) -> int:
        """The highest ladder rung reached in this cycle (manual escalations carry no rung)."""
        rung = 0
        for e in self.current_events:
            if e.kind == "escalated" and "rung" in e.data:
                rung = max(rung, int(e.data["rung"]))
        return rung

    def time_left(self, now: datetime) -> timedelta | None:
        deadline = self.deadline
        return deadline - now if deadline and self.is_open else None


def _event_from_row(r: tuple[Any, ...]) -> Event:
    data = r[6]
    return Event(r[0], r[1], utc(r[2]), r[3], r[4], r[5], json.loads(data) if isinstance(data, str) else (data or {}), r[7])


_CASE_COLS = "case_id, post_id, school_id, category, severity, opened_at, due_at, thread_case_id, about_head"


def get_case(con: duckdb.DuckDBPyConnection, case_id: int) -> Case:
    row = con.execute(f"SELECT {_CASE_COLS} FROM cases WHERE case_id = ?", [case_id]).fetchone()
    if row is None:
        raise CaseError(f"no case {case_id}")
    case = Case(row[0], row[1], row[2], row[3], row[4], utc(row[5]), utc(row[6]) if row[6] else None, row[7], bool(row[8]))
    case.events = [
        _event_from_row(r)
        for r in con.execute(
            "SELECT event_id, case_id, occurred_at, actor, kind, reason, data, idem_key FROM case_events WHERE case_id = ? ORDER BY event_id",
            [case_id],
        ).fetchall()
    ]
    return case


def list_cases(con: duckdb.DuckDBPyConnection, *, open_only: bool = True) -> list[Case]:
    ids = [r[0] for r in con.execute("SELECT case_id FROM cases ORDER BY case_id").fetchall()]
    cases = [get_case(con, i) for i in ids]
    return [c for c in cases if c.is_open] if open_only else cases


def queue_order(cases: list[Case]) -> list[Case]:
    """Open cases by severity (critical first), then deadline (soonest first), then age."""
    far = datetime.max.replace(tzinfo=cases[0].opened_at.tzinfo) if cases else None
    return sorted(cases, key=lambda c: (-Severity(c.severity).rank, c.due_at or far, c.opened_at))


def append_event(
    con: duckdb.DuckDBPyConnection,
    case_id: int,
    kind: str,
    *,
    actor: str,
    now: datetime,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    idem_key: str | None = None,
) -> Event | None:
    """Append one event after checking the transition. Returns None when idem_key already exists.

    Call inside a transaction when the event goes with other writes.
    """
    if kind not in EVENT_KINDS:
        raise CaseError(f"unknown case event {kind!r}")
    if not actor or not actor.strip():
        raise CaseError("every case event needs an actor (a person or 'system')")
    if kind in NEEDS_REASON and not (reason and reason.strip()):
        raise CaseError(f"{kind.replace('_', ' ')} needs a reason")
    data = dict(data or {})
    if idem_key is not None:
        if con.execute("SELECT 1 FROM case_events WHERE idem_key = ?", [idem_key]).fetchone():
            return None
    case = get_case(con, case_id) if kind != "opened" else None
    state = case.state if case else "new"
    allowed = TRANSITIONS[kind]
    if allowed is not None and state not in allowed:
        could = ", ".join(sorted(s.replace("_", " ") for s in allowed))
        raise CaseError(
            f"case {case_id} is {state.replace('_', ' ')}: cannot {_VERB.get(kind, kind)} (only when {could})"
        )
    _check_payload(con, kind, data, case)
    seq = con.execute("SELECT nextval('case_event_ids')").fetchone()
    assert seq is not None
    values = {
        "event_id": int(seq[0]),
        "case_id": case_id,
        "occurred_at": now,
        "actor": actor,
        "kind": kind,
        "reason": reason,
        "data": data,
        "idem_key": idem_key,
    }
    row = chain.append(con, chain.CASE_EVENTS, values)
    return Event(row["event_id"], case_id, now, actor, kind, reason, data, idem_key)


def _check_payload(con: duckdb.DuckDBPyConnection, kind: str, data: dict[str, Any], case: Case | None) -> None:
    if kind == "takedown_requested":
        route = data.get("route")
        if route not in TAKEDOWN_ROUTES:
            raise CaseError(f"takedown route must be one of {', '.join(sorted(TAKEDOWN_ROUTES))}")
    elif kind == "reported_outside":
        body = data.get("body")
        if body not in OUTSIDE_BODIES:
            raise CaseError(f"outside body must be one of {', '.join(sorted(OUTSIDE_BODIES))}")
        if not str(data.get("reference") or "").strip():
            raise CaseError("a report to an outside body needs its reference")
    elif kind == "assigned":
        if not str(data.get("to") or "").strip():
            raise CaseError("assign needs the person to assign to")
    elif kind == "escalated":
        if not str(data.get("to") or "").strip():
            raise CaseError("escalate needs whom it goes to")
    elif kind == "hidden_via_api" and case is not None:
        # The two rules of an own-account takedown hold here too, whoever calls.
        if case.approved_own_takedown is None:
            raise CaseError("hiding through the API needs a person's approved own-account takedown request first")
        if not has_evidence(con, case.case_id):
            raise CaseError(f"case {case.case_id}: capture the evidence before hiding the post")


# -- opening cases -------------------------------------------------------------------------

@dataclass
class OpenSummary:
    opened: int = 0
    joined: int = 0
    opened_ids: list[int] = field(default_factory=list)


def open_cases_from_flags(con: duckdb.DuckDBPyConnection, cfg: Config, now: datetime) -> OpenSummary:
    """Open one case per post with a flag at or above ``cases.open_at``; idempotent."""
    summary = OpenSummary()
    threshold = Severity(cfg.cases.open_at).rank
    ranks = {s.value: s.rank for s in Severity}
    rows = con.execute(
        """
        SELECT f.post_id, f.category, f.severity, f.score, f.classifier_version, p.school_id,
               p.parent_id, p.conversation_id, p.text
        FROM flags f JOIN posts p USING (post_id)
        ORDER BY f.post_id, f.flagged_at, f.category
        """
    ).fetchall()
    by_post: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        if ranks[r[2]] >= threshold:
            by_post.setdefault(r[0], []).append(r)
    head_names = _head_names(cfg)
    for post_id, flags in by_post.items():
        flags.sort(key=lambda r: (-ranks[r[2]], -r[3]))
        top = flags[0]
        existing = con.execute("SELECT case_id FROM cases WHERE post_id = ?", [post_id]).fetchone()
        if existing is None:
            category = Category(top[1])
            due = now + cfg.cases.takedown_within if category in TAKEDOWN else None
            thread = con.execute(
                "SELECT case_id FROM cases WHERE post_id IN (?, ?) ORDER BY case_id LIMIT 1", [top[6], top[7]]
            ).fetchone()
            text = (top[8] or "").lower()
            about_head = any(n in text for n in head_names)
            row = con.execute(
                "INSERT INTO cases (post_id, school_id, category, severity, opened_at, due_at, thread_case_id, about_head) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING case_id",
                [post_id, top[5], category.value, top[2], now, due, thread[0] if thread else None, about_head],
            ).fetchone()
            assert row is not None
            case_id = int(row[0])
            append_event(
                con, case_id, "opened", actor=SYSTEM, now=now,
                data={"category": category.value, "severity": top[2], "classifier_version": top[4]},
                idem_key=f"opened:{post_id}",
            )
            capture_evidence(con, case_id, post_id, now)
            summary.opened += 1
            summary.opened_ids.append(case_id)
        else:
            case_id = int(existing[0])
        for f in flags:
            ev = append_event(
                con, case_id, "flagged", actor=SYSTEM, now=now,
                data={"category": f[1], "severity": f[2], "score": round(float(f[3]), 4), "classifier_version": f[4]},
                idem_key=f"flagged:{post_id}:{f[4]}:{f[1]}",
            )
            if ev is not None and existing is not None:
                summary.joined += 1
    return summary


def _head_names(cfg: Config) -> list[str]:
    names: list[str] = []
    for p in cfg.people:
        if p.is_head:
            names += [p.name.lower(), *(a.lower() for a in p.aliases)]
    return names


def has_evidence(con: duckdb.DuckDBPyConnection, case_id: int) -> bool:
    """Whether the evidence for a case was captured (payload hash, text, url and times)."""
    row = con.execute("SELECT payload_sha256 FROM evidence WHERE case_id = ?", [case_id]).fetchone()
    return row is not None and bool(row[0])


def capture_evidence(con: duckdb.DuckDBPyConnection, case_id: int, post_id: str, now: datetime) -> None:
    """Copy the verbatim payload, text, author, url, times and SHA-256 from the raw store.

    Images and video are never downloaded (for ``sexual`` cases involving pupils such
    material is illegal to hold; it is reported to the IWF by URL), so the URL is all we keep.
    """
    row = con.execute(
        """
        SELECT r.payload, r.sha256, p.text, coalesce(p.author_handle, p.author_name, p.author_id), p.url, p.created_at
        FROM posts p
        LEFT JOIN raw_items r ON r.post_id = p.post_id AND r.sha256 = p.raw_sha256
        WHERE p.post_id = ?
        """,
        [post_id],
    ).fetchone()
    if row is None:
        raise CaseError(f"no post {post_id} to capture evidence from")
    con.execute(
        "INSERT INTO evidence (case_id, post_id, captured_at, payload, payload_sha256, text, author, url, created_at, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [case_id, post_id, now, row[0], row[1] or "", row[2], row[3], row[4], row[5],
         "media not downloaded: URLs only (images of pupils are reported to the IWF by URL)"],
    )
