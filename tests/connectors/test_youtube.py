"""YouTube connector: the real google client (static discovery doc) over HttpMockSequence."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from googleapiclient.http import HttpMockSequence

from connectors import youtube as yt
from connectors.base import PageBudget, SourceSpec, fetch_to_landing
from connectors.credentials import resolve
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone

FIX = Path(__file__).parent.parent / "fixtures" / "youtube"
CHANNEL = "UCexampleSchool0000000001"
CREDS = resolve({"SCHOOLWATCH_YOUTUBE_API_KEY": "test-key"}, "youtube", yt.REQUIRED_ENV)
SPEC = SourceSpec(
    source_id="youtube-channel",
    school_id="st-example",
    platform="youtube",
    kind="account",
    handle="@stexampleschool",
    native_id=CHANNEL,
    account_id="youtube-own",
    own=True,
)


class RecordingHttp(HttpMockSequence):
    """HttpMockSequence that also records each request, so tests count API calls."""

    def __init__(self, responses: list[tuple[dict[str, str], str]]) -> None:
        super().__init__(responses)
        self.requests: list[tuple[str, str]] = []

    def request(self, uri: str, method: str = "GET", *args: Any, **kw: Any) -> Any:
        self.requests.append((method, uri))
        return super().request(uri, method, *args, **kw)


def ok(name: str) -> tuple[dict[str, str], str]:
    return {"status": "200"}, (FIX / name).read_text(encoding="utf-8")


def err(status: int, name: str, **headers: str) -> tuple[dict[str, str], str]:
    return {"status": str(status), **headers}, (FIX / name).read_text(encoding="utf-8")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 9, 7, 8, 0, tzinfo=UTC))


def make(clock: ManualClock, seq: list[tuple[dict[str, str], str]], sleeps: list[float] | None = None, **kw: Any):
    http = RecordingHttp(seq)
    retry = RetryPolicy(sleep=(sleeps if sleeps is not None else []).append, now=clock.now)
    conn = yt.from_credentials(CREDS, clock=clock, http=http, account="@stexampleschool", retry=retry, **kw)
    return conn, http


def landed(zone: LandingZone, run_id: str | None = None) -> list[dict[str, Any]]:
    out = []
    for path in zone.data_files():
        out += [json.loads(x) for x in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]
    return [x for x in out if run_id is None or x["run_id"] == run_id]


def test_pages_threads_and_fetches_missing_replies(clock, tmp_path):
    conn, http = make(clock, [ok("threads_page1.json"), ok("threads_page2.json"), ok("replies_ccc3.json")])
    zone = LandingZone(tmp_path)
    m = fetch_to_landing(conn, SPEC, None, zone, clock)
    assert (m.status, m.api_calls, m.pages) == ("ok", 3, 2)
    assert "quota units used: 3" in m.notes
    first = parse_qs(urlparse(http.requests[0][1]).query)
    assert first["allThreadsRelatedToChannelId"] == [CHANNEL] and first["order"] == ["time"]
    assert parse_qs(urlparse(http.requests[1][1]).query)["pageToken"] == ["CAoQAA"]  # list_next
    assert parse_qs(urlparse(http.requests[2][1]).query)["parentId"] == ["UgzThreadCCC3"]
    lines = landed(zone)
    assert [(x["native_id"], x["stream"]) for x in lines] == [
        ("UgzThreadAAA1", "comments"),
        ("UgzThreadAAA1.r1", "replies"),
        ("UgzThreadBBB2", "comments"),
        ("UgzThreadCCC3", "comments"),
        ("UgzThreadCCC3.r1", "replies"),
        ("UgzThreadCCC3.r2", "replies"),
        ("UgzThreadCCC3.r3", "replies"),
    ]
    thread = json.loads((FIX / "threads_page1.json").read_text(encoding="utf-8"))["items"][0]
    assert lines[0]["item"] == thread["snippet"]["topLevelComment"]  # verbatim comment object
    assert lines[1]["context"]["thread_id"] == "UgzThreadAAA1"
    text = thread["snippet"]["topLevelComment"]["snippet"]["textOriginal"]
    assert text.encode("utf-8") in gzip.decompress(zone.data_files()[0].read_bytes())


def test_next_run_respects_the_watermark_and_dedupes_the_overlap(clock, tmp_path):
    zone = LandingZone(tmp_path)
    conn, _ = make(clock, [ok("threads_page1.json"), ok("threads_page2.json"), ok("replies_ccc3.json")])
    first = fetch_to_landing(conn, SPEC, None, zone, clock)
    conn2, http2 = make(clock, [ok("threads_next_run.json"), ok("threads_page2.json")], overlap=timedelta(minutes=30))
    second = fetch_to_landing(conn2, SPEC, first.cursor_after, zone, clock)
    assert second.status == "ok" and second.api_calls == 1  # stopped on page 1 at the watermark
    assert [x["native_id"] for x in landed(zone, second.run_id)] == ["UgzThreadDDD4"]
    wm = second.cursor_after["streams"]["comments"]["watermark"]
    assert wm == datetime(2026, 9, 7, 9, 30, tzinfo=UTC).timestamp()


def test_quiet_run_is_one_unit_and_lands_nothing(clock, tmp_path):
    zone = LandingZone(tmp_path)
    conn, _ = make(clock, [ok("threads_page1.json"), ok("threads_page2.json"), ok("replies_ccc3.json")])
    first = fetch_to_landing(conn, SPEC, None, zone, clock)
    conn2, http2 = make(clock, [ok("threads_page1.json")], overlap=timedelta(minutes=30))
    quiet = fetch_to_landing(conn2, SPEC, first.cursor_after, zone, clock)
    assert len(http2.requests) == 1 == quiet.api_calls
    assert (quiet.status, quiet.items, quiet.data_file) == ("ok", 0, None)
    assert "quota units used: 1" in quiet.notes


def test_429_waits_for_retry_after_on_the_injected_clock(clock, tmp_path):
    sleeps: list[float] = []
    conn, http = make(clock, [err(429, "error_429.json", **{"retry-after": "30"}), ok("threads_page2.json"),
                              ok("replies_ccc3.json")], sleeps)
    m = fetch_to_landing(conn, SPEC, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 4
    assert sleeps == [31.0]


def test_quota_exceeded_stops_until_pacific_midnight(clock, tmp_path):
    conn, _ = make(clock, [ok("threads_page1.json"), err(403, "error_403_quota.json")])
    m = fetch_to_landing(conn, SPEC, None, LandingZone(tmp_path), clock)
    assert m.status == "partial" and m.items == 3  # page 1 still lands
    assert m.rate_limited_until == "2026-09-08T07:00:00+00:00"  # midnight PDT
    cur = m.cursor_after["streams"]["comments"]
    assert cur["watermark"] is None and cur["resume"] == "CAoQAA"


def test_500_then_success(clock, tmp_path):
    sleeps: list[float] = []
    conn, http = make(clock, [err(500, "error_500.json"), ok("threads_page2.json"), ok("replies_ccc3.json")], sleeps)
    m = fetch_to_landing(conn, SPEC, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 4 and len(sleeps) == 1


def test_401_is_fatal_names_the_account_and_other_sources_go_on(clock, tmp_path):
    zone = LandingZone(tmp_path)
    bad_conn, _ = make(clock, [err(401, "error_401.json")])
    other = SourceSpec(**{**SPEC.__dict__, "source_id": "youtube-other"})
    good_conn, _ = make(clock, [ok("threads_page2.json"), ok("replies_ccc3.json")])
    bad = fetch_to_landing(bad_conn, SPEC, None, zone, clock)
    good = fetch_to_landing(good_conn, other, None, zone, clock)
    assert bad.status == "failed" and bad.error_kind == "fatal" and bad.cursor_after is None
    assert "@stexampleschool" in bad.error and "HTTP 401" in bad.error and "commentThreads.list" in bad.error
    assert good.status == "ok" and good.items == 4


def test_malformed_json_is_skippable(clock, tmp_path):
    conn, _ = make(clock, [({"status": "200"}, '{"kind": "youtube#commentThreadListResponse", "items": [')])
    m = fetch_to_landing(conn, SPEC, None, LandingZone(tmp_path), clock)
    assert m.status == "failed" and m.error_kind == "skippable" and m.cursor_after is None


def test_page_budget_resumes_from_the_page_token(clock, tmp_path):
    zone = LandingZone(tmp_path)
    conn, _ = make(clock, [ok("threads_page1.json")])
    first = fetch_to_landing(conn, SPEC, None, zone, clock, budget=PageBudget(max_pages=1))
    assert first.status == "partial" and first.items == 3
    conn2, http2 = make(clock, [ok("threads_page2.json"), ok("replies_ccc3.json")])
    second = fetch_to_landing(conn2, SPEC, first.cursor_after, zone, clock)
    assert parse_qs(urlparse(http2.requests[0][1]).query)["pageToken"] == ["CAoQAA"]
    assert second.status == "ok" and second.items == 4
    assert second.cursor_after["streams"]["comments"]["watermark"] == datetime(2026, 9, 7, 7, 50, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("response", "state"),
    [
        (ok("comment_empty.json"), "removed"),
        (err(404, "error_404_comment_not_found.json"), "removed"),
        (ok("comment_present.json"), "present"),
        (err(403, "error_403_forbidden.json"), "unknown"),
        (err(401, "error_401.json"), "unknown"),
    ],
)
def test_check(clock, response, state):
    conn, http = make(clock, [response])
    res = conn.check("UgzThreadBBB2")
    assert res.state == state, res
    assert parse_qs(urlparse(http.requests[0][1]).query)["id"] == ["UgzThreadBBB2"]


def test_hide_holds_for_review_with_owner_oauth(clock):
    conn, http = make(clock, [({"status": "204"}, "")], can_moderate=True)
    res = conn.hide("UgzThreadBBB2")
    method, uri = http.requests[0]
    assert res.ok and method == "POST" and "comments/setModerationStatus" in uri
    assert parse_qs(urlparse(uri).query)["moderationStatus"] == ["heldForReview"]
    assert res.evidence["moderationStatus"] == "heldForReview" and conn.units == 50


def test_hide_refused_is_reported_and_key_only_does_not_call(clock):
    conn, http = make(clock, [err(403, "error_403_forbidden.json")], can_moderate=True, hide_status="rejected")
    res = conn.hide("UgzThreadBBB2")
    assert not res.ok and "HTTP 403" in res.reason
    keyonly, http2 = make(clock, [])
    res2 = keyonly.hide("UgzThreadBBB2")
    assert not res2.ok and "OAuth" in res2.reason and http2.requests == []


def test_verify(clock):
    http = RecordingHttp([ok("channels.json")])
    checks = {c.name: c for c in yt.verify(CREDS, SPEC, clock=clock, http=http)}
    assert checks["read comments"].ok and "St Example School" in checks["read comments"].detail
    assert not checks["moderation"].ok and "youtube.force-ssl" in checks["moderation"].fix
    assert not yt.verify({}, SPEC, clock=clock)[0].ok
