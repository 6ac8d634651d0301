"""X connector: real tweepy.Client against `responses` serving X API v2 payloads."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
import responses
import tweepy

from connectors.base import PageBudget, SourceSpec, fetch_to_landing
from connectors.errors import AuthError
from connectors.factory import build_connector
from connectors.x import XConnector, build_query
from tests.connectors.conftest import NOW, fixture_json, fixture_text, landed_bytes, landed_lines

API = "https://api.twitter.com/2"
MENTIONS = f"{API}/users/1234500000/mentions"
SEARCH = f"{API}/tweets/search/recent"
OWN = f"{API}/users/1234500000/tweets"

ACCOUNT = SourceSpec(
    source_id="st-example-x",
    school_id="st-example",
    platform="x",
    kind="account",
    handle="StExampleSch",
    native_id="1234500000",
    account_id="st-example-x",
    own=True,
    streams=("mentions",),
)
SEARCH_SRC = SourceSpec(
    source_id="x-names",
    school_id="st-example",
    platform="x",
    kind="search",
    terms=("St Example School", "St Ex"),
)


def body(name: str) -> str:
    return fixture_text("x", name)


def params(call: responses.Call) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(call.request.url).query).items()}


@pytest.fixture
def conn(clock, retry) -> XConnector:
    client = tweepy.Client(bearer_token="TEST-BEARER", return_type=dict)
    mod = tweepy.Client(
        consumer_key="ck",
        consumer_secret="cs",
        access_token="at",
        access_token_secret="ats",
        return_type=dict,
    )
    return XConnector(
        client, clock=clock, account="st-example-x", moderation_client=mod, retry=retry
    )


@responses.activate
def test_mentions_pages_then_watermark_then_quiet_run(conn, clock, landing) -> None:
    responses.get(MENTIONS, body=body("mentions_page1.json"))
    responses.get(MENTIONS, body=body("mentions_page2.json"))
    m1 = fetch_to_landing(conn, ACCOUNT, None, landing, clock)
    assert m1.status == "ok" and m1.items == 3 and m1.api_calls == 2 and m1.pages == 2
    first, second = responses.calls[0], responses.calls[1]
    assert "since_id" not in params(first)
    assert params(second)["pagination_token"] == "7140dibdnow9c7btw423i3sy3u5zupmkcpofxcsmxj48j"
    assert params(first)["expansions"] == "author_id"
    assert m1.cursor_after == {"mentions": {"since_id": "1900000000000000012"}}
    lines = landed_lines(landing, m1)
    assert [ln["native_id"] for ln in lines] == [
        "1900000000000000012",
        "1900000000000000011",
        "1900000000000000010",
    ]
    assert lines[0]["item"] == fixture_json("x", "mentions_page1.json")["data"][0]  # verbatim
    assert lines[0]["stream"] == "mentions" and lines[0]["endpoint"] == "/2/users/:id/mentions"
    assert lines[1]["context"]["author"] == {
        "id": "4242000002",
        "name": "Priya 🌻",
        "username": "priya_sunflower",
        "protected": False,
    }

    # next run: since_id is the first page's newest_id
    responses.get(MENTIONS, body=body("mentions_new.json"))
    clock.advance(timedelta(hours=1))
    m2 = fetch_to_landing(conn, ACCOUNT, m1.cursor_after, landing, clock)
    assert params(responses.calls[2])["since_id"] == "1900000000000000012"
    assert m2.items == 1 and m2.cursor_after == {"mentions": {"since_id": "1900000000000000020"}}

    # quiet run: one call, nothing landed, still an ok check with the cursor unchanged
    responses.get(MENTIONS, body=body("empty.json"))
    m3 = fetch_to_landing(conn, ACCOUNT, m2.cursor_after, landing, clock)
    assert (m3.status, m3.items, m3.api_calls, m3.data_file) == ("ok", 0, 1, None)
    assert m3.cursor_after == m2.cursor_after
    assert len(responses.calls) == 4
    assert len(landing.manifests()) == 3 and len(landing.data_files()) == 2


@responses.activate
def test_page_budget_stops_and_backfills_next_run(conn, clock, landing) -> None:
    responses.get(MENTIONS, body=body("mentions_page1.json"))
    m1 = fetch_to_landing(
        conn,
        ACCOUNT,
        {"mentions": {"since_id": "1800000000000000000"}},
        landing,
        clock,
        budget=PageBudget(1),
    )
    assert m1.status == "partial" and m1.items == 2
    assert m1.cursor_after == {
        "mentions": {
            "since_id": "1800000000000000000",
            "backfill": {"until_id": "1900000000000000011", "newest_id": "1900000000000000012"},
        }
    }
    responses.get(MENTIONS, body=body("mentions_page2.json"))
    m2 = fetch_to_landing(conn, ACCOUNT, m1.cursor_after, landing, clock)
    p = params(responses.calls[1])
    assert p["until_id"] == "1900000000000000011" and p["since_id"] == "1800000000000000000"
    assert m2.status == "ok" and m2.items == 1
    assert m2.cursor_after == {"mentions": {"since_id": "1900000000000000012"}}


@responses.activate
def test_429_waits_for_reset_with_injected_time(conn, clock, sleeps, landing) -> None:
    reset = int((NOW + timedelta(seconds=40)).timestamp())
    responses.get(
        MENTIONS,
        body=body("too_many_requests.json"),
        status=429,
        headers={"x-rate-limit-reset": str(reset), "x-rate-limit-remaining": "0"},
    )
    responses.get(MENTIONS, body=body("mentions_page2.json"))
    m = fetch_to_landing(conn, ACCOUNT, None, landing, clock)
    assert m.status == "ok" and m.items == 1 and m.api_calls == 2
    assert sleeps.slept == [41.0]  # until the reset, plus a second; the clock moved, nobody slept


@responses.activate
def test_429_far_reset_stops_and_records(conn, clock, sleeps, landing) -> None:
    reset = int((NOW + timedelta(minutes=14)).timestamp())
    responses.get(MENTIONS, body=body("mentions_page1.json"))
    responses.get(
        MENTIONS,
        body=body("too_many_requests.json"),
        status=429,
        headers={"x-rate-limit-reset": str(reset)},
    )
    m = fetch_to_landing(conn, ACCOUNT, None, landing, clock)
    assert m.status == "partial" and m.items == 2
    assert m.rate_limited_until == (NOW + timedelta(minutes=14)).isoformat()
    assert m.cursor_after == {
        "mentions": {
            "backfill": {"until_id": "1900000000000000011", "newest_id": "1900000000000000012"}
        }
    }
    assert sleeps.slept == []


@responses.activate
def test_500_then_success(conn, clock, sleeps, landing) -> None:
    responses.get(MENTIONS, status=503, body="")
    responses.get(MENTIONS, body=body("mentions_page2.json"))
    m = fetch_to_landing(conn, ACCOUNT, None, landing, clock)
    assert m.status == "ok" and m.items == 1 and m.api_calls == 2 and len(sleeps.slept) == 1


@responses.activate
def test_401_is_fatal_naming_the_account_other_sources_go_on(conn, clock, landing) -> None:
    responses.get(MENTIONS, body=body("unauthorized.json"), status=401)
    responses.get(SEARCH, body=body("search_unicode.json"))
    bad = fetch_to_landing(conn, ACCOUNT, {"mentions": {"since_id": "1"}}, landing, clock)
    good = fetch_to_landing(conn, SEARCH_SRC, None, landing, clock)
    assert bad.status == "failed" and bad.error_kind == "fatal"
    assert "st-example-x" in (bad.error or "") and "TEST-BEARER" not in (bad.error or "")
    assert bad.cursor_after is None and bad.items == 0
    assert (
        len([c for c in responses.calls if c.request.url.startswith(MENTIONS)]) == 1
    )  # never retried
    assert good.status == "ok" and good.items == 2


@responses.activate
def test_malformed_json_is_skippable(conn, clock, landing) -> None:
    responses.get(MENTIONS, body='{"data":[{"id":"19', content_type="application/json")
    m = fetch_to_landing(conn, ACCOUNT, None, landing, clock)
    assert (
        m.status == "failed" and m.error_kind == "skippable" and "malformed JSON" in (m.error or "")
    )
    assert m.cursor_after is None


@responses.activate
def test_search_unicode_survives_byte_for_byte(conn, clock, landing) -> None:
    responses.get(SEARCH, body=body("search_unicode.json"))
    m = fetch_to_landing(conn, SEARCH_SRC, None, landing, clock)
    sent = params(responses.calls[0])
    assert sent["query"] == '("St Example School" OR "St Ex") -is:retweet'
    assert sent["start_time"] == "2026-08-31T08:01:00Z"
    original = fixture_json("x", "search_unicode.json")["data"][0]["text"]
    assert "\u200d" in original and "\u202e" in original and "مدرسة" in original
    assert original.encode("utf-8") in landed_bytes(landing, m)
    line = landed_lines(landing, m)[0]
    assert line["item"]["text"] == original
    assert line["context"]["query"] == sent["query"]
    assert line["context"]["author"]["name"] == "نور 🌙"


@responses.activate
def test_replies_stream_reads_own_posts_then_conversations(clock, retry, landing) -> None:
    client = tweepy.Client(bearer_token="TEST-BEARER", return_type=dict)
    conn = XConnector(client, clock=clock, account="st-example-x", retry=retry)
    src = SourceSpec(**{**ACCOUNT.__dict__, "streams": ("replies",)})
    responses.get(OWN, body=body("own_tweets.json"))
    responses.get(SEARCH, body=body("replies.json"))
    m = fetch_to_landing(conn, src, None, landing, clock)
    q = params(responses.calls[1])["query"]
    assert q == "conversation_id:1900000000000000003 OR conversation_id:1900000000000000001"
    lines = landed_lines(landing, m)
    # the school's own reply in the thread is not landed as a reply to watch
    assert [ln["native_id"] for ln in lines] == ["1900000000000000016", "1900000000000000014"]
    assert lines[0]["context"]["root_id"] == "1900000000000000003"
    assert m.cursor_after["replies"]["since_id"] == "1900000000000000016"
    assert m.cursor_after["replies"]["own_since_id"] == "1900000000000000003"
    assert set(m.cursor_after["replies"]["roots"]) == {"1900000000000000003", "1900000000000000001"}
    # quiet next run: two calls (own posts since_id, one conversation search)
    responses.get(OWN, body=body("empty.json"))
    responses.get(SEARCH, body=body("empty.json"))
    m2 = fetch_to_landing(conn, src, m.cursor_after, landing, clock)
    assert (m2.status, m2.items, m2.api_calls) == ("ok", 0, 2)
    assert params(responses.calls[2])["since_id"] == "1900000000000000003"
    assert params(responses.calls[3])["since_id"] == "1900000000000000016"


@responses.activate
def test_check_shapes(conn) -> None:
    url = f"{API}/tweets/1900000000000000012"
    responses.get(url, body=body("tweet_present.json"))
    responses.get(url, body=body("tweet_deleted.json"))
    responses.get(url, body=body("tweet_protected.json"))
    responses.get(url, body=body("unauthorized.json"), status=401)
    responses.get(
        url,
        status=403,
        json={"title": "Forbidden", "status": 403, "detail": "Forbidden", "type": "about:blank"},
    )
    assert conn.check("1900000000000000012").state == "present"
    removed = conn.check("1900000000000000012")
    assert (
        removed.state == "removed" and removed.evidence["errors"][0]["title"] == "Not Found Error"
    )
    assert conn.check("1900000000000000012").state == "unknown"  # protected author
    assert conn.check("1900000000000000012").state == "unknown"  # 401
    assert conn.check("1900000000000000012").state == "unknown"  # 403


@responses.activate
def test_hide_returns_platform_answer(conn) -> None:
    responses.put(f"{API}/tweets/1900000000000000014/hidden", body=body("hide_reply.json"))
    res = conn.hide("1900000000000000014")
    assert res.ok and res.evidence == {"data": {"hidden": True}}
    req = responses.calls[0].request
    assert json.loads(req.body) == {"hidden": True}
    assert req.headers["Authorization"].startswith("OAuth ")  # user context, not the app token


def test_hide_without_user_context_says_what_to_set(clock, retry) -> None:
    conn = XConnector(tweepy.Client(bearer_token="b", return_type=dict), clock=clock, retry=retry)
    res = conn.hide("1")
    assert not res.ok and "SCHOOLWATCH_X_ACCESS_TOKEN" in res.reason


@responses.activate
def test_factory_builds_from_credentials_and_looks_up_handle(clock, landing) -> None:
    conn = build_connector("x", {"BEARER_TOKEN": "T0KEN"}, clock=clock, account="st-example-x")
    assert isinstance(conn, XConnector) and conn.moderation_client is None
    responses.get(f"{API}/users/by/username/StExampleSch", body=body("user_by_username.json"))
    responses.get(MENTIONS, body=body("empty.json"))
    src = SourceSpec(**{**ACCOUNT.__dict__, "native_id": None})
    m = fetch_to_landing(conn, src, None, landing, clock)
    assert m.status == "ok" and m.cursor_after == {"user_id": "1234500000", "mentions": {}}
    assert responses.calls[1].request.headers["Authorization"] == "Bearer T0KEN"
    with pytest.raises(AuthError, match="SCHOOLWATCH_X_BEARER_TOKEN"):
        build_connector("x", {}, clock=clock, account="st-example-x")


def test_build_query_keeps_configured_query() -> None:
    src = SourceSpec(
        source_id="s", school_id="a", platform="x", kind="search", query='"Example Academy" lang:en'
    )
    assert build_query(src) == '"Example Academy" lang:en -is:retweet'


def test_conversation_chunks_fit_the_query_limit() -> None:
    from connectors.x import QUERY_MAX, _chunks

    roots = [str(1900000000000000000 + i) for i in range(40)]
    chunks = _chunks(roots)
    assert [r for c in chunks for r in c] == roots and len(chunks) > 1
    assert all(len(" OR ".join(f"conversation_id:{r}" for r in c)) <= QUERY_MAX for c in chunks)


@responses.activate
def test_search_quiet_run_is_one_call_with_since_id(conn, clock, landing) -> None:
    responses.get(SEARCH, body=body("empty.json"))
    m = fetch_to_landing(
        conn, SEARCH_SRC, {"search": {"since_id": "1900000000000000031"}}, landing, clock
    )
    assert (m.status, m.items, m.api_calls, m.data_file) == ("ok", 0, 1, None)
    p = params(responses.calls[0])
    assert p["since_id"] == "1900000000000000031" and "start_time" not in p
    assert m.cursor_after == {"search": {"since_id": "1900000000000000031"}}


@responses.activate
def test_failure_in_a_later_stream_lands_what_was_read_and_holds_the_cursor(
    conn, clock, landing
) -> None:
    src = SourceSpec(**{**ACCOUNT.__dict__, "streams": ("mentions", "replies")})
    responses.get(MENTIONS, body=body("mentions_page2.json"))
    responses.get(OWN, body=body("unauthorized.json"), status=401)
    m = fetch_to_landing(conn, src, {"mentions": {"since_id": "1"}}, landing, clock)
    assert m.status == "failed" and m.error_kind == "fatal" and m.items == 1
    assert m.cursor_after is None and m.api_calls == 2
    assert landed_lines(landing, m)[0]["native_id"] == "1900000000000000010"
