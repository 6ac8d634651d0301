"""The escalation tick with an injected clock, fake connectors and a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from alerts import actions
from alerts.cases import get_case
from alerts.escalation import tick
from warehouse.db import connect

from .conftest import DEMO_OPENED

H = timedelta(hours=1)
M = timedelta(minutes=1)


def _request(wh, case_id: int, route: str = "reported_platform") -> None:
    with connect(wh.db) as con:
        actions.request_takedown(con, case_id, route, "abusive comment", actor="priya", now=DEMO_OPENED + H)


def _tick(wh, fakes, settings):
    with connect(wh.db) as con:
        return tick(con, wh.cfg, wh.clock, fakes, settings)


def _events(wh, case_id: int, kind: str):
    with connect(wh.db) as con:
        return [e for e in get_case(con, case_id).events if e.kind == kind]


def _notifications(wh, prefix: str):
    with connect(wh.db) as con:
        return con.execute(
            "SELECT idem_key, status, recipients FROM notifications WHERE starts_with(idem_key, ?) ORDER BY 1", [prefix]
        ).fetchall()


def test_removed_at_23h59_is_verified_within_the_deadline(wh, fakes, settings, smtp_server):
    cid = wh.case_id("abuse")
    platform, native = wh.post_of(cid)
    _request(wh, cid)
    fakes[platform].states[native] = "removed"
    wh.clock.set(DEMO_OPENED + 23 * H + 59 * M)
    summary = _tick(wh, fakes, settings)
    assert summary.removed >= 1
    (ev,) = _events(wh, cid, "removal_verified")
    assert ev.data["time_to_removal_s"] == 23 * 3600 + 59 * 60
    assert ev.data["within_deadline"] is True
    with connect(wh.db) as con:
        case = get_case(con, cid)
        removed_at = con.execute("SELECT removed_at FROM posts WHERE post_id = ?", [case.post_id]).fetchone()[0]
    assert case.state == "removed" and case.time_to_removal == 23 * H + 59 * M
    assert removed_at is not None
    # Two minutes later the deadline has passed, but the post is gone: nothing escalates.
    wh.clock.set(DEMO_OPENED + 24 * H + M)
    _tick(wh, fakes, settings)
    assert _events(wh, cid, "escalated") == []
    assert _notifications(wh, f"escalate:{cid}:") == []


def test_still_present_at_24h01_escalates_to_head_and_posh_exactly_once(wh, fakes, settings, smtp_server):
    cid = wh.case_id("abuse")
    _request(wh, cid)
    wh.clock.set(DEMO_OPENED + 23 * H + 59 * M)
    _tick(wh, fakes, settings)
    assert _events(wh, cid, "escalated") == []
    assert len(_events(wh, cid, "check_present")) == 1
    before = len(smtp_server.messages)

    wh.clock.set(DEMO_OPENED + 24 * H + M)
    first = _tick(wh, fakes, settings)
    (ev,) = _events(wh, cid, "escalated")
    assert ev.data["rung"] == 1 and ev.data["body"] == "posh" and ev.actor == "system"
    sent = _notifications(wh, f"escalate:{cid}:")
    assert [(k.rsplit(":", 1)[1], s) for k, s, _ in sent] == [("esafety_coordinator", "sent"), ("head", "sent")]
    assert first.emails_sent >= 2
    msgs = smtp_server.wait_for(before + 2)[before:]
    assert {m["To"] for m in msgs if m["X-Schoolwatch-Case"] == str(cid)} == {
        "head@kestrelvale.example.org", "esafety@kestrelvale.example.org"}

    # The task is retried (same minute, then later in the hour): no second escalation, no second e-mail.
    total = len(smtp_server.messages)
    again = _tick(wh, fakes, settings)
    wh.clock.advance(20 * M)
    later = _tick(wh, fakes, settings)
    assert again.emails_sent == later.emails_sent == 0
    assert len(_events(wh, cid, "escalated")) == 1
    assert len(_notifications(wh, f"escalate:{cid}:")) == 2
    assert len(_events(wh, cid, "check_present")) == 2  # one per hour, not one per retry
    assert len(smtp_server.messages) == total


def test_the_ladder_climbs_to_the_police_only_for_threats(wh, fakes, settings, smtp_server):
    threat, abuse = wh.case_id("threat"), wh.case_id("abuse")
    _request(wh, threat)
    _request(wh, abuse)
    for hours in (24, 48, 72, 96):
        wh.clock.set(DEMO_OPENED + hours * H + M)
        _tick(wh, fakes, settings)
    assert [e.data["rung"] for e in _events(wh, threat, "escalated")] == [1, 2, 3]
    assert [e.data["body"] for e in _events(wh, threat, "escalated")] == ["posh", "host_or_isp", "police"]
    assert [e.data["rung"] for e in _events(wh, abuse, "escalated")] == [1, 2]
    police = _notifications(wh, f"escalate:{threat}:0:3:")
    assert {k.rsplit(":", 1)[1] for k, _, _ in police} == {"head", "dsl", "esafety_coordinator"}


def test_unknown_checks_never_count_as_removal(wh, fakes, settings, smtp_server):
    cid = wh.case_id("abuse")
    platform, native = wh.post_of(cid)
    fakes[platform].states[native] = "unknown"
    _request(wh, cid)
    n = wh.cfg.cases.unknown_checks_before_escalation
    for i in range(n - 1):
        wh.clock.set(DEMO_OPENED + (2 + i) * H)
        _tick(wh, fakes, settings)
        _tick(wh, fakes, settings)  # a retry in the same hour is not a second unknown
    assert len(_events(wh, cid, "check_unknown")) == n - 1
    assert _events(wh, cid, "escalated") == []
    wh.clock.set(DEMO_OPENED + (2 + n) * H)
    _tick(wh, fakes, settings)
    (cannot,) = _events(wh, cid, "escalated")
    assert cannot.data["cannot_verify"] is True and "rung" not in cannot.data
    assert [s for _, s, _ in _notifications(wh, f"cannot_verify:{cid}:")] == ["sent"]

    # Platform errors and a missing connector are unknown too; past the deadline the ladder climbs.
    fakes[platform].states[native] = "raise"
    wh.clock.set(DEMO_OPENED + 24 * H + M)
    _tick(wh, fakes, settings)
    wh.clock.set(DEMO_OPENED + 25 * H + M)
    _tick(wh, {k: v for k, v in fakes.items() if k != platform}, settings)
    assert _events(wh, cid, "removal_verified") == []
    with connect(wh.db) as con:
        case = get_case(con, cid)
        assert con.execute("SELECT removed_at FROM posts WHERE post_id = ?", [case.post_id]).fetchone()[0] is None
    assert case.state == "escalated" and case.removed_at is None
    rung1 = [e for e in _events(wh, cid, "escalated") if e.data.get("rung") == 1]
    assert len(rung1) == 1 and rung1[0].data["cannot_verify"] is True
    reasons = [e.data["reason"] for e in _events(wh, cid, "check_unknown")]
    assert any("token expired" in r for r in reasons) and any("no " + platform + " connector" in r for r in reasons)


def test_a_removed_post_that_reappears_reopens_its_case(wh, fakes, settings, smtp_server):
    cid = wh.case_id("abuse")
    platform, native = wh.post_of(cid)
    _request(wh, cid)
    fakes[platform].states[native] = "removed"
    wh.clock.set(DEMO_OPENED + 5 * H)
    _tick(wh, fakes, settings)
    fakes[platform].states[native] = "unknown"
    wh.clock.set(DEMO_OPENED + 6 * H)
    _tick(wh, fakes, settings)  # unknown proves nothing either way
    with connect(wh.db) as con:
        assert get_case(con, cid).state == "removed"
    fakes[platform].states[native] = "present"
    wh.clock.set(DEMO_OPENED + 30 * H)
    summary = _tick(wh, fakes, settings)
    _tick(wh, fakes, settings)  # retried
    assert summary.reopened == 1
    (ev,) = _events(wh, cid, "reopened")
    assert ev.actor == "system"
    with connect(wh.db) as con:
        case = get_case(con, cid)
        removed_at = con.execute("SELECT removed_at FROM posts WHERE post_id = ?", [case.post_id]).fetchone()[0]
    assert case.state == "open" and removed_at is None and case.removed_at is None
    assert case.deadline == DEMO_OPENED + 30 * H + wh.cfg.cases.takedown_within
    assert [s for _, s, _ in _notifications(wh, f"reappeared:{cid}:")] == ["sent"]


def test_a_case_nobody_acted_on_is_overdue_once_at_the_deadline(wh, fakes, settings, smtp_server):
    cid = wh.case_id("abuse")  # no takedown requested
    wh.clock.set(DEMO_OPENED + 23 * H + 59 * M)
    _tick(wh, fakes, settings)
    assert _events(wh, cid, "escalated") == []
    wh.clock.set(DEMO_OPENED + 24 * H + M)
    _tick(wh, fakes, settings)
    _tick(wh, fakes, settings)
    (ev,) = _events(wh, cid, "escalated")
    assert ev.data["overdue"] is True and "rung" not in ev.data
    assert [(k.rsplit(":", 1)[1], s) for k, s, _ in _notifications(wh, f"overdue:{cid}:")] == [
        ("esafety_coordinator", "sent"), ("head", "sent")]
    assert fakes["facebook"].checks == [] or wh.post_of(cid)[1] not in fakes["facebook"].checks
