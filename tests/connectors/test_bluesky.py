"""Bluesky connector: the real atproto Client (httpx) against respx serving XRPC payloads."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from connectors import bluesky as bs
from connectors.base import SourceSpec, fetch_to_landing
from connectors.credentials import resolve
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone

FIX = Path(__file__).parent.parent / "fixtures" / "bluesky"
BASE = "https://pds.example.test/xrpc"
SCHOOL_DID = "did:plc:stexampleschool01"
ENV = {"SCHOOLWATCH_BLUESKY_HANDLE": "stexample.bsky.social", "SCHOOLWATCH_BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop"}
CREDS = resolve(ENV, "bluesky", bs.REQUIRED_ENV)
SEARCH = SourceSpec(
    source_id="bluesky-search", school_id="st-example", platform="bluesky", kind="search", terms=("St Example School",)
)
NOTES = SourceSpec(
    source_id="bluesky-notes",
    school_id="st-example",
    platform="bluesky",
    kind="account",
    handle="stexample.bsky.social",
    account_id="bluesky-own",
    own=True,
)


def fixture(name: str) -> Any:
    return json.loads((FIX / name).read_text(encoding="utf-8"))


def reply(name: str, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=(FIX / name).read_bytes(), headers={"content-type": "application/json", **headers})


def jwt(claims: dict[str, Any]) -> str:
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{enc({'alg': 'ES256K', 'typ': 'at+jwt'})}.{enc(claims)}.c2ln"


SESSION = {
    "did": SCHOOL_DID,
    "handle": "stexample.bsky.social",
    "accessJwt": jwt({"scope": "com.atproto.appPass", "sub": SCHOOL_DID, "exp": 4102444800}),
    "refreshJwt": jwt({"scope": "com.atproto.refresh", "sub": SCHOOL_DID, "exp": 4102444800}),
    "active": True,
}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 9, 7, 8, 0, tzinfo=UTC))


@pytest.fixture
def xrpc() -> Any:
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        add_login(mock)
        yield mock


def add_login(mock: Any) -> None:
    mock.post("/com.atproto.server.createSession", name="login").respond(json=SESSION)


def make(clock: ManualClock, sleeps: list[float] | None = None, **kw: Any) -> bs.BlueskyConnector:
    retry = RetryPolicy(sleep=(sleeps if sleeps is not None else []).append, now=clock.now)
    return bs.from_credentials(CREDS, clock=clock, base_url=BASE, retry=retry, **kw)


def xrpc_calls(mock: Any, nsid: str) -> list[httpx.Request]:
    return [c.request for c in mock.calls if c.request.url.path.endswith(nsid)]


def landed(zone: LandingZone, run_id: str | None = None) -> list[dict[str, Any]]:
    out = []
    for path in zone.data_files():
        out += [json.loads(x) for x in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]
    return [x for x in out if run_id is None or x["run_id"] == run_id]


def serve_search(mock: Any, first: str = "search_page1.json") -> None:
    mock.get("/app.bsky.feed.searchPosts", params={"cursor": "25"}).mock(side_effect=lambda r: reply("search_page2.json"))
    mock.get("/app.bsky.feed.searchPosts").mock(side_effect=lambda r: reply(first))


def test_search_pages_land_verbatim_post_views(xrpc, clock, tmp_path):
    serve_search(xrpc)
    zone = LandingZone(tmp_path)
    m = fetch_to_landing(make(clock), SEARCH, None, zone, clock)
    assert (m.status, m.items, m.api_calls, m.pages) == ("ok", 3, 2, 2)
    first = xrpc_calls(xrpc, "searchPosts")[0]
    assert first.url.params["q"] == "St Example School" and first.url.params["sort"] == "latest"
    assert "since" not in first.url.params
    assert first.headers["authorization"] == f"Bearer {SESSION['accessJwt']}"
    lines = landed(zone)
    page = fixture("search_page1.json")["posts"]
    assert lines[0]["item"] == page[0] and lines[0]["native_id"] == page[0]["uri"]
    assert lines[0]["context"] == {"query": "St Example School"}
    assert page[0]["record"]["text"].encode("utf-8") in gzip.decompress(zone.data_files()[0].read_bytes())


def test_next_run_sends_since_and_lands_only_new_posts(xrpc, clock, tmp_path):
    serve_search(xrpc)
    zone = LandingZone(tmp_path)
    first = fetch_to_landing(make(clock), SEARCH, None, zone, clock)
    xrpc.routes.clear()
    add_login(xrpc)
    serve_search(xrpc, "search_next_run.json")
    second = fetch_to_landing(make(clock, overlap=timedelta(minutes=20)), SEARCH, first.cursor_after, zone, clock)
    assert second.status == "ok" and second.api_calls == 1
    assert xrpc_calls(xrpc, "searchPosts")[-1].url.params["since"] == "2026-09-07T07:20:00.000Z"
    assert [x["native_id"] for x in landed(zone, second.run_id)] == [
        "at://did:plc:parent1abc/app.bsky.feed.post/3lxyzddd2k22"
    ]


def test_quiet_notifications_run_is_one_call_and_lands_nothing(xrpc, clock, tmp_path):
    route = xrpc.get("/app.bsky.notification.listNotifications").mock(
        side_effect=lambda r: reply("notifications_empty.json" if "cursor" in r.url.params else "notifications_page1.json")
    )
    zone = LandingZone(tmp_path)
    first = fetch_to_landing(make(clock, overlap=timedelta(minutes=10)), NOTES, None, zone, clock)
    assert first.items == 2 and route.calls[0].request.url.params.get_list("reasons") == ["mention", "reply", "quote"]
    quiet = fetch_to_landing(make(clock, overlap=timedelta(minutes=10)), NOTES, first.cursor_after, zone, clock)
    assert first.api_calls == 2  # the last page answers with no cursor
    assert route.call_count == 3 and quiet.api_calls == 1
    assert (quiet.status, quiet.items, quiet.data_file) == ("ok", 0, None)


def test_429_waits_until_ratelimit_reset_on_the_injected_clock(xrpc, clock, tmp_path):
    reset = str(int((clock.now() + timedelta(seconds=30)).timestamp()))
    xrpc.get("/app.bsky.feed.searchPosts").mock(
        side_effect=[
            reply("error_429.json", 429, **{"ratelimit-reset": reset, "ratelimit-remaining": "0", "ratelimit-policy": "3000;w=300"}),
            reply("search_page2.json"),
        ]
    )
    sleeps: list[float] = []
    m = fetch_to_landing(make(clock, sleeps), SEARCH, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 1 and sleeps == [31.0]


def test_500_then_success(xrpc, clock, tmp_path):
    xrpc.get("/app.bsky.feed.searchPosts").mock(side_effect=[reply("error_500.json", 500), reply("search_page2.json")])
    sleeps: list[float] = []
    m = fetch_to_landing(make(clock, sleeps), SEARCH, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 1 and len(sleeps) == 1


def test_401_is_fatal_names_the_account_and_other_sources_go_on(xrpc, clock, tmp_path):
    xrpc.get("/app.bsky.notification.listNotifications").mock(side_effect=lambda r: reply("error_401.json", 401))
    serve_search(xrpc)
    zone = LandingZone(tmp_path)
    bad = fetch_to_landing(make(clock), NOTES, None, zone, clock)
    good = fetch_to_landing(make(clock), SEARCH, None, zone, clock)
    assert bad.status == "failed" and bad.error_kind == "fatal" and bad.cursor_after is None
    assert "stexample.bsky.social" in bad.error and "HTTP 401" in bad.error and "listNotifications" in bad.error
    assert good.status == "ok" and good.items == 3


def test_expired_token_400_is_an_auth_error(xrpc, clock, tmp_path):
    xrpc.get("/app.bsky.notification.listNotifications").mock(side_effect=lambda r: reply("error_expired_token.json", 400))
    m = fetch_to_landing(make(clock), NOTES, None, LandingZone(tmp_path), clock)
    assert m.error_kind == "fatal" and "ExpiredToken" in m.error


def test_malformed_json_is_skippable(xrpc, clock, tmp_path):
    xrpc.get("/app.bsky.feed.searchPosts").respond(
        200, content=b'{"posts": [{"uri": ', headers={"content-type": "application/json"}
    )
    m = fetch_to_landing(make(clock), SEARCH, None, LandingZone(tmp_path), clock)
    assert m.status == "failed" and m.error_kind == "skippable"


@pytest.mark.parametrize(
    ("response", "state"),
    [
        (("error_not_found.json", 400), "removed"),
        (("thread_not_found_post.json", 200), "removed"),
        (("thread_present.json", 200), "present"),
        (("thread_blocked.json", 200), "unknown"),
        (("error_401.json", 403), "unknown"),
    ],
)
def test_check(xrpc, clock, response, state):
    route = xrpc.get("/app.bsky.feed.getPostThread").mock(side_effect=lambda r: reply(*response))
    uri = "at://did:plc:oakdad22/app.bsky.feed.post/3lxyzbbb2k22"
    res = make(clock).check(uri)
    assert res.state == state, res
    assert route.calls[0].request.url.params["uri"] == uri


def test_hide_reply_in_own_thread_adds_it_to_the_threadgate(xrpc, clock):
    xrpc.get("/app.bsky.feed.getPostThread").mock(side_effect=lambda r: reply("thread_own_reply.json"))
    xrpc.get("/com.atproto.repo.getRecord").mock(side_effect=lambda r: reply("error_record_not_found.json", 400))
    put = xrpc.post("/com.atproto.repo.putRecord").mock(side_effect=lambda r: reply("put_record.json"))
    uri = "at://did:plc:parent1abc/app.bsky.feed.post/3lreply00001"
    res = make(clock).hide(uri)
    assert res.ok, res
    sent = json.loads(put.calls[0].request.content)
    assert sent["repo"] == SCHOOL_DID and sent["collection"] == "app.bsky.feed.threadgate"
    assert sent["rkey"] == "3lschoolroot1" and sent["record"]["hiddenReplies"] == [uri]
    assert sent["record"]["post"] == f"at://{SCHOOL_DID}/app.bsky.feed.post/3lschoolroot1"
    assert res.evidence["response"]["cid"] == "bafyreithreadgate1"


def test_hide_in_someone_elses_thread_is_refused_without_writing(xrpc, clock):
    xrpc.get("/app.bsky.feed.getPostThread").mock(side_effect=lambda r: reply("thread_present.json"))
    put = xrpc.post("/com.atproto.repo.putRecord")
    res = make(clock).hide("at://did:plc:oakdad22/app.bsky.feed.post/3lxyzbbb2k22")
    assert not res.ok and "no API to hide" in res.reason and put.call_count == 0


def test_stored_session_is_reused_without_a_new_login(xrpc, clock):
    exported: list[str] = []
    make(clock, on_session=exported.append)
    assert xrpc["login"].call_count == 1
    conn = bs.from_credentials({**CREDS, bs.SESSION_ENV: exported[0]}, clock=clock, base_url=BASE)
    assert xrpc["login"].call_count == 1 and conn.did == SCHOOL_DID


def test_verify(xrpc, clock):
    xrpc.get("/app.bsky.notification.listNotifications").mock(side_effect=lambda r: reply("notifications_empty.json"))
    checks = {c.name: c for c in bs.verify(CREDS, NOTES, clock=clock, base_url=BASE)}
    assert checks["credential"].ok and checks["notifications"].ok
    xrpc["login"].mock(side_effect=lambda r: reply("error_401.json", 401))
    bad = bs.verify(CREDS, NOTES, clock=clock, base_url=BASE)
    assert not bad[0].ok and "HTTP 401" in bad[0].detail and "App passwords" in bad[0].fix


def test_an_item_without_indexed_at_is_named_in_the_manifest(xrpc, clock, tmp_path):
    page = fixture("search_page2.json")
    broken = json.loads(json.dumps(page["posts"][0]))
    del broken["indexedAt"]
    broken["uri"] = "at://did:plc:gran77/app.bsky.feed.post/3lbroken0001"
    page["posts"].append(broken)
    xrpc.get("/app.bsky.feed.searchPosts").respond(json=page)
    m = fetch_to_landing(make(clock), SEARCH, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 1 and any("3lbroken0001" in n for n in m.notes)


def test_refreshed_sessions_are_handed_to_the_edge(xrpc, clock, tmp_path):
    import time  # noqa: PLC0415 - the SDK decides on refresh with the real clock and the JWT's exp

    soon = {**SESSION, "accessJwt": jwt({"scope": "com.atproto.appPass", "sub": SCHOOL_DID, "exp": int(time.time()) + 60})}
    xrpc["login"].respond(json=soon)
    fresh = {**SESSION, "accessJwt": jwt({"scope": "com.atproto.appPass", "sub": SCHOOL_DID, "exp": 4102444801})}
    refresh = xrpc.post("/com.atproto.server.refreshSession").respond(json=fresh)
    serve_search(xrpc, "search_page2.json")
    exported: list[str] = []
    m = fetch_to_landing(make(clock, on_session=exported.append), SEARCH, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and refresh.call_count == 1
    assert len(exported) == 2 and fresh["accessJwt"] in exported[1]
