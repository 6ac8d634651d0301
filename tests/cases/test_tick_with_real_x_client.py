"""The tick driving the real X connector (tweepy) against `responses` serving X API v2 shapes.

Runs once the connectors (branch conn-a) are merged; until then it is skipped.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from alerts import actions
from alerts.cases import get_case
from alerts.escalation import connectors_for, tick
from warehouse.db import connect

from .conftest import DEMO_OPENED

pytest.importorskip("connectors.x")
pytest.importorskip("connectors.factory")
responses = pytest.importorskip("responses")

PRESENT = {"data": {"id": "{id}", "text": "gonna bring a knife to kestrel vale on monday", "author_id": "1500039",
                    "created_at": "2026-11-11T01:15:32.000Z", "conversation_id": "{id}",
                    "edit_history_tweet_ids": ["{id}"]}}
DELETED = {"errors": [{"value": "{id}", "detail": "Could not find tweet with id: [{id}].", "title": "Not Found Error",
                       "resource_type": "tweet", "parameter": "id", "resource_id": "{id}",
                       "type": "https://api.twitter.com/2/problems/resource-not-found"}]}


def _fill(obj, native):
    if isinstance(obj, dict):
        return {k: _fill(v, native) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_fill(v, native) for v in obj]
    return obj.replace("{id}", native) if isinstance(obj, str) else obj


@responses.activate
def test_present_then_deleted_on_x_is_escalated_then_verified(wh, settings, smtp_server):
    with connect(wh.db) as con:
        cid, native = con.execute(
            "SELECT c.case_id, p.native_id FROM cases c JOIN posts p USING (post_id) "
            "WHERE p.platform = 'x' AND c.category = 'threat' ORDER BY 1 LIMIT 1").fetchone()
        actions.request_takedown(con, cid, "reported_platform", actor="helen", now=DEMO_OPENED + timedelta(hours=1))
    url = f"https://api.twitter.com/2/tweets/{native}"
    responses.get(url, json=_fill(PRESENT, native))
    responses.get(url, json=_fill(DELETED, native))
    connectors, problems = connectors_for(["x"], {"SCHOOLWATCH_X_BEARER_TOKEN": "test-token"}, wh.clock)
    assert problems == [] and set(connectors) == {"x"}
    wh.clock.set(DEMO_OPENED + timedelta(hours=24, minutes=1))
    with connect(wh.db) as con:
        tick(con, wh.cfg, wh.clock, connectors, settings)
        assert [e.data.get("rung") for e in get_case(con, cid).events if e.kind == "escalated"] == [1]
    wh.clock.set(DEMO_OPENED + timedelta(hours=25))
    with connect(wh.db) as con:
        tick(con, wh.cfg, wh.clock, connectors, settings)
        case = get_case(con, cid)
    assert case.state == "removed" and case.time_to_removal == timedelta(hours=25)
    (ev,) = [e for e in case.events if e.kind == "removal_verified"]
    assert ev.data["platform_answer"]["errors"][0]["title"] == "Not Found Error"
    assert ev.data["within_deadline"] is False
    assert all(c.request.headers["Authorization"] == "Bearer test-token" for c in responses.calls)
