"""Reddit connector: real praw/prawcore against `responses` serving Reddit-shaped payloads."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import responses
from responses import matchers

from connectors import reddit as rd
from connectors.base import PageBudget, SourceSpec, fetch_to_landing
from connectors.credentials import resolve
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone

FIX = Path(__file__).parent.parent / "fixtures" / "reddit"
TOKEN_URL = "https://www.reddit.com/api/v1/access_token"
API = "https://oauth.reddit.com/"
ENV = {
    "SCHOOLWATCH_REDDIT_CLIENT_ID": "cid",
    "SCHOOLWATCH_REDDIT_CLIENT_SECRET": "csecret",
    "SCHOOLWATCH_REDDIT_REFRESH_TOKEN": "rtoken",
    "SCHOOLWATCH_REDDIT_USER_AGENT": "schoolwatch-test/0.1 by u/StExampleSchool",
}
CREDS = resolve(ENV, "reddit", rd.REQUIRED_ENV)  # {KEY: value}, as the edge passes it
MENTIONS = SourceSpec(
    source_id="reddit-mentions",
    school_id="st-example",
    platform="reddit",
    kind="account",
    handle="StExampleSchool",
    account_id="reddit-own",
    own=True,
    streams=("mentions",),
)
SEARCH = SourceSpec(
    source_id="reddit-local",
    school_id="st-example",
    platform="reddit",
    kind="search",
    terms=("St Example School", "St Example Primary"),
    subreddits=("exampletown", "exampleshire"),
)


def load(name: str) -> Any:
    return json.loads((FIX / name).read_text(encoding="utf-8"))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 9, 7, 8, 0, tzinfo=UTC))


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """prawcore sleeps with time.sleep (its own 5xx retries and x-ratelimit throttle): record instead."""
    record: list[float] = []
    monkeypatch.setattr("prawcore.sessions.time.sleep", record.append)
    monkeypatch.setattr("prawcore.rate_limit.time.sleep", record.append)
    return record


@pytest.fixture
def rsps() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(
            TOKEN_URL,
            json={"access_token": "AT", "token_type": "bearer", "expires_in": 86400, "scope": "*"},
        )
        yield mock


def connector(clock: ManualClock, sleeps: list[float], **kw: Any) -> rd.RedditConnector:
    retry = RetryPolicy(sleep=sleeps.append, now=clock.now, base_delay=0.5)
    return rd.from_credentials(CREDS, clock=clock, account="u/StExampleSchool", retry=retry, **kw)


def api_calls(mock: Any) -> list[Any]:
    return [c for c in mock.calls if c.request.url.startswith(API)]


def landed(zone: LandingZone) -> list[dict[str, Any]]:
    out = []
    for path in zone.data_files():
        out += [json.loads(line) for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]
    return out


def serve_mentions(mock: Any, first: str = "mentions_page1.json") -> None:
    mock.get(API + "message/mentions", json=load("mentions_page2.json"),
             match=[matchers.query_param_matcher({"after": "t1_kx20002"}, strict_match=False)])
    mock.get(API + "message/mentions", json=load(first))


def test_pages_land_verbatim_children_and_unicode_byte_for_byte(rsps, clock, sleeps, tmp_path):
    serve_mentions(rsps)
    zone = LandingZone(tmp_path)
    m = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, zone, clock)
    assert (m.status, m.items, m.api_calls, m.pages) == ("ok", 3, 2, 2)
    assert all("raw_json=1" in c.request.url for c in api_calls(rsps))
    assert "after=t1_kx20002" in api_calls(rsps)[1].request.url
    lines = landed(zone)
    assert [ln["native_id"] for ln in lines] == ["t1_kx30003", "t1_kx20002", "t1_kx10001"]
    assert {ln["stream"] for ln in lines} == {"mentions"}
    page1 = load("mentions_page1.json")["data"]["children"]
    assert lines[0]["item"] == page1[0]  # the verbatim listing child
    body = page1[0]["data"]["body"]
    raw = gzip.decompress(zone.data_files()[0].read_bytes())
    assert body.encode("utf-8") in raw  # emoji, RTL, zero-width and combining marks kept as bytes
    assert lines[2]["item"]["data"]["author"] == "[deleted]"  # raw, not praw's None
    assert m.cursor_after["streams"]["mentions"]["watermark"] == 1788767000.0


def test_next_run_lands_only_new_items_past_the_watermark(rsps, clock, sleeps, tmp_path):
    serve_mentions(rsps)
    zone = LandingZone(tmp_path)
    first = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, zone, clock)
    rsps.remove(responses.GET, API + "message/mentions")
    serve_mentions(rsps, "mentions_next_run.json")
    clock.advance(timedelta(hours=1))
    second = fetch_to_landing(connector(clock, sleeps), MENTIONS, first.cursor_after, zone, clock)
    assert second.status == "ok" and second.items == 1
    new = [ln for ln in landed(zone) if ln["run_id"] == second.run_id]
    assert [ln["native_id"] for ln in new] == ["t1_kx40004"]
    assert second.cursor_after["streams"]["mentions"]["watermark"] == 1788770000.0


def test_quiet_run_makes_one_call_and_lands_nothing_but_records_ok(rsps, clock, sleeps, tmp_path):
    serve_mentions(rsps)
    zone = LandingZone(tmp_path)
    conn = connector(clock, sleeps, overlap=timedelta(minutes=10))
    first = fetch_to_landing(conn, MENTIONS, None, zone, clock)
    before = len(api_calls(rsps))
    quiet = fetch_to_landing(conn, MENTIONS, first.cursor_after, zone, clock)
    assert len(api_calls(rsps)) - before == 1 == quiet.api_calls
    assert (quiet.status, quiet.items, quiet.data_file) == ("ok", 0, None)
    assert len(zone.manifests()) == 2 and len(zone.data_files()) == 1


def test_429_waits_for_reset_on_the_injected_clock_then_succeeds(rsps, clock, sleeps, tmp_path):
    rsps.get(API + "message/mentions", status=429, body="{}",
             headers={"x-ratelimit-reset": "30", "x-ratelimit-remaining": "0", "x-ratelimit-used": "100"})
    rsps.get(API + "message/mentions", json=load("mentions_page2.json"))
    m = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 1 and m.api_calls == 2
    assert 31.0 in sleeps  # our policy waited reset + 1s, via the injected sleep


def test_429_with_a_long_reset_stops_and_records_when_to_resume(rsps, clock, sleeps, tmp_path):
    rsps.get(API + "message/mentions", status=429, body="{}",
             headers={"x-ratelimit-reset": "600", "x-ratelimit-remaining": "0", "x-ratelimit-used": "100"})
    m = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, LandingZone(tmp_path), clock)
    assert m.status == "partial" and m.items == 0
    assert m.rate_limited_until == (clock.now() + timedelta(seconds=600)).isoformat()
    assert m.cursor_after["streams"]["mentions"]["watermark"] is None


def test_500_then_success(rsps, clock, sleeps, tmp_path):
    rsps.get(API + "message/mentions", status=500, body="upstream busy")
    rsps.get(API + "message/mentions", json=load("mentions_page2.json"))
    m = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 1
    assert len(api_calls(rsps)) == 2


def test_401_is_fatal_names_the_account_and_other_sources_go_on(rsps, clock, sleeps, tmp_path):
    # Reddit's real 401 carries the OAuth error in www-authenticate (prawcore reads it).
    rsps.get(API + "message/mentions", status=401, json={"message": "Unauthorized", "error": 401},
             headers={"www-authenticate": 'Bearer realm="reddit", error="invalid_token"'})
    rsps.get(API + "r/exampletown+exampleshire/search/", json=load("search_page.json"))
    zone = LandingZone(tmp_path)
    bad = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, zone, clock)
    good = fetch_to_landing(connector(clock, sleeps), SEARCH, None, zone, clock)
    assert bad.status == "failed" and bad.error_kind == "fatal"
    assert "u/StExampleSchool" in bad.error and "HTTP 401" in bad.error and "privatemessages" in bad.error
    assert bad.cursor_after is None
    assert good.status == "ok" and good.items == 2
    search_call = [c for c in api_calls(rsps) if "/search/" in c.request.url][0].request.url
    assert "sort=new" in search_call and "restrict_sr=on" in search_call
    assert "%22St+Example+School%22+OR+%22St+Example+Primary%22" in search_call
    assert {ln["item"]["kind"] for ln in landed(zone)} == {"t3"}


def test_malformed_json_is_skippable_and_earlier_pages_still_land(rsps, clock, sleeps, tmp_path):
    rsps.get(API + "message/mentions", body="{\"kind\": \"Listing\", \"data\": {",
             content_type="application/json",
             match=[matchers.query_param_matcher({"after": "t1_kx20002"}, strict_match=False)])
    rsps.get(API + "message/mentions", json=load("mentions_page1.json"))
    m = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, LandingZone(tmp_path), clock)
    assert m.status == "failed" and m.error_kind == "skippable" and "not valid JSON" in m.error
    assert m.items == 2 and m.cursor_after is None


def test_page_budget_stops_then_the_next_run_finishes_the_backfill(rsps, clock, sleeps, tmp_path):
    serve_mentions(rsps)
    zone = LandingZone(tmp_path)
    conn = connector(clock, sleeps)
    first = fetch_to_landing(conn, MENTIONS, None, zone, clock, budget=PageBudget(max_pages=1))
    cur = first.cursor_after["streams"]["mentions"]
    assert first.status == "partial" and first.items == 2
    assert cur["watermark"] is None and cur["resume"] == "t1_kx20002" and cur["resume_top"] == 1788767000.0
    second = fetch_to_landing(conn, MENTIONS, first.cursor_after, zone, clock)
    assert second.status == "ok" and second.items == 1
    assert "after=t1_kx20002" in api_calls(rsps)[-1].request.url
    done = second.cursor_after["streams"]["mentions"]
    assert done["watermark"] == 1788767000.0 and done["resume"] is None


@pytest.mark.parametrize(
    ("fixture", "fullname", "reason"),
    [
        ("info_deleted.json", "t1_kx10001", "deleted by its author"),
        ("info_removed.json", "t1_kx20002", "removed by the subreddit's moderators"),
        ("info_post_removed.json", "t3_1xyz9", "removed by the subreddit's moderators"),
        ("empty_listing.json", "t1_gone999", "not returned by /api/info"),
    ],
)
def test_check_reads_deleted_shapes_as_removed(rsps, clock, sleeps, fixture, fullname, reason):
    rsps.get(API + "api/info/", json=load(fixture), match=[matchers.query_param_matcher({"id": fullname}, strict_match=False)])
    res = connector(clock, sleeps).check(fullname)
    assert res.state == "removed" and reason in res.reason


def test_check_present_and_permission_error_is_unknown(rsps, clock, sleeps):
    rsps.get(API + "api/info/", json=load("info_present.json"))
    assert connector(clock, sleeps).check("t1_kx30003").state == "present"
    rsps.replace(responses.GET, API + "api/info/", status=403, json={"message": "Forbidden", "error": 403})
    res = connector(clock, sleeps).check("t1_kx30003")
    assert res.state == "unknown" and "HTTP 403" in res.reason


def test_hide_removes_where_the_account_moderates(rsps, clock, sleeps):
    rsps.post(API + "api/remove/", json={})
    rsps.get(API + "api/info/", json=load("info_removed.json"))
    res = connector(clock, sleeps).hide("t1_kx20002")
    assert res.ok and res.evidence["after"]["body"] == "[removed]"
    sent = [c for c in api_calls(rsps) if c.request.method == "POST"][0].request.body
    assert "id=t1_kx20002" in sent and "spam=False" in sent


def test_hide_without_moderator_rights_returns_the_reason(rsps, clock, sleeps):
    rsps.post(API + "api/remove/", status=403, json={"message": "Forbidden", "error": 403})
    res = connector(clock, sleeps).hide("t1_kx20002")
    assert not res.ok and "does not moderate" in res.reason and "HTTP 403" in res.reason


def test_verify_reports_missing_scopes(rsps, clock):
    rsps.replace(responses.POST, TOKEN_URL,
                 json={"access_token": "AT", "token_type": "bearer", "expires_in": 86400, "scope": "identity privatemessages"})
    rsps.get(API + "api/v1/me", json={"name": "StExampleSchool", "id": "abc12", "created_utc": 1500000000.0})
    checks = {c.name: c for c in rd.verify(CREDS, MENTIONS, clock=clock)}
    assert checks["credential"].ok and "u/StExampleSchool" in checks["credential"].detail
    assert checks["inbox"].ok and not checks["hide"].ok and "modposts" in checks["hide"].fix
    missing = rd.verify({}, MENTIONS, clock=clock)
    assert not missing[0].ok and "SCHOOLWATCH_REDDIT_CLIENT_ID" in missing[0].detail


def test_a_child_without_created_utc_is_named_in_the_manifest_and_the_rest_land(rsps, clock, sleeps, tmp_path):
    page = load("mentions_page2.json")
    broken = json.loads(json.dumps(page["data"]["children"][0]))
    broken["data"].pop("created_utc")
    broken["data"]["name"] = "t1_broken1"
    page["data"]["children"].insert(0, broken)
    rsps.get(API + "message/mentions", json=page)
    m = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 1
    assert any("t1_broken1" in n and "without name/created_utc" in n for n in m.notes)


def test_revoked_refresh_token_is_fatal_and_names_the_account(rsps, clock, sleeps, tmp_path):
    rsps.replace(responses.POST, TOKEN_URL, status=200, json={"error": "invalid_grant"})
    m = fetch_to_landing(connector(clock, sleeps), MENTIONS, None, LandingZone(tmp_path), clock)
    assert m.status == "failed" and m.error_kind == "fatal"
    assert "u/StExampleSchool" in m.error and "invalid_grant" in m.error and "rtoken" not in m.error
    assert api_calls(rsps) == []


def test_an_account_source_reads_all_three_inbox_streams_with_their_own_cursors(rsps, clock, sleeps, tmp_path):
    serve_mentions(rsps)
    rsps.get(API + "message/comments/", json=load("mentions_page2.json"))
    rsps.get(API + "message/selfreply/", json=load("empty_listing.json"))
    every = SourceSpec(**{**MENTIONS.__dict__, "streams": ()})
    m = fetch_to_landing(connector(clock, sleeps), every, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.api_calls == 4 and m.items == 4
    streams = m.cursor_after["streams"]
    assert set(streams) == {"mentions", "comment_replies", "submission_replies"}
    assert streams["comment_replies"]["watermark"] == 1788765000.0 and streams["submission_replies"]["watermark"] is None
