"""Bluesky: post search for the school's names and the account's notifications (atproto).

Streams
    ``search`` (``app.bsky.feed.searchPosts``, ``sort=latest``, ``since`` = watermark minus
    the overlap, cursor paging; one walk per term unless the source has a ``query``, since
    Bluesky's search has no reliable ``OR``) and ``notifications``
    (``app.bsky.notification.listNotifications`` with ``reasons=[mention, reply, quote]``).

Cursor rules
    Both are newest first. A walk stops at an item older than the watermark minus
    ``overlap`` and dedupes the overlap by AT-URI (:mod:`connectors.listing`); the cursor is
    ``{"streams": {"search:<term>" | "notifications": StreamCursor}}``. Search items are
    keyed on their ``sortAt`` (the earlier of ``record.createdAt`` and ``indexedAt``, which
    is what ``since`` filters on); notifications on ``indexedAt``.

Landing lines (what ``transforms/normalise/bluesky.py`` reads)
    ``item`` is verbatim JSON as the AppView sent it (camelCase lexicon keys): a
    ``#postView`` (``uri``, ``cid``, ``author``, ``record``, ``indexedAt``, counts) for
    ``stream="search"`` with ``context={"query": q}``, and a ``#notification`` (``uri``,
    ``cid``, ``author``, ``reason``, ``reasonSubject``, ``record``, ``indexedAt``) for
    ``stream="notifications"``. ``native_id`` is the AT-URI.

Calls go through ``Client.invoke_query`` with the SDK's ``Params`` models: the client still
logs in, refreshes the session and raises its exceptions, while the raw JSON is kept.

Hide
    Bluesky has no API to hide someone else's post. On the school's *own* threads a reply
    can be hidden by adding it to the root post's threadgate ``hiddenReplies`` (max 300):
    :meth:`BlueskyConnector.hide` does that, and refuses (ok=False) for anything else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from atproto import Client, models
from atproto_client import exceptions as ax
from atproto_client.client.session import Session

from connectors.base import (
    ActionResult,
    CheckResult,
    FetchedItem,
    FetchResult,
    PageBudget,
    PartialFetch,
    SourceSpec,
)
from connectors.credentials import PermissionCheck, key_of
from connectors.errors import (
    AuthError,
    ConnectorError,
    FatalError,
    RateLimitedError,
    RetriableError,
    SkippableError,
)
from connectors.listing import Page, StreamCursor, WalkInterrupted, walk_newest_first
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import Clock, SystemClock

log = logging.getLogger(__name__)

PLATFORM = "bluesky"
REQUIRED_ENV: tuple[str, ...] = ("SCHOOLWATCH_BLUESKY_HANDLE", "SCHOOLWATCH_BLUESKY_APP_PASSWORD")
# Optional: a session exported by a previous login (createSession allows 30 per 5 minutes).
SESSION_ENV = "SCHOOLWATCH_BLUESKY_SESSION"
OPTIONAL_ENV: tuple[str, ...] = (SESSION_ENV,)
REASONS = ["mention", "reply", "quote"]
MAX_HIDDEN = 300
DEFAULT_OVERLAP = timedelta(hours=1)
THREADGATE = "app.bsky.feed.threadgate"


class BlueskyConnector:
    """Fetch, check and (on own threads) hide on Bluesky through a logged-in atproto Client."""

    platform = PLATFORM

    def __init__(
        self,
        client: Client,
        *,
        clock: Clock,
        account: str = "",
        did: str | None = None,
        retry: RetryPolicy | None = None,
        overlap: timedelta = DEFAULT_OVERLAP,
    ) -> None:
        self.client = client
        self.clock = clock
        self.account = account
        self.did = did
        self.retry = retry or RetryPolicy(now=clock.now)
        self.overlap = overlap.total_seconds()

    # -- fetch ---------------------------------------------------------------------------

    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        account = source.handle or source.account_id or self.account
        old = (cursor or {}).get("streams", {})
        new_cursor: dict[str, Any] = {"streams": dict(old)}
        result = FetchResult(items=[], cursor=new_cursor)
        calls = [0]
        skipped: list[str] = []  # malformed items: not landable, so named in the manifest
        for name, stream, endpoint, reader, key, context in self._plan(source, account, calls, skipped):
            try:
                walk = walk_newest_first(
                    StreamCursor.from_dict(old.get(name)),
                    reader(StreamCursor.from_dict(old.get(name))),
                    key=key,
                    ident=lambda p: str(p["uri"]),
                    budget=budget,
                    overlap=self.overlap,
                    stale=lambda exc: isinstance(exc, ConnectorError) and exc.status == 400,  # old cursor
                )
            except WalkInterrupted as exc:
                result.items += [FetchedItem(p["uri"], p, stream, endpoint, dict(context)) for p in exc.children]
                cause = exc.cause if isinstance(exc.cause, ConnectorError) else FatalError(
                    f"unexpected {exc.cause.__class__.__name__}: {exc.cause}", platform=PLATFORM, endpoint=endpoint
                )
                raise PartialFetch(cause, result.items, calls[0], result.pages + exc.pages) from exc.cause
            result.items += [FetchedItem(p["uri"], p, stream, endpoint, dict(context)) for p in walk.children]
            result.pages += walk.pages
            new_cursor["streams"][name] = walk.cursor.to_dict()
            if not walk.complete:
                result.complete = False
                if walk.rate_limited is not None:
                    result.rate_limited_until = walk.rate_limited.retry_at
                    result.notes.append(f"{name}: rate limited, resumes next run ({walk.rate_limited})")
                    break
                result.notes.append(f"{name}: page budget used up, resumes next run")
        result.api_calls = calls[0]
        result.notes += skipped
        return result

    def _plan(self, source: SourceSpec, account: str, calls: list[int], skipped: list[str]) -> list[tuple[Any, ...]]:
        if source.kind == "search":
            queries = [source.query] if source.query else list(source.terms)
            if not queries:
                raise FatalError(f"search source {source.source_id} has no query or terms", platform=PLATFORM)
            return [
                (
                    f"search:{q}",
                    "search",
                    "app.bsky.feed.searchPosts",
                    lambda cur, q=q: self._search_pages(q, cur, account, calls, skipped),
                    _sort_at,
                    {"query": q},
                )
                for q in queries
            ]
        return [
            (
                "notifications",
                "notifications",
                "app.bsky.notification.listNotifications",
                lambda cur: self._notification_pages(account, calls, skipped),
                lambda n: _ts(n["indexedAt"]),
                {},
            )
        ]

    def _search_pages(
        self, q: str, cur: StreamCursor, account: str, calls: list[int], skipped: list[str]
    ) -> Callable[[str | None], Page]:
        since = None
        if cur.watermark is not None:
            since = _iso(cur.watermark - self.overlap)

        def read(token: str | None) -> Page:
            params = models.AppBskyFeedSearchPosts.Params(q=q, sort="latest", since=since, limit=100, cursor=token)
            body = self._query("app.bsky.feed.searchPosts", params, account, calls)
            return _valid(body, "posts", "app.bsky.feed.searchPosts", skipped), body.get("cursor") or None

        return read

    def _notification_pages(self, account: str, calls: list[int], skipped: list[str]) -> Callable[[str | None], Page]:
        def read(token: str | None) -> Page:
            params = models.AppBskyNotificationListNotifications.Params(reasons=REASONS, limit=100, cursor=token)
            body = self._query("app.bsky.notification.listNotifications", params, account, calls)
            return _valid(body, "notifications", "app.bsky.notification.listNotifications", skipped), body.get("cursor") or None

        return read

    def _query(self, nsid: str, params: Any, account: str, calls: list[int]) -> Any:
        def once() -> Any:
            calls[0] += 1
            with self._errors(nsid, account):
                return self.client.invoke_query(nsid, params=params).content

        return self.retry.call(once, what=f"bluesky {nsid}")

    def _procedure(self, nsid: str, data: Any, account: str) -> Any:
        def once() -> Any:
            with self._errors(nsid, account):
                return self.client.invoke_procedure(nsid, data=data).content

        return self.retry.call(once, what=f"bluesky {nsid}")

    # -- check and hide ------------------------------------------------------------------

    def check(self, native_id: str) -> CheckResult:
        """``removed`` when getPostThread answers NotFound (error or ``#notFoundPost``)."""
        try:
            thread = self._thread(native_id)
        except ConnectorError as exc:
            if "NotFound" in str(exc) and exc.status == 400:
                return CheckResult("removed", {"endpoint": "app.bsky.feed.getPostThread", "error": str(exc)}, "NotFound")
            return CheckResult("unknown", {"error": str(exc)}, reason=f"could not ask Bluesky: {exc}")
        kind = str(thread.get("$type", ""))
        evidence: dict[str, Any] = {"endpoint": "app.bsky.feed.getPostThread", "$type": kind}
        if kind.endswith("#notFoundPost") or thread.get("notFound") is True:
            return CheckResult("removed", evidence, reason="getPostThread returned notFoundPost")
        if kind.endswith("#blockedPost"):
            return CheckResult("unknown", evidence, reason="the author blocks the school's account")
        post = thread.get("post") or {}
        evidence["uri"] = post.get("uri")
        evidence["labels"] = [lab.get("val") for lab in post.get("labels") or [] if isinstance(lab, dict)]
        return CheckResult("present", evidence)

    def hide(self, native_id: str) -> ActionResult:
        """Hide a reply in one of the school's own threads via the threadgate's hiddenReplies."""
        try:
            thread = self._thread(native_id)
            post = thread.get("post") or {}
            root = (((post.get("record") or {}).get("reply") or {}).get("root") or {}).get("uri")
            me = self._my_did()
        except ConnectorError as exc:
            return ActionResult(False, {"error": str(exc)}, reason=str(exc))
        if not root:
            return ActionResult(False, {"uri": native_id}, reason="not a reply: Bluesky offers no API to hide it")
        if not root.startswith(f"at://{me}/"):
            return ActionResult(
                False,
                {"uri": native_id, "root": root},
                reason="a reply in someone else's thread: Bluesky offers no API to hide it (report it instead)",
            )
        rkey = root.rsplit("/", 1)[1]
        try:
            gate, swap = self._threadgate(me, rkey)
            hidden = list(gate.get("hiddenReplies") or [])
            if native_id in hidden:
                return ActionResult(True, {"uri": native_id, "threadgate": gate}, reason="already hidden")
            if len(hidden) >= MAX_HIDDEN:
                return ActionResult(False, {"root": root}, reason=f"threadgate already hides {MAX_HIDDEN} replies")
            record = {**gate, "$type": THREADGATE, "post": root, "hiddenReplies": [*hidden, native_id]}
            record.setdefault("createdAt", self.clock.now().strftime("%Y-%m-%dT%H:%M:%S.000Z"))
            data = models.ComAtprotoRepoPutRecord.Data(
                repo=me, collection=THREADGATE, rkey=rkey, record=record, swap_record=swap
            )
            answer = self._procedure("com.atproto.repo.putRecord", data, self.account)
        except ConnectorError as exc:
            return ActionResult(False, {"error": str(exc)}, reason=str(exc))
        return ActionResult(True, {"endpoint": "com.atproto.repo.putRecord", "response": answer, "record": record})

    def _thread(self, uri: str) -> dict[str, Any]:
        params = models.AppBskyFeedGetPostThread.Params(uri=uri, depth=0, parent_height=0)
        body = self._query("app.bsky.feed.getPostThread", params, self.account, [0])
        if not isinstance(body, dict) or not isinstance(body.get("thread"), dict):
            raise SkippableError("getPostThread answer has no thread", platform=PLATFORM)
        return body["thread"]

    def _threadgate(self, did: str, rkey: str) -> tuple[dict[str, Any], str | None]:
        params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=THREADGATE, rkey=rkey)
        try:
            body = self._query("com.atproto.repo.getRecord", params, self.account, [0])
        except FatalError as exc:
            if exc.status == 400 and "RecordNotFound" in str(exc):
                return {}, None
            raise
        return dict(body.get("value") or {}), body.get("cid")

    def _my_did(self) -> str:
        if not self.did:
            body = self._query("com.atproto.server.getSession", None, self.account, [0])
            self.did = str(body["did"])
        return self.did

    @contextmanager
    def _errors(self, endpoint: str, account: str) -> Iterator[None]:
        try:
            yield
        except ax.AtProtocolError as exc:
            raise map_error(exc, endpoint=endpoint, account=account, clock=self.clock) from exc
        except ValueError as exc:  # the SDK's JSON decoder on a malformed body
            raise SkippableError(f"response is not valid JSON ({exc.__class__.__name__})", platform=PLATFORM,
                                 endpoint=endpoint) from exc


def map_error(exc: ax.AtProtocolError, *, endpoint: str, account: str, clock: Clock) -> ConnectorError:
    """atproto's exceptions -> our tree; the XRPC error name is kept in the message."""
    who = f"account {account}" if account else "the Bluesky account"
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    content = getattr(response, "content", None)
    xrpc = getattr(content, "error", None) or ""
    detail = f"{xrpc}: {getattr(content, 'message', '') or ''}".strip(": ") if xrpc else ""
    kw: dict[str, Any] = {"platform": PLATFORM, "endpoint": endpoint, "status": status}
    if isinstance(exc, ax.RateLimitExceededError):
        retry_at = exc.reset_at
        if retry_at is None and exc.retry_after is not None:
            retry_at = clock.now() + timedelta(seconds=exc.retry_after)
        return RateLimitedError(f"{who}: rate limited ({exc.policy or 'no policy header'})", retry_at=retry_at, **kw)
    if isinstance(exc, ax.NetworkError):
        return RetriableError(f"network error ({detail or exc.__class__.__name__})", **kw)
    if isinstance(exc, ax.UnauthorizedError) or xrpc in ("ExpiredToken", "InvalidToken", "AuthMissing"):
        return AuthError(
            f"{who}: {detail or 'unauthorized'}; log in again with a valid app password "
            "(SCHOOLWATCH_BLUESKY_APP_PASSWORD)",
            **kw,
        )
    if isinstance(exc, ax.LoginRequiredError):
        return AuthError(f"{who}: not logged in", **kw)
    if status is not None and status >= 500:
        return RetriableError(f"server error ({detail or status})", **kw)
    return FatalError(f"{who}: {detail or exc.__class__.__name__}", **kw)


def _valid(body: Any, key: str, endpoint: str, skipped: list[str]) -> list[dict[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get(key), list):
        raise SkippableError(f"response has no '{key}' list", platform=PLATFORM, endpoint=endpoint)
    out = []
    for item in body[key]:
        try:
            if isinstance(item, dict) and item["uri"] and _ts(item["indexedAt"]) is not None:
                out.append(item)
                continue
        except (KeyError, TypeError, ValueError):
            pass
        log.warning("bluesky %s: item without uri/indexedAt skipped: %.200r", endpoint, item)
        uri = item.get("uri") if isinstance(item, dict) else None
        skipped.append(f"{endpoint}: skipped an item without uri/indexedAt (uri={uri!r})")
    return out


def _sort_at(post: dict[str, Any]) -> float:
    indexed = _ts(post["indexedAt"])
    try:
        return min(indexed, _ts((post.get("record") or {})["createdAt"]))
    except (KeyError, TypeError, ValueError):
        return indexed


def _ts(value: str) -> float:
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp()


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def from_credentials(creds: Mapping[str, str], *, clock: Clock, **kw: Any) -> BlueskyConnector:
    """Log in with the app password, or reuse ``SCHOOLWATCH_BLUESKY_SESSION`` when set.

    ``kw``: ``base_url`` (default ``https://bsky.social/xrpc``) goes to :class:`Client`;
    ``on_session`` is called with the exported session string (after login and after each
    token refresh) so the edge can store it;
    the rest goes to the connector.
    """
    missing = _missing(creds, REQUIRED_ENV)
    if missing:
        raise AuthError(f"missing environment variables: {', '.join(missing)}", platform=PLATFORM)
    handle = _cred(creds, "SCHOOLWATCH_BLUESKY_HANDLE")
    client = Client(base_url=kw.pop("base_url", None))
    on_session: Callable[[str], None] | None = kw.pop("on_session", None)
    kw.setdefault("account", f"@{handle.lstrip('@')}")
    conn = BlueskyConnector(client, clock=clock, **kw)
    stored = (_cred(creds, SESSION_ENV) or "").strip()
    with conn._errors("com.atproto.server.createSession", conn.account):
        if stored:
            try:
                client.login(session_string=stored, fetch_bsky_profile=False)
            except (ax.AtProtocolError, ValueError):
                log.info("stored Bluesky session not usable; logging in with the app password")
                stored = ""
        if not stored:
            client.login(handle, _cred(creds, "SCHOOLWATCH_BLUESKY_APP_PASSWORD"), fetch_bsky_profile=False)
    exported = client.export_session_string()
    conn.did = conn.did or Session.decode(exported).did
    if on_session:
        on_session(exported)
        # The client refreshes its tokens by itself; hand each refreshed session on too.
        client.on_session_change(lambda _event, session: on_session(session.encode()))
    return conn


def verify(creds: Mapping[str, str], spec: SourceSpec, **kw: Any) -> list[PermissionCheck]:
    """Log in, then try the one call this source needs (search or notifications)."""
    missing = _missing(creds, REQUIRED_ENV)
    if missing:
        return [PermissionCheck("credential", False, f"missing {', '.join(missing)}", _FIX)]
    clock = kw.pop("clock", None) or SystemClock()  # verify() runs at the CLI edge
    try:
        conn = from_credentials(creds, clock=clock, **kw)
    except ConnectorError as exc:
        return [PermissionCheck("credential", False, str(exc), _FIX)]
    checks = [PermissionCheck("credential", True, f"logged in as {conn.account} ({conn.did})")]
    name, nsid, params = (
        ("search", "app.bsky.feed.searchPosts", models.AppBskyFeedSearchPosts.Params(q="school", limit=1))
        if spec.kind == "search"
        else (
            "notifications",
            "app.bsky.notification.listNotifications",
            models.AppBskyNotificationListNotifications.Params(limit=1),
        )
    )
    try:
        conn._query(nsid, params, conn.account, [0])
    except ConnectorError as exc:
        checks.append(PermissionCheck(name, False, str(exc), "check the app password's access; retry later"))
    else:
        checks.append(PermissionCheck(name, True, f"{nsid} answers"))
    checks.append(
        PermissionCheck(
            "hide",
            True,
            "only replies in the school's own threads (threadgate hiddenReplies); nothing else can be hidden",
        )
    )
    return checks


_FIX = (
    "in Bluesky Settings > Privacy and security > App passwords, create one for schoolwatch and set "
    "SCHOOLWATCH_BLUESKY_HANDLE and SCHOOLWATCH_BLUESKY_APP_PASSWORD"
)


def _cred(creds: Mapping[str, str], name: str) -> str:
    """A value from the resolved creds (bare key, as connectors.credentials.resolve gives) or its env name."""
    return (creds.get(key_of(PLATFORM, name)) or creds.get(name) or "").strip()


def _missing(creds: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if not _cred(creds, n)]
