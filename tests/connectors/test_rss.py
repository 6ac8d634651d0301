"""RSS / Google Alerts connector: requests against `responses`, feedparser on the bytes."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from connectors import rss
from connectors.base import SourceSpec, fetch_to_landing
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone

FIX = Path(__file__).parent.parent / "fixtures" / "rss"
URL = "https://www.google.com/alerts/feeds/01234567890123456789/98765432109876543210"
OTHER = "https://forum.exampletown.test/latest.rss"
SPEC = SourceSpec(source_id="alerts-name", school_id="st-example", platform="rss", kind="search", url=URL)
ATOM = {"Content-Type": "application/atom+xml; charset=utf-8"}
ETAG = '"ga-5f1c2"'
LAST_MOD = "Mon, 07 Sep 2026 07:45:00 GMT"


def body(name: str) -> bytes:
    return (FIX / name).read_bytes()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 9, 7, 8, 0, tzinfo=UTC))


@pytest.fixture
def rsps() -> Any:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def make(clock: ManualClock, sleeps: list[float] | None = None) -> rss.RssConnector:
    retry = RetryPolicy(sleep=(sleeps if sleeps is not None else []).append, now=clock.now)
    return rss.from_credentials({}, clock=clock, session=requests.Session(), retry=retry)


def landed(zone: LandingZone, run_id: str | None = None) -> list[dict[str, Any]]:
    out = []
    for path in zone.data_files():
        out += [json.loads(x) for x in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]
    return [x for x in out if run_id is None or x["run_id"] == run_id]


def serve_first(mock: Any) -> None:
    mock.get(URL, body=body("google_alerts.xml"), headers={**ATOM, "ETag": ETAG, "Last-Modified": LAST_MOD})


def test_first_run_lands_entries_verbatim_and_keeps_validators(rsps, clock, tmp_path):
    serve_first(rsps)
    zone = LandingZone(tmp_path)
    m = fetch_to_landing(make(clock), SPEC, None, zone, clock)
    assert (m.status, m.items, m.api_calls) == ("ok", 2, 1)
    assert m.cursor_after["etag"] == ETAG and m.cursor_after["last_modified"] == LAST_MOD
    lines = landed(zone)
    first = lines[0]["item"]
    assert lines[0]["native_id"] == "tag:google.com,2013:googlealerts/feed:10000000000000000001"
    assert first["title"] == "<b>St Example School</b> pupils’ café raises £1,200 — «merci» 🎉"  # markup kept
    assert first["link"].startswith("https://www.google.com/url?rct=j")  # redirect kept; normaliser unwraps
    assert first["published_parsed"] == "2026-09-07T07:45:00Z"
    assert lines[0]["context"]["feed_title"] == 'Google Alert - "St Example School"'
    raw = gzip.decompress(zone.data_files()[0].read_bytes())
    assert first["content"][0]["value"].encode("utf-8") in raw
    assert "مدرسة \u200b שלום e\u0301".encode() in raw


def test_next_run_is_conditional_and_lands_only_new_entries(rsps, clock, tmp_path):
    serve_first(rsps)
    zone = LandingZone(tmp_path)
    first = fetch_to_landing(make(clock), SPEC, None, zone, clock)
    rsps.replace(responses.GET, URL, body=body("google_alerts_next.xml"), headers={**ATOM, "ETag": '"ga-6a2d9"'})
    second = fetch_to_landing(make(clock), SPEC, first.cursor_after, zone, clock)
    sent = rsps.calls[-1].request.headers
    assert sent["If-None-Match"] == ETAG and sent["If-Modified-Since"] == LAST_MOD
    assert [x["native_id"] for x in landed(zone, second.run_id)] == [
        "tag:google.com,2013:googlealerts/feed:10000000000000000003"
    ]
    assert second.cursor_after["seen"][0].endswith("feed:10000000000000000003")


def test_304_is_one_call_lands_nothing_and_records_ok(rsps, clock, tmp_path):
    serve_first(rsps)
    zone = LandingZone(tmp_path)
    first = fetch_to_landing(make(clock), SPEC, None, zone, clock)
    rsps.replace(responses.GET, URL, status=304, body=b"", headers={"ETag": ETAG})
    quiet = fetch_to_landing(make(clock), SPEC, first.cursor_after, zone, clock)
    assert len(rsps.calls) == 2 and quiet.api_calls == 1
    assert (quiet.status, quiet.items, quiet.data_file) == ("ok", 0, None)
    assert quiet.cursor_after == first.cursor_after


def test_429_waits_for_retry_after_on_the_injected_clock(rsps, clock, tmp_path):
    rsps.get(URL, status=429, body=b"Too Many Requests", headers={"Retry-After": "30"})
    serve_first(rsps)
    sleeps: list[float] = []
    m = fetch_to_landing(make(clock, sleeps), SPEC, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 2 and m.api_calls == 2 and sleeps == [31.0]


def test_500_then_success(rsps, clock, tmp_path):
    rsps.get(URL, status=500, body=b"oops")
    serve_first(rsps)
    sleeps: list[float] = []
    m = fetch_to_landing(make(clock, sleeps), SPEC, None, LandingZone(tmp_path), clock)
    assert m.status == "ok" and m.items == 2 and len(sleeps) == 1


def test_401_is_fatal_names_the_feed_and_other_sources_go_on(rsps, clock, tmp_path):
    rsps.get(OTHER, status=401, body=b"auth required")
    serve_first(rsps)
    zone = LandingZone(tmp_path)
    private = SourceSpec(source_id="forum-feed", school_id="st-example", platform="rss", kind="search", url=OTHER,
                         account_id="forum-watch")
    bad = fetch_to_landing(make(clock), private, None, zone, clock)
    good = fetch_to_landing(make(clock), SPEC, None, zone, clock)
    assert bad.status == "failed" and bad.error_kind == "fatal" and "forum-watch" in bad.error and "HTTP 401" in bad.error
    assert good.status == "ok" and good.items == 2


def test_a_page_that_is_not_a_feed_is_skippable(rsps, clock, tmp_path):
    rsps.get(URL, body=body("not_a_feed.html"), headers={"Content-Type": "text/html"})
    m = fetch_to_landing(make(clock), SPEC, None, LandingZone(tmp_path), clock)
    assert m.status == "failed" and m.error_kind == "skippable" and "not a feed" in m.error


def test_gone_feed_is_fatal(rsps, clock, tmp_path):
    rsps.get(URL, status=404, body=b"")
    m = fetch_to_landing(make(clock), SPEC, None, LandingZone(tmp_path), clock)
    assert m.error_kind == "fatal" and "gone" in m.error


def test_check_and_hide_say_why_they_cannot(clock):
    conn = make(clock)
    assert conn.check("tag:x").state == "unknown" and "no removal API" in conn.check("tag:x").reason
    assert not conn.hide("tag:x").ok


def test_verify(rsps, clock):
    serve_first(rsps)
    ok = rss.verify({}, SPEC, clock=clock, session=requests.Session())
    assert ok[0].ok and "2 entries" in ok[0].detail
    rsps.replace(responses.GET, URL, status=403, body=b"")
    bad = rss.verify({}, SPEC, clock=clock, session=requests.Session())
    assert not bad[0].ok and "HTTP 403" in bad[0].detail


def test_a_feed_that_scrolled_past_everything_seen_records_a_possible_gap(rsps, clock, tmp_path):
    serve_first(rsps)
    zone = LandingZone(tmp_path)
    cursor = {"etag": None, "last_modified": None, "seen": ["tag:google.com,2013:googlealerts/feed:1"]}
    m = fetch_to_landing(make(clock), SPEC, cursor, zone, clock)
    assert m.status == "ok" and m.items == 2 and any("possible gap" in n for n in m.notes)
    again = fetch_to_landing(make(clock), SPEC, m.cursor_after, zone, clock)
    assert not any("possible gap" in n for n in again.notes)
