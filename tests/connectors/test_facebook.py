"""Facebook Pages connector: the requests Graph client against `responses` serving Graph payloads."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
import requests
import responses

from connectors.base import PageBudget, SourceSpec, fetch_to_landing
from connectors.facebook import FacebookConnector, from_credentials, verify
from connectors.graph import GraphClient, appsecret_proof, read_usage
from tests.connectors.conftest import NOW, fixture_json, fixture_text, landed_bytes, landed_lines

G = "https://graph.facebook.com/v24.0"
PAGE = "104400000000001"
POST = f"{PAGE}_122100000000000002"
POSTS_URL = f"{G}/{PAGE}/published_posts"
COMMENTS_URL = f"{G}/{POST}/comments"
TAGGED_URL = f"{G}/{PAGE}/tagged"
COMMENT_ID = "122100000000000002_2233445566778801"

SRC = SourceSpec(
    source_id="st-example-fb",
    school_id="st-example",
    platform="facebook",
    kind="account",
    handle="stexampleprimary",
    native_id=PAGE,
    account_id="st-example-fb",
    own=True,
)


def body(name: str) -> str:
    return fixture_text("facebook", name)


def q(call: responses.Call) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(call.request.url).query).items()}


@pytest.fixture
def conn(clock, retry) -> FacebookConnector:
    return from_credentials(
        {
            "PAGE_TOKEN": "PAGE-TOKEN-SECRET",
            "APP_SECRET": "app-secret",
            "APP_ID": "900000000000001",
        },
        clock=clock,
        account="st-example-fb",
        retry=retry,
    )


def first_run(conn, clock, landing):
    responses.get(POSTS_URL, body=body("published_posts_p1.json"))
    responses.get(POSTS_URL, body=body("published_posts_p2.json"))
    responses.get(COMMENTS_URL, body=body("comments_p1.json"))
    responses.get(COMMENTS_URL, body=body("comments_p2.json"))
    responses.get(TAGGED_URL, body=body("tagged_p1.json"))
    responses.get(TAGGED_URL, body=body("tagged_empty_with_next.json"))
    responses.get(TAGGED_URL, body=body("tagged_end.json"))
    return fetch_to_landing(conn, SRC, None, landing, clock)


@responses.activate
def test_pages_watermark_and_quiet_run(conn, clock, landing) -> None:
    m1 = first_run(conn, clock, landing)
    assert m1.status == "ok", m1.error
    # posts: 2 pages; comments: 2 pages (the never-commented post costs nothing);
    # tagged: 3 pages (an empty page kept a next link)
    assert m1.api_calls == 7 and m1.items == 4
    assert not any("122100000000000001/comments" in c.request.url for c in responses.calls)
    calls = responses.calls
    assert q(calls[0])["access_token"] == "PAGE-TOKEN-SECRET"
    assert q(calls[0])["appsecret_proof"] == appsecret_proof("PAGE-TOKEN-SECRET", "app-secret")
    assert q(calls[1])["after"] == "QVFIUnBx" and q(calls[1])["access_token"] == "PAGE-TOKEN-SECRET"
    c = q(calls[2])
    assert (c["filter"], c["order"]) == ("stream", "reverse_chronological")
    assert int(c["since"]) == int((NOW - timedelta(days=14, minutes=10)).timestamp())
    lines = landed_lines(landing, m1)
    comments = [ln for ln in lines if ln["stream"] == "comments"]
    assert [ln["native_id"] for ln in comments] == [
        "122100000000000002_2233445566778801",
        "122100000000000002_2233445566778800",
        "122100000000000002_2233445566778799",
    ]
    assert comments[0]["item"] == fixture_json("facebook", "comments_p1.json")["data"][0]
    assert comments[0]["context"]["post"]["id"] == POST
    assert "from" not in comments[1]["item"]  # Graph may omit the author
    tagged = [ln for ln in lines if ln["stream"] == "tagged"]
    assert tagged[0]["item"]["from"]["name"] == "Westfield Juniors FC"
    cur = m1.cursor_after
    assert cur["comments"]["since"] == "2026-09-06T19:40:12+00:00"
    assert cur["comments"]["posts"] == {
        POST: "2026-09-06T19:40:12+0000",
        f"{PAGE}_122100000000000001": "2026-09-01T08:30:00+0000",
    }
    assert cur["tagged"]["since"] == "2026-09-06T12:00:00+00:00"
    # no Graph paging cursor is persisted
    assert "QVFI" not in str(cur)
    # tokens never land
    assert b"PAGE-TOKEN-SECRET" not in landed_bytes(landing, m1)

    # quiet run: one call per stream, nothing landed, still an ok check
    responses.get(
        POSTS_URL,
        body=fixture_text("facebook", "published_posts_p1.json").replace('"next"', '"nxt"'),
    )
    responses.get(TAGGED_URL, body=body("tagged_end.json"))
    n0 = len(responses.calls)
    m2 = fetch_to_landing(conn, SRC, cur, landing, clock)
    assert (m2.status, m2.items, m2.api_calls, m2.data_file) == ("ok", 0, 2, None)
    assert len(responses.calls) - n0 == 2
    assert int(q(responses.calls[-1])["since"]) == int(
        (NOW.replace(day=6, hour=12) - timedelta(minutes=10)).timestamp()
    )


@responses.activate
def test_next_run_rereads_overlap_and_drops_seen_ids(conn, clock, landing) -> None:
    m1 = first_run(conn, clock, landing)
    responses.get(POSTS_URL, body=body("published_posts_later.json"))
    responses.get(COMMENTS_URL, body=body("comments_later.json"))
    responses.get(TAGGED_URL, body=body("empty.json"))
    clock.advance(timedelta(hours=2))
    m2 = fetch_to_landing(conn, SRC, m1.cursor_after, landing, clock)
    comment_call = [c for c in responses.calls if c.request.url.startswith(COMMENTS_URL)][-1]
    assert int(q(comment_call)["since"]) == int(
        (NOW.replace(day=6, hour=19, minute=30, second=12)).timestamp()
    )
    assert [ln["native_id"] for ln in landed_lines(landing, m2)] == [
        "122100000000000002_2233445566778802"
    ]
    assert m2.cursor_after["comments"]["since"] == "2026-09-07T09:15:00+00:00"


@responses.activate
def test_page_budget_keeps_old_watermark(conn, clock, landing) -> None:
    responses.get(POSTS_URL, body=body("published_posts_p1.json"))
    responses.get(POSTS_URL, body=body("published_posts_p2.json"))
    responses.get(COMMENTS_URL, body=body("comments_p1.json"))
    m = fetch_to_landing(
        conn,
        SRC,
        {"comments": {"since": "2026-09-01T00:00:00+00:00"}},
        landing,
        clock,
        budget=PageBudget(3),
    )
    assert m.status == "partial" and m.items == 2
    assert m.cursor_after["comments"]["since"] == "2026-09-01T00:00:00+00:00"
    assert set(m.cursor_after["comments"]["seen"]) == {
        "122100000000000002_2233445566778801",
        "122100000000000002_2233445566778800",
    }
    # the tagged stream never ran: its first-run default is written down, not left to drift
    assert m.cursor_after["tagged"] == {"since": "2026-08-24T08:00:00+00:00", "seen": {}}


@responses.activate
def test_rate_limit_code_32_stops_and_records_regain_time(conn, clock, sleeps, landing) -> None:
    usage = '{"104400000000001":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":30,"estimated_time_to_regain_access":25}]}'
    responses.get(
        POSTS_URL,
        body=body("rate_limited.json"),
        status=400,
        headers={"X-Business-Use-Case-Usage": usage},
    )
    m = fetch_to_landing(conn, SRC, None, landing, clock)
    assert (
        m.status == "partial" and m.rate_limited_until == (NOW + timedelta(minutes=25)).isoformat()
    )
    assert sleeps.slept == [] and m.api_calls == 1


@responses.activate
def test_429_with_retry_after_is_waited_with_injected_time(clock, sleeps, retry) -> None:
    graph = GraphClient("T", clock=clock, retry=retry)
    responses.get(f"{G}/{PAGE}", status=429, headers={"Retry-After": "30"}, body="")
    responses.get(f"{G}/{PAGE}", body=body("page.json"))
    assert graph.get(PAGE)["name"] == "St Example Primary School"
    assert sleeps.slept and graph.api_calls == 2


@responses.activate
def test_500_then_success(conn, clock, sleeps, landing) -> None:
    responses.get(
        POSTS_URL,
        status=500,
        body='{"error":{"message":"An unknown error has occurred.","type":"OAuthException","is_transient":true,"code":1,"fbtrace_id":"A1"}}',
    )
    responses.get(
        POSTS_URL,
        status=502,
        body="<html><body>Bad gateway</body></html>",
        content_type="text/html",
    )
    responses.get(POSTS_URL, body=body("empty.json"))
    responses.get(TAGGED_URL, body=body("empty.json"))
    m = fetch_to_landing(conn, SRC, None, landing, clock)
    assert m.status == "ok" and m.api_calls == 4 and len(sleeps.slept) == 2


@responses.activate
def test_expired_token_is_fatal_naming_account_and_permission_others_go_on(
    conn, clock, landing
) -> None:
    responses.get(POSTS_URL, body=body("token_expired.json"), status=400)
    other = SourceSpec(
        **{
            **SRC.__dict__,
            "source_id": "other-page",
            "native_id": "104400000000777",
            "streams": ("tagged",),
        }
    )
    responses.get(f"{G}/104400000000777/tagged", body=body("empty.json"))
    bad = fetch_to_landing(conn, SRC, None, landing, clock)
    good = fetch_to_landing(conn, other, None, landing, clock)
    assert bad.status == "failed" and bad.error_kind == "fatal"
    assert "st-example-fb" in bad.error and "pages_read_user_content" in bad.error
    assert "PAGE-TOKEN-SECRET" not in bad.error
    assert good.status == "ok"


@responses.activate
def test_http_401_without_graph_body_is_fatal(conn, clock, landing) -> None:
    responses.get(POSTS_URL, status=401, body="")
    m = fetch_to_landing(conn, SRC, None, landing, clock)
    assert m.error_kind == "fatal" and "st-example-fb" in m.error


@responses.activate
def test_permission_error_names_the_permission(conn, clock, landing) -> None:
    responses.get(POSTS_URL, body=body("permission_error.json"), status=403)
    m = fetch_to_landing(conn, SRC, None, landing, clock)
    assert m.error_kind == "fatal" and "lacks pages_read_user_content" in m.error


@responses.activate
def test_malformed_json_is_skippable(conn, clock, landing) -> None:
    responses.get(POSTS_URL, body='{"data":[{"id":"1', content_type="application/json")
    m = fetch_to_landing(conn, SRC, None, landing, clock)
    assert m.status == "failed" and m.error_kind == "skippable"


@responses.activate
def test_unicode_survives_byte_for_byte(conn, clock, landing) -> None:
    m = first_run(conn, clock, landing)
    text = fixture_json("facebook", "comments_p1.json")["data"][1]["message"]
    assert "\u200b" in text and "\u200e" in text
    assert text.encode("utf-8") in landed_bytes(landing, m)


@responses.activate
def test_check_removed_only_with_valid_token(conn) -> None:
    url = f"{G}/{COMMENT_ID}"
    responses.get(url, body=body("comment.json"))
    responses.get(url, body=body("missing_object.json"), status=400)
    responses.get(url, body=body("missing_object.json"), status=400)
    responses.get(url, body=body("permission_error.json"), status=403)
    responses.get(f"{G}/debug_token", body=body("debug_token_valid.json"))
    responses.get(f"{G}/debug_token", body=body("debug_token_invalid.json"))
    assert conn.check(COMMENT_ID).state == "present"
    removed = conn.check(COMMENT_ID)
    assert removed.state == "removed" and removed.evidence["error"]["error"]["error_subcode"] == 33
    dbg = [c for c in responses.calls if "debug_token" in c.request.url][0]
    assert q(dbg)["access_token"] == "900000000000001|app-secret"
    assert conn.check(COMMENT_ID).state == "unknown"  # token invalid: cannot tell
    assert conn.check(COMMENT_ID).state == "unknown"  # permission error


@responses.activate
def test_hide_and_delete_return_evidence(conn) -> None:
    responses.post(f"{G}/{COMMENT_ID}", body=body("hide_ok.json"))
    responses.delete(f"{G}/{COMMENT_ID}", body=body("hide_ok.json"))
    res = conn.hide(COMMENT_ID)
    assert res.ok and res.evidence == {"success": True}
    assert "is_hidden=true" in responses.calls[0].request.body
    assert conn.delete(COMMENT_ID).ok
    assert responses.calls[1].request.method == "DELETE"


@responses.activate
def test_paging_next_to_another_host_is_refused(clock, retry) -> None:
    graph = GraphClient("T", clock=clock, retry=retry)
    responses.get(
        f"{G}/{PAGE}/tagged",
        json={"data": [], "paging": {"next": "https://evil.example/steal?x=1"}},
    )
    with pytest.raises(Exception, match="another host"):
        list(graph.paginate(f"{PAGE}/tagged", {}, PageBudget(5)))


def test_usage_headers() -> None:
    u = read_usage({"X-App-Usage": '{"call_count":12,"total_time":40,"total_cputime":3}'})
    assert u.percent == 40
    u = read_usage(
        {
            "x-business-use-case-usage": '{"1":[{"type":"pages","call_count":5,"total_cputime":91,"total_time":2,"estimated_time_to_regain_access":7}]}'
        }
    )
    assert (u.percent, u.regain_minutes) == (91, 7)


@responses.activate
def test_high_usage_pauses_before_throttling(clock, retry) -> None:
    graph = GraphClient("T", clock=clock, retry=retry)
    responses.get(
        f"{G}/{PAGE}",
        body=body("page.json"),
        headers={"X-App-Usage": '{"call_count":95,"total_time":1,"total_cputime":1}'},
    )
    graph.get(PAGE)
    with pytest.raises(Exception, match="usage at 95%"):
        graph.get(PAGE)
    assert len(responses.calls) == 1


@responses.activate
def test_verify_reports_scopes_without_printing_token(clock) -> None:
    responses.get(f"{G}/debug_token", body=body("debug_token_invalid.json"))
    responses.get(f"{G}/{PAGE}", body=body("page.json"))
    checks = verify({"PAGE_TOKEN": "PAGE-TOKEN-SECRET"}, SRC, clock=clock)
    by = {c.name.split(" ")[0]: c for c in checks}
    assert not by["access"].ok
    assert by["pages_show_list"].ok and not by["pages_manage_engagement"].ok
    assert "pages_manage_engagement" in by["pages_manage_engagement"].fix
    assert by["read"].ok
    assert all("PAGE-TOKEN-SECRET" not in (c.detail + c.fix) for c in checks)


def test_session_is_injectable(clock) -> None:
    s = requests.Session()
    c = from_credentials(
        {"PAGE_TOKEN": "x"}, clock=clock, session=s, base_url="http://127.0.0.1:9", version="25.0"
    )
    assert c.graph.session is s and c.graph.url("me") == "http://127.0.0.1:9/v25.0/me"
    assert "x" not in repr(c.graph).split("account")[0].replace("graph", "")
