"""API calls per source per run: a first run, a quiet run and a busy run.

The real clients (tweepy, the requests Graph client) talk to a fake platform served by
``responses``: callbacks keep an in-memory account (tweets, Page posts and comments,
Instagram media and tags), answer ``since_id`` / ``since`` / paging the way the platforms
do, and count every request. X bills per post read, so the X rows also print the posts
returned (the billable reads).

    /work/main/.venv/bin/python bench/api_calls.py [--first-mentions 250] [--busy-mentions 120]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import responses
import tweepy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from connectors.base import SourceSpec, fetch_to_landing  # noqa: E402
from connectors.facebook import from_credentials as facebook_from  # noqa: E402
from connectors.instagram import from_credentials as instagram_from  # noqa: E402
from connectors.retry import RetryPolicy  # noqa: E402
from connectors.x import XConnector  # noqa: E402
from schoolwatch.core.clock import ManualClock  # noqa: E402
from schoolwatch.core.landing import LandingZone  # noqa: E402

G = "https://graph.facebook.com/v24.0"
X = "https://api.twitter.com/2"
SCHOOL_X = "1234500000"
PAGE = "104400000000001"
IG = "17841400000000001"


def _q(request: Any) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(request.url).query).items()}


def _gtime(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S+0000")


class FakePlatforms:
    """Just enough of X v2 and the Graph API to page, filter and count."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.calls: Counter[str] = Counter()
        self.reads: Counter[str] = Counter()  # X posts returned (billable)
        self.next_id = 1_900_000_000_000_000_000
        self.tweets: list[dict[str, Any]] = []  # newest last
        self.fb_posts: dict[str, dict[str, Any]] = {}
        self.fb_comments: dict[str, list[dict[str, Any]]] = {}
        self.fb_tagged: list[dict[str, Any]] = []
        self.ig_media: dict[str, dict[str, Any]] = {}
        self.ig_comments: dict[str, list[dict[str, Any]]] = {}
        self.ig_tags: list[dict[str, Any]] = []
        self.seq = 0

    # -- making activity ---------------------------------------------------------------
    def _id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def tweet(self, kind: str, conversation: str | None = None, minutes_ago: int = 0) -> str:
        tid = self._id()
        created = self.clock.now() - timedelta(minutes=minutes_ago)
        self.tweets.append(
            {
                "id": tid,
                "text": f"@StExampleSch invented {kind} {tid[-4:]}"
                if kind != "own"
                else "School news",
                "author_id": SCHOOL_X if kind == "own" else str(4242000000 + int(tid) % 97),
                "conversation_id": conversation or tid,
                "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "edit_history_tweet_ids": [tid],
                "_kind": kind,
            }
        )
        return tid

    def fb_post(self) -> str:
        self.seq += 1
        pid = f"{PAGE}_1221000000{self.seq:08d}"
        now = _gtime(self.clock.now())
        self.fb_posts[pid] = {
            "id": pid,
            "created_time": now,
            "updated_time": now,
            "permalink_url": f"https://www.facebook.com/{pid}",
        }
        self.fb_comments[pid] = []
        return pid

    def fb_comment(self, pid: str) -> None:
        self.seq += 1
        now = _gtime(self.clock.now())
        self.fb_comments[pid].insert(
            0,
            {
                "id": f"{pid}_{self.seq}",
                "created_time": now,
                "message": "invented comment",
                "is_hidden": False,
                "can_hide": True,
            },
        )
        self.fb_posts[pid]["updated_time"] = now

    def fb_tag(self) -> None:
        self.seq += 1
        self.fb_tagged.insert(
            0,
            {
                "id": f"1000890_{self.seq}",
                "created_time": _gtime(self.clock.now()),
                "message": "tagged the school",
            },
        )

    def ig_post(self) -> str:
        self.seq += 1
        mid = f"1790000{self.seq:08d}"
        self.ig_media[mid] = {
            "id": mid,
            "timestamp": _gtime(self.clock.now()),
            "caption": "invented",
            "comments_count": 0,
            "permalink": f"https://www.instagram.com/p/{mid}/",
        }
        self.ig_comments[mid] = []
        return mid

    def ig_comment(self, mid: str) -> None:
        self.seq += 1
        self.ig_comments[mid].insert(
            0,
            {
                "id": f"1799{self.seq:010d}",
                "text": "invented",
                "timestamp": _gtime(self.clock.now()),
                "username": "a_parent",
                "hidden": False,
            },
        )
        self.ig_media[mid]["comments_count"] += 1

    def ig_tag(self) -> None:
        self.seq += 1
        self.ig_tags.insert(
            0,
            {
                "id": f"1790099{self.seq:08d}",
                "timestamp": _gtime(self.clock.now()),
                "caption": "tagged",
                "username": "club",
            },
        )

    # -- serving ----------------------------------------------------------------------------
    def install(self, rsps: responses.RequestsMock) -> None:
        import re

        rsps.add_callback(
            "GET",
            re.compile(rf"{X}/users/{SCHOOL_X}/mentions.*"),
            self._x(lambda t: t["_kind"] == "mention", "mentions"),
        )
        rsps.add_callback(
            "GET",
            re.compile(rf"{X}/users/{SCHOOL_X}/tweets.*"),
            self._x(lambda t: t["_kind"] == "own", "own posts"),
        )
        rsps.add_callback("GET", re.compile(rf"{X}/tweets/search/recent.*"), self._x_search)
        rsps.add_callback(
            "GET",
            re.compile(rf"{G}/{PAGE}/published_posts.*"),
            self._graph(
                lambda q: sorted(
                    self.fb_posts.values(), key=lambda p: p["created_time"], reverse=True
                ),
                "fb posts",
            ),
        )
        rsps.add_callback("GET", re.compile(rf"{G}/{PAGE}_\d+/comments.*"), self._fb_comments)
        rsps.add_callback(
            "GET",
            re.compile(rf"{G}/{PAGE}/tagged.*"),
            self._graph(
                lambda q: [t for t in self.fb_tagged if _since_ok(t["created_time"], q)],
                "fb tagged",
            ),
        )
        rsps.add_callback(
            "GET",
            re.compile(rf"{G}/{IG}/media.*"),
            self._graph(
                lambda q: sorted(
                    self.ig_media.values(), key=lambda m: m["timestamp"], reverse=True
                ),
                "ig media",
            ),
        )
        rsps.add_callback("GET", re.compile(rf"{G}/1790000\d+/comments.*"), self._ig_comments)
        rsps.add_callback(
            "GET", re.compile(rf"{G}/{IG}/tags.*"), self._graph(lambda q: self.ig_tags, "ig tags")
        )

    def _x(self, keep: Any, label: str) -> Any:
        def cb(request: Any) -> tuple[int, dict[str, str], str]:
            self.calls["x"] += 1
            return self._x_page(request, [t for t in self.tweets if keep(t)])

        return cb

    def _x_search(self, request: Any) -> tuple[int, dict[str, str], str]:
        self.calls["x"] += 1
        query = _q(request)["query"]
        if "conversation_id:" in query:
            roots = set(__import__("re").findall(r"conversation_id:(\d+)", query))
            pool = [
                t for t in self.tweets if t["conversation_id"] in roots and t["_kind"] == "reply"
            ]
        else:
            pool = [t for t in self.tweets if t["_kind"] == "search"]
        return self._x_page(request, pool)

    def _x_page(self, request: Any, pool: list[dict[str, Any]]) -> tuple[int, dict[str, str], str]:
        q = _q(request)
        since, until = int(q.get("since_id", 0)), int(q.get("until_id", 10**30))
        rows = sorted(
            (t for t in pool if since < int(t["id"]) < until),
            key=lambda t: int(t["id"]),
            reverse=True,
        )
        start = int(q.get("pagination_token") or q.get("next_token") or 0)
        size = int(q.get("max_results", 10))
        page = rows[start : start + size]
        self.reads["x"] += len(page)
        meta: dict[str, Any] = {"result_count": len(page)}
        if page:
            meta.update(newest_id=page[0]["id"], oldest_id=page[-1]["id"])
        if start + size < len(rows):
            meta["next_token"] = str(start + size)
        data = [{k: v for k, v in t.items() if not k.startswith("_")} for t in page]
        users = [
            {
                "id": t["author_id"],
                "name": "Invented Person",
                "username": f"user{t['author_id'][-3:]}",
            }
            for t in page
        ]
        body: dict[str, Any] = {"meta": meta}
        if data:
            body.update(data=data, includes={"users": users})
        return 200, {"content-type": "application/json"}, json.dumps(body)

    def _graph(self, rows_for: Any, label: str) -> Any:
        def cb(request: Any) -> tuple[int, dict[str, str], str]:
            self.calls["facebook" if label.startswith("fb") else "instagram"] += 1
            q = _q(request)
            return _graph_page(request, rows_for(q), q)

        return cb

    def _fb_comments(self, request: Any) -> tuple[int, dict[str, str], str]:
        self.calls["facebook"] += 1
        pid = urlparse(request.url).path.split("/")[-2]
        q = _q(request)
        return _graph_page(
            request,
            [c for c in self.fb_comments.get(pid, []) if _since_ok(c["created_time"], q)],
            q,
        )

    def _ig_comments(self, request: Any) -> tuple[int, dict[str, str], str]:
        self.calls["instagram"] += 1
        mid = urlparse(request.url).path.split("/")[-2]
        return _graph_page(request, self.ig_comments.get(mid, []), _q(request))


def _since_ok(created: str, q: dict[str, str]) -> bool:
    if "since" not in q:
        return True
    return datetime.strptime(created, "%Y-%m-%dT%H:%M:%S+0000").replace(
        tzinfo=UTC
    ).timestamp() >= int(q["since"])


def _graph_page(
    request: Any, rows: list[dict[str, Any]], q: dict[str, str]
) -> tuple[int, dict[str, str], str]:
    start = int(q.get("after", 0))
    size = int(q.get("limit", 25))
    body: dict[str, Any] = {
        "data": rows[start : start + size],
        "paging": {"cursors": {"before": str(start), "after": str(start + size)}},
    }
    if start + size < len(rows):
        u = urlparse(request.url)
        body["paging"]["next"] = (
            f"{u.scheme}://{u.netloc}{u.path}?limit={size}&after={start + size}&access_token=TOKEN"
        )
    return 200, {"content-type": "application/json"}, json.dumps(body)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first-mentions", type=int, default=250)
    ap.add_argument("--busy-mentions", type=int, default=120)
    args = ap.parse_args()

    clock = ManualClock(datetime(2026, 9, 7, 8, 0, tzinfo=UTC))
    fake = FakePlatforms(clock)
    retry = RetryPolicy(sleep=lambda s: None, now=clock.now)
    x = XConnector(
        tweepy.Client(bearer_token="bench", return_type=dict),
        clock=clock,
        account="x-main",
        retry=retry,
    )
    fb = facebook_from({"PAGE_TOKEN": "bench"}, clock=clock, account="fb-page", retry=retry)
    ig = instagram_from({"ACCESS_TOKEN": "bench"}, clock=clock, account="ig-main", retry=retry)
    sources = [
        (
            "x-main",
            x,
            SourceSpec(
                "x-main",
                "s",
                "x",
                "account",
                "StExampleSch",
                SCHOOL_X,
                "x-main",
                True,
                streams=("mentions", "replies"),
            ),
        ),
        ("x-names", x, SourceSpec("x-names", "s", "x", "search", terms=("St Example School",))),
        (
            "fb-page",
            fb,
            SourceSpec(
                "fb-page",
                "s",
                "facebook",
                "account",
                native_id=PAGE,
                account_id="fb-page",
                own=True,
            ),
        ),
        (
            "ig-main",
            ig,
            SourceSpec(
                "ig-main", "s", "instagram", "account", native_id=IG, account_id="ig-main", own=True
            ),
        ),
    ]

    # the existing account: a week of history
    for i in range(args.first_mentions):
        fake.tweet("mention", minutes_ago=i * 30)
    own = [fake.tweet("own", minutes_ago=60 * 24 * d) for d in range(1, 6)]
    for root in own:
        for _ in range(6):
            fake.tweet("reply", conversation=root, minutes_ago=60)
    for _ in range(40):
        fake.tweet("search", minutes_ago=100)
    posts = [fake.fb_post() for _ in range(30)]
    clock.advance(timedelta(minutes=3))  # comments come after the posts
    for p in posts[:12]:
        for _ in range(8):
            fake.fb_comment(p)
    for _ in range(5):
        fake.fb_tag()
    media = [fake.ig_post() for _ in range(25)]
    for m in media[:10]:
        for _ in range(6):
            fake.ig_comment(m)
    for _ in range(4):
        fake.ig_tag()

    cursors: dict[str, Any] = {}
    results: list[tuple[str, str, int, int, int, int]] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        responses.RequestsMock(assert_all_requests_are_fired=False) as rsps,
    ):
        fake.install(rsps)
        landing = LandingZone(Path(tmp))

        def run(label: str) -> None:
            for sid, conn, spec in sources:
                before, reads = len(rsps.calls), fake.reads["x"]
                m = fetch_to_landing(conn, spec, cursors.get(sid), landing, clock)
                if m.cursor_after is not None:
                    cursors[sid] = m.cursor_after
                served = len(rsps.calls) - before
                assert served == m.api_calls, (sid, served, m.api_calls)
                results.append(
                    (
                        label,
                        sid,
                        served,
                        m.items,
                        fake.reads["x"] - reads if spec.platform == "x" else 0,
                        m.pages,
                    )
                )

        run("first")
        clock.advance(timedelta(hours=1))
        run("quiet")
        clock.advance(timedelta(hours=1))
        for _ in range(args.busy_mentions):
            fake.tweet("mention")
        for root in own[:2]:
            for _ in range(15):
                fake.tweet("reply", conversation=root)
        for _ in range(30):
            fake.tweet("search")
        for p in posts[:5]:
            for _ in range(8):
                fake.fb_comment(p)
        fake.fb_tag()
        for m in media[:3]:
            for _ in range(5):
                fake.ig_comment(m)
        fake.ig_tag()
        clock.advance(timedelta(minutes=5))
        run("busy")

    print(f"{'run':6} {'source':8} {'api calls':>9} {'items':>6} {'X posts read':>12} {'pages':>5}")
    for label, sid, calls, items, reads, pages in results:
        print(f"{label:6} {sid:8} {calls:9d} {items:6d} {reads if reads else '-':>12} {pages:5d}")
    totals: Counter[str] = Counter()
    for label, _, calls, *_ in results:
        totals[label] += calls
    print("totals: " + ", ".join(f"{k} {v} calls" for k, v in totals.items()))


if __name__ == "__main__":
    main()
