"""Case history: append-only, tamper-evident, with illegal transitions refused clearly."""

from __future__ import annotations

import dataclasses
import inspect
import re
from datetime import timedelta

import pytest

import alerts.actions
import alerts.cases
import alerts.escalation
import alerts.notify
from alerts import actions
from alerts.cases import CaseError, append_event, get_case
from warehouse import chain
from warehouse.db import connect

from .conftest import DEMO_OPENED, FakeConnector

T = DEMO_OPENED + timedelta(hours=1)


def test_no_code_path_updates_or_deletes_an_event():
    for module in (alerts.cases, alerts.actions, alerts.escalation, alerts.notify):
        source = inspect.getsource(module)
        assert not re.search(r"(UPDATE|DELETE\s+FROM)\s+case_events", source, re.I), module.__name__
    assert not [n for n in dir(alerts.cases) if re.match(r"(update|delete|edit|remove)_event", n)]


def test_an_event_object_cannot_be_changed(wh):
    with connect(wh.db) as con:
        ev = actions.note(con, 1, "called the parent", actor="priya", now=T)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.reason = "something else"  # type: ignore[misc]


def test_a_direct_sql_edit_or_delete_is_caught_by_the_chain(wh):
    with connect(wh.db) as con:
        actions.note(con, 1, "called the parent", actor="priya", now=T)
        actions.dismiss(con, 1, "parent removed it themselves", actor="priya", now=T)
        assert chain.verify_chain(con, chain.CASE_EVENTS)[1] is None
        con.execute("UPDATE case_events SET reason = 'nothing happened' WHERE kind = 'dismissed' AND case_id = 1")
        broken = chain.verify_chain(con, chain.CASE_EVENTS)[1]
    assert broken is not None and "edited" in broken.reason
    with connect(wh.db) as con:
        con.execute("UPDATE case_events SET reason = 'parent removed it themselves' WHERE kind = 'dismissed' AND case_id = 1")
        assert chain.verify_chain(con, chain.CASE_EVENTS)[1] is None
        con.execute("DELETE FROM case_events WHERE kind = 'note' AND case_id = 1")
        broken = chain.verify_chain(con, chain.CASE_EVENTS)[1]
    assert broken is not None and "deleted" in broken.reason


@pytest.mark.parametrize(
    ("steps", "action", "message"),
    [
        ([("close", "dealt with")], ("dismiss", "false positive"), "case {c} is closed: cannot dismiss it"),
        ([], ("reopen", "again"), "case {c} is open: cannot reopen it"),
        ([("dismiss", "nothing here")], ("close_empty", ""), "closed needs a reason"),
        ([("dismiss", "nothing here")], ("escalate", "head"), "case {c} is dismissed: cannot escalate it"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(wh, steps, action, message):
    cid = wh.case_id("abuse")
    with connect(wh.db) as con:
        for name, arg in steps:
            getattr(actions, name)(con, cid, arg, actor="priya", now=T)
        before = len(get_case(con, cid).events)
        with pytest.raises(CaseError, match=re.escape(message.format(c=cid))):
            name, arg = action
            if name == "close_empty":
                actions.close(con, cid, "   ", actor="priya", now=T)
            elif name == "escalate":
                actions.escalate(con, cid, arg, "still up", actor="priya", now=T)
            else:
                getattr(actions, name)(con, cid, arg, actor="priya", now=T)
        assert len(get_case(con, cid).events) == before  # nothing written


def test_bad_inputs_are_refused(wh):
    cid = wh.case_id("abuse")
    with connect(wh.db) as con:
        with pytest.raises(CaseError, match="route must be one of"):
            actions.request_takedown(con, cid, "burn_it", actor="priya", now=T)
        with pytest.raises(CaseError, match="needs its reference"):
            actions.report_outside(con, cid, "posh", " ", actor="priya", now=T)
        with pytest.raises(CaseError, match="outside body must be one of"):
            actions.report_outside(con, cid, "the newspapers", "x", actor="priya", now=T)
        with pytest.raises(CaseError, match="unknown case event"):
            append_event(con, cid, "rewritten", actor="priya", now=T)
        with pytest.raises(CaseError, match="no case 999"):
            actions.note(con, 999, "x", actor="priya", now=T)
        with pytest.raises(CaseError, match="by a person"):
            actions.close(con, cid, "auto", actor="system", now=T)


def test_own_account_takedown_needs_a_person_and_evidence_first(wh):
    cid = wh.case_id("abuse")  # on the school's own Facebook page in the demo
    platform, native = wh.post_of(cid)
    fake = FakeConnector(platform)
    with connect(wh.db) as con:
        with pytest.raises(CaseError, match="a person must approve"):
            actions.hide_via_api(con, cid, fake, actor="priya", now=T)
        with pytest.raises(CaseError, match="done by a person"):
            actions.request_takedown(con, cid, "own_hide", actor="system", now=T)
        # a request by another route is not an approval to hide
        actions.request_takedown(con, cid, "asked_poster", actor="priya", now=T)
        with pytest.raises(CaseError, match="a person must approve"):
            actions.hide_via_api(con, cid, fake, actor="priya", now=T)
        actions.request_takedown(con, cid, "own_hide", "abuse of a named teacher", actor="priya", now=T)
        # evidence missing (simulated by moving it away) -> refused, nothing hidden
        con.execute("CREATE TEMP TABLE ev AS SELECT * FROM evidence WHERE case_id = ?", [cid])
        con.execute("DELETE FROM evidence WHERE case_id = ?", [cid])
        with pytest.raises(CaseError, match="evidence"):
            actions.hide_via_api(con, cid, fake, actor="priya", now=T)
        assert fake.hidden == []
        con.execute("INSERT INTO evidence SELECT * FROM ev")
        ev = actions.hide_via_api(con, cid, fake, actor="priya", now=T)
        assert ev.kind == "hidden_via_api" and fake.hidden == [native]
        assert ev.data["answer"] == {"success": True, "id": native} and ev.data["approved_by"] == "priya"
        with pytest.raises(CaseError, match="already hidden"):
            actions.hide_via_api(con, cid, fake, actor="priya", now=T)


def test_own_routes_only_for_posts_on_own_accounts(wh):
    with connect(wh.db) as con:
        cid = con.execute(
            "SELECT min(case_id) FROM cases JOIN posts USING (post_id) WHERE account_id IS NULL").fetchone()[0]
        with pytest.raises(CaseError, match="not on one of the school's own"):
            actions.request_takedown(con, cid, "own_delete", actor="priya", now=T)


def test_state_assignee_and_deadline_are_derived_from_events(wh):
    cid = wh.case_id("abuse")
    with connect(wh.db) as con:
        actions.record_view(con, cid, actor="priya", now=T)
        actions.assign(con, cid, "priya", actor="helen", now=T)
        actions.assign(con, cid, "tom", actor="priya", now=T)
        actions.request_takedown(con, cid, "reported_platform", actor="tom", now=T)
        actions.report_outside(con, cid, "posh", "POSH-2026-0042", actor="tom", now=T)
        actions.escalate(con, cid, "head", "platform ignored two reports", actor="tom", now=T)
        case = get_case(con, cid)
        assert (case.state, case.assignee, case.escalation_rung) == ("escalated", "tom", 0)
        actions.close(con, cid, "removed after POSH contacted the platform", actor="tom", now=T + timedelta(hours=2))
        actions.reopen(con, cid, "a parent says it is back", actor="tom", now=T + timedelta(hours=3))
        case = get_case(con, cid)
    assert case.state == "open" and case.cycle == 1
    assert case.deadline == T + timedelta(hours=3) + wh.cfg.cases.takedown_within
    assert [e.kind for e in case.events][-8:] == [
        "viewed", "assigned", "assigned", "takedown_requested", "reported_outside", "escalated", "closed", "reopened"]
