"""Recording monitoring checks that are not fetches: human review sessions.

An automated fetch becomes a check when the loader takes in its manifest
(:func:`warehouse.loader.record_check`). A person reviewing an account's items in the web
app is a check too (kind ``human``, actor the reviewer): :func:`record_review_session`
writes one chained row per account the session covered, keyed
``review:<session>:<account>`` so recording the same session twice writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from warehouse.db import transaction
from warehouse.loader import record_check


@dataclass(frozen=True)
class ReviewedAccount:
    school_id: str
    account_id: str | None
    source_id: str | None
    platform: str | None
    items: int  # how many of its items the reviewer looked at


def record_review_session(
    con: duckdb.DuckDBPyConnection,
    *,
    session_id: str,
    reviewer: str,
    started_at: datetime,
    finished_at: datetime,
    accounts: Iterable[ReviewedAccount],
    now: datetime,
) -> int:
    """Write one human check per reviewed account, in one transaction; returns rows written."""
    if not reviewer.strip():
        raise ValueError("a review session needs the reviewer's name")
    if finished_at < started_at:
        raise ValueError("a review session cannot finish before it starts")
    written = 0
    with transaction(con):
        for acc in sorted(accounts, key=lambda a: (a.school_id, a.account_id or "", a.source_id or "")):
            target = acc.account_id or acc.source_id or "unattributed"
            row = record_check(
                con,
                check_id=f"review:{session_id}:{target}",
                school_id=acc.school_id,
                account_id=acc.account_id,
                source_id=acc.source_id,
                platform=acc.platform,
                kind="human",
                actor=reviewer,
                started_at=started_at,
                finished_at=finished_at,
                status="ok",
                items=acc.items,
                api_calls=0,
                error=None,
                recorded_at=now,
            )
            written += row is not None
    return written
