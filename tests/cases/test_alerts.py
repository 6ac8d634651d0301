"""Immediate alerts for critical cases: routing, escaping, exactly once, over real SMTP."""

from __future__ import annotations

from datetime import timedelta

from alerts.cases import get_case
from alerts.escalation import tick
from alerts.notify import critical_recipients, send_pending_critical_alerts
from warehouse.db import connect

from .conftest import DEMO_OPENED, HOSTILE, add_flagged_post


def _by_to(messages, case_id: int) -> dict[str, object]:
    return {m["To"]: m for m in messages if m["X-Schoolwatch-Case"] == str(case_id)}


def test_threat_alert_reaches_dsl_and_head_once_with_hostile_text_escaped(wh, fakes, settings, smtp_server):
    now = DEMO_OPENED + timedelta(minutes=10)
    cid = add_flagged_post(wh.db, wh.cfg, native_id="1000000000009_2000000000009999", text=HOSTILE,
                           category="threat", severity="critical", now=now)
    wh.clock.set(now)
    with connect(wh.db) as con:
        first = send_pending_critical_alerts(con, wh.cfg, settings, now)
        again = send_pending_critical_alerts(con, wh.cfg, settings, now)
        tick(con, wh.cfg, wh.clock, fakes, settings)  # the tick sends what is unsent: nothing now
        rows = con.execute(
            "SELECT idem_key, status, recipients FROM notifications WHERE case_id = ? ORDER BY 1", [cid]).fetchall()
        sent_events = [e for e in get_case(con, cid).events if e.kind == "alert_sent"]
    assert {r.status for r in first} == {"sent"} and again == []
    assert rows == [(f"critical:{cid}:dsl", "sent", ["dsl@kestrelvale.example.org"]),
                    (f"critical:{cid}:head", "sent", ["head@kestrelvale.example.org"])]
    assert {e.data["to_role"] for e in sent_events} == {"dsl", "head"}
    msgs = smtp_server.wait_for(len(first))
    mine = _by_to(msgs, cid)
    assert set(mine) == {"dsl@kestrelvale.example.org", "head@kestrelvale.example.org"}
    assert sum(m["X-Schoolwatch-Case"] == str(cid) for m in smtp_server.messages) == 2
    for msg in mine.values():
        assert msg.is_multipart() and msg.get_content_type() == "multipart/alternative"
        html = msg.get_body(("html",)).get_content()
        text = msg.get_body(("plain",)).get_content()
        assert "<script>" not in html and "<img" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
        assert '<script>alert("x")</script>' in text  # the plain part quotes it as text
        assert "<" not in msg["Subject"] and "CRITICAL" in msg["Subject"]


def test_post_about_the_head_goes_to_the_chair_instead(wh, settings, smtp_server):
    now = DEMO_OPENED + timedelta(minutes=5)
    about_head = add_flagged_post(wh.db, wh.cfg, native_id="1000000000009_2000000000008001",
                                  text="I'll be waiting for Mr Hale in the car park, he won't walk away",
                                  category="threat", severity="critical", now=now)
    other = add_flagged_post(wh.db, wh.cfg, native_id="1000000000009_2000000000008002",
                             text="someone should torch the science block tonight",
                             category="threat", severity="critical", now=now)
    with connect(wh.db) as con:
        a, b = get_case(con, about_head), get_case(con, other)
        assert a.about_head and not b.about_head
        assert [r.role for r in critical_recipients(wh.cfg, a)] == ["dsl", "chair_of_governors"]
        assert [r.role for r in critical_recipients(wh.cfg, b)] == ["dsl", "head"]
        send_pending_critical_alerts(con, wh.cfg, settings, now)
    msgs = smtp_server.wait_for(4)
    assert set(_by_to(msgs, about_head)) == {"dsl@kestrelvale.example.org", "chair@kestrelvale.example.org"}
    assert set(_by_to(msgs, other)) == {"dsl@kestrelvale.example.org", "head@kestrelvale.example.org"}
    chair = _by_to(msgs, about_head)["chair@kestrelvale.example.org"]
    assert "instead of the head" in chair.get_body(("plain",)).get_content()


def test_safeguarding_content_is_summarised_for_everyone_but_the_dsl(wh, fakes, settings, smtp_server):
    from alerts import actions

    cid = wh.case_id("self_harm")
    with connect(wh.db) as con:
        text = con.execute("SELECT p.text FROM cases c JOIN posts p USING (post_id) WHERE case_id = ?", [cid]).fetchone()[0]
        actions.request_takedown(con, cid, "reported_platform", actor="helen", now=DEMO_OPENED + timedelta(hours=1))
    wh.clock.set(DEMO_OPENED + timedelta(hours=24, minutes=5))
    with connect(wh.db) as con:
        tick(con, wh.cfg, wh.clock, fakes, settings)
    mine = [m for m in smtp_server.wait_for(3) if m["X-Schoolwatch-Case"] == str(cid)]
    kinds = {(m["X-Schoolwatch-Kind"], m["To"]) for m in mine}
    assert ("critical", "dsl@kestrelvale.example.org") in kinds
    assert ("escalation", "head@kestrelvale.example.org") in kinds
    for m in mine:
        body = m.get_body(("plain",)).get_content() + m.get_body(("html",)).get_content()
        if m["To"] == "dsl@kestrelvale.example.org":
            assert text[:20] in body
        else:
            assert text[:20] not in body and "not quoted here" in body
