"""Instagram (professional account) over the Graph API (:mod:`connectors.graph`).

Streams
-------
``comments``
    ``GET /{ig-user-id}/media`` newest first, back to ``media_lookback``; for each media
    whose ``comments_count`` changed since the last run,
    ``GET /{ig-media-id}/comments?fields=...,replies{...}`` (replies come inline; when a
    reply list has its own ``next`` link, ``GET /{ig-comment-id}/replies`` is paged). The
    comments edge has no ``since``, so a changed media is read whole and ids are
    deduplicated downstream by key; an unchanged media costs nothing.
``tags``
    ``GET /{ig-user-id}/tags``: media the account is tagged in, newest first, read back
    to the watermark minus a 10-minute overlap.

Caption and comment @mentions are only delivered by Meta's ``mentions`` webhook; polling
cannot see them (platforms.md section 3).

Landing lines (``item`` is the verbatim Graph object)::

    stream="comments", endpoint="/{ig-media-id}/comments", native_id=comment["id"],
    item={"id", "text", "timestamp", "username", "from"? {"id","username"}, "hidden",
          "like_count", "replies"? {"data": [...]}},
    context={"media": {"id", "permalink", "timestamp", "media_type", "username"}}

    stream="comments", endpoint="/{ig-comment-id}/replies", native_id=reply["id"],
    item={"id", "text", "timestamp", "username", "from"?, "hidden", "like_count", "parent_id"},
    context={"media": {...}, "parent_id": <the comment id>}

    stream="tags", endpoint="/{ig-user-id}/tags", native_id=media["id"],
    item={"id", "caption"?, "timestamp", "permalink", "username", "media_type",
          "comments_count"}, context={}

Times look like ``2026-09-06T10:00:00+0000``.

Cursor::

    {"comments": {"media": {media_id: comments_count}},
     "tags": {"since": ISO, "seen": {id: ISO}}}

``check``: ``GET /{ig-comment-id}?fields=id,hidden``; code 100/subcode 33 is "removed"
only after ``/debug_token`` confirms the token is valid. ``hide`` posts ``hide=true``;
``delete`` deletes; both return Graph's ``{"success": true}`` as evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import requests

from connectors.base import (
    ActionResult,
    CheckResult,
    FetchedItem,
    FetchResult,
    PageBudget,
    PartialFetch,
    SourceSpec,
)
from connectors.credentials import PermissionCheck
from connectors.errors import ConnectorError, FatalError, RateLimitedError
from connectors.facebook import _graph_from
from connectors.graph import GraphClient
from connectors.graph_common import Watermark, act, check_object, parse_graph_time, verify_token
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import Clock

log = logging.getLogger(__name__)

PLATFORM = "instagram"
REQUIRED_ENV: tuple[str, ...] = ("SCHOOLWATCH_INSTAGRAM_ACCESS_TOKEN",)
OPTIONAL_ENV: tuple[str, ...] = (
    "SCHOOLWATCH_INSTAGRAM_APP_SECRET",
    "SCHOOLWATCH_INSTAGRAM_APP_ID",
    "SCHOOLWATCH_INSTAGRAM_GRAPH_VERSION",
)
PERMISSIONS: dict[str, str] = {
    "instagram_basic": "read media and tags",
    "instagram_manage_comments": "read, hide and delete comments",
    "pages_show_list": "find the linked Page",
    "pages_read_engagement": "read through the linked Page",
}
MEDIA_FIELDS = "id,caption,timestamp,permalink,media_type,username,comments_count"
_C = "id,text,timestamp,username,from{id,username},hidden,like_count,parent_id"
COMMENT_FIELDS = f"{_C},replies{{{_C}}}"
TAG_FIELDS = "id,caption,timestamp,permalink,username,media_type,comments_count"


class InstagramConnector:
    platform = PLATFORM

    def __init__(
        self,
        graph: GraphClient,
        *,
        clock: Clock,
        app_token: str | None = None,
        media_lookback: timedelta = timedelta(days=30),
        first_run_since: timedelta = timedelta(days=14),
        page_size: int = 50,
    ) -> None:
        self.graph = graph
        self.clock = clock
        self.app_token = app_token
        self.media_lookback = media_lookback
        self.first_run_since = first_run_since
        self.page_size = page_size

    def fetch(
        self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget
    ) -> FetchResult:
        if not source.native_id:
            raise FatalError(
                f"Instagram source {source.source_id} needs native_id (the IG user id: "
                "GET /{page-id}?fields=instagram_business_account)",
                platform=PLATFORM,
            )
        node = source.native_id
        calls0 = self.graph.api_calls
        state: dict[str, Any] = dict(cursor or {})
        items: list[FetchedItem] = []
        pages = [0]
        complete = True
        notes: list[str] = []
        rate_until: datetime | None = None
        try:
            for stream in source.streams or ("comments", "tags"):
                if stream == "comments":
                    done = self._comments(node, state, budget, items, pages)
                elif stream == "tags":
                    done = self._tags(node, state, budget, items, pages)
                else:
                    raise FatalError(f"unknown Instagram stream {stream!r}", platform=PLATFORM)
                complete = complete and done
        except RateLimitedError as exc:
            complete, rate_until = False, exc.retry_at
            notes.append(str(exc))
        except ConnectorError as exc:
            raise PartialFetch(exc, items, self.graph.api_calls - calls0, pages[0]) from None
        if not complete and budget.exhausted:
            notes.append(f"page budget of {budget.max_pages} used; the rest waits for the next run")
        return FetchResult(
            items, state, self.graph.api_calls - calls0, pages[0], complete, rate_until, notes
        )

    def _comments(
        self,
        node: str,
        state: dict[str, Any],
        budget: PageBudget,
        items: list[FetchedItem],
        pages: list[int],
    ) -> bool:
        known: dict[str, int] = dict((state.get("comments") or {}).get("media") or {})
        horizon = self.clock.now() - self.media_lookback
        media: list[dict[str, Any]] = []
        complete = True
        params = {"fields": MEDIA_FIELDS, "limit": self.page_size}
        for page in self.graph.paginate(
            f"{node}/media", params, budget, endpoint="/{ig-user-id}/media"
        ):
            pages[0] += 1
            batch = [m for m in page.get("data") or [] if isinstance(m, dict) and m.get("id")]
            media += [
                m for m in batch if (parse_graph_time(m.get("timestamp")) or horizon) >= horizon
            ]
            if any((parse_graph_time(m.get("timestamp")) or horizon) < horizon for m in batch):
                break  # newest first: the rest is older than the lookback
        else:
            complete = self.graph.last_complete
        done: dict[str, int] = {}
        try:
            for m in media:
                mid, count = str(m["id"]), int(m.get("comments_count") or 0)
                if known.get(mid) == count or (count == 0 and mid not in known):
                    done[mid] = count
                    continue
                ctx = {
                    "media": {
                        k: m[k]
                        for k in ("id", "permalink", "timestamp", "media_type", "username")
                        if k in m
                    }
                }
                if not self._media_comments(mid, ctx, budget, items, pages):
                    complete = False
                    break
                done[mid] = count
        finally:
            # media read in full are remembered even when a later one fails
            merged = {**known, **done} if not complete else done
            state["comments"] = {"media": merged}
        return complete

    def _media_comments(
        self,
        mid: str,
        ctx: dict[str, Any],
        budget: PageBudget,
        items: list[FetchedItem],
        pages: list[int],
    ) -> bool:
        params = {"fields": COMMENT_FIELDS, "limit": self.page_size}
        for page in self.graph.paginate(
            f"{mid}/comments", params, budget, endpoint="/{ig-media-id}/comments"
        ):
            pages[0] += 1
            for c in page.get("data") or []:
                cid = str(c.get("id", ""))
                if not cid:
                    continue
                items.append(FetchedItem(cid, c, "comments", "/{ig-media-id}/comments", ctx))
                replies = c.get("replies") or {}
                for r in replies.get("data") or []:
                    if r.get("id"):
                        items.append(
                            FetchedItem(
                                str(r["id"]),
                                r,
                                "comments",
                                "/{ig-comment-id}/replies",
                                {**ctx, "parent_id": cid},
                            )
                        )
                if (replies.get("paging") or {}).get("next"):
                    if not self._more_replies(cid, ctx, budget, items, pages):
                        return False
        return self.graph.last_complete

    def _more_replies(
        self,
        cid: str,
        ctx: dict[str, Any],
        budget: PageBudget,
        items: list[FetchedItem],
        pages: list[int],
    ) -> bool:
        have = {it.native_id for it in items}
        params = {"fields": _C, "limit": self.page_size}
        for page in self.graph.paginate(
            f"{cid}/replies", params, budget, endpoint="/{ig-comment-id}/replies"
        ):
            pages[0] += 1
            for r in page.get("data") or []:
                rid = str(r.get("id", ""))
                if rid and rid not in have:
                    items.append(
                        FetchedItem(
                            rid,
                            r,
                            "comments",
                            "/{ig-comment-id}/replies",
                            {**ctx, "parent_id": cid},
                        )
                    )
        return self.graph.last_complete

    def _tags(
        self,
        node: str,
        state: dict[str, Any],
        budget: PageBudget,
        items: list[FetchedItem],
        pages: list[int],
    ) -> bool:
        wm = Watermark.from_cursor(state.get("tags"), self.clock.now() - self.first_run_since)
        params = {"fields": TAG_FIELDS, "limit": self.page_size}
        reached = False
        for page in self.graph.paginate(
            f"{node}/tags", params, budget, endpoint="/{ig-user-id}/tags"
        ):
            pages[0] += 1
            for m in page.get("data") or []:
                when = parse_graph_time(m.get("timestamp"))
                if when is not None and when < wm.query_since:
                    reached = True
                    continue
                tid = str(m.get("id", ""))
                if tid and wm.is_new(tid):
                    items.append(FetchedItem(tid, m, "tags", "/{ig-user-id}/tags", {}))
                    wm.observe(tid, m.get("timestamp"))
            if reached:
                break  # no since parameter on this edge: stop at the watermark ourselves
        if reached or self.graph.last_complete:
            state["tags"] = wm.advanced()
            return True
        state["tags"] = wm.held()
        return False

    def check(self, native_id: str) -> CheckResult:
        return check_object(self.graph, native_id, "id,hidden,timestamp", app_token=self.app_token)

    def hide(self, native_id: str) -> ActionResult:
        return act(self.graph, "POST", native_id, {"hide": "true"}, "/{ig-comment-id} hide")

    def delete(self, native_id: str) -> ActionResult:
        return act(self.graph, "DELETE", native_id, {}, "/{ig-comment-id} DELETE")


def from_credentials(
    creds: Mapping[str, str],
    *,
    clock: Clock,
    account: str = "",
    session: requests.Session | None = None,
    retry: RetryPolicy | None = None,
    base_url: str | None = None,
    version: str | None = None,
    **kw: Any,
) -> InstagramConnector:
    """``{ACCESS_TOKEN, APP_SECRET?, APP_ID?, GRAPH_VERSION?}`` -> connector."""
    graph, app_token = _graph_from(
        PLATFORM,
        creds,
        "ACCESS_TOKEN",
        clock=clock,
        account=account,
        needs=tuple(PERMISSIONS),
        session=session,
        retry=retry,
        base_url=base_url,
        version=version,
    )
    return InstagramConnector(graph, clock=clock, app_token=app_token, **kw)


def verify(creds: Mapping[str, str], spec: SourceSpec, **kw: Any) -> list[PermissionCheck]:
    from schoolwatch.core.clock import SystemClock

    if not creds.get("ACCESS_TOKEN"):
        return [
            PermissionCheck(
                "access token",
                False,
                "no access token",
                f"create a long-lived Page token for the Page linked to the Instagram account and set {REQUIRED_ENV[0]}",
            )
        ]
    clock = kw.pop("clock", None) or SystemClock()
    conn = from_credentials(creds, clock=clock, account=spec.account_id or spec.source_id, **kw)
    conn.graph.retry = RetryPolicy(attempts=1, now=clock.now)
    return verify_token(
        conn.graph,
        needs=PERMISSIONS,
        app_token=conn.app_token,
        node=spec.native_id,
        node_fields="id,username",
        node_label="Instagram account",
    )
