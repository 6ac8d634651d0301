"""Reddit: the school account's inbox and searches of chosen local subreddits (praw 8).

Streams
    ``mentions`` (``message/mentions``), ``comment_replies`` (``message/comments/``) and
    ``submission_replies`` (``message/selfreply/``) for an ``account`` source; ``search``
    (``r/<a>+<b>/search/?q=..&sort=new&restrict_sr=on``, submissions only: Reddit has no
    comment search) for a ``search`` source.

Cursor rules
    Listings are newest first and take no ``since``: a run reads pages of 100
    (``after=<fullname>``) until an item older than the watermark minus ``overlap`` seconds;
    the overlap is re-read and deduplicated by fullname. See :mod:`connectors.listing` for
    the cursor (``{"streams": {<stream>: StreamCursor}}``) and how a run stopped by the page
    budget or a rate limit resumes.

Landing lines (what ``transforms/normalise/reddit.py`` reads)
    ``item`` is the verbatim listing child, exactly as the API sent it with ``raw_json=1``:
    ``{"kind": "t1", "data": {...}}`` for inbox comments (``data.name`` is ``t1_<id>``,
    ``data.parent_id``, ``data.link_title``, ``data.context``, ``data.body``,
    ``data.author`` — the string ``"[deleted]"`` for a deleted account, not null —
    ``data.created_utc`` in unix seconds) and ``{"kind": "t3", "data": {...}}`` for search
    hits (``title``, ``selftext``, ``permalink``, ``url``, ``subreddit``).
    ``native_id`` is the fullname (``t1_abc``/``t3_abc``); ``stream`` is one of
    ``mentions``, ``comment_replies``, ``submission_replies``, ``search``; ``endpoint`` is
    the API path; ``context`` is ``{"query": q, "subreddits": [...]}`` for search, ``{}``
    otherwise.

Calls go through :meth:`praw.Reddit.request`, the public method that returns the decoded
JSON without praw's objects, so the landing keeps every field. prawcore fetches the token,
adds ``raw_json=1``, throttles on ``x-ratelimit-*`` and retries 5xx twice itself; our
:class:`RetryPolicy` handles what still fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, TypeVar

import praw
import prawcore.exceptions as pce

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
T = TypeVar("T")

PLATFORM = "reddit"
REQUIRED_ENV: tuple[str, ...] = (
    "SCHOOLWATCH_REDDIT_CLIENT_ID",
    "SCHOOLWATCH_REDDIT_CLIENT_SECRET",
    "SCHOOLWATCH_REDDIT_REFRESH_TOKEN",
    "SCHOOLWATCH_REDDIT_USER_AGENT",
)
INBOX_STREAMS: dict[str, str] = {
    "mentions": "message/mentions",
    "comment_replies": "message/comments/",
    "submission_replies": "message/selfreply/",
}
# Which OAuth scope each use needs; named in errors and in ``accounts check``.
SCOPES: dict[str, str] = {
    "inbox": "privatemessages",
    "search": "read",
    "check": "read",
    "hide": "modposts",
    "identity": "identity",
}
PAGE_SIZE = 100
DEFAULT_OVERLAP = timedelta(hours=2)


class RedditConnector:
    """Fetch, check and hide on Reddit through an injected, authorised :class:`praw.Reddit`."""

    platform = PLATFORM

    def __init__(
        self,
        reddit: praw.Reddit,
        *,
        clock: Clock,
        account: str = "",
        retry: RetryPolicy | None = None,
        overlap: timedelta = DEFAULT_OVERLAP,
    ) -> None:
        self.reddit = reddit
        self.clock = clock
        self.account = account
        self.retry = retry or RetryPolicy(now=clock.now)
        self.overlap = overlap.total_seconds()

    # -- fetch ---------------------------------------------------------------------------

    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        account = _account_label(source) or self.account
        streams = _streams_for(source)
        old = (cursor or {}).get("streams", {})
        new_cursor: dict[str, Any] = {"streams": dict(old)}
        items: list[FetchedItem] = []
        calls = pages = 0
        result = FetchResult(items=items, cursor=new_cursor)
        skipped: list[str] = []  # malformed children: not landable, so named in the manifest
        for stream in streams:
            path, params, context = self._listing(source, stream)
            counter = [0]
            use = "search" if stream == "search" else "inbox"
            fetch_page = self._page_reader(path, params, account, use, counter, skipped)
            try:
                walk = walk_newest_first(
                    StreamCursor.from_dict(old.get(stream)),
                    fetch_page,
                    key=lambda c: float(c["data"]["created_utc"]),
                    ident=lambda c: str(c["data"]["name"]),
                    budget=budget,
                    overlap=self.overlap,
                )
            except WalkInterrupted as exc:
                calls += counter[0]
                pages += exc.pages
                items.extend(_items(exc.children, stream, path, context))
                cause = exc.cause if isinstance(exc.cause, ConnectorError) else _unexpected(exc.cause, path)
                raise PartialFetch(cause, items, calls, pages) from exc.cause
            calls += counter[0]
            pages += walk.pages
            items.extend(_items(walk.children, stream, path, context))
            new_cursor["streams"][stream] = walk.cursor.to_dict()
            if not walk.complete:
                result.complete = False
                if walk.rate_limited is not None:
                    result.rate_limited_until = walk.rate_limited.retry_at
                    result.notes.append(f"{stream}: rate limited, resumes next run ({walk.rate_limited})")
                    break
                result.notes.append(f"{stream}: page budget used up, resumes next run")
        result.api_calls, result.pages = calls, pages
        result.notes += skipped
        return result

    def _listing(self, source: SourceSpec, stream: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
        if stream == "search":
            if not source.subreddits:
                raise FatalError(f"search source {source.source_id} names no subreddits", platform=PLATFORM)
            query = source.query or " OR ".join(f'"{t}"' for t in source.terms)
            if not query:
                raise FatalError(f"search source {source.source_id} has no query or terms", platform=PLATFORM)
            path = f"r/{'+'.join(source.subreddits)}/search/"
            params = {"q": query, "sort": "new", "restrict_sr": "on", "t": "all", "syntax": "lucene"}
            return path, params, {"query": query, "subreddits": list(source.subreddits)}
        if stream not in INBOX_STREAMS:
            raise FatalError(f"unknown stream {stream!r} for source {source.source_id}", platform=PLATFORM)
        return INBOX_STREAMS[stream], {}, {}

    def _page_reader(
        self, path: str, params: dict[str, Any], account: str, use: str, counter: list[int], skipped: list[str]
    ) -> Callable[[str | None], Page]:
        def read(after: str | None) -> Page:
            query = {**params, "limit": PAGE_SIZE}
            if after:
                query["after"] = after

            def once() -> Any:
                counter[0] += 1
                with self._errors(path, account, use):
                    return self.reddit.request(method="GET", path=path, params=query)

            body = self.retry.call(once, what=f"reddit {path}")
            return _listing_page(body, path, skipped)

        return read

    # -- check and hide ------------------------------------------------------------------

    def check(self, native_id: str) -> CheckResult:
        """``removed`` only for Reddit's own deletion markers or an item /api/info no longer returns."""
        try:
            child = self._info(native_id)
        except ConnectorError as exc:
            return CheckResult("unknown", {"error": str(exc)}, reason=f"could not ask Reddit: {exc}")
        if child is None:
            return CheckResult(
                "removed",
                {"endpoint": "api/info/", "children": []},
                reason="not returned by /api/info (deleted, or no longer visible to the account)",
            )
        data = child.get("data", {})
        evidence = {k: data.get(k) for k in ("name", "author", "body", "selftext", "removed_by_category")}
        evidence["endpoint"] = "api/info/"
        gone_author = data.get("author") in (None, "[deleted]")
        for field in ("body", "selftext"):
            if data.get(field) == "[removed]":
                return CheckResult("removed", evidence, reason="removed by the subreddit's moderators")
            if data.get(field) == "[deleted]" and gone_author:
                return CheckResult("removed", evidence, reason="deleted by its author")
        if data.get("removed_by_category"):
            return CheckResult("removed", evidence, reason=f"removed ({data['removed_by_category']})")
        return CheckResult("present", evidence)

    def hide(self, native_id: str) -> ActionResult:
        """Remove a comment or post with moderator rights; ok=False where the account has none."""
        kind, _, short = native_id.partition("_")
        if kind not in ("t1", "t3") or not short:
            return ActionResult(False, {"native_id": native_id}, reason="not a Reddit comment or post fullname")
        thing = self.reddit.comment(id=short) if kind == "t1" else self.reddit.submission(id=short)
        try:
            with self._errors("api/remove/", self.account, "hide"):
                thing.mod.remove()
        except AuthError as exc:
            return ActionResult(
                False,
                {"endpoint": "api/remove/", "error": str(exc)},
                reason=f"the account does not moderate this subreddit, or lacks the modposts scope: {exc}",
            )
        except ConnectorError as exc:
            return ActionResult(False, {"endpoint": "api/remove/", "error": str(exc)}, reason=str(exc))
        evidence: dict[str, Any] = {"endpoint": "api/remove/", "fullname": native_id, "spam": False}
        try:
            after = self._info(native_id)
        except ConnectorError as exc:
            evidence["after_error"] = str(exc)
        else:
            data = (after or {}).get("data", {})
            evidence["after"] = {k: data.get(k) for k in ("removed", "banned_by", "body", "removed_by_category")}
        return ActionResult(True, evidence)

    def _info(self, fullname: str) -> dict[str, Any] | None:
        def once() -> Any:
            with self._errors("api/info/", self.account, "check"):
                return self.reddit.request(method="GET", path="api/info/", params={"id": fullname})

        children, _ = _listing_page(self.retry.call(once, what="reddit api/info/"), "api/info/")
        return next((c for c in children if c.get("data", {}).get("name") == fullname), None)

    @contextmanager
    def _errors(self, endpoint: str, account: str, use: str) -> Iterator[None]:
        try:
            yield
        except pce.PrawcoreException as exc:
            raise map_error(exc, endpoint=endpoint, account=account, scope=SCOPES.get(use, ""), clock=self.clock) from exc


def map_error(
    exc: pce.PrawcoreException, *, endpoint: str, account: str, scope: str, clock: Clock
) -> ConnectorError:
    """prawcore's exceptions -> our tree, naming the account and the scope a 401/403 needs."""
    who = f"account {account}" if account else "the Reddit account"
    kw: dict[str, Any] = {"platform": PLATFORM, "endpoint": endpoint}
    if isinstance(exc, pce.OAuthException):
        return AuthError(f"{who}: token refused ({exc.error}); create a new refresh token", **kw)
    if isinstance(exc, pce.RequestException):
        return RetriableError(f"network error: {exc.original_exception.__class__.__name__}", **kw)
    if not isinstance(exc, pce.ResponseException):
        return FatalError(f"{who}: {exc.__class__.__name__}: {exc}", **kw)
    status = exc.response.status_code
    kw["status"] = status
    if isinstance(exc, pce.BadJSON):
        return SkippableError("response is not valid JSON", **kw)
    if isinstance(exc, pce.TooManyRequests) or status == 429:
        headers = exc.response.headers
        wait = headers.get("x-ratelimit-reset") or headers.get("retry-after")
        retry_at = clock.now() + timedelta(seconds=float(wait)) if wait and _is_number(wait) else None
        return RateLimitedError(f"{who}: rate limited", retry_at=retry_at, **kw)
    if status in (401, 403):
        need = f"; it needs the '{scope}' scope" if scope else ""
        return AuthError(f"{who}: {exc.__class__.__name__} (credential rejected or missing permission){need}", **kw)
    if isinstance(exc, pce.Redirect | pce.NotFound):
        return FatalError(f"{who}: {endpoint} does not exist (check the subreddit names)", **kw)
    if status >= 500:
        return RetriableError("server error", **kw)
    return FatalError(f"{who}: unexpected {exc.__class__.__name__}", **kw)


def _listing_page(body: Any, endpoint: str, skipped: list[str] | None = None) -> Page:
    """A Listing -> (children, after); anything else is a skippable malformed page."""
    if not isinstance(body, dict) or body.get("kind") != "Listing" or not isinstance(body.get("data"), dict):
        raise SkippableError("response is not a Listing", platform=PLATFORM, endpoint=endpoint)
    data = body["data"]
    children = data.get("children")
    if not isinstance(children, list):
        raise SkippableError("Listing has no children list", platform=PLATFORM, endpoint=endpoint)
    good: list[dict[str, Any]] = []
    for child in children:
        cd = child.get("data") if isinstance(child, dict) else None
        if isinstance(cd, dict) and isinstance(cd.get("name"), str) and _is_number(cd.get("created_utc")):
            good.append(child)
        else:
            log.warning("reddit %s: child without name/created_utc skipped: %.200r", endpoint, child)
            if skipped is not None:
                name = cd.get("name") if isinstance(cd, dict) else None
                skipped.append(f"{endpoint}: skipped a child without name/created_utc (name={name!r})")
    return good, data.get("after")


def _items(children: list[dict[str, Any]], stream: str, path: str, context: dict[str, Any]) -> list[FetchedItem]:
    return [FetchedItem(c["data"]["name"], c, stream, path, dict(context)) for c in children]


def _streams_for(source: SourceSpec) -> tuple[str, ...]:
    if source.kind == "search":
        return ("search",)
    return source.streams or tuple(INBOX_STREAMS)


def _account_label(source: SourceSpec) -> str:
    if source.handle:
        return f"u/{source.handle.removeprefix('u/')}"
    return source.account_id or ""


def _unexpected(exc: Exception, endpoint: str) -> ConnectorError:
    return FatalError(f"unexpected {exc.__class__.__name__}: {exc}", platform=PLATFORM, endpoint=endpoint)


def _is_number(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


def from_credentials(creds: Mapping[str, str], *, clock: Clock, **kw: Any) -> RedditConnector:
    """Build the connector from ``SCHOOLWATCH_REDDIT_*`` values (read at the edge, passed in).

    ``kw``: ``account`` (label for messages), ``retry``, ``overlap`` go to the connector;
    ``requestor_kwargs`` (e.g. a ``session``) and ``oauth_url``/``reddit_url`` go to praw.
    """
    missing = _missing(creds, REQUIRED_ENV)
    if missing:
        raise AuthError(f"missing environment variables: {', '.join(missing)}", platform=PLATFORM)
    praw_kw = {k: kw.pop(k) for k in ("requestor_kwargs", "oauth_url", "reddit_url") if k in kw}
    reddit = praw.Reddit(
        client_id=_cred(creds, "SCHOOLWATCH_REDDIT_CLIENT_ID"),
        client_secret=_cred(creds, "SCHOOLWATCH_REDDIT_CLIENT_SECRET"),
        refresh_token=_cred(creds, "SCHOOLWATCH_REDDIT_REFRESH_TOKEN"),
        user_agent=_cred(creds, "SCHOOLWATCH_REDDIT_USER_AGENT"),
        check_for_updates=False,
        **praw_kw,
    )
    return RedditConnector(reddit, clock=clock, **kw)


def verify(creds: Mapping[str, str], spec: SourceSpec, **kw: Any) -> list[PermissionCheck]:
    """Check the credential and the scopes this source needs; never raises."""
    missing = _missing(creds, REQUIRED_ENV)
    if missing:
        return [PermissionCheck("credential", False, f"missing {', '.join(missing)}", _FIX_CREDENTIAL)]
    clock = kw.pop("clock", None) or SystemClock()  # verify() runs at the CLI edge
    conn = from_credentials(creds, clock=clock, **kw)
    try:
        me = conn.retry.call(lambda: _guard(conn, "api/v1/me", lambda: conn.reddit.user.me()), what="reddit me")
        scopes = _guard(conn, "api/v1/scopes", lambda: set(conn.reddit.auth.scopes()))
    except ConnectorError as exc:
        return [PermissionCheck("credential", False, str(exc), _FIX_CREDENTIAL)]
    name = getattr(me, "name", "?")
    checks = [PermissionCheck("credential", True, f"authorised as u/{name}")]
    wanted = ["search"] if spec.kind == "search" else ["inbox", "hide"]
    for use in wanted:
        scope = SCOPES[use]
        ok = "*" in scopes or scope in scopes
        detail = f"scope '{scope}' {'granted' if ok else 'not granted'}"
        if use == "hide":
            detail += "; removal works only in subreddits the account moderates"
        checks.append(PermissionCheck(use, ok, detail, "" if ok else f"re-authorise the app with scope '{scope}'"))
    return checks


_FIX_CREDENTIAL = (
    "create a Reddit 'web' or 'script' app (approval needed since Nov 2025), mint a refresh token "
    "with scopes identity read privatemessages modposts, and set SCHOOLWATCH_REDDIT_*"
)


def _guard(conn: RedditConnector, endpoint: str, fn: Callable[[], T]) -> T:
    with conn._errors(endpoint, conn.account, "identity"):
        return fn()




def _cred(creds: Mapping[str, str], name: str) -> str:
    """A value from the resolved creds (bare key, as connectors.credentials.resolve gives) or its env name."""
    return (creds.get(key_of(PLATFORM, name)) or creds.get(name) or "").strip()


def _missing(creds: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if not _cred(creds, n)]


__all__ = ["REQUIRED_ENV", "RedditConnector", "from_credentials", "map_error", "verify"]
