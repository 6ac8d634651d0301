"""The newest-first walker shared by Reddit, YouTube and Bluesky, on plain in-memory pages."""

from __future__ import annotations

from typing import Any

import pytest

from connectors.base import PageBudget
from connectors.errors import FatalError, RateLimitedError
from connectors.listing import StreamCursor, WalkInterrupted, walk_newest_first


def item(n: int) -> dict[str, Any]:
    return {"id": f"i{n}", "t": float(n)}


class Listing:
    """Items newest first in pages of ``size``; tokens are the index of the page's first item."""

    def __init__(self, newest: int, oldest: int, size: int = 2) -> None:
        self.items = [item(n) for n in range(newest, oldest - 1, -1)]
        self.size = size
        self.calls: list[str | None] = []
        self.fail: dict[str | None, Exception] = {}

    def page(self, token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        self.calls.append(token)
        if token in self.fail:
            raise self.fail.pop(token)
        if token is not None and token.startswith("x"):  # a token the server no longer knows
            return [], None
        start = int(token or 0)
        if start >= len(self.items):
            return [], None
        end = start + self.size
        return self.items[start:end], str(end) if end < len(self.items) else None


def walk(listing: Listing, cursor: StreamCursor, pages: int = 20, overlap: float = 0, **kw: Any):
    return walk_newest_first(
        cursor, listing.page, key=lambda c: c["t"], ident=lambda c: c["id"],
        budget=PageBudget(max_pages=pages), overlap=overlap, **kw,
    )


def ids(w: Any) -> list[str]:
    return [c["id"] for c in w.children]


def test_first_walk_reads_everything_and_sets_the_watermark():
    w = walk(Listing(10, 1), StreamCursor())
    assert ids(w) == [f"i{n}" for n in range(10, 0, -1)] and w.complete and w.pages == 5
    assert w.cursor.watermark == 10.0 and w.cursor.resume is None


def test_overlap_is_reread_and_deduped_and_late_items_inside_it_land():
    first = walk(Listing(10, 1), StreamCursor(), overlap=3)
    assert sorted(first.cursor.seen) == ["i10", "i7", "i8", "i9"]
    later = Listing(12, 1)
    later.items.insert(4, {"id": "late", "t": 8.5})  # indexed late, older than the watermark
    second = walk(later, first.cursor, overlap=3)
    assert ids(second) == ["i12", "i11", "late"] and second.cursor.watermark == 12.0


def test_budget_stops_then_the_backfill_finishes_before_the_watermark_moves():
    listing = Listing(10, 1)
    # i2 sits exactly on the watermark: re-read (same-second items are not lost) and deduped by seen
    first = walk(listing, StreamCursor(watermark=2.0, seen={"i2": 2.0}), pages=2)
    assert ids(first) == ["i10", "i9", "i8", "i7"] and not first.complete
    assert first.cursor.watermark == 2.0 and first.cursor.resume == "4" and first.cursor.resume_top == 10.0
    second = walk(listing, first.cursor)
    assert ids(second) == ["i6", "i5", "i4", "i3"] and second.complete
    assert second.cursor.watermark == 10.0 and second.cursor.resume is None


def test_rate_limit_stops_and_keeps_the_token_without_spending_budget():
    listing = Listing(10, 1)
    listing.fail["2"] = RateLimitedError("slow down")
    budget = PageBudget(max_pages=5)
    w = walk_newest_first(StreamCursor(), listing.page, key=lambda c: c["t"], ident=lambda c: c["id"],
                          budget=budget, overlap=0)
    assert ids(w) == ["i10", "i9"] and w.rate_limited is not None and w.cursor.resume == "2"
    assert budget.used == 1


def test_stale_resume_token_restarts_from_the_top():
    listing = Listing(10, 1)
    cur = StreamCursor(watermark=2.0, resume="x-expired", resume_top=10.0)
    w = walk(listing, cur)
    assert listing.calls[0] == "x-expired" and listing.calls[1] is None
    assert ids(w)[0] == "i10" and w.complete and w.cursor.watermark == 10.0
    listing2 = Listing(10, 1)
    listing2.fail["4"] = FatalError("invalidPageToken", status=400)
    w2 = walk(listing2, StreamCursor(watermark=2.0, resume="4", resume_top=10.0),
              stale=lambda e: getattr(e, "status", None) == 400)
    assert w2.complete and listing2.calls[:2] == ["4", None]


def test_other_errors_carry_what_was_read():
    listing = Listing(10, 1)
    listing.fail["2"] = FatalError("boom")
    with pytest.raises(WalkInterrupted) as info:
        walk(listing, StreamCursor())
    assert ids(info.value) == ["i10", "i9"] and info.value.pages == 1


def test_cursor_round_trips_through_json():
    cur = StreamCursor(watermark=1.5, seen={"a": 1.5}, resume="t", resume_top=2.0, resume_seen={"b": 2.0})
    assert StreamCursor.from_dict(cur.to_dict()) == cur
    assert StreamCursor.from_dict(None) == StreamCursor()
