"""X (Twitter) API v2 over an injected ``tweepy.Client``.

Streams
-------
``mentions`` (account sources)
    ``GET /2/users/{id}/mentions`` (``Client.get_users_mentions``). Only the latest 800
    mentions are reachable.
``replies`` (account sources)
    the school's own posts of the last 7 days (``get_users_tweets``, an "owned read"),
    then ``search_recent_tweets("conversation_id:A OR conversation_id:B ...")``: there is
    no list-replies endpoint, and recent search covers 7 days only.
``search`` (search sources)
    ``search_recent_tweets('(<query or "name" OR "alias">) -is:retweet')``.

Landing line per stream (``item`` is the verbatim v2 Tweet object as the API returned
it, with the fields in :data:`TWEET_FIELDS`)::

    stream="mentions"|"replies"|"search", endpoint="/2/users/:id/mentions" or
    "/2/tweets/search/recent", native_id=tweet["id"],
    item={"id", "text", "author_id", "conversation_id", "created_at",
          "in_reply_to_user_id"?, "referenced_tweets"?, "edit_history_tweet_ids", "lang"?},
    context={"author": <includes.users[] object for author_id: {"id","name","username",
             "protected"?}> or None,
             "root_id": <the school's post the reply belongs to>   # replies only
             "query": <the search query>                           # search only}

Cursor (one per source)::

    {"user_id": "123",
     "mentions": {"since_id": "...", "backfill": {"until_id", "newest_id"}?},
     "replies":  {"since_id": ..., "backfill"?, "own_since_id": ..., "roots": {id: created_at}},
     "search":   {"since_id": ..., "backfill"?}}

Results come newest first. The first page's ``meta.newest_id`` becomes ``since_id`` once
every page down to the old ``since_id`` has been read. When the page budget or a rate
limit stops a stream part-way, the cursor keeps the old ``since_id`` and records a
``backfill`` (``until_id`` = oldest id read so far, ``newest_id`` = the newest seen); the
next run finishes the gap first, so nothing is skipped and nothing is read twice. The
runner stores the cursor only after the batch has landed.

Removal checks read X's 200-with-errors shape: ``resource-not-found`` -> removed;
``not-authorized-for-resource``, 401 and 403 -> unknown. Hiding a reply needs user
context (OAuth 1.0a keys of the school account, or an OAuth 2.0 user token with
``tweet.moderate.write``); reading works with the app's bearer token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import requests
import tweepy

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
from connectors.errors import (
    AuthError,
    ConnectorError,
    FatalError,
    RateLimitedError,
    RetriableError,
    SkippableError,
)
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import Clock

log = logging.getLogger(__name__)

PLATFORM = "x"
REQUIRED_ENV: tuple[str, ...] = ("SCHOOLWATCH_X_BEARER_TOKEN",)
# Hiding replies needs user context: OAuth 1.0a keys of the school's account, or an
# OAuth 2.0 user token (scopes tweet.read users.read tweet.moderate.write).
OPTIONAL_ENV: tuple[str, ...] = (
    "SCHOOLWATCH_X_CONSUMER_KEY",
    "SCHOOLWATCH_X_CONSUMER_SECRET",
    "SCHOOLWATCH_X_ACCESS_TOKEN",
    "SCHOOLWATCH_X_ACCESS_TOKEN_SECRET",
    "SCHOOLWATCH_X_USER_TOKEN",
)
TWEET_FIELDS = [
    "author_id",
    "conversation_id",
    "created_at",
    "in_reply_to_user_id",
    "referenced_tweets",
    "edit_history_tweet_ids",
    "lang",
]
USER_FIELDS = ["name", "username", "protected"]
EXPANSIONS = ["author_id"]
MENTIONS = "/2/users/:id/mentions"
SEARCH = "/2/tweets/search/recent"
OWN_TWEETS = "/2/users/:id/tweets"
RECENT_WINDOW = timedelta(days=7)  # recent search reaches 7 days back
QUERY_MAX = 512  # characters of a search query on the self-serve tiers
_NOT_FOUND = "resource-not-found"
_NOT_AUTHORISED = "not-authorized-for-resource"


class XConnector:
    """Fetch, check and hide on X through an injected tweepy ``Client``.

    ``client`` reads (app bearer token is enough); ``moderation_client`` hides replies and
    must carry user context (``moderation_user_auth`` says whether to sign with OAuth 1.0a).
    """

    platform = PLATFORM

    def __init__(
        self,
        client: tweepy.Client,
        *,
        clock: Clock,
        account: str = "",
        moderation_client: tweepy.Client | None = None,
        moderation_user_auth: bool = True,
        retry: RetryPolicy | None = None,
        page_size: int = 100,
    ) -> None:
        self.client = client
        self.clock = clock
        self.account = account
        self.moderation_client = moderation_client
        self.moderation_user_auth = moderation_user_auth
        self.retry = retry or RetryPolicy(now=clock.now)
        self.page_size = page_size
        self.api_calls = 0

    # -- calling tweepy ------------------------------------------------------
    def _call(self, endpoint: str, fn: Callable[[], Any]) -> dict[str, Any]:
        """One API call with retries, mapped onto the error tree; returns the JSON dict."""

        def once() -> dict[str, Any]:
            self.api_calls += 1
            try:
                return _as_json(fn())
            except tweepy.TooManyRequests as exc:
                retry_at = (
                    datetime.fromtimestamp(exc.reset_time, tz=UTC) if exc.reset_time else None
                )
                raise RateLimitedError(
                    f"rate limited for {self._who()}"
                    + (f" until {retry_at.isoformat()}" if retry_at else ""),
                    retry_at=retry_at,
                    **self._kw(endpoint, 429),
                ) from None
            except tweepy.Unauthorized:
                raise AuthError(
                    f"credential rejected for {self._who()}: the bearer token is invalid or revoked"
                    " (regenerate it in the X developer portal)",
                    **self._kw(endpoint, 401),
                ) from None
            except tweepy.Forbidden as exc:
                raise AuthError(
                    f"forbidden for {self._who()}: {_problem(exc)} (the app needs access to this"
                    " endpoint: attach it to a project with credits; hiding needs user-context"
                    " keys with tweet.moderate.write)",
                    **self._kw(endpoint, 403),
                ) from None
            except tweepy.TwitterServerError as exc:
                raise RetriableError(
                    "server error", **self._kw(endpoint, exc.response.status_code)
                ) from None
            except tweepy.HTTPException as exc:  # 400, 404 and other 4xx
                raise SkippableError(
                    f"request rejected: {_problem(exc)}",
                    **self._kw(endpoint, exc.response.status_code),
                ) from None
            except requests.JSONDecodeError as exc:
                raise SkippableError(f"malformed JSON: {exc}", **self._kw(endpoint, None)) from None
            except requests.RequestException as exc:
                raise RetriableError(
                    f"{exc.__class__.__name__} talking to X", **self._kw(endpoint, None)
                ) from None

        return self.retry.call(once, what=f"x {endpoint}")

    def _kw(self, endpoint: str, status: int | None) -> dict[str, Any]:
        return {"platform": PLATFORM, "endpoint": endpoint, "status": status}

    def _who(self) -> str:
        return f"account {self.account!r}" if self.account else "this X source"

    # -- fetch ---------------------------------------------------------------
    def fetch(
        self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget
    ) -> FetchResult:
        start_calls = self.api_calls
        state: dict[str, Any] = {
            k: (dict(v) if isinstance(v, dict) else v) for k, v in (cursor or {}).items()
        }
        run = _Run()
        notes: list[str] = []
        complete = True
        rate_until: datetime | None = None
        streams = _streams(source)
        try:
            for stream in streams:
                if stream == "search":
                    query = build_query(source)
                    done = self._timeline(
                        run,
                        stream,
                        SEARCH,
                        state,
                        budget,
                        partial(self.client.search_recent_tweets, query),
                        {"query": query},
                    )
                else:
                    user_id = self._user_id(source, state)
                    if stream == "mentions":
                        done = self._timeline(
                            run,
                            stream,
                            MENTIONS,
                            state,
                            budget,
                            partial(self.client.get_users_mentions, user_id),
                            {},
                        )
                    elif stream == "replies":
                        done = self._replies(run, user_id, state, budget)
                    else:
                        raise FatalError(
                            f"unknown X stream {stream!r} for {source.source_id}", platform=PLATFORM
                        )
                complete = complete and done
        except RateLimitedError as exc:
            # Stop and resume next run: the cursor keeps each stream's progress (backfill).
            complete = False
            rate_until = exc.retry_at
            notes.append(str(exc))
        except ConnectorError as exc:
            raise PartialFetch(exc, run.items, self.api_calls - start_calls, run.pages) from None
        if budget.exhausted and not complete:
            notes.append(f"page budget of {budget.max_pages} used; the rest waits for the next run")
        return FetchResult(
            items=run.items,
            cursor=state,
            api_calls=self.api_calls - start_calls,
            pages=run.pages,
            complete=complete,
            rate_limited_until=rate_until,
            notes=notes,
        )

    def _user_id(self, source: SourceSpec, state: dict[str, Any]) -> str:
        if source.native_id:
            return source.native_id
        if state.get("user_id"):
            return str(state["user_id"])
        if not source.handle:
            raise FatalError(
                f"X account source {source.source_id} has neither native_id nor handle",
                platform=PLATFORM,
            )
        handle = source.handle.lstrip("@")
        resp = self._call(
            "/2/users/by/username/:username", lambda: self.client.get_user(username=handle)
        )
        data = resp.get("data")
        if not data:
            raise FatalError(
                f"X user @{handle} not found for {self._who()}: {_titles(resp)}", platform=PLATFORM
            )
        state["user_id"] = str(data["id"])
        return state["user_id"]

    def _timeline(
        self,
        run: _Run,
        stream: str,
        endpoint: str,
        state: dict[str, Any],
        budget: PageBudget,
        method: Callable[..., Any],
        extra_context: dict[str, Any],
        *,
        context_for: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        allow_backfill: bool = True,
        skip_author: str | None = None,
    ) -> bool:
        """Read one since_id stream newest first into ``run``; True when it reached the end."""
        cur: dict[str, Any] = dict(state.get(stream) or {})
        since_id = cur.get("since_id")
        backfill = cur.get("backfill")
        until_id = backfill["until_id"] if backfill else None
        newest: str | None = backfill["newest_id"] if backfill else None
        oldest: str | None = until_id
        token: str | None = None
        finished = False
        paging = "next_token" if endpoint == SEARCH else "pagination_token"
        try:
            while True:
                if not budget.take():
                    break
                kw: dict[str, Any] = {
                    "max_results": self.page_size,
                    "tweet_fields": TWEET_FIELDS,
                    "user_fields": USER_FIELDS,
                    "expansions": EXPANSIONS,
                }
                if since_id:
                    kw["since_id"] = since_id
                elif endpoint == SEARCH:
                    # first run: recent search's own 7-day window, stated so it is explicit
                    kw["start_time"] = self.clock.now() - RECENT_WINDOW + timedelta(minutes=1)
                if until_id:
                    kw["until_id"] = until_id
                if token:
                    kw[paging] = token
                resp = self._call(endpoint, lambda kw=kw: method(**kw))  # type: ignore[misc]
                run.pages += 1
                users = {str(u.get("id")): u for u in (resp.get("includes") or {}).get("users", [])}
                for tweet in resp.get("data") or []:
                    if skip_author is not None and str(tweet.get("author_id")) == skip_author:
                        continue
                    ctx: dict[str, Any] = {"author": users.get(str(tweet.get("author_id")))}
                    ctx.update(extra_context)
                    if context_for:
                        ctx.update(context_for(tweet))
                    run.add(FetchedItem(str(tweet["id"]), tweet, stream, endpoint, ctx))
                meta = resp.get("meta") or {}
                if meta.get("newest_id") and (
                    newest is None or int(meta["newest_id"]) > int(newest)
                ):
                    newest = str(meta["newest_id"])
                if meta.get("oldest_id"):
                    oldest = str(meta["oldest_id"])
                token = meta.get("next_token")
                if not token:
                    finished = True
                    break
        finally:
            if finished:
                new_since = newest or since_id
                cur = {k: v for k, v in cur.items() if k != "backfill"}
                if new_since:
                    cur["since_id"] = new_since
            elif allow_backfill and newest is not None and oldest is not None:
                # stopped part-way: resume below the oldest id read, keep the old since_id
                cur["backfill"] = {"until_id": oldest, "newest_id": newest}
            state[stream] = cur
        return finished

    def _replies(self, run: _Run, user_id: str, state: dict[str, Any], budget: PageBudget) -> bool:
        """Replies in the conversations the school started in the last 7 days."""
        cur: dict[str, Any] = dict(state.get("replies") or {})
        now = self.clock.now()
        horizon = now - RECENT_WINDOW
        roots: dict[str, str] = {
            k: v for k, v in (cur.get("roots") or {}).items() if _parse_time(v) >= horizon
        }
        if not budget.take():
            return False
        kw: dict[str, Any] = {
            "max_results": self.page_size,
            "tweet_fields": ["created_at", "conversation_id"],
        }
        if cur.get("own_since_id"):
            kw["since_id"] = cur["own_since_id"]
        else:
            kw["start_time"] = horizon + timedelta(minutes=1)
        resp = self._call(OWN_TWEETS, lambda: self.client.get_users_tweets(user_id, **kw))
        run.pages += 1
        for tweet in resp.get("data") or []:
            roots[str(tweet.get("conversation_id") or tweet["id"])] = (
                tweet.get("created_at") or now.isoformat()
            )
        newest_own = (resp.get("meta") or {}).get("newest_id")
        if newest_own:
            cur["own_since_id"] = str(newest_own)
        cur["roots"] = roots
        state["replies"] = cur
        if not roots:
            return True
        # Every chunk reads from the same old since_id; the stream's since_id moves only when
        # all chunks finished (a chunk cut short is re-read next run and deduplicated by key).
        old_since = cur.get("since_id")
        finished = True
        newest: list[str] = []
        for chunk in _chunks(sorted(roots, key=int, reverse=True)):
            query = " OR ".join(f"conversation_id:{r}" for r in chunk)
            scratch: dict[str, Any] = {"replies": {"since_id": old_since} if old_since else {}}
            done = self._timeline(
                run,
                "replies",
                SEARCH,
                scratch,
                budget,
                partial(self.client.search_recent_tweets, query),
                {},
                context_for=lambda t: {"root_id": str(t.get("conversation_id"))},
                allow_backfill=False,
                skip_author=user_id,  # the school's own replies are not watched
            )
            finished = finished and done
            if not done:
                break
            if scratch["replies"].get("since_id"):
                newest.append(str(scratch["replies"]["since_id"]))
        if finished and newest:
            cur["since_id"] = max(newest, key=int)
        state["replies"] = cur
        return finished

    # -- check and hide ------------------------------------------------------
    def check(self, native_id: str) -> CheckResult:
        try:
            resp = self._call(
                "/2/tweets/:id",
                lambda: self.client.get_tweet(
                    native_id,
                    tweet_fields=TWEET_FIELDS,
                    expansions=EXPANSIONS,
                    user_fields=USER_FIELDS,
                ),
            )
        except (AuthError, FatalError) as exc:
            return CheckResult("unknown", {"error": str(exc)}, "credential or permission problem")
        except ConnectorError as exc:
            return CheckResult("unknown", {"error": str(exc)}, exc.kind)
        if resp.get("data"):
            return CheckResult("present", {"data": resp["data"]})
        errors = resp.get("errors") or []
        types = [str(e.get("type", "")) for e in errors]
        if any(t.endswith(_NOT_FOUND) for t in types):
            return CheckResult(
                "removed", {"errors": errors}, "X says the post does not exist (resource-not-found)"
            )
        if any(t.endswith(_NOT_AUTHORISED) for t in types):
            return CheckResult(
                "unknown", {"errors": errors}, "author protected or suspended: cannot see the post"
            )
        return CheckResult("unknown", {"response": resp}, "no data and no recognised error")

    def hide(self, native_id: str) -> ActionResult:
        if self.moderation_client is None:
            return ActionResult(
                False,
                reason="hiding replies needs user context: set SCHOOLWATCH_X_CONSUMER_KEY, SCHOOLWATCH_X_CONSUMER_SECRET,"
                " SCHOOLWATCH_X_ACCESS_TOKEN and SCHOOLWATCH_X_ACCESS_TOKEN_SECRET for the school account"
                " (or SCHOOLWATCH_X_USER_TOKEN, an OAuth 2.0 user token with tweet.moderate.write)",
            )
        mod = self.moderation_client
        try:
            resp = self._call(
                "/2/tweets/:id/hidden",
                lambda: mod.hide_reply(native_id, user_auth=self.moderation_user_auth),
            )
        except ConnectorError as exc:
            return ActionResult(False, {"error": str(exc)}, exc.kind)
        hidden = (resp.get("data") or {}).get("hidden") is True
        return ActionResult(hidden, resp, "" if hidden else "X did not confirm the reply is hidden")


# -- helpers ----------------------------------------------------------------
@dataclass
class _Run:
    """What one fetch has read so far (kept when a later call fails)."""

    items: list[FetchedItem] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    pages: int = 0

    def add(self, item: FetchedItem) -> None:
        # the same post can be a mention and a reply: land it once per run
        if item.native_id not in self.seen:
            self.seen.add(item.native_id)
            self.items.append(item)


def _streams(source: SourceSpec) -> tuple[str, ...]:
    if source.streams:
        return source.streams
    return ("search",) if source.kind == "search" else ("mentions", "replies")


def build_query(source: SourceSpec) -> str:
    """The recent-search query: the configured one, else the school's names; never retweets."""
    if source.query:
        q = source.query.strip()
    else:
        names = [t for t in source.terms if t.strip()]
        if not names:
            raise FatalError(
                f"X search {source.source_id} has no query and no school names", platform=PLATFORM
            )
        q = " OR ".join('"' + t.replace('"', "") + '"' for t in names)
        if len(names) > 1:
            q = f"({q})"
    if "-is:retweet" not in q:
        q = f"{q} -is:retweet"
    return q


def _chunks(roots: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    cur: list[str] = []
    for r in roots:
        clause = len(f"conversation_id:{r} OR ")
        if cur and sum(len(f"conversation_id:{x} OR ") for x in cur) + clause > QUERY_MAX:
            out.append(cur)
            cur = []
        cur.append(r)
    if cur:
        out.append(cur)
    return out


def _as_json(resp: Any) -> dict[str, Any]:
    """tweepy's Response/dict/requests.Response -> the JSON document as X sent it."""
    if isinstance(resp, dict):
        return resp
    if isinstance(resp, requests.Response):
        body = resp.json()
        return body if isinstance(body, dict) else {"data": body}
    if isinstance(resp, tweepy.Response):
        data = resp.data
        raw = (
            [d.data for d in data]
            if isinstance(data, list)
            else (data.data if data is not None else None)
        )
        includes = {k: [getattr(o, "data", o) for o in v] for k, v in (resp.includes or {}).items()}
        out: dict[str, Any] = {"meta": resp.meta or {}, "includes": includes}
        if raw is not None:
            out["data"] = raw
        if resp.errors:
            out["errors"] = resp.errors
        return out
    raise SkippableError(f"unexpected tweepy return type {type(resp).__name__}", platform=PLATFORM)


def _problem(exc: tweepy.HTTPException) -> str:
    parts = list(exc.api_messages or []) or [str(e) for e in exc.api_errors or []]
    return "; ".join(parts)[:300] or f"HTTP {exc.response.status_code}"


def _titles(resp: dict[str, Any]) -> str:
    return (
        "; ".join(str(e.get("detail") or e.get("title")) for e in resp.get("errors") or [])
        or "no data"
    )


def _parse_time(value: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return datetime.min.replace(tzinfo=UTC)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


# -- module-level factory surface ---------------------------------------------
def from_credentials(
    creds: Mapping[str, str],
    *,
    clock: Clock,
    account: str = "",
    client: tweepy.Client | None = None,
    moderation_client: tweepy.Client | None = None,
    retry: RetryPolicy | None = None,
    **_: Any,
) -> XConnector:
    """Build the connector from ``{BEARER_TOKEN, CONSUMER_KEY, ...}`` (see REQUIRED_ENV)."""
    if client is None:
        token = creds.get("BEARER_TOKEN")
        if not token:
            raise AuthError(
                f"no X bearer token for account {account!r}: set {REQUIRED_ENV[0]}",
                platform=PLATFORM,
            )
        client = tweepy.Client(bearer_token=token, return_type=dict, wait_on_rate_limit=False)
    user_auth = True
    if moderation_client is None:
        keys = ("CONSUMER_KEY", "CONSUMER_SECRET", "ACCESS_TOKEN", "ACCESS_TOKEN_SECRET")
        if all(creds.get(k) for k in keys):
            moderation_client = tweepy.Client(
                consumer_key=creds["CONSUMER_KEY"],
                consumer_secret=creds["CONSUMER_SECRET"],
                access_token=creds["ACCESS_TOKEN"],
                access_token_secret=creds["ACCESS_TOKEN_SECRET"],
                return_type=dict,
            )
        elif creds.get("USER_TOKEN"):
            moderation_client = tweepy.Client(bearer_token=creds["USER_TOKEN"], return_type=dict)
            user_auth = False
    elif creds.get("USER_TOKEN") and not creds.get("ACCESS_TOKEN"):
        user_auth = False
    return XConnector(
        client,
        clock=clock,
        account=account,
        moderation_client=moderation_client,
        moderation_user_auth=user_auth,
        retry=retry,
    )


def verify(
    creds: Mapping[str, str], spec: SourceSpec, *, clock: Clock | None = None, **kw: Any
) -> list[PermissionCheck]:
    """Bearer token works (user lookup); user-context keys work for hiding (``/2/users/me``)."""
    from schoolwatch.core.clock import SystemClock

    account = spec.account_id or spec.source_id
    checks: list[PermissionCheck] = []
    if not creds.get("BEARER_TOKEN") and kw.get("client") is None:
        return [
            PermissionCheck(
                "read (bearer token)",
                False,
                "no bearer token",
                f"create an app in the X developer portal (console.x.com), copy its Bearer Token into {REQUIRED_ENV[0]}",
            )
        ]
    conn = from_credentials(creds, clock=clock or SystemClock(), account=account, **kw)
    conn.retry = RetryPolicy(attempts=1, now=conn.clock.now)
    # a search source has no handle of its own: any public account proves the token reads
    handle = (spec.handle or "").lstrip("@") or "XDevelopers"
    try:
        resp = conn._call(
            "/2/users/by/username/:username", lambda: conn.client.get_user(username=handle)
        )
        ok = bool(resp.get("data"))
        detail = f"@{handle} is user {resp['data']['id']}" if ok else f"@{handle}: {_titles(resp)}"
        checks.append(
            PermissionCheck(
                "read (bearer token, user lookup)",
                ok,
                detail,
                "" if ok else "check the handle in schoolwatch.toml",
            )
        )
    except ConnectorError as exc:
        checks.append(
            PermissionCheck(
                "read (bearer token, user lookup)",
                False,
                f"{exc.__class__.__name__}: {exc}",
                "regenerate the Bearer Token; make sure the app is in a project with pay-per-use credits",
            )
        )
    if spec.kind == "account" and spec.own:
        if conn.moderation_client is None:
            checks.append(
                PermissionCheck(
                    "hide replies (user context)",
                    False,
                    "no user-context keys",
                    "in the developer portal set app permissions to Read and Write, generate the Access Token"
                    " and Secret while logged in as the school account, and set SCHOOLWATCH_X_CONSUMER_KEY,"
                    " SCHOOLWATCH_X_CONSUMER_SECRET, SCHOOLWATCH_X_ACCESS_TOKEN, SCHOOLWATCH_X_ACCESS_TOKEN_SECRET",
                )
            )
        else:
            mod = conn.moderation_client
            try:
                me = conn._call(
                    "/2/users/me", lambda: mod.get_me(user_auth=conn.moderation_user_auth)
                )
                who = (me.get("data") or {}).get("username", "?")
                ok = who.lower() == handle.lower()
                checks.append(
                    PermissionCheck(
                        "hide replies (user context)",
                        ok,
                        f"keys belong to @{who}",
                        "" if ok else f"generate the access token while logged in as @{handle}",
                    )
                )
            except ConnectorError as exc:
                checks.append(
                    PermissionCheck(
                        "hide replies (user context)",
                        False,
                        str(exc),
                        "regenerate the access token and secret with Read and Write permission",
                    )
                )
    return checks
