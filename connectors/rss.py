"""RSS and Atom feeds, Google Alerts included (requests + feedparser).

Stream
    ``feed``: one conditional GET of the source's ``url`` per run (``If-None-Match`` /
    ``If-Modified-Since`` from the cursor). ``304 Not Modified`` means nothing new: one call,
    nothing landed. The body is parsed by ``feedparser.parse(bytes)``; feedparser's own
    fetching uses urllib, which bypasses our session, retries and tests.

Cursor rules
    ``{"etag": str | None, "last_modified": str | None, "seen": [entry ids]}``. A feed
    shows only its latest entries, so there is no watermark: an entry is new when its id
    is not in ``seen`` (the ids of the last ``keep_seen`` entries, newest first). The id is
    the entry's ``id`` (Google Alerts: ``tag:google.com,2013:googlealerts/feed:<n>``), else
    its ``link``, else a hash of title and date.

Landing lines (what ``transforms/normalise/rss.py`` reads)
    ``stream="feed"``; ``native_id`` is the entry id; ``item`` is feedparser's entry made
    JSON-safe (``*_parsed`` time tuples become ISO 8601 strings, everything else as parsed:
    ``title`` and ``summary`` keep Google's ``<b>`` markup, ``link`` keeps Google's
    ``https://www.google.com/url?...&url=<real>`` redirect); ``context`` is
    ``{"feed_url", "feed_title", "feed_link"}``. Unwrapping the redirect and stripping the
    markup happen in the normaliser, so a re-normalise never needs a re-fetch.

Feeds have no removal or moderation API: ``check`` answers ``unknown`` and ``hide``
refuses, both with the reason.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser
import requests

from connectors.base import (
    ActionResult,
    CheckResult,
    FetchedItem,
    FetchResult,
    PageBudget,
    SourceSpec,
)
from connectors.credentials import PermissionCheck
from connectors.errors import ConnectorError, FatalError, SkippableError
from connectors.http import CallCounter, Where, raise_for_response, redact, send
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import Clock, SystemClock

log = logging.getLogger(__name__)

PLATFORM = "rss"
REQUIRED_ENV: tuple[str, ...] = ()  # public feeds need no credential
USER_AGENT = "schoolwatch/0.1 (+feed monitor; conditional GET)"
KEEP_SEEN = 1000


class RssConnector:
    """Fetch one feed per source with a conditional GET; dedupe entries by id."""

    platform = PLATFORM

    def __init__(
        self,
        session: requests.Session,
        *,
        clock: Clock,
        account: str = "",
        retry: RetryPolicy | None = None,
        keep_seen: int = KEEP_SEEN,
        timeout: float = 30.0,
    ) -> None:
        self.session = session
        self.clock = clock
        self.account = account
        self.retry = retry or RetryPolicy(now=clock.now)
        self.keep_seen = keep_seen
        self.timeout = timeout

    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        if not source.url:
            raise FatalError(f"rss source {source.source_id} has no url", platform=PLATFORM)
        cursor = cursor or {}
        where = Where(PLATFORM, account=source.account_id or source.source_id, endpoint=redact(source.url))
        if not budget.take():
            return FetchResult(items=[], cursor=None, complete=False, notes=["page budget used up"])
        headers = {"User-Agent": USER_AGENT, "Accept": "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5"}
        if cursor.get("etag"):
            headers["If-None-Match"] = cursor["etag"]
        if cursor.get("last_modified"):
            headers["If-Modified-Since"] = cursor["last_modified"]
        counter = CallCounter()
        resp = send(
            self.session, "GET", source.url, where, self.clock,
            retry=self.retry, counter=counter, timeout=self.timeout, headers=headers,
        )
        if resp.status_code == 304:
            return FetchResult(items=[], cursor=dict(cursor), api_calls=counter.calls, pages=1, notes=["304 not modified"])
        if resp.status_code in (404, 410):
            raise FatalError(f"feed for {where.who()} is gone (check the url)", platform=PLATFORM,
                             endpoint=where.endpoint, status=resp.status_code)
        raise_for_response(resp, where, self.clock)
        parsed = feedparser.parse(resp.content, response_headers={k.lower(): v for k, v in resp.headers.items()})
        if parsed.get("bozo") and not parsed.entries:
            exc = parsed.get("bozo_exception")
            raise SkippableError(f"not a feed ({exc.__class__.__name__}: {exc})", platform=PLATFORM,
                                 endpoint=where.endpoint, status=resp.status_code)
        notes = [f"feed not well-formed, parsed anyway: {parsed.get('bozo_exception')}"] if parsed.get("bozo") else []
        feed = parsed.get("feed", {})
        context = {"feed_url": source.url, "feed_title": feed.get("title"), "feed_link": feed.get("link")}
        seen = list(cursor.get("seen") or [])
        known = set(seen)
        items: list[FetchedItem] = []
        current: list[str] = []
        for entry in parsed.entries:
            ident = entry_id(entry)
            if ident in current:
                continue
            current.append(ident)
            if ident not in known:
                items.append(FetchedItem(ident, json_safe(entry), "feed", where.endpoint, dict(context)))
        if known and current and not known.intersection(current):
            # A feed shows only its newest entries: with none of last run's left, some may
            # have scrolled out unseen. Recorded so the source can be polled more often.
            notes.append("possible gap: no entry from the previous run is still in the feed; poll it more often")
        merged = current + [i for i in seen if i not in set(current)]
        new_cursor = {
            "etag": resp.headers.get("ETag"),
            "last_modified": resp.headers.get("Last-Modified"),
            "seen": merged[: self.keep_seen],
        }
        return FetchResult(items=items, cursor=new_cursor, api_calls=counter.calls, pages=1, notes=notes)

    def check(self, native_id: str) -> CheckResult:
        return CheckResult(
            "unknown",
            {"native_id": native_id},
            reason="feeds have no removal API: open the article link and check it by hand",
        )

    def hide(self, native_id: str) -> ActionResult:
        return ActionResult(
            False,
            {"native_id": native_id},
            reason="feeds cannot be moderated: ask the site owner (or Google, for an alert) to remove it",
        )


def entry_id(entry: Mapping[str, Any]) -> str:
    """The entry's stable key: ``id``, else ``link``, else a hash of title and date."""
    for key in ("id", "link"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    basis = f"{entry.get('title', '')}\n{entry.get('published', entry.get('updated', ''))}"
    return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def json_safe(value: Any) -> Any:
    """feedparser's dicts -> plain JSON values; time tuples become ISO 8601 UTC strings."""
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def from_credentials(creds: Mapping[str, str], *, clock: Clock, **kw: Any) -> RssConnector:
    """Feeds need no credential; ``session`` may be injected (tests, proxies)."""
    session = kw.pop("session", None) or requests.Session()
    return RssConnector(session, clock=clock, **kw)


def verify(creds: Mapping[str, str], spec: SourceSpec, **kw: Any) -> list[PermissionCheck]:
    """Fetch the feed once (unconditionally) and say whether it parses."""
    clock = kw.pop("clock", None) or SystemClock()  # verify() runs at the CLI edge
    conn = from_credentials(creds, clock=clock, **kw)
    conn.retry = RetryPolicy(attempts=1, now=clock.now)
    try:
        result = conn.fetch(spec, None, PageBudget(max_pages=1))
    except ConnectorError as exc:
        return [PermissionCheck("feed", False, str(exc), "check the feed url (Google Alerts: deliver to RSS feed)")]
    return [PermissionCheck("feed", True, f"{len(result.items)} entries readable")]
