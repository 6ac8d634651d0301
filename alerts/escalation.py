"""The escalation tick: verify removals, climb the ladder, reopen what came back.

``schoolwatch escalate`` (and, hourly, the Airflow escalate DAG) calls :func:`tick`. For
every case with a takedown requested it re-checks the item through its platform's
connector:

- ``removed``: a ``removal_verified`` event with the time to removal; ``posts.removed_at``
  is set;
- ``present``: a ``check_present`` event; past the rung's time, the next rung of the
  ladder (DESIGN "Categories and routing"):

  1. at the deadline (opened + ``cases.takedown_within``): the head (the chair of governors
     when the post is about the head) and the coordinator, to contact POSH;
  2. one window later: the same people, to contact the host or ISP;
  3. one window later, for threatening or illegal content only: the police;

- ``unknown`` (auth, permission, network, no connector): a ``check_unknown`` event. Unknown
  never counts as removal; after ``cases.unknown_checks_before_escalation`` unknowns in a
  row the case is escalated as "cannot verify" (climbing the ladder when a rung is due).

A removed item that is present again reopens its case. Every escalation and every e-mail is
keyed, so a retried tick adds nothing and sends nothing twice. Checks are recorded at most
once per case per hour (the key holds the hour), so a retried tick does not inflate the
unknown count. Critical alerts not yet sent go out too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import duckdb

from alerts.actions import reopen_data
from alerts.cases import NEXT_STATE, SYSTEM, Case, CaseError, append_event, get_case
from alerts.mail import SendResult, SmtpSettings
from alerts.notify import (
    CATEGORY_LABEL,
    send_escalation_notice,
    send_pending_critical_alerts,
)
from connectors.base import CheckResult, Connector
from connectors.errors import ConnectorError
from schoolwatch.core.categories import SAFEGUARDING, Category
from schoolwatch.core.clock import Clock
from schoolwatch.core.config import Config
from warehouse.db import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rung:
    number: int
    roles: tuple[str, ...]  # contacts told (head becomes the chair when the post is about the head)
    body: str  # the outside body the school now contacts (alerts.cases.OUTSIDE_BODIES)
    label: str
    step: str


LADDER: tuple[Rung, ...] = (
    Rung(1, ("head", "esafety_coordinator"), "posh", "headteacher and POSH",
         "Contact the Professionals Online Safety Helpline (POSH) for help to get it removed, and record the reference."),
    Rung(2, ("head", "esafety_coordinator"), "host_or_isp", "host or ISP",
         "The platform has not co-operated: contact the host or the ISP, and record the reference."),
    Rung(3, ("head", "dsl", "esafety_coordinator"), "police", "police",
         "The content is threatening or illegal and still up: report it to the police, and record the reference."),
)
# Threatening or illegal content climbs to the police rung (sexual: when pupils are involved).
POLICE_CATEGORIES = frozenset({Category.THREAT, Category.GROOMING, Category.EXTREMISM})


def ladder_for(case: Case) -> tuple[Rung, ...]:
    police = Category(case.category) in POLICE_CATEGORIES or (
        case.category == Category.SEXUAL and case.severity == "critical"
    )
    return LADDER if police else LADDER[:2]


def rung_due(case: Case, rung: int, window: timedelta) -> datetime | None:
    """Rung 1 at the deadline, each later rung one takedown window after the one before."""
    deadline = case.deadline
    return deadline + (rung - 1) * window if deadline else None


@dataclass
class TickSummary:
    checked: int = 0
    removed: int = 0
    present: int = 0
    unknown: int = 0
    escalated: int = 0
    cannot_verify: int = 0
    reopened: int = 0
    emails_sent: int = 0
    emails_failed: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, results: list[SendResult]) -> None:
        self.emails_sent += sum(r.status == "sent" for r in results)
        self.emails_failed += sum(r.status == "failed" for r in results)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (
            "checked", "removed", "present", "unknown", "escalated", "cannot_verify", "reopened",
            "emails_sent", "emails_failed", "errors",
        )}


def tick(
    con: duckdb.DuckDBPyConnection,
    cfg: Config,
    clock: Clock,
    connectors: Mapping[str, Connector],
    settings: SmtpSettings,
) -> TickSummary:
    """One pass over every case awaiting removal (see the module docstring)."""
    summary = TickSummary()
    now = clock.now()
    summary.count(send_pending_critical_alerts(con, cfg, settings, now))
    for case_id, platform, native_id in _live_cases(con):
        case = get_case(con, case_id)
        try:
            if case.state == "removed":
                _recheck_removed(con, cfg, case, platform, native_id, connectors, settings, now, summary)
            elif case.is_open and case.takedown_requested_at is not None:
                _check_requested(con, cfg, case, platform, native_id, connectors, settings, now, summary)
            elif case.is_open and case.deadline is not None and now >= case.deadline:
                _overdue_untouched(con, cfg, case, settings, now, summary)
            # Escalations whose e-mail failed earlier are sent again (keyed: never twice).
            _resend_escalations(con, cfg, get_case(con, case_id), settings, now, summary)
        except (CaseError, duckdb.Error) as exc:
            log.error("escalation tick: case %s: %s", case_id, exc)
            summary.errors.append(f"case {case_id}: {exc}")
    return summary


def _live_cases(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str, str]]:
    """Cases not dismissed or closed (by their last state-changing event): the tick's work."""
    return [(int(r[0]), r[1], r[2]) for r in con.execute(
        """
        WITH last AS (
            SELECT case_id, arg_max(kind, event_id) AS kind FROM case_events
            WHERE list_contains(?, kind) GROUP BY case_id
        )
        SELECT c.case_id, p.platform, p.native_id
        FROM cases c JOIN posts p USING (post_id) JOIN last USING (case_id)
        WHERE last.kind NOT IN ('dismissed', 'closed')
        ORDER BY c.case_id
        """,
        [sorted(NEXT_STATE)],
    ).fetchall()]


def _overdue_untouched(
    con: duckdb.DuckDBPyConnection, cfg: Config, case: Case, settings: SmtpSettings, now: datetime, summary: TickSummary,
) -> None:
    """Past the deadline with no takedown requested: nobody has acted, so tell the head once."""
    cid, cycle = case.case_id, case.cycle
    with transaction(con):
        ev = append_event(
            con, cid, "escalated", actor=SYSTEM, now=now,
            reason="the removal deadline passed and no takedown was requested",
            data={"to": "headteacher and e-safety coordinator", "overdue": True},
            idem_key=f"overdue:{cid}:{cycle}",
        )
    if ev is not None:
        summary.escalated += 1
    roles = ("head", "esafety_coordinator", "dsl") if Category(case.category) in SAFEGUARDING else ("head", "esafety_coordinator")
    label = CATEGORY_LABEL.get(case.category, case.category)
    summary.count(send_escalation_notice(
        con, cfg, get_case(con, cid), key_prefix=f"overdue:{cid}:{cycle}", roles=roles, kind="overdue",
        headline=f"Overdue: nobody has acted ({label})",
        lead="A post that must come down within the removal window has passed its deadline and no takedown was requested.",
        steps=["Assign the case and request the takedown now.", "Record each step in the case."],
        settings=settings, now=now,
    ))


def _check(connectors: Mapping[str, Connector], platform: str, native_id: str) -> CheckResult:
    connector = connectors.get(platform)
    if connector is None:
        return CheckResult("unknown", reason=f"no {platform} connector configured (credentials missing?)")
    try:
        result = connector.check(native_id)
    except ConnectorError as exc:
        return CheckResult("unknown", reason=str(exc), evidence={"error_kind": exc.kind, "status": exc.status})
    if result.state not in ("present", "removed", "unknown"):
        return CheckResult("unknown", reason=f"connector answered {result.state!r}")
    return result


def _hour(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


def _check_requested(
    con: duckdb.DuckDBPyConnection, cfg: Config, case: Case, platform: str, native_id: str,
    connectors: Mapping[str, Connector], settings: SmtpSettings, now: datetime, summary: TickSummary,
) -> None:
    result = _check(connectors, platform, native_id)
    summary.checked += 1
    cid, cycle = case.case_id, case.cycle
    if result.state == "removed":
        summary.removed += 1
        requested = case.takedown_requested_at
        deadline = case.deadline
        with transaction(con):
            append_event(
                con, cid, "removal_verified", actor=SYSTEM, now=now,
                data={
                    "time_to_removal_s": int((now - case.opened_at).total_seconds()),
                    "since_request_s": int((now - requested).total_seconds()) if requested else None,
                    "within_deadline": bool(deadline is None or now <= deadline),
                    "platform_answer": result.evidence, "reason": result.reason,
                },
                idem_key=f"removed:{cid}:{cycle}",
            )
            con.execute("UPDATE posts SET removed_at = ? WHERE post_id = ? AND removed_at IS NULL", [now, case.post_id])
        return
    kind = "check_present" if result.state == "present" else "check_unknown"
    with transaction(con):
        append_event(con, cid, kind, actor=SYSTEM, now=now,
                     data={"platform_answer": result.evidence, "reason": result.reason},
                     idem_key=f"check:{cid}:{cycle}:{_hour(now)}")
    case = get_case(con, cid)
    if result.state == "present":
        summary.present += 1
        _climb(con, cfg, case, now, summary, why="still present")
        return
    summary.unknown += 1
    streak = _unknown_streak(case)
    n = cfg.cases.unknown_checks_before_escalation
    if len(streak) < n:
        return
    why = f"cannot verify removal: the last {len(streak)} checks were unknown ({result.reason or 'no answer'})"
    if _climb(con, cfg, case, now, summary, why=why, cannot_verify=True):
        return
    # Not yet time for the next rung, but a person must check by hand: tell them once per streak.
    with transaction(con):
        ev = append_event(
            con, cid, "escalated", actor=SYSTEM, now=now, reason=why,
            data={"to": "esafety_coordinator", "cannot_verify": True, "unknown_checks": len(streak)},
            idem_key=f"cannot_verify:{cid}:{cycle}:{streak[0]}",
        )
    if ev is not None:
        summary.cannot_verify += 1
        summary.escalated += 1
    roles = ("esafety_coordinator", "dsl") if Category(case.category) in SAFEGUARDING else ("esafety_coordinator",)
    summary.count(send_escalation_notice(
        con, cfg, get_case(con, cid), key_prefix=f"cannot_verify:{cid}:{cycle}:{streak[0]}", roles=roles,
        headline="Cannot verify removal", lead=f"schoolwatch could not tell whether the post was removed: {why}.",
        steps=["Check the post by hand and record what you find in the case.",
               "Check the platform credentials (`schoolwatch accounts check`)."],
        settings=settings, now=now,
    ))


def _unknown_streak(case: Case) -> list[int]:
    """Event ids of the unknown checks since the last definite answer, oldest first."""
    streak: list[int] = []
    for e in case.current_events:
        if e.kind == "check_unknown":
            streak.append(e.event_id)
        elif e.kind in ("check_present", "removal_verified"):
            streak = []
    return streak


def _climb(
    con: duckdb.DuckDBPyConnection, cfg: Config, case: Case, now: datetime, summary: TickSummary,
    *, why: str, cannot_verify: bool = False,
) -> bool:
    """Take every ladder rung that is due and not yet taken; True when one was taken."""
    took = False
    window = cfg.cases.takedown_within
    for rung in ladder_for(case):
        if rung.number <= case.escalation_rung:
            continue
        due = rung_due(case, rung.number, window)
        if due is None or now < due:
            break
        hours = (now - case.opened_at).total_seconds() / 3600
        with transaction(con):
            ev = append_event(
                con, case.case_id, "escalated", actor=SYSTEM, now=now,
                reason=f"not verified removed {hours:.1f}h after the case opened ({why})",
                data={"to": rung.label, "rung": rung.number, "body": rung.body, "roles": list(rung.roles),
                      "cannot_verify": cannot_verify, "due_at": due.isoformat()},
                idem_key=escalation_key(case.case_id, case.cycle, rung.number),
            )
        if ev is not None:
            summary.escalated += 1
            took = True
        case = get_case(con, case.case_id)
    return took


def connectors_for(
    platforms: Iterable[str], env: Mapping[str, str], clock: Clock, account_id: str | None = None,
) -> tuple[dict[str, Connector], list[str]]:
    """Connectors for the tick, built at the edge from ``env`` (os.environ or an Airflow
    connection's fields). A platform that cannot be built is left out, with the reason in the
    second list: its checks then come back unknown, never removed."""
    from connectors.errors import ConnectorError  # noqa: PLC0415

    try:
        from connectors.credentials import resolve  # noqa: PLC0415
        from connectors.factory import build_connector, optional_env, required_env  # noqa: PLC0415
    except ModuleNotFoundError as exc:
        return {}, [f"connectors are not available ({exc}): every check is unknown"]
    built: dict[str, Connector] = {}
    problems: list[str] = []
    for platform in sorted(set(platforms)):
        try:
            creds = resolve(env, platform, (*required_env(platform), *optional_env(platform)), account_id)
            built[platform] = build_connector(platform, creds, clock=clock)
        except (ConnectorError, KeyError, ValueError) as exc:
            problems.append(f"no {platform} connector: {exc}")
    return built, problems


def escalation_key(case_id: int, cycle: int, rung: int) -> str:
    return f"escalate:{case_id}:{cycle}:{rung}"


def _resend_escalations(
    con: duckdb.DuckDBPyConnection, cfg: Config, case: Case, settings: SmtpSettings, now: datetime, summary: TickSummary,
) -> None:
    """Send the notice of every ladder escalation in this cycle (keyed: sent ones are skipped)."""
    rungs = {r.number: r for r in LADDER}
    label = CATEGORY_LABEL.get(case.category, case.category)
    for e in case.current_events:
        if e.kind != "escalated" or e.actor != SYSTEM or "rung" not in e.data:
            continue
        rung = rungs[int(e.data["rung"])]
        summary.count(send_escalation_notice(
            con, cfg, case, key_prefix=escalation_key(case.case_id, case.cycle, rung.number), roles=rung.roles,
            headline=f"Escalation {rung.number}: not removed ({label})",
            lead=f"A post reported for removal is {e.reason}. It is now escalated to the {rung.label}.",
            steps=[rung.step, "Record each step in the case."], settings=settings, now=now,
        ))


def _recheck_removed(
    con: duckdb.DuckDBPyConnection, cfg: Config, case: Case, platform: str, native_id: str,
    connectors: Mapping[str, Connector], settings: SmtpSettings, now: datetime, summary: TickSummary,
) -> None:
    """A removed post that is present again reopens its case (unknown proves nothing)."""
    connector = connectors.get(platform)
    if connector is None:
        return
    result = _check(connectors, platform, native_id)
    summary.checked += 1
    if result.state != "present":
        return
    removal = next(e for e in reversed(case.events) if e.kind == "removal_verified")
    with transaction(con):
        ev = append_event(
            con, case.case_id, "reopened", actor=SYSTEM, now=now,
            reason="the post is visible again after its removal was verified",
            data={**reopen_data(case, now), "platform_answer": result.evidence, "removal_event_id": removal.event_id},
            idem_key=f"reappeared:{case.case_id}:{removal.event_id}",
        )
        con.execute("UPDATE posts SET removed_at = NULL WHERE post_id = ?", [case.post_id])
    if ev is None:
        return
    summary.reopened += 1
    case = get_case(con, case.case_id)
    roles = ("esafety_coordinator", "dsl") if Category(case.category) in SAFEGUARDING else ("esafety_coordinator",)
    summary.count(send_escalation_notice(
        con, cfg, case, key_prefix=f"reappeared:{case.case_id}:{removal.event_id}", roles=roles,
        headline="Removed post is back", kind="reappeared",
        lead="A post whose removal was verified is visible again, so its case is open again with a new deadline.",
        steps=["Request its removal again (and report the repost to the platform).", "Record each step in the case."],
        settings=settings, now=now,
    ))
