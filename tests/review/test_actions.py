"""Working cases through the app: every view and action is a case event; the queue orders and filters."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.review.conftest import add_post_case, csrf_of, login, make_app
from warehouse.db import connect


def _post(client, case_id, action, **data):
    token = csrf_of(client.get("/queue").text)
    return client.post(f"/cases/{case_id}/{action}", data={"csrf": token, **data})


def test_work_a_case_from_open_to_closed(web, logged_in):
    case_id = web.warehouse.cases["abuse"]
    client = logged_in("cole")
    page = client.get(f"/cases/{case_id}")
    assert "<mark title=\"abuse: abuse.rule\">useless clown</mark>" in page.text
    assert "rule abuse.rule matched" in page.text and "24h 00m left" in page.text
    assert "Assigned to dee." in _post(client, case_id, "assign", to="dee").text
    assert "Note added." in _post(client, case_id, "note", text="spoke to the class teacher").text
    assert "Takedown requested." in _post(client, case_id, "takedown", route="reported_platform", reason="abuse of staff").text
    assert "Report recorded." in _post(client, case_id, "report", body="posh", reference="POSH-12345").text
    assert "Escalated." in _post(client, case_id, "escalate", to="head", why="not removed yet").text
    closed = _post(client, case_id, "close", reason="removed by the platform")
    assert "Closed." in closed.text
    kinds = [k for k, _ in web.warehouse.events(case_id)]
    assert kinds == ["opened", "viewed", "assigned", "note", "takedown_requested", "reported_outside", "escalated", "closed"]
    timeline = re.search(r'<section class="timeline".*?</section>', closed.text, re.S).group(0)
    for text in ("assigned", "to: dee", "spoke to the class teacher", "route: reported_platform", "reference: POSH-12345",
                 "escalated", "closed", "removed by the platform"):
        assert text in timeline, text
    # closed: no longer in the open queue, but on the closed filter; it can be reopened
    assert f"/cases/{case_id}\"" not in client.get("/queue").text
    assert f"/cases/{case_id}\"" in client.get("/queue", params={"state": "closed"}).text
    assert "Reopened." in _post(client, case_id, "reopen", reason="posted again").text


def test_each_view_is_an_event_and_bad_actions_are_messages_not_events(web, logged_in):
    case_id = web.warehouse.cases["abuse"]
    client = logged_in("dee")
    client.get(f"/cases/{case_id}")
    client.get(f"/cases/{case_id}")
    assert [k for k, _ in web.warehouse.events(case_id)] == ["opened", "viewed", "viewed"]
    r = _post(client, case_id, "dismiss", reason="   ")
    assert "Not done: a reason for dismissing is required" in r.text
    r = _post(client, case_id, "takedown", route="carrier_pigeon")
    assert "Not done: takedown route must be one of" in r.text
    r = _post(client, case_id, "report", body="posh", reference="")
    assert "Not done" in r.text
    r = _post(client, case_id, "close", reason="x" * 5000)
    assert "too long" in r.text
    assert [k for k, _ in web.warehouse.events(case_id)] == ["opened", "viewed", "viewed"]
    assert client.get("/cases/9999").status_code == 404


def test_hide_via_api_needs_an_own_account_request_and_a_confirmation(web, logged_in):
    case_id = web.warehouse.cases["abuse"]
    client = logged_in("cole")
    page = client.get(f"/cases/{case_id}").text
    assert "/hide" not in page and "first request a takedown" in page
    assert "Not done" in _post(client, case_id, "hide", confirm="yes").text  # no approved request yet
    assert not any(c.hidden for c in web.connectors.values())
    _post(client, case_id, "takedown", route="own_hide")
    page = client.get(f"/cases/{case_id}").text
    assert f'href="/cases/{case_id}/hide"' in page
    confirm = client.get(f"/cases/{case_id}/hide")
    assert "Yes, hide this post" in confirm.text
    r = client.post(f"/cases/{case_id}/hide", data={"csrf": csrf_of(confirm.text)})  # box not ticked
    assert "tick the box" in r.text and not any(c.hidden for c in web.connectors.values())
    r = client.post(f"/cases/{case_id}/hide", data={"csrf": csrf_of(confirm.text), "confirm": "yes"})
    assert "Hidden on the platform." in r.text
    assert web.connectors["x"].hidden == ["1001"]
    assert [k for k, _ in web.warehouse.events(case_id)][-1] == "hidden_via_api"


def test_a_platform_refusal_is_recorded_and_shown(warehouse, logged_in):
    web = make_app(warehouse, connector_ok=False)
    client = web.client()
    login(client, "cole")
    case_id = warehouse.cases["abuse"]
    _post(client, case_id, "takedown", route="own_hide")
    r = _post(client, case_id, "hide", confirm="yes")
    assert "Not done: the platform did not hide the post" in r.text
    kinds = [k for k, _ in warehouse.events(case_id)]
    assert kinds[-1] == "hide_failed" and "hidden_via_api" not in kinds
    assert "permission denied (invented)" in client.get(f"/cases/{case_id}").text


def test_no_hide_for_posts_not_on_own_accounts(web, logged_in):
    with connect(web.warehouse.path) as con:
        case_id = add_post_case(con, "2001", "a search hit that is abusive", account_id=None)
    client = logged_in("cole")
    _post(client, case_id, "takedown", route="reported_platform")
    page = client.get(f"/cases/{case_id}").text
    assert "/hide" not in page and "own hide" not in page
    assert "only possible for posts on the school" in _post(client, case_id, "hide", confirm="yes").text


def test_queue_orders_by_severity_then_deadline_and_filters(warehouse):
    wh = warehouse
    web = make_app(wh, idle=timedelta(days=3), absolute=timedelta(days=3))
    with connect(wh.path) as con:
        later = add_post_case(con, "3001", "second abusive post", now=wh.clock.now() + timedelta(hours=2))
        reddit = add_post_case(con, "t1_zz", "reddit abusive post", platform="reddit", account_id=None)
    client = web.client()
    login(client, "dee")
    wh.clock.advance(timedelta(hours=23))
    page = client.get("/queue").text
    order = [int(x) for x in re.findall(r'href="/cases/(\d+)"', page)]
    assert order[0] == wh.cases["safeguarding"]  # critical first
    assert order.index(wh.cases["abuse"]) < order.index(later)  # then the earlier deadline
    assert "overdue" not in page and "1h 00m left" in page and "3h 00m left" in page
    wh.clock.advance(timedelta(hours=2))
    assert "overdue by 1h 00m" in client.get("/queue").text
    only_reddit = client.get("/queue", params={"platform": "reddit"}).text
    assert re.findall(r'href="/cases/(\d+)"', only_reddit) == [str(reddit)]
    grooming = client.get("/queue", params={"category": "grooming"}).text
    assert re.findall(r'href="/cases/(\d+)"', grooming) == [str(wh.cases["safeguarding"])]
    _post(client, later, "assign", to="cole")
    mine = client.get("/queue", params={"assignee": "cole"}).text
    assert re.findall(r'href="/cases/(\d+)"', mine) == [str(later)]
    _post(client, later, "takedown", route="reported_platform")
    requested = client.get("/queue", params={"state": "takedown_requested"}).text
    assert re.findall(r'href="/cases/(\d+)"', requested) == [str(later)]


def test_export_writes_the_pack_and_records_it(web, logged_in):
    case_id = web.warehouse.cases["abuse"]
    r = _post(logged_in("dee"), case_id, "export")
    assert "Evidence pack exported." in r.text
    folder = web.warehouse.path.parent / "evidence-packs" / f"case-{case_id}-evidence"
    assert (folder / "index.html").exists() and (folder / "evidence.json").exists()
    assert str(folder / "index.html") in r.text
    assert [k for k, _ in web.warehouse.events(case_id)][-1] == "note"
    # a coordinator cannot export a safeguarding case's content
    sg = web.warehouse.cases["safeguarding"]
    assert _post(logged_in("cole"), sg, "export").status_code == 403
