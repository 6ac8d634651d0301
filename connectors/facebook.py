"""Facebook Pages over the Graph API (:mod:`connectors.graph`), for the school's own Page.

Streams
-------
``comments``
    ``GET /{page-id}/published_posts`` (posts of the last ``post_lookback`` days, with
    ``updated_time``, which changes when someone comments), then for each post whose
    ``updated_time`` changed since the last run:
    ``GET /{post-id}/comments?filter=stream&order=reverse_chronological&since=<watermark-10min>``.
    ``filter=stream`` returns comments *and* replies; a reply has ``parent``.
``tagged``
    ``GET /{page-id}/tagged?since=<watermark-10min>``: public posts the Page is tagged in.

Landing lines (``item`` is the verbatim Graph object, fields as requested)::

    stream="comments", endpoint="/{post-id}/comments", native_id=comment["id"],
    item={"id", "message", "created_time", "from"? {"id","name"}, "parent"? {"id"},
          "is_hidden", "can_hide", "permalink_url"},
    context={"post_id": <the Page post id>,
             "post": {"id", "created_time", "updated_time", "permalink_url"}}

    stream="tagged", endpoint="/{page-id}/tagged", native_id=post["id"],
    item={"id", "message"?, "created_time", "from"? {"id","name"}, "permalink_url"},
    context={}

``from`` is optional (Graph omits it for people who did not authorise the app, unless the
token can MODERATE the Page). Graph times look like ``2026-09-06T10:00:00+0000``.

Cursor::

    {"comments": {"since": ISO, "seen": {id: ISO}, "posts": {post_id: updated_time}},
     "tagged":   {"since": ISO, "seen": {id: ISO}}}

A stream's ``since`` advances only when every page of it was read; ids in the 10-minute
overlap are skipped on the next run. A quiet run costs one call per stream. Graph paging
cursors are never stored (deleting an item invalidates them).

``check``: code 100/subcode 33 is "removed" only after ``/debug_token`` says the token is
valid; auth or permission errors are "unknown". ``hide`` posts ``is_hidden=true``;
``delete`` deletes the comment; both return Graph's ``{"success": true}`` as evidence.
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
from connectors.errors import AuthError, ConnectorError, FatalError, RateLimitedError
from connectors.graph import DEFAULT_VERSION, GRAPH_URL, GraphClient, unix
from connectors.graph_common import Watermark, act, check_object, parse_graph_time, verify_token
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import Clock

log = logging.getLogger(__name__)

PLATFORM = "facebook"
REQUIRED_ENV: tuple[str, ...] = ("SCHOOLWATCH_FACEBOOK_PAGE_TOKEN",)
OPTIONAL_ENV: tuple[str, ...] = (
    "SCHOOLWATCH_FACEBOOK_APP_SECRET",  # signs calls with appsecret_proof
    "SCHOOLWATCH_FACEBOOK_APP_ID",  # with the secret: an app token for /debug_token
    "SCHOOLWATCH_FACEBOOK_GRAPH_VERSION",
)
PERMISSIONS: dict[str, str] = {
    "pages_show_list": "find the Page",
    "pages_read_engagement": "read posts",
    "pages_read_user_content": "read comments and tagged posts",
    "pages_manage_engagement": "hide and delete comments",
}
COMMENT_FIELDS = "id,message,created_time,from,parent{id},is_hidden,can_hide,permalink_url"
POST_FIELDS = "id,created_time,updated_time,permalink_url"
TAGGED_FIELDS = "id,message,created_time,from,permalink_url"


class FacebookConnector:
    platform = PLATFORM

    def __init__(
        self,
        graph: GraphClient,
        *,
        clock: Clock,
        app_token: str | None = None,
        post_lookback: timedelta = timedelta(days=30),
        first_run_since: timedelta = timedelta(days=14),
        page_size: int = 100,
        gate_on_updated_time: bool = True,
    ) -> None:
        self.graph = graph
        # Post.updated_time changes when someone comments (Graph API Post reference), so an
        # unchanged post is skipped; turn this off to read every recent post's comments.
        self.gate_on_updated_time = gate_on_updated_time
        self.clock = clock
        self.app_token = app_token
        self.post_lookback = post_lookback
        self.first_run_since = first_run_since
        self.page_size = page_size

    # -- fetch ---------------------------------------------------------------
    def fetch(
        self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget
    ) -> FetchResult:
        node = source.native_id or source.handle
        if not node:
            raise FatalError(
                f"Facebook source {source.source_id} has no Page id", platform=PLATFORM
            )
        calls0 = self.graph.api_calls
        state: dict[str, Any] = dict(cursor or {})
        items: list[FetchedItem] = []
        pages = [0]
        complete = True
        notes: list[str] = []
        rate_until: datetime | None = None
        try:
            for stream in source.streams or ("comments", "tagged"):
                if stream == "comments":
                    done = self._comments(node, state, budget, items, pages)
                elif stream == "tagged":
                    done = self._tagged(node, state, budget, items, pages)
                else:
                    raise FatalError(f"unknown Facebook stream {stream!r}", platform=PLATFORM)
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
        cur = dict(state.get("comments") or {})
        now = self.clock.now()
        wm = Watermark.from_cursor(cur, now - self.first_run_since)
        known: dict[str, str] = dict(cur.get("posts") or {})
        posts: list[dict[str, Any]] = []
        params = {
            "fields": POST_FIELDS,
            "since": unix(now - self.post_lookback),
            "limit": self.page_size,
        }
        for page in self.graph.paginate(
            f"{node}/published_posts", params, budget, endpoint="/{page-id}/published_posts"
        ):
            pages[0] += 1
            posts += [p for p in page.get("data") or [] if isinstance(p, dict) and p.get("id")]
        complete = self.graph.last_complete
        read: dict[str, str] = {}
        for post in posts:
            pid, updated = (
                str(post["id"]),
                str(post.get("updated_time") or post.get("created_time") or ""),
            )
            changed_at = parse_graph_time(updated)
            untouched = (
                known.get(pid) == updated  # same as when we last read it in full
                or updated == str(post.get("created_time") or "")  # never commented on
                or (changed_at is not None and changed_at < wm.query_since)
            )
            if self.gate_on_updated_time and untouched:
                read[pid] = updated  # nothing new on this post: no call
                continue
            context = {
                "post_id": pid,
                "post": {
                    k: post[k]
                    for k in ("id", "created_time", "updated_time", "permalink_url")
                    if k in post
                },
            }
            cparams = {
                "filter": "stream",
                "order": "reverse_chronological",
                "since": unix(wm.query_since),
                "fields": COMMENT_FIELDS,
                "limit": self.page_size,
            }
            try:
                for page in self.graph.paginate(
                    f"{pid}/comments", cparams, budget, endpoint="/{post-id}/comments"
                ):
                    pages[0] += 1
                    for c in page.get("data") or []:
                        cid = str(c.get("id", ""))
                        if not cid or not wm.is_new(cid):
                            continue
                        items.append(
                            FetchedItem(cid, c, "comments", "/{post-id}/comments", context)
                        )
                        wm.observe(cid, c.get("created_time"))
            finally:
                state["comments"] = self._comments_cursor(cur, wm, known, read, complete=False)
            if self.graph.last_complete:
                read[pid] = updated
            else:
                complete = False
                break
        state["comments"] = self._comments_cursor(cur, wm, known, read, complete=complete)
        return complete

    def _comments_cursor(
        self,
        cur: dict[str, Any],
        wm: Watermark,
        known: dict[str, str],
        read: dict[str, str],
        *,
        complete: bool,
    ) -> dict[str, Any]:
        if complete:
            return {**wm.advanced(), "posts": read}
        # part-way: keep the old since; remember the posts read in full so they are not re-read
        return {**wm.held(), "posts": {**known, **read}}

    def _tagged(
        self,
        node: str,
        state: dict[str, Any],
        budget: PageBudget,
        items: list[FetchedItem],
        pages: list[int],
    ) -> bool:
        cur = dict(state.get("tagged") or {})
        wm = Watermark.from_cursor(cur, self.clock.now() - self.first_run_since)
        params = {"fields": TAGGED_FIELDS, "since": unix(wm.query_since), "limit": self.page_size}
        for page in self.graph.paginate(
            f"{node}/tagged", params, budget, endpoint="/{page-id}/tagged"
        ):
            pages[0] += 1
            for post in page.get("data") or []:
                tid = str(post.get("id", ""))
                if tid and wm.is_new(tid):
                    items.append(FetchedItem(tid, post, "tagged", "/{page-id}/tagged", {}))
                    wm.observe(tid, post.get("created_time"))
        if self.graph.last_complete:
            state["tagged"] = wm.advanced()
            return True
        state["tagged"] = wm.held()
        return False

    # -- check, hide, delete ---------------------------------------------------
    def check(self, native_id: str) -> CheckResult:
        return check_object(
            self.graph, native_id, "id,is_hidden,created_time", app_token=self.app_token
        )

    def hide(self, native_id: str) -> ActionResult:
        return act(self.graph, "POST", native_id, {"is_hidden": "true"}, "/{comment-id} is_hidden")

    def delete(self, native_id: str) -> ActionResult:
        return act(self.graph, "DELETE", native_id, {}, "/{comment-id} DELETE")


def _graph_from(
    platform: str,
    creds: Mapping[str, str],
    token_key: str,
    *,
    clock: Clock,
    account: str,
    needs: tuple[str, ...],
    session: requests.Session | None,
    retry: RetryPolicy | None,
    base_url: str | None,
    version: str | None,
) -> tuple[GraphClient, str | None]:
    token = creds.get(token_key)
    if not token:
        raise AuthError(
            f"no {platform} access token for account {account!r}: set SCHOOLWATCH_{platform.upper()}_{token_key}",
            platform=platform,
        )
    secret = creds.get("APP_SECRET") or None
    graph = GraphClient(
        token,
        clock=clock,
        app_secret=secret,
        version=version or creds.get("GRAPH_VERSION") or DEFAULT_VERSION,
        base_url=base_url or GRAPH_URL,
        session=session,
        retry=retry,
        account=account,
        platform=platform,
        needs=needs,
    )
    app_token = f"{creds['APP_ID']}|{secret}" if creds.get("APP_ID") and secret else None
    return graph, app_token


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
) -> FacebookConnector:
    """``{PAGE_TOKEN, APP_SECRET?, APP_ID?, GRAPH_VERSION?}`` -> connector."""
    graph, app_token = _graph_from(
        PLATFORM,
        creds,
        "PAGE_TOKEN",
        clock=clock,
        account=account,
        needs=tuple(PERMISSIONS),
        session=session,
        retry=retry,
        base_url=base_url,
        version=version,
    )
    return FacebookConnector(graph, clock=clock, app_token=app_token, **kw)


def verify(creds: Mapping[str, str], spec: SourceSpec, **kw: Any) -> list[PermissionCheck]:
    """debug_token validity and scopes, then a read of the Page."""
    from schoolwatch.core.clock import SystemClock

    if not creds.get("PAGE_TOKEN"):
        return [
            PermissionCheck(
                "access token",
                False,
                "no Page token",
                f"create a long-lived Page access token (runbook) and set {REQUIRED_ENV[0]}",
            )
        ]
    clock = kw.pop("clock", None) or SystemClock()
    conn = from_credentials(creds, clock=clock, account=spec.account_id or spec.source_id, **kw)
    conn.graph.retry = RetryPolicy(attempts=1, now=clock.now)
    return verify_token(
        conn.graph,
        needs=PERMISSIONS,
        app_token=conn.app_token,
        node=spec.native_id or spec.handle,
        node_fields="id,name",
        node_label="Page",
    )


__all__ = ["FacebookConnector", "from_credentials", "verify", "REQUIRED_ENV", "parse_graph_time"]
