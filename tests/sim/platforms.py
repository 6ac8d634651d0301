"""Fake platforms for the simulated term: Connector implementations over simulated time.

Each :class:`FakePlatform` holds the items its sources will produce (made up front by the
engine with a seeded RNG), shows each one once its creation time has passed, pages through
them with a sequence cursor, and knows the truth about every item: when it was created,
whether a takedown was asked for, when (if ever) the platform removes it. The items are
shaped like the real landing lines (templates are the bundled sample pages), so the real
normalisers, validator and classifier see what they would see from tweepy, the Graph API
and praw.

Faults are injected per fetch run by the engine (``next_fault``) and, for ``check``, from
outage windows: a fetch may raise RetriableError or FatalError, fail half way
(PartialFetch: the items read so far land, the cursor stays), or hit a bug (a plain
exception). ``check`` answers unknown (a raised RetriableError) inside an outage.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from connectors.base import (
    ActionResult,
    CheckResult,
    FetchedItem,
    FetchResult,
    PageBudget,
    PartialFetch,
    SourceSpec,
)
from connectors.errors import AuthError, RetriableError
from schoolwatch.core.clock import ManualClock
from schoolwatch.sample.land import load_pages

PAGE_SIZE = 25


@dataclass
class SimItem:
    """One item a fake platform produces, with the simulation's truth about it."""

    platform: str
    source_id: str
    native_id: str
    stream: str
    endpoint: str
    created_at: datetime
    text: str
    label: str  # benign | complaint | a PROBLEM category (what the text was written as)
    item: dict[str, Any]
    context: dict[str, Any]
    reported_at: datetime | None = None
    removed_at: datetime | None = None  # when the platform took it down (None: never)
    hide_calls: int = 0
    refuse_hide: bool = False  # the platform answers can_hide false

    @property
    def post_id(self) -> str:
        return f"{self.platform}:{self.native_id}"


@dataclass
class CheckAnswer:
    at: datetime
    native_id: str
    state: str  # present | removed | unknown


def _templates() -> dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]]:
    """(platform, stream) -> (item, context) from the bundled sample pages."""
    x = load_pages("x")["mentions"][0]
    fb = load_pages("facebook")["comments"][0]
    rd = load_pages("reddit")
    return {
        ("x", "mentions"): (x["data"][0], {"author": x["includes"]["users"][0]}),
        ("facebook", "comments"): (fb["page"]["data"][0], {"post_id": fb["post_id"]}),
        ("reddit", "mentions"): (rd["mentions"][0]["data"]["children"][0], {}),
        ("reddit", "search"): (rd["search"][0]["data"]["children"][0], {}),
    }


TEMPLATES = _templates()
ENDPOINTS = {
    ("x", "mentions"): "/2/users/:id/mentions",
    ("facebook", "comments"): "/{post-id}/comments",
    ("reddit", "mentions"): "message/mentions",
    ("reddit", "search"): "r/kestrelford/search/",
}


def make_item(platform: str, stream: str, source_id: str, n: int, created: datetime, text: str,
              label: str, author: tuple[str, str]) -> SimItem:
    """A verbatim-shaped platform object for item number ``n`` of the term."""
    item, context = (copy.deepcopy(v) for v in TEMPLATES[(platform, stream)])
    name, handle = author
    if platform == "x":
        native = str(1990000000000000000 + n)
        uid = str(1600000 + n % 97)
        item.update(id=native, text=text, author_id=uid, conversation_id=native, edit_history_tweet_ids=[native],
                    created_at=created.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
        item.pop("referenced_tweets", None)
        context["author"] = {"id": uid, "name": name, "username": handle}
    elif platform == "facebook":
        post = context["post_id"]
        native = f"{post.split('_')[1]}_{3000000000000000 + n}"
        item.update(id=native, message=text, created_time=created.strftime("%Y-%m-%dT%H:%M:%S+0000"),
                    permalink_url=f"https://www.facebook.com/109876543210987/posts/{post.split('_')[1]}?comment_id={3000000000000000 + n}")
        item["from"] = {"name": name, "id": str(7000000000000000 + n % 89)}
        item.pop("parent", None)
    else:
        data = item["data"]
        short = f"sim{n:06d}"
        if stream == "search":
            data.update(id=short, name=f"t3_{short}", title=text, selftext="", author=handle,
                        permalink=f"/r/kestrelford/comments/{short}/school/",
                        url=f"https://www.reddit.com/r/kestrelford/comments/{short}/school/")
        else:
            data.update(id=short, name=f"t1_{short}", body=text, author=handle,
                        context=f"/r/kestrelford/comments/1abc2/kestrel_vale_news/{short}/?context=3")
        data.update(created_utc=created.timestamp(), created=created.timestamp(), author_fullname=f"t2_{n % 83:06d}")
        native = data["name"]
    return SimItem(platform, source_id, native, stream, ENDPOINTS[(platform, stream)], created, text, label, item, context)


@dataclass
class FakePlatform:
    """Implements connectors.base.Connector for one platform over the simulation's clock."""

    platform: str
    clock: ManualClock
    items: dict[str, list[SimItem]] = field(default_factory=dict)  # source_id -> items in creation order
    by_native: dict[str, SimItem] = field(default_factory=dict)
    next_fault: str | None = None  # set by the engine before a fetch: retriable | fatal | partial | bug
    outages: list[tuple[datetime, datetime]] = field(default_factory=list)  # check() answers unknown inside
    answers: list[CheckAnswer] = field(default_factory=list)
    fetch_calls: int = 0

    def add(self, it: SimItem) -> None:
        self.items.setdefault(it.source_id, []).append(it)
        self.by_native[it.native_id] = it

    # -- Connector ---------------------------------------------------------------------
    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        self.fetch_calls += 1
        fault, self.next_fault = self.next_fault, None
        endpoint = ENDPOINTS[(self.platform, "search" if source.kind == "search" else self._stream(source))]
        if fault == "fatal":
            raise AuthError("token revoked (simulated)", platform=self.platform, endpoint=endpoint, status=401)
        if fault == "retriable":
            raise RetriableError("service unavailable (simulated)", platform=self.platform, endpoint=endpoint, status=503)
        if fault == "bug":
            raise KeyError("simulated bug: unexpected payload shape")
        now = self.clock.now()
        start = int((cursor or {}).get("seq", 0))
        visible = [it for it in self.items.get(source.source_id, [])[start:] if it.created_at <= now]
        taken: list[SimItem] = []
        pages = 0
        complete = True
        while len(taken) < len(visible) or pages == 0:
            if not budget.take():
                complete = False
                break
            pages += 1
            taken += visible[len(taken) : len(taken) + PAGE_SIZE]
            if fault == "partial" and pages == 1 and len(visible) > 1:
                half = [self._fetched(it) for it in taken[: max(1, len(taken) // 2)]]
                cause = RetriableError("connection reset mid-pagination (simulated)", platform=self.platform,
                                       endpoint=endpoint, status=None)
                raise PartialFetch(cause, half, api_calls=pages, pages=pages)
            if len(taken) >= len(visible):
                break
        return FetchResult([self._fetched(it) for it in taken], {"seq": start + len(taken)},
                           api_calls=pages, pages=pages, complete=complete)

    def check(self, native_id: str) -> CheckResult:
        now = self.clock.now()
        if any(a <= now < b for a, b in self.outages):
            self.answers.append(CheckAnswer(now, native_id, "unknown"))
            raise RetriableError("platform timeout (simulated)", platform=self.platform, endpoint="check", status=504)
        it = self.by_native.get(native_id)
        gone = it is not None and it.removed_at is not None and it.removed_at <= now
        state = "removed" if gone or it is None else "present"
        self.answers.append(CheckAnswer(now, native_id, state))
        return CheckResult(state, evidence={"id": native_id, "answer": state},  # type: ignore[arg-type]
                           reason="not found (simulated platform)" if state == "removed" else "")

    def hide(self, native_id: str) -> ActionResult:
        it = self.by_native[native_id]
        it.hide_calls += 1
        if it.refuse_hide:
            return ActionResult(False, {"success": False, "can_hide": False}, reason="the platform refused to hide it")
        it.removed_at = it.removed_at or self.clock.now()
        return ActionResult(True, {"success": True, "id": native_id})

    # -- helpers -----------------------------------------------------------------------
    def _stream(self, source: SourceSpec) -> str:
        return "comments" if self.platform == "facebook" else "mentions"

    def _fetched(self, it: SimItem) -> FetchedItem:
        return FetchedItem(it.native_id, copy.deepcopy(it.item), it.stream, it.endpoint, copy.deepcopy(it.context))


def utc(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=UTC)
