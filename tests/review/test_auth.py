"""Login, sessions, roles and CSRF: nothing is reachable or changeable without the right session."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.routing import APIRoute
from starlette.routing import Mount

from review.app import PUBLIC_PATHS
from tests.review.conftest import PASSWORD, csrf_of, login, make_app


def _concrete(path: str, case_id: int) -> str:
    return re.sub(r"\{case_id\}", str(case_id), path)


def _routes(app):
    """(method, path template) for every route the app has; fails on a route kind it does not know."""
    out = []
    for r in app.routes:
        if isinstance(r, APIRoute):
            out += [(m, r.path) for m in sorted(r.methods)]
        elif isinstance(r, Mount):
            assert r.path == "/static", f"unexpected mount {r.path}: add it to the auth test"
        else:
            raise AssertionError(f"route {r!r} of unknown kind: add it to the auth test")
    return out


def test_every_route_needs_a_session(web):
    case_id = web.warehouse.cases["abuse"]
    client = web.client()
    routes = _routes(web.app)
    assert len(routes) >= 15
    for method, path in routes:
        if path in PUBLIC_PATHS:
            continue
        r = client.request(method, _concrete(path, case_id), data={"csrf": "x"}, follow_redirects=False)
        if method == "GET":
            assert r.status_code == 303 and r.headers["location"] == "/login", (method, path, r.status_code)
        else:
            assert r.status_code in {401, 403}, (method, path, r.status_code)
    assert web.warehouse.events(case_id) == [("opened", "system")]
    # a forged or stale cookie is no session either
    client.cookies.set("sw_session", "forged.value")
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_docs_and_unknown_paths_are_not_public(web):
    client = web.client()
    for path in ("/docs", "/openapi.json", "/redoc", "/nope"):
        assert client.get(path, follow_redirects=False).status_code == 303
    assert client.get("/static/style.css").status_code == 200


def test_every_post_without_csrf_is_refused(web, logged_in):
    case_id = web.warehouse.cases["abuse"]
    client = logged_in("dee")
    for method, path in _routes(web.app):
        if method != "POST":
            continue
        for data in ({"reason": "x", "text": "x"}, {"csrf": "0" * 64, "reason": "x", "text": "x"}):
            r = client.post(_concrete(path, case_id), data=data, follow_redirects=False)
            assert r.status_code == 403, (path, r.status_code)
    assert [k for k, _ in web.warehouse.events(case_id)] == ["opened"]
    # the session survived every refusal: logging out with the token still works
    assert client.get("/queue").status_code == 200


def test_login_form_needs_its_csrf_token(web):
    client = web.client()
    client.get("/login")
    r = client.post("/login", data={"username": "dee", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403
    assert "sw_session" not in r.cookies


def test_session_token_from_another_session_is_refused(web, logged_in):
    case_id = web.warehouse.cases["abuse"]
    a, b = logged_in("dee"), logged_in("cole")
    token_a = csrf_of(a.get("/queue").text)
    r = b.post(f"/cases/{case_id}/note", data={"csrf": token_a, "text": "sneaky"}, follow_redirects=False)
    assert r.status_code == 403


def test_cookie_flags(warehouse):
    plain = make_app(warehouse).client()
    r = login(plain, "dee")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    secure = make_app(warehouse).client(base_url="https://review.example")
    cookie = login(secure, "dee").headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie
    # forced on (TLS ends at a proxy): even the pre-login cookie is Secure on plain http
    forced = make_app(warehouse, secure_cookies=True).client()
    assert "secure" in forced.get("/login").headers["set-cookie"].lower()


def test_security_headers_everywhere(web, logged_in):
    client = logged_in("dee")
    for path in ("/login", "/queue", f"/cases/{web.warehouse.cases['abuse']}", "/overview", "/static/style.css"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        for part in ("default-src 'none'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'"):
            assert part in csp, (path, csp)
        assert "script-src" not in csp and "unsafe-inline" not in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"


def test_wrong_password_unknown_user_and_disabled_user(web):
    client = web.client()
    assert login(client, "dee", "wrong-password-here").status_code == 401
    assert login(client, "nobody", PASSWORD).status_code == 401
    with_session = web.client()
    assert login(with_session, "cole").status_code == 303
    from review.users import disable_user
    from warehouse.db import connect

    with connect(web.warehouse.path) as con:
        disable_user(con, "cole", now=web.warehouse.clock.now())
    assert login(client, "cole").status_code == 401
    # the live session ends at its next request
    assert with_session.get("/queue", follow_redirects=False).status_code == 303


def test_login_rate_limited_per_username_and_address(warehouse):
    web = make_app(warehouse, login_attempts=3)
    client = web.client()
    for _ in range(3):
        assert login(client, "dee", "not-the-password").status_code == 401
    r = login(client, "dee")  # right password, but too many failures
    assert r.status_code == 429 and "Too many" in r.text
    # the same address is blocked for other names too
    assert login(client, "cole").status_code == 429
    # and the block lifts after the window
    warehouse.clock.advance(timedelta(minutes=16))
    assert login(client, "dee").status_code == 303


def test_sessions_expire_idle_and_absolute(warehouse):
    web = make_app(warehouse, idle=timedelta(minutes=30), absolute=timedelta(hours=2))
    client = web.client()
    login(client, "dee")
    warehouse.clock.advance(timedelta(minutes=29))
    assert client.get("/queue").status_code == 200
    warehouse.clock.advance(timedelta(minutes=31))
    assert client.get("/queue", follow_redirects=False).status_code == 303
    login(client, "dee")
    for _ in range(5):  # active all along, but the absolute limit still ends it
        warehouse.clock.advance(timedelta(minutes=25))
        client.get("/queue")
    assert client.get("/queue", follow_redirects=False).headers["location"] == "/login"


def test_auditor_sees_counts_and_logs_but_no_content_and_cannot_act(web, logged_in):
    case_id = web.warehouse.cases["abuse"]
    client = logged_in("aud")
    overview = client.get("/overview")
    assert overview.status_code == 200 and "Monitoring log" in overview.text
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == 200
    assert "useless clown" not in page.text and "Mr Invented" not in page.text and "invented_poster" not in page.text
    assert "Content hidden" in page.text
    assert 'action="/cases/' not in page.text  # no action forms at all
    token = csrf_of(page.text)
    before = web.warehouse.events(case_id)
    for action, data in (("assign", {"to": "dee"}), ("note", {"text": "x"}), ("dismiss", {"reason": "x"}),
                         ("takedown", {"route": "reported_platform"}), ("close", {"reason": "x"}),
                         ("escalate", {"to": "head", "why": "x"}), ("report", {"body": "posh", "reference": "r1"}),
                         ("hide", {"confirm": "yes"}), ("export", {})):
        r = client.post(f"/cases/{case_id}/{action}", data={"csrf": token, **data}, follow_redirects=False)
        assert r.status_code == 403, action
    assert web.warehouse.events(case_id) == before
    assert web.connectors == {}


def test_coordinator_cannot_read_safeguarding_content_but_can_hand_it_to_the_dsl(web, logged_in):
    case_id = web.warehouse.cases["safeguarding"]
    client = logged_in("cole")
    queue = client.get("/queue").text
    assert f"/cases/{case_id}" in queue and "DSL only" in queue
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == 200
    assert "only the DSL may read" not in page.text and "invented_poster" not in page.text
    assert "grooming" in page.text and "Hand to the DSL" in page.text and "left" in page.text
    token = csrf_of(page.text)
    assert client.post(f"/cases/{case_id}/note", data={"csrf": token, "text": "x"}).status_code == 403
    assert client.post(f"/cases/{case_id}/close", data={"csrf": token, "reason": "x"}).status_code == 403
    r = client.post(f"/cases/{case_id}/assign", data={"csrf": token, "to": "cole"})
    assert "Not done" in r.text and "only be handed to the DSL" in r.text
    r = client.post(f"/cases/{case_id}/assign", data={"csrf": token, "to": "dee"})
    assert "Assigned to dee" in r.text
    assert ("assigned", "cole") in web.warehouse.events(case_id)
    dsl = logged_in("dee").get(f"/cases/{case_id}")
    assert "only the DSL may read" in dsl.text


def test_head_works_ordinary_cases_but_not_safeguarding_content(web, logged_in):
    client = logged_in("hana")
    assert "useless" in client.get(f"/cases/{web.warehouse.cases['abuse']}").text
    assert "only the DSL may read" not in client.get(f"/cases/{web.warehouse.cases['safeguarding']}").text


@pytest.mark.parametrize("who", ["dee", "cole"])
def test_logout_ends_session_and_records_a_human_check(web, logged_in, who):
    client = logged_in(who)
    page = client.get(f"/cases/{web.warehouse.cases['abuse']}")
    r = client.post("/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/queue", follow_redirects=False).status_code == 303
    rows = web.warehouse.query("SELECT kind, actor, account_id, platform, items, status FROM monitoring_checks")
    assert rows == [("human", who, "x-main", "x", 1, "ok")]


def test_an_expired_session_is_still_recorded_as_a_review_check(warehouse):
    web = make_app(warehouse, idle=timedelta(minutes=30))
    first = web.client()
    login(first, "dee")
    first.get(f"/cases/{warehouse.cases['abuse']}")
    first.get(f"/cases/{warehouse.cases['safeguarding']}")
    warehouse.clock.advance(timedelta(hours=1))
    other = web.client()
    login(other, "cole")
    other.get("/queue")  # any request that opens the database writes the ended session's checks
    rows = warehouse.query("SELECT actor, account_id, platform, items, started_at, finished_at FROM monitoring_checks ORDER BY account_id")
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [("dee", "fb-page", "facebook", 1), ("dee", "x-main", "x", 1)]
    assert all(r[5] - r[4] == timedelta(0) for r in rows)  # ended at its last request, not at the sweep
    assert "Last human review" in other.get("/overview").text


def test_sessions_open_at_shutdown_are_recorded(warehouse):
    web = make_app(warehouse)
    with web.client() as client:  # the context manager runs the app's startup and shutdown
        login(client, "hana")
        client.get(f"/cases/{warehouse.cases['abuse']}")
        warehouse.clock.advance(timedelta(minutes=5))
    rows = warehouse.query("SELECT actor, account_id, kind FROM monitoring_checks")
    assert rows == [("hana", "x-main", "human")]


def test_logging_in_again_gives_a_new_session_and_ends_the_old_one(web):
    client = web.client()
    login(client, "dee")
    old_cookie = client.cookies.get("sw_session")
    login(client, "cole")
    assert client.cookies.get("sw_session") != old_cookie
    stale = web.client()
    stale.cookies.set("sw_session", old_cookie)
    assert stale.get("/queue", follow_redirects=False).status_code == 303
