"""API calls per source per run for Reddit, YouTube, Bluesky and RSS: first, quiet and busy runs.

Each connector runs its real client library against an in-process fake platform that pages
like the real one (Reddit ``after``, YouTube ``pageToken``, Bluesky ``cursor``, RSS
conditional GET). Run::

    PYTHONPATH=. python bench/api_calls_b.py [--first 150] [--busy 250] [--gap-minutes 15]

A *first* run reads the backlog (``--first`` items), a *quiet* run follows with nothing new,
a *busy* run follows ``--busy`` new items, ``--gap-minutes`` apart. The numbers are what a
school pays in requests (and, for YouTube, quota units). Items denser than the overlap
window (Reddit 2 h, YouTube 6 h, Bluesky 1 h) make quiet runs re-read more than one page.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qs, urlparse

import httplib2
import httpx
import requests
import responses
import respx

from connectors import bluesky, reddit, rss, youtube
from connectors.base import SourceSpec, fetch_to_landing
from connectors.credentials import resolve
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone

T0 = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)
GAP = timedelta(minutes=15)  # time between two items; set by --gap-minutes


class Timeline:
    """Items newest first; ``add(n)`` posts n new ones, ``GAP`` apart, after the newest."""

    def __init__(self, make: Callable[[int, datetime], dict[str, Any]]) -> None:
        self.make = make
        self.gap = GAP
        self.items: list[dict[str, Any]] = []
        self.count = 0
        self.clock = T0 - timedelta(days=3)

    def add(self, n: int) -> None:
        for _ in range(n):
            self.count += 1
            self.clock += self.gap
            self.items.insert(0, self.make(self.count, self.clock))

    def page(self, start: int, size: int) -> tuple[list[dict[str, Any]], int | None]:
        end = start + size
        return self.items[start:end], end if end < len(self.items) else None


def run_three(name: str, spec: SourceSpec, make_conn: Callable[[ManualClock], Any], add: Callable[[int], None],
              first: int, busy: int) -> list[tuple[str, str, Any]]:
    clock = ManualClock(T0)
    zone = LandingZone(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    rows, cursor = [], None
    for label, new in (("first", first), ("quiet", 0), ("busy", busy)):
        add(new)
        clock.advance(timedelta(hours=1))
        m = fetch_to_landing(make_conn(clock), spec, cursor, zone, clock)
        cursor = m.cursor_after if m.cursor_after is not None else cursor
        rows.append((name, label, m))
    return rows


def retry(clock: ManualClock) -> RetryPolicy:
    return RetryPolicy(sleep=lambda s: None, now=clock.now)


def bench_reddit(first: int, busy: int) -> list[tuple[str, str, Any]]:
    tl = Timeline(lambda n, at: {"kind": "t1", "data": {"name": f"t1_m{n}", "id": f"m{n}", "body": f"mention {n}",
                                                         "author": "someone", "created_utc": at.timestamp()}})
    env = {"SCHOOLWATCH_REDDIT_CLIENT_ID": "c", "SCHOOLWATCH_REDDIT_CLIENT_SECRET": "s",
           "SCHOOLWATCH_REDDIT_REFRESH_TOKEN": "r", "SCHOOLWATCH_REDDIT_USER_AGENT": "bench/0.1"}
    creds = resolve(env, "reddit", reddit.REQUIRED_ENV)
    spec = SourceSpec("reddit-mentions", "s", "reddit", "account", handle="School", streams=("mentions",))

    def listing(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        q = parse_qs(urlparse(request.url).query)
        after = q.get("after", [None])[0]
        start = next((i + 1 for i, c in enumerate(tl.items) if c["data"]["name"] == after), 0) if after else 0
        children, nxt = tl.page(start, int(q["limit"][0]))
        data = {"after": children[-1]["data"]["name"] if nxt is not None else None, "children": children}
        return 200, {}, json.dumps({"kind": "Listing", "data": data})

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post("https://www.reddit.com/api/v1/access_token",
                  json={"access_token": "AT", "token_type": "bearer", "expires_in": 86400, "scope": "*"})
        mock.add_callback(responses.GET, "https://oauth.reddit.com/message/mentions", callback=listing)
        return run_three("reddit mentions", spec,
                         lambda c: reddit.from_credentials(creds, clock=c, retry=retry(c)), tl.add, first, busy)


class FakeYouTube:
    """httplib2-shaped fake of commentThreads.list for one channel (100 per page)."""

    def __init__(self, tl: Timeline) -> None:
        self.tl = tl

    def request(self, uri: str, method: str = "GET", *args: Any, **kw: Any) -> tuple[httplib2.Response, bytes]:
        q = parse_qs(urlparse(uri).query)
        start = int(q.get("pageToken", ["0"])[0])
        items, nxt = self.tl.page(start, int(q.get("maxResults", ["20"])[0]))
        body: dict[str, Any] = {"kind": "youtube#commentThreadListResponse", "items": items}
        if nxt is not None:
            body["nextPageToken"] = str(nxt)
        return httplib2.Response({"status": "200"}), json.dumps(body).encode()


def bench_youtube(first: int, busy: int) -> list[tuple[str, str, Any]]:
    def thread(n: int, at: datetime) -> dict[str, Any]:
        stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        top = {"kind": "youtube#comment", "id": f"Ugz{n}", "snippet": {"videoId": "v1", "textDisplay": f"c{n}",
                                                                         "publishedAt": stamp, "updatedAt": stamp}}
        return {"kind": "youtube#commentThread", "id": f"Ugz{n}",
                "snippet": {"channelId": "UCbench", "videoId": "v1", "topLevelComment": top, "totalReplyCount": 0}}

    tl = Timeline(thread)
    creds = resolve({"SCHOOLWATCH_YOUTUBE_API_KEY": "k"}, "youtube", youtube.REQUIRED_ENV)
    spec = SourceSpec("youtube-channel", "s", "youtube", "account", native_id="UCbench")
    return run_three("youtube comments", spec,
                     lambda c: youtube.from_credentials(creds, clock=c, http=FakeYouTube(tl), retry=retry(c)),
                     tl.add, first, busy)


def bench_bluesky(first: int, busy: int) -> list[tuple[str, str, Any]]:
    def post(n: int, at: datetime) -> dict[str, Any]:
        stamp = at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        return {"uri": f"at://did:plc:p{n}/app.bsky.feed.post/{n}", "cid": f"c{n}", "indexedAt": stamp,
                "author": {"did": f"did:plc:p{n}", "handle": f"p{n}.bsky.social"},
                "record": {"$type": "app.bsky.feed.post", "text": f"School post {n}", "createdAt": stamp}}

    tl = Timeline(post)
    base = "https://pds.bench.test/xrpc"
    creds = resolve({"SCHOOLWATCH_BLUESKY_HANDLE": "school.bsky.social", "SCHOOLWATCH_BLUESKY_APP_PASSWORD": "p"},
                    "bluesky", bluesky.REQUIRED_ENV)
    spec = SourceSpec("bluesky-search", "s", "bluesky", "search", terms=("School",))

    def search(request: httpx.Request) -> httpx.Response:
        since = request.url.params.get("since")
        items = [p for p in tl.items if since is None or p["indexedAt"] >= since]
        start = int(request.url.params.get("cursor", "0"))
        end = start + int(request.url.params.get("limit", "25"))
        body: dict[str, Any] = {"posts": items[start:end]}
        if end < len(items):
            body["cursor"] = str(end)
        return httpx.Response(200, json=body)

    jwt = "eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDAsInN1YiI6ImRpZDpwbGM6c2Nob29sIn0.c2ln"
    with respx.mock(base_url=base, assert_all_called=False) as mock:
        mock.post("/com.atproto.server.createSession").respond(
            json={"did": "did:plc:school", "handle": "school.bsky.social", "accessJwt": jwt, "refreshJwt": jwt})
        mock.get("/app.bsky.feed.searchPosts").mock(side_effect=search)
        return run_three("bluesky search", spec,
                         lambda c: bluesky.from_credentials(creds, clock=c, base_url=base, retry=retry(c)),
                         tl.add, first, busy)


def bench_rss(first: int, busy: int) -> list[tuple[str, str, Any]]:
    tl = Timeline(lambda n, at: {"id": f"tag:bench,2026:{n}", "title": f"Article {n}", "at": at})
    url = "https://www.google.com/alerts/feeds/1/2"
    spec = SourceSpec("alerts", "s", "rss", "search", url=url)

    def feed(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
        latest = tl.items[:20]  # Google Alerts shows the 20 newest entries
        etag = f'"{tl.count}"'
        if request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, ""
        entries = "".join(
            f"<entry><id>{e['id']}</id><title>{e['title']}</title><link href='https://example.test/{e['id']}'/>"
            f"<published>{e['at'].strftime('%Y-%m-%dT%H:%M:%SZ')}</published></entry>" for e in latest
        )
        body = f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>{entries}</feed>"
        return 200, {"ETag": etag, "Last-Modified": format_datetime(T0, usegmt=True)}, body

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.GET, url, callback=feed, content_type="application/atom+xml")
        return run_three("rss google alert", spec,
                         lambda c: rss.from_credentials({}, clock=c, retry=retry(c)), tl.add, first, busy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=150, help="items waiting on the first run")
    parser.add_argument("--busy", type=int, default=250, help="new items before the busy run")
    parser.add_argument("--gap-minutes", type=float, default=15, help="minutes between two items")
    args = parser.parse_args()
    global GAP
    GAP = timedelta(minutes=args.gap_minutes)
    rows = []
    for bench in (bench_reddit, bench_youtube, bench_bluesky, bench_rss):
        rows += bench(args.first, args.busy)
    print(f"{'source':<18} {'run':<6} {'new':>5} {'calls':>6} {'pages':>6} {'landed':>7}  status  notes")
    for name, label, m in rows:
        new = {"first": args.first, "quiet": 0, "busy": args.busy}[label]
        notes = "; ".join(n for n in m.notes if any(w in n for w in ("quota", "304", "budget", "gap")))
        print(f"{name:<18} {label:<6} {new:>5} {m.api_calls:>6} {m.pages:>6} {m.items:>7}  {m.status:<7} {notes}")


if __name__ == "__main__":
    main()
