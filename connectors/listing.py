"""Walking a newest-first listing down to a watermark, shared by Reddit, YouTube and Bluesky.

Those APIs page newest first and have no ``since`` parameter we can trust, so a run
reads pages until it meets an item older than ``watermark - overlap`` (or the listing
ends). Items inside the overlap are re-read on purpose (search indexes and inboxes can
surface an item late) and dropped when their id was landed before (``seen``).

The cursor of one stream (``StreamCursor``) is explicit and JSON-safe::

    {"watermark": 1740823200.0,            # unix seconds of the newest item landed
     "seen": {"t1_abc": 1740823200.0},      # ids within the overlap of the watermark
     "resume": "t1_xyz" | null,             # page token to continue an interrupted walk
     "resume_top": 1740900000.0 | null,     # newest key of that interrupted walk
     "resume_seen": {...}}

When the page budget runs out (or a long rate limit stops the run) the walk keeps its old
watermark and records where to continue; the next run first finishes that backfill and
only then moves the watermark to the top of the interrupted walk, so nothing between the
old watermark and the new top is skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from connectors.base import PageBudget
from connectors.errors import RateLimitedError

log = logging.getLogger(__name__)
Page = tuple[list[dict[str, Any]], str | None]  # (children, next page token)


@dataclass
class StreamCursor:
    watermark: float | None = None
    seen: dict[str, float] = field(default_factory=dict)
    resume: str | None = None
    resume_top: float | None = None
    resume_seen: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> StreamCursor:
        if not data:
            return cls()
        wm = data.get("watermark")
        top = data.get("resume_top")
        return cls(
            watermark=float(wm) if wm is not None else None,
            seen={str(k): float(v) for k, v in (data.get("seen") or {}).items()},
            resume=data.get("resume"),
            resume_top=float(top) if top is not None else None,
            resume_seen={str(k): float(v) for k, v in (data.get("resume_seen") or {}).items()},
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "watermark": self.watermark,
            "seen": dict(sorted(self.seen.items())),
            "resume": self.resume,
            "resume_top": self.resume_top,
            "resume_seen": dict(sorted(self.resume_seen.items())),
        }


@dataclass
class Walk:
    """What one walk produced: the new children, the next cursor and how it ended."""

    children: list[dict[str, Any]]
    cursor: StreamCursor
    pages: int = 0
    complete: bool = True
    rate_limited: RateLimitedError | None = None


class WalkInterrupted(Exception):
    """A non-rate-limit error mid-walk; carries the children read before it."""

    def __init__(self, cause: Exception, children: list[dict[str, Any]], pages: int) -> None:
        self.cause = cause
        self.children = children
        self.pages = pages
        super().__init__(str(cause))


def walk_newest_first(
    cursor: StreamCursor,
    fetch_page: Callable[[str | None], Page],
    *,
    key: Callable[[dict[str, Any]], float],
    ident: Callable[[dict[str, Any]], str],
    budget: PageBudget,
    overlap: float,
    stale: Callable[[Exception], bool] = lambda exc: False,
) -> Walk:
    """Read pages newest first until the watermark (minus ``overlap`` seconds) is reached.

    ``fetch_page(token)`` returns one page; it may raise :class:`RateLimitedError` (the walk
    stops and records where to resume) or any other error (:class:`WalkInterrupted`).

    A resume token can go stale between runs (page tokens expire; Reddit answers an empty
    page after a deleted ``after`` item). When the first page of a resumed walk is empty,
    or fails with an error ``stale`` recognises, the walk starts again from the top with
    the old watermark, so the backfill is re-read rather than skipped.
    """
    resuming = cursor.resume is not None
    floor = cursor.watermark - overlap if cursor.watermark is not None else None
    known = {**cursor.seen, **cursor.resume_seen}
    top = cursor.resume_top if resuming else None
    new_seen: dict[str, float] = {}
    out: list[dict[str, Any]] = []
    token = cursor.resume
    pages = 0
    reached = False
    while True:
        if not budget.take():
            return _interrupted(cursor, token, top, new_seen, out, pages, None, overlap)
        try:
            children, next_token = fetch_page(token)
        except RateLimitedError as exc:
            budget.used -= 1  # the refused call read nothing
            return _interrupted(cursor, token, top, new_seen, out, pages, exc, overlap)
        except Exception as exc:
            if resuming and pages == 0 and stale(exc):
                return _restart(cursor, fetch_page, key, ident, budget, overlap, 0)
            raise WalkInterrupted(exc, out, pages) from exc
        pages += 1
        if resuming and pages == 1 and not children:
            return _restart(cursor, fetch_page, key, ident, budget, overlap, 1)
        for child in children:
            k, i = key(child), ident(child)
            if floor is not None and k < floor:
                reached = True
                break
            top = k if top is None else max(top, k)
            if i in known or i in new_seen:
                continue
            new_seen[i] = k
            out.append(child)
        if reached or not next_token:
            break
        token = next_token
    marks = [m for m in (cursor.watermark, top) if m is not None]
    watermark = max(marks) if marks else None
    pool = {**known, **new_seen}
    seen = {i: k for i, k in pool.items() if watermark is None or k >= watermark - overlap}
    return Walk(out, StreamCursor(watermark=watermark, seen=seen), pages=pages)


def _restart(
    cursor: StreamCursor,
    fetch_page: Callable[[str | None], Page],
    key: Callable[[dict[str, Any]], float],
    ident: Callable[[dict[str, Any]], str],
    budget: PageBudget,
    overlap: float,
    spent: int,
) -> Walk:
    log.warning("resume token %r is stale; walking again from the newest item", cursor.resume)
    fresh = StreamCursor(watermark=cursor.watermark, seen={**cursor.seen, **cursor.resume_seen})
    walk = walk_newest_first(fresh, fetch_page, key=key, ident=ident, budget=budget, overlap=overlap)
    walk.pages += spent
    return walk


def _interrupted(
    cursor: StreamCursor,
    token: str | None,
    top: float | None,
    new_seen: dict[str, float],
    out: list[dict[str, Any]],
    pages: int,
    exc: RateLimitedError | None,
    overlap: float,
) -> Walk:
    resume_seen = {**cursor.resume_seen, **new_seen}
    if top is not None:
        resume_seen = {i: k for i, k in resume_seen.items() if k >= top - overlap}
    # token is None only when nothing was read yet on a fresh walk: the cursor stays as it was.
    nxt = StreamCursor(
        watermark=cursor.watermark,
        seen=dict(cursor.seen),
        resume=token,
        resume_top=top if token is not None else None,
        resume_seen=resume_seen if token is not None else {},
    )
    return Walk(out, nxt, pages=pages, complete=False, rate_limited=exc)
