"""Fixtures for the review app: a small real DuckDB warehouse, users of each role, a client."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from alerts.cases import append_event, capture_evidence
from review.app import create_app
from review.users import add_user
from review.web import WebSettings
from schoolwatch.core.clock import ManualClock
from warehouse.db import connect

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
PASSWORD = "correct-horse-battery"
USERS = {"dee": "dsl", "cole": "coordinator", "hana": "head", "aud": "auditor"}


def add_post_case(
    con: Any,
    native_id: str,
    text: str,
    *,
    category: str = "abuse",
    severity: str = "high",
    platform: str = "x",
    account_id: str | None = "x-main",
    url: str | None = None,
    author: str = "invented_poster",
    parent_native: str | None = None,
    spans: list[tuple[int, int]] | None = None,
    open_case: bool = True,
    now: datetime = T0,
) -> int | None:
    """Insert one post (and its flag, case and 'opened' event) the way the pipeline leaves them."""
    post_id = f"{platform}:{native_id}"
    parent = f"{platform}:{parent_native}" if parent_native else None
    raw_sha = hashlib.sha256(json.dumps({"id": native_id, "text": text}).encode()).hexdigest()
    con.execute(
        "INSERT INTO posts (post_id, school_id, platform, native_id, source_id, account_id, item_kind, author_handle, "
        "text, url, created_at, parent_id, conversation_id, raw_sha256, first_seen, last_seen) "
        "VALUES (?, 'kvs', ?, ?, ?, ?, 'reply', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [post_id, platform, native_id, account_id or f"{platform}-search", account_id, author, text,
         url if url is not None else f"https://x.com/{author}/status/{native_id}", now - timedelta(hours=1), parent, parent,
         raw_sha, now, now],
    )
    con.execute(
        "INSERT INTO raw_items (post_id, sha256, platform, source_id, payload, landing_path, line_no, fetched_at) "
        "VALUES (?, ?, ?, ?, ?, 'test.jsonl.gz', 1, ?)",
        [post_id, raw_sha, platform, account_id or f"{platform}-search", json.dumps({"id": native_id, "text": text}), now],
    )
    if not open_case:
        return None
    spans = spans if spans is not None else [(0, min(len(text), 5))]
    evidence = [{"start": s, "end": e, "text": text[s:e], "rule": f"{category}.rule"} for s, e in spans]
    evidence.append({"reasons": [f"rule {category}.rule matched"]})
    con.execute(
        "INSERT INTO flags VALUES (?, 'rules-1', ?, ?, 0.9, ?, 'rules', ?)",
        [post_id, category, severity, json.dumps(evidence), now],
    )
    row = con.execute(
        "INSERT INTO cases (post_id, school_id, category, severity, opened_at, due_at) VALUES (?, 'kvs', ?, ?, ?, ?) RETURNING case_id",
        [post_id, category, severity, now, now + timedelta(hours=24)],
    ).fetchone()
    case_id = int(row[0])
    append_event(con, case_id, "opened", actor="system", now=now, data={"category": category, "severity": severity})
    capture_evidence(con, case_id, post_id, now)
    return case_id


@dataclass
class Warehouse:
    path: Path
    clock: ManualClock
    cases: dict[str, int]

    def events(self, case_id: int) -> list[tuple[str, str]]:
        with connect(self.path) as con:
            return [(r[0], r[1]) for r in con.execute(
                "SELECT kind, actor FROM case_events WHERE case_id = ? ORDER BY event_id", [case_id]).fetchall()]

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with connect(self.path) as con:
            return con.execute(sql, params or []).fetchall()


@pytest.fixture(autouse=True)
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id, with small parameters so the suite stays fast on CI's two cores."""
    from argon2 import PasswordHasher

    import review.users

    monkeypatch.setattr(review.users, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def warehouse(tmp_path: Path) -> Warehouse:
    path = tmp_path / "wh.duckdb"
    clock = ManualClock(T0)
    with connect(path) as con:
        con.execute("INSERT INTO accounts VALUES ('x-main', 'kvs', 'x', 'KestrelVale', '1', 'own', 'Ann Example', 'Bob Example', 86400, 604800, TRUE, ?)", [T0])
        con.execute("INSERT INTO accounts VALUES ('fb-page', 'kvs', 'facebook', 'kvpage', '2', 'own', 'Ann Example', 'Bob Example', 86400, 604800, TRUE, ?)", [T0])
        cases = {
            "abuse": add_post_case(con, "1001", "Mr Invented is a useless clown and everyone knows it",
                                   spans=[(17, 30)]),
            "safeguarding": add_post_case(con, "1002", "private words about a pupil that only the DSL may read",
                                          category="grooming", severity="critical", account_id="fb-page",
                                          platform="facebook"),
        }
        for name, role in USERS.items():
            add_user(con, name, role, PASSWORD, now=T0)
    return Warehouse(path, clock, {k: v for k, v in cases.items() if v is not None})


class FakeConnector:
    """A connector for the hide step: records calls, answers as told (connectors.base.Connector)."""

    def __init__(self, platform: str, ok: bool = True) -> None:
        self.platform = platform
        self.ok = ok
        self.hidden: list[str] = []

    def fetch(self, source: Any, cursor: Any, budget: Any) -> Any:
        raise AssertionError("the review app never fetches")

    def check(self, native_id: str) -> Any:
        raise AssertionError("the review app never checks")

    def hide(self, native_id: str) -> Any:
        from connectors.base import ActionResult

        self.hidden.append(native_id)
        if self.ok:
            return ActionResult(ok=True, evidence={"hidden": True, "id": native_id})
        return ActionResult(ok=False, reason="platform said: permission denied (invented)")


@dataclass
class App:
    app: Any
    warehouse: Warehouse
    connectors: dict[str, FakeConnector]

    def client(self, **kw: Any) -> TestClient:
        return TestClient(self.app, **kw)


def make_app(warehouse: Warehouse, *, lock_wait_s: float = 3.0, secure_cookies: bool | None = None,
             connector_ok: bool = True, **settings: Any) -> App:
    connectors: dict[str, FakeConnector] = {}

    def provide(platform: str, account_id: str | None) -> FakeConnector:
        return connectors.setdefault(platform, FakeConnector(platform, connector_ok))

    app = create_app(
        warehouse.path, None, warehouse.clock, provide, secure_cookies,
        settings=WebSettings(secret_key="test-secret-key-not-real", lock_wait_s=lock_wait_s, **settings),
    )
    return App(app, warehouse, connectors)


@pytest.fixture
def web(warehouse: Warehouse) -> App:
    return make_app(warehouse)


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    m = CSRF.search(html)
    assert m, "page has no CSRF token"
    return m.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    page = client.get("/login")
    return client.post("/login", data={"username": username, "password": password, "csrf": csrf_of(page.text)},
                       follow_redirects=False)


@pytest.fixture
def logged_in(web: App) -> Callable[[str], TestClient]:
    def make(username: str) -> TestClient:
        client = web.client()
        r = login(client, username)
        assert r.status_code == 303, r.text
        return client

    return make
