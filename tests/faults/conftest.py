"""Shared pieces for the fault-injection tests: a paging fake platform and warehouse checks."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from connectors.base import FetchedItem, FetchResult, PageBudget, PartialFetch, SourceSpec
from connectors.errors import ConnectorError
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import Config, parse_config
from warehouse import chain

REPO = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)


def make_config(tmp_path: Path) -> Config:
    return parse_config(
        {
            "school": {"id": "kestrel-vale", "name": "Kestrel Vale Academy"},
            "accounts": [
                {"id": "x-main", "platform": "x", "handle": "KestrelValeAcad", "principal": "Ms Ada Byrne", "reserve": "Mr Cal Dunn",
                 "holiday_check_every": "6d"}
            ],
            "contacts": {
                k: {"name": "Invented Person", "email": f"{k}@school.example.org"}
                for k in ("esafety_coordinator", "dsl", "head", "chair_of_governors", "it")
            },
            "paths": {"data_dir": str(tmp_path / "data")},
        }
    )


SPEC = SourceSpec(source_id="x-main", school_id="kestrel-vale", platform="x", kind="account", handle="KestrelValeAcad", account_id="x-main", own=True)


def tweet(n: int, created: datetime, text: str | None = None) -> FetchedItem:
    nid = str(100000 + n)
    return FetchedItem(
        native_id=nid,
        item={
            "id": nid,
            "text": text or f"invented mention number {n} about the summer fair",
            "author_id": str(500 + n % 7),
            "created_at": created.isoformat().replace("+00:00", "Z"),
            "edit_history_tweet_ids": [nid],
        },
        stream="mentions",
        endpoint="GET /2/users/:id/mentions",
        context={"author": {"id": str(500 + n % 7), "username": f"parent{n % 7}", "name": f"Invented Parent {n % 7}"}},
    )


@dataclass
class PagingPlatform:
    """A fake X mentions timeline: items 1..total, served newest-last in pages after a since_id.

    ``fail_after_pages`` makes the next fetch fail after that many pages, once, with ``error``;
    ``partial`` decides whether the connector hands over what it fetched (PartialFetch).
    """

    total: int
    page_size: int = 10
    created: datetime = T0
    fail_after_pages: int | None = None
    error: ConnectorError | None = None
    partial: bool = True
    calls: list[int | None] = field(default_factory=list)
    platform: str = "x"

    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        since = int(cursor["since"]) if cursor else 0
        self.calls.append(since)
        items: list[FetchedItem] = []
        pages = 0
        n = since
        while n < self.total and budget.take():
            if self.fail_after_pages is not None and pages == self.fail_after_pages:
                err = self.error or ConnectorError("boom")
                self.fail_after_pages = None
                if self.partial:
                    raise PartialFetch(err, items, api_calls=pages + 1, pages=pages)
                raise err
            page = [tweet(i, self.created + timedelta(minutes=i)) for i in range(n + 1, min(n + self.page_size, self.total) + 1)]
            items += page
            n += len(page)
            pages += 1
        return FetchResult(items=items, cursor={"since": n}, api_calls=pages, pages=pages, complete=n >= self.total)

    def check(self, native_id: str) -> Any:  # pragma: no cover - not used here
        raise NotImplementedError

    def hide(self, native_id: str) -> Any:  # pragma: no cover - not used here
        raise NotImplementedError


def assert_exactly_once(con: duckdb.DuckDBPyConnection, expected_native_ids: set[str]) -> None:
    rows = con.execute("SELECT native_id, count(*) FROM posts GROUP BY 1").fetchall()
    assert {r[0] for r in rows} == expected_native_ids
    assert all(r[1] == 1 for r in rows)
    raw = con.execute("SELECT post_id, count(*) FROM raw_items GROUP BY 1 HAVING count(*) > 1").fetchall()
    assert raw == []  # one version of each invented item: exactly one raw row each
    for spec in (chain.MONITORING, chain.AUDIT, chain.CASE_EVENTS):
        assert chain.verify_chain(con, spec)[1] is None


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


PYTHON = sys.executable


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)
