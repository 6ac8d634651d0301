"""The shared connector interface and the fetch -> landing runner.

A connector answers three questions about one platform:

``fetch(source, cursor, budget)``
    every item new since ``cursor`` for one source, as :class:`FetchedItem` objects, plus
    the cursor to store once the whole batch has landed;
``check(native_id)``
    is the item still there: ``present``, ``removed`` (only when the platform says it is
    gone) or ``unknown`` (auth, permission, network: never counted as a removal);
``hide(native_id)``
    hide or remove the item on the school's own account, returning the platform's answer
    as evidence.

:func:`fetch_to_landing` runs one fetch, writes the items and a manifest (the monitoring
check) to the landing zone, and turns every failure into a *failed* check.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from connectors.errors import ConnectorError, FatalError, RateLimitedError, RetriableError
from schoolwatch.core.clock import Clock
from schoolwatch.core.landing import LandingZone, Manifest, RunMeta, item_line, new_run_id

log = logging.getLogger(__name__)

CheckState = Literal["present", "removed", "unknown"]


@dataclass(frozen=True)
class SourceSpec:
    """What to fetch: one account stream or one public search, from the configuration."""

    source_id: str
    school_id: str
    platform: str
    kind: Literal["account", "search"]
    handle: str | None = None  # account handle (or page / channel / subreddit user)
    native_id: str | None = None  # account's platform id when known
    account_id: str | None = None
    own: bool = False
    query: str | None = None
    terms: tuple[str, ...] = ()  # school names and aliases, for searches without a query
    subreddits: tuple[str, ...] = ()
    url: str | None = None
    streams: tuple[str, ...] = ()


@dataclass
class PageBudget:
    """At most ``max_pages`` API pages per run; the rest waits for the next run."""

    max_pages: int = 20
    used: int = 0

    def take(self) -> bool:
        if self.used >= self.max_pages:
            return False
        self.used += 1
        return True

    @property
    def exhausted(self) -> bool:
        return self.used >= self.max_pages


@dataclass
class FetchedItem:
    native_id: str
    item: dict[str, Any]  # verbatim platform object
    stream: str  # e.g. mentions, replies, search, comments, notifications
    endpoint: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class FetchResult:
    items: list[FetchedItem]
    cursor: dict[str, Any] | None  # to store after landing; None keeps the old one
    api_calls: int = 0
    pages: int = 0
    complete: bool = True  # False when the page budget or a rate limit stopped the run
    rate_limited_until: datetime | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class CheckResult:
    state: CheckState
    evidence: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


@dataclass
class ActionResult:
    ok: bool
    evidence: dict[str, Any] = field(default_factory=dict)
    reason: str = ""


class Connector(Protocol):
    platform: str

    def fetch(
        self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget
    ) -> FetchResult: ...

    def check(self, native_id: str) -> CheckResult: ...

    def hide(self, native_id: str) -> ActionResult: ...


class PartialFetch(ConnectorError):
    """Raised by a connector that failed mid-run but has items worth landing.

    ``items`` are landed (nothing fetched is lost), the cursor does not move, and the
    check is recorded as failed with ``cause`` as its error.
    """

    def __init__(
        self, cause: ConnectorError, items: list[FetchedItem], api_calls: int, pages: int
    ) -> None:
        self.cause = cause
        self.items = items
        self.api_calls = api_calls
        self.pages = pages
        super().__init__(str(cause))


def fetch_to_landing(
    connector: Connector,
    source: SourceSpec,
    cursor: dict[str, Any] | None,
    landing: LandingZone,
    clock: Clock,
    *,
    budget: PageBudget | None = None,
    run_id: str | None = None,
    on_error: Callable[[Exception], None] | None = None,
) -> Manifest:
    """Fetch one source and land it; always writes a manifest, never raises for platform errors.

    A fetch that raises is recorded as a ``failed`` check with the error's message and kind;
    items already fetched are landed; the cursor moves only when the run succeeded.
    """
    started = clock.now()
    meta = RunMeta(
        run_id=run_id or new_run_id(started),
        platform=source.platform,
        source_id=source.source_id,
        school_id=source.school_id,
        account_id=source.account_id,
    )
    budget = budget or PageBudget()
    manifest = Manifest(
        run_id=meta.run_id,
        platform=meta.platform,
        source_id=meta.source_id,
        school_id=meta.school_id,
        account_id=meta.account_id,
        started_at=started.isoformat(),
        finished_at=started.isoformat(),
        status="ok",
        cursor_before=cursor,
    )
    items: list[FetchedItem] = []
    result: FetchResult | None = None
    try:
        result = connector.fetch(source, cursor, budget)
        items = result.items
        manifest.api_calls, manifest.pages = result.api_calls, result.pages
        manifest.cursor_after = result.cursor
        manifest.notes = list(result.notes)
        if result.rate_limited_until is not None:
            manifest.rate_limited_until = result.rate_limited_until.isoformat()
        if not result.complete:
            manifest.status = "partial"
    except PartialFetch as exc:
        items = exc.items
        manifest.api_calls, manifest.pages = exc.api_calls, exc.pages
        _record_failure(manifest, exc.cause)
    except ConnectorError as exc:
        _record_failure(manifest, exc)
    except Exception as exc:  # noqa: BLE001 - an unexpected bug still becomes a failed check
        log.exception("unexpected error fetching %s", source.source_id)
        manifest.status = "failed"
        manifest.error = (
            f"{source.platform} {source.source_id}: unexpected {exc.__class__.__name__}: {exc}"
        )
        manifest.error_kind = "bug"
        if on_error:
            on_error(exc)
    fetched_at = clock.now()
    lines = (
        item_line(
            meta,
            stream=it.stream,
            endpoint=it.endpoint,
            fetched_at=fetched_at,
            native_id=it.native_id,
            item=it.item,
            context=it.context,
        )
        for it in items
    )
    try:
        path, n = landing.write_items(meta, lines)
    except OSError as exc:
        # Disk full or similar: nothing landed, so the cursor must not move.
        manifest.status = "failed"
        manifest.cursor_after = None
        manifest.error = f"landing write failed: {exc.__class__.__name__}: {exc.strerror or exc}"
        manifest.error_kind = "retriable"
        path, n = None, 0
    manifest.items = n
    manifest.data_file = path.name if path else None
    manifest.finished_at = clock.now().isoformat()
    landing.write_manifest(manifest)
    return manifest


def _record_failure(manifest: Manifest, exc: ConnectorError) -> None:
    manifest.status = "failed"
    manifest.cursor_after = None
    manifest.error = str(exc)
    manifest.error_kind = exc.kind
    if isinstance(exc, RateLimitedError | RetriableError) and getattr(exc, "retry_at", None):
        manifest.rate_limited_until = exc.retry_at.isoformat() if exc.retry_at else None
    if isinstance(exc, FatalError):
        log.error("source %s stopped: %s", manifest.source_id, exc)
    else:
        log.warning("source %s failed: %s", manifest.source_id, exc)
