"""YouTube: comment threads on the school's channel (google-api-python-client, Data API v3).

Stream
    ``comments``: ``commentThreads.list(part="snippet,replies",
    allThreadsRelatedToChannelId=<channel>, order="time", maxResults=100,
    textFormat="plainText")``, paged with ``list_next`` inside a run. When a thread has more
    replies (``snippet.totalReplyCount``) than the ``replies.comments`` it carries,
    ``comments.list(parentId=<thread>)`` is paged for the rest.

Cursor rules
    No ``since`` parameter: threads come newest first; a run stops at a thread whose
    top-level ``publishedAt`` is older than the watermark minus ``overlap`` and dedupes the
    overlap by thread id (:mod:`connectors.listing`). A run stopped by the page budget keeps
    the ``nextPageToken`` to resume. Replies posted later to a thread older than the overlap
    are not re-read (the API has no cheap way to ask for them).

Landing lines (what ``transforms/normalise/youtube.py`` reads)
    One line per comment, ``item`` the verbatim ``youtube#comment`` object:
    ``stream="comments"`` for a thread's ``topLevelComment`` and ``stream="replies"`` for
    each reply; ``native_id`` is the comment id; ``context`` is ``{"thread_id",
    "video_id", "channel_id", "total_reply_count"}`` (the thread's fields the comment lacks).

Quota
    Every ``list`` costs 1 unit of the 10,000/day; ``setModerationStatus`` is counted as 50.
    Each run records its units in the manifest notes. ``quotaExceeded`` is a rate limit that
    resets at midnight Pacific time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httplib2
from googleapiclient.discovery import Resource, build
from googleapiclient.errors import HttpError

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

PLATFORM = "youtube"
REQUIRED_ENV: tuple[str, ...] = ("SCHOOLWATCH_YOUTUBE_API_KEY",)
# Owner OAuth (scope youtube.force-ssl) is needed only to hold or reject comments.
OAUTH_ENV: tuple[str, ...] = (
    "SCHOOLWATCH_YOUTUBE_OAUTH_CLIENT_ID",
    "SCHOOLWATCH_YOUTUBE_OAUTH_CLIENT_SECRET",
    "SCHOOLWATCH_YOUTUBE_OAUTH_REFRESH_TOKEN",
)
OPTIONAL_ENV: tuple[str, ...] = OAUTH_ENV
MODERATION_SCOPE = "https://www.googleapis.com/auth/youtube.force-ssl"
UNITS = {"list": 1, "setModerationStatus": 50}
DEFAULT_OVERLAP = timedelta(hours=6)
PACIFIC = ZoneInfo("America/Los_Angeles")
QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded"}
RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}


class YouTubeConnector:
    """Fetch, check and moderate YouTube comments through an injected API resource."""

    platform = PLATFORM

    def __init__(
        self,
        youtube: Resource,
        *,
        clock: Clock,
        account: str = "",
        can_moderate: bool = False,
        hide_status: str = "heldForReview",
        retry: RetryPolicy | None = None,
        overlap: timedelta = DEFAULT_OVERLAP,
    ) -> None:
        if hide_status not in ("heldForReview", "rejected"):
            raise ValueError("hide_status must be heldForReview or rejected")
        self.yt = youtube
        self.clock = clock
        self.account = account
        self.can_moderate = can_moderate
        self.hide_status = hide_status
        self.retry = retry or RetryPolicy(now=clock.now)
        self.overlap = overlap.total_seconds()
        self.units = 0  # quota units spent by this connector instance

    # -- fetch ---------------------------------------------------------------------------

    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        channel = source.native_id
        account = source.handle or source.account_id or self.account
        if not channel or not channel.startswith("UC"):
            raise FatalError(
                f"account {account}: native_id must be the channel id (UC...), got {channel!r}",
                platform=PLATFORM,
            )
        units_before = self.units
        calls = [0]
        old = StreamCursor.from_dict(((cursor or {}).get("streams") or {}).get("comments"))
        skipped: list[str] = []  # malformed threads: not landable, so named in the manifest
        threads_page = self._thread_pages(channel, account, calls, skipped)
        items: list[FetchedItem] = []
        try:
            walk = walk_newest_first(
                old,
                threads_page,
                key=lambda t: _ts(t["snippet"]["topLevelComment"]["snippet"]["publishedAt"]),
                ident=lambda t: str(t["id"]),
                budget=budget,
                overlap=self.overlap,
                stale=_bad_request,  # an expired pageToken from the cursor: start again from the top
            )
            for thread in walk.children:
                items.extend(self._thread_items(thread, account, calls))
        except WalkInterrupted as exc:
            for thread in exc.children:
                items.extend(self._thread_items(thread, account, calls))
            raise PartialFetch(_as_connector_error(exc.cause), items, calls[0], exc.pages) from exc.cause
        except ConnectorError as exc:  # a replies page failed
            raise PartialFetch(exc, items, calls[0], budget.used) from exc
        result = FetchResult(items=items, cursor={"streams": {"comments": walk.cursor.to_dict()}})
        result.api_calls, result.pages = calls[0], walk.pages
        result.notes += skipped
        result.notes.append(f"quota units used: {self.units - units_before}")
        if not walk.complete:
            result.complete = False
            if walk.rate_limited is not None:
                result.rate_limited_until = walk.rate_limited.retry_at
                result.notes.append(f"comments: rate limited, resumes next run ({walk.rate_limited})")
            else:
                result.notes.append("comments: page budget used up, resumes next run")
        return result

    def _thread_pages(
        self, channel: str, account: str, calls: list[int], skipped: list[str]
    ) -> Callable[[str | None], Page]:
        last: dict[str, Any] = {}

        def read(token: str | None) -> Page:
            prev_req, prev_resp = last.get("req"), last.get("resp")
            if token and prev_resp is not None and prev_resp.get("nextPageToken") == token:
                request = self.yt.commentThreads().list_next(prev_req, prev_resp)
            else:
                kw: dict[str, Any] = {"pageToken": token} if token else {}
                request = self.yt.commentThreads().list(
                    part="snippet,replies",
                    allThreadsRelatedToChannelId=channel,
                    order="time",
                    maxResults=100,
                    textFormat="plainText",
                    **kw,
                )
            body = self._execute(request, "commentThreads.list", account, calls)
            threads = [t for t in _items_of(body, "commentThreads.list") if _valid_thread(t, skipped)]
            last["req"], last["resp"] = request, body
            return threads, body.get("nextPageToken")

        return read

    def _thread_items(self, thread: dict[str, Any], account: str, calls: list[int]) -> list[FetchedItem]:
        snip = thread["snippet"]
        top = snip["topLevelComment"]
        ctx = {
            "thread_id": thread["id"],
            "video_id": snip.get("videoId"),
            "channel_id": snip.get("channelId"),
            "total_reply_count": snip.get("totalReplyCount", 0),
        }
        out = [FetchedItem(top["id"], top, "comments", "commentThreads.list", dict(ctx))]
        included = (thread.get("replies") or {}).get("comments") or []
        replies, endpoint = included, "commentThreads.list"
        if int(snip.get("totalReplyCount") or 0) > len(included):
            replies, endpoint = self._all_replies(thread["id"], account, calls), "comments.list"
        seen: set[str] = set()
        for reply in replies:
            if isinstance(reply, dict) and reply.get("id") and reply["id"] not in seen:
                seen.add(reply["id"])
                out.append(FetchedItem(reply["id"], reply, "replies", endpoint, dict(ctx)))
        return out

    def _all_replies(self, thread_id: str, account: str, calls: list[int]) -> list[dict[str, Any]]:
        request = self.yt.comments().list(part="snippet", parentId=thread_id, maxResults=100, textFormat="plainText")
        out: list[dict[str, Any]] = []
        while request is not None:
            body = self._execute(request, "comments.list", account, calls)
            out.extend(_items_of(body, "comments.list"))
            request = self.yt.comments().list_next(request, body)
        return out

    def _execute(self, request: Any, endpoint: str, account: str, calls: list[int], cost: str = "list") -> Any:
        def once() -> Any:
            calls[0] += 1
            self.units += UNITS[cost]
            with self._errors(endpoint, account):
                return request.execute()

        return self.retry.call(once, what=f"youtube {endpoint}")

    # -- check and hide ------------------------------------------------------------------

    def check(self, native_id: str) -> CheckResult:
        """``removed`` on an empty ``comments.list(id=...)`` or 404 commentNotFound."""
        request = self.yt.comments().list(part="snippet", id=native_id, textFormat="plainText")
        try:
            body = self._execute(request, "comments.list", self.account, [0])
            items = _items_of(body, "comments.list")
        except FatalError as exc:
            if exc.status == 404 and "commentNotFound" in str(exc):
                return CheckResult("removed", {"endpoint": "comments.list", "error": str(exc)}, "commentNotFound")
            return CheckResult("unknown", {"error": str(exc)}, reason=f"could not ask YouTube: {exc}")
        except ConnectorError as exc:
            return CheckResult("unknown", {"error": str(exc)}, reason=f"could not ask YouTube: {exc}")
        if not items:
            return CheckResult(
                "removed", {"endpoint": "comments.list", "items": []}, reason="comments.list returned no items"
            )
        snip = items[0].get("snippet", {})
        evidence = {"endpoint": "comments.list", "id": items[0].get("id")}
        evidence.update({k: snip[k] for k in ("moderationStatus", "updatedAt") if k in snip})
        return CheckResult("present", evidence)

    def hide(self, native_id: str) -> ActionResult:
        """Hold for review (default) or reject, with the channel owner's OAuth token."""
        if not self.can_moderate:
            return ActionResult(
                False,
                {"native_id": native_id},
                reason="needs the channel owner's OAuth token (youtube.force-ssl); only an API key is set",
            )
        request = self.yt.comments().setModerationStatus(id=native_id, moderationStatus=self.hide_status)
        try:
            body = self._execute(request, "comments.setModerationStatus", self.account, [0], cost="setModerationStatus")
        except ConnectorError as exc:
            return ActionResult(False, {"endpoint": "comments.setModerationStatus", "error": str(exc)}, str(exc))
        evidence = {
            "endpoint": "comments.setModerationStatus",
            "id": native_id,
            "moderationStatus": self.hide_status,
            "response": body if body not in (None, b"") else "",
        }
        return ActionResult(True, evidence)

    @contextmanager
    def _errors(self, endpoint: str, account: str) -> Iterator[None]:
        try:
            yield
        except HttpError as exc:
            raise map_error(exc, endpoint=endpoint, account=account, clock=self.clock) from exc
        except (httplib2.HttpLib2Error, OSError) as exc:
            raise RetriableError(
                f"network error: {exc.__class__.__name__}", platform=PLATFORM, endpoint=endpoint
            ) from exc


def map_error(exc: HttpError, *, endpoint: str, account: str, clock: Clock) -> ConnectorError:
    """HttpError -> our tree; the reason (quotaExceeded, commentNotFound...) is in the message."""
    status = int(exc.resp.status)
    reason = _reason(exc)
    who = f"account {account}" if account else "the YouTube account"
    kw: dict[str, Any] = {"platform": PLATFORM, "endpoint": endpoint, "status": status}
    if status == 403 and reason in QUOTA_REASONS:
        return RateLimitedError(f"{who}: daily quota used up ({reason})", retry_at=_next_pacific_midnight(clock), **kw)
    if status == 429 or (status == 403 and reason in RATE_REASONS):
        after = exc.resp.get("retry-after")
        retry_at = clock.now() + timedelta(seconds=float(after)) if after and after.isdigit() else None
        return RateLimitedError(f"{who}: rate limited ({reason or 'too many requests'})", retry_at=retry_at, **kw)
    if status == 401:
        return AuthError(f"{who}: API key or OAuth token rejected ({reason or 'unauthorized'})", **kw)
    if status == 403:
        return AuthError(
            f"{who}: forbidden ({reason or 'forbidden'}); moderation needs the owner's OAuth with youtube.force-ssl",
            **kw,
        )
    if status >= 500:
        return RetriableError(f"server error ({reason or 'backend'})", **kw)
    return FatalError(f"{who}: {reason or 'request refused'}", **kw)


def _bad_request(exc: Exception) -> bool:
    return isinstance(exc, ConnectorError) and exc.status == 400


def _reason(exc: HttpError) -> str:
    details = getattr(exc, "error_details", None)
    if isinstance(details, list) and details and isinstance(details[0], dict):
        return str(details[0].get("reason", ""))
    return ""


def _next_pacific_midnight(clock: Clock) -> datetime:
    local = clock.now().astimezone(PACIFIC)
    return datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=PACIFIC).astimezone(clock.now().tzinfo)


def _items_of(body: Any, endpoint: str) -> list[dict[str, Any]]:
    # googleapiclient hands back the raw text when the body is not JSON.
    if not isinstance(body, dict) or not isinstance(body.get("items", []), list):
        raise SkippableError("response is not a JSON list response", platform=PLATFORM, endpoint=endpoint)
    return [i for i in body.get("items", []) if isinstance(i, dict)]


def _valid_thread(thread: dict[str, Any], skipped: list[str]) -> bool:
    try:
        _ts(thread["snippet"]["topLevelComment"]["snippet"]["publishedAt"])
        return bool(thread["id"]) and bool(thread["snippet"]["topLevelComment"]["id"])
    except (KeyError, TypeError, ValueError):
        log.warning("youtube thread without id/publishedAt skipped: %.200r", thread)
        skipped.append(f"commentThreads.list: skipped a thread without id/publishedAt (id={thread.get('id')!r})")
        return False


def _ts(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def _as_connector_error(exc: Exception) -> ConnectorError:
    if isinstance(exc, ConnectorError):
        return exc
    return FatalError(f"unexpected {exc.__class__.__name__}: {exc}", platform=PLATFORM)


def from_credentials(creds: Mapping[str, str], *, clock: Clock, **kw: Any) -> YouTubeConnector:
    """Build from ``SCHOOLWATCH_YOUTUBE_*``: the API key reads; owner OAuth (optional) moderates.

    ``http`` in ``kw`` (an httplib2-like object, e.g. ``HttpMockSequence`` in tests) is passed
    to ``build`` with the API key; the OAuth credential is then the caller's business.
    """
    missing = _missing(creds, REQUIRED_ENV)
    if missing:
        raise AuthError(f"missing environment variables: {', '.join(missing)}", platform=PLATFORM)
    has_oauth = not _missing(creds, OAUTH_ENV)
    http = kw.pop("http", None)
    if http is not None or not has_oauth:
        yt = build("youtube", "v3", developerKey=_cred(creds, "SCHOOLWATCH_YOUTUBE_API_KEY"), http=http, static_discovery=True)
    else:
        from google.oauth2.credentials import Credentials

        oauth = Credentials(
            token=None,
            refresh_token=_cred(creds, "SCHOOLWATCH_YOUTUBE_OAUTH_REFRESH_TOKEN"),
            client_id=_cred(creds, "SCHOOLWATCH_YOUTUBE_OAUTH_CLIENT_ID"),
            client_secret=_cred(creds, "SCHOOLWATCH_YOUTUBE_OAUTH_CLIENT_SECRET"),
            token_uri="https://oauth2.googleapis.com/token",  # noqa: S106 - a URL, not a secret
            scopes=[MODERATION_SCOPE],
        )
        yt = build("youtube", "v3", credentials=oauth, static_discovery=True)
    kw.setdefault("can_moderate", has_oauth)
    return YouTubeConnector(yt, clock=clock, **kw)


def verify(creds: Mapping[str, str], spec: SourceSpec, **kw: Any) -> list[PermissionCheck]:
    """The key reads the channel; the OAuth login (if set) owns it and can moderate."""
    missing = _missing(creds, REQUIRED_ENV)
    if missing:
        return [PermissionCheck("credential", False, f"missing {', '.join(missing)}", _FIX_KEY)]
    clock = kw.pop("clock", None) or SystemClock()  # verify() runs at the CLI edge
    conn = from_credentials(creds, clock=clock, **kw)
    channel = spec.native_id or ""
    try:
        body = conn._execute(conn.yt.channels().list(part="id,snippet", id=channel), "channels.list", conn.account, [0])
        found = _items_of(body, "channels.list")
    except ConnectorError as exc:
        return [PermissionCheck("credential", False, str(exc), _FIX_KEY)]
    if not found:
        return [PermissionCheck("channel", False, f"channel {channel!r} not found", "set native_id to the UC... id")]
    title = found[0].get("snippet", {}).get("title", "")
    checks = [PermissionCheck("read comments", True, f"API key reads channel {channel} ({title})")]
    if not conn.can_moderate:
        checks.append(PermissionCheck("moderation", False, "no owner OAuth token", _FIX_OAUTH))
        return checks
    try:
        mine = _items_of(
            conn._execute(conn.yt.channels().list(part="id", mine=True), "channels.list", conn.account, [0]),
            "channels.list",
        )
    except ConnectorError as exc:
        checks.append(PermissionCheck("moderation", False, str(exc), _FIX_OAUTH))
        return checks
    owns = any(c.get("id") == channel for c in mine)
    detail = "OAuth login owns the channel" if owns else "OAuth login does not own this channel"
    checks.append(PermissionCheck("moderation", owns, detail, "" if owns else _FIX_OAUTH))
    return checks


_FIX_KEY = "create an API key in Google Cloud (YouTube Data API v3 enabled) and set SCHOOLWATCH_YOUTUBE_API_KEY"
_FIX_OAUTH = (
    "create an OAuth client, sign in as the channel owner with scope youtube.force-ssl and set "
    "SCHOOLWATCH_YOUTUBE_OAUTH_CLIENT_ID / _CLIENT_SECRET / _REFRESH_TOKEN"
)


def _cred(creds: Mapping[str, str], name: str) -> str:
    """A value from the resolved creds (bare key, as connectors.credentials.resolve gives) or its env name."""
    return (creds.get(key_of(PLATFORM, name)) or creds.get(name) or "").strip()


def _missing(creds: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if not _cred(creds, n)]
