"""Fixtures for the case tests: a demo warehouse to act on, fake connectors, real SMTP."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from alerts.cases import open_cases_from_flags
from alerts.mail import SmtpSettings
from connectors.base import ActionResult, CheckResult, FetchResult, PageBudget, SourceSpec
from connectors.errors import AuthError
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import Config, load_config
from schoolwatch.core.ids import canonical_json, sha256_text
from warehouse.db import connect

DEMO_OPENED = datetime(2026, 11, 16, 8, 0, tzinfo=__import__("datetime").UTC)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(2)> gonna hurt everyone at Kestrel Vale'


@dataclass
class FakeConnector:
    """Implements connectors.base.Connector: answers check() from a per-item state."""

    platform: str
    states: dict[str, str] = field(default_factory=dict)  # native_id -> present|removed|unknown|raise
    default: str = "present"
    checks: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    def fetch(self, source: SourceSpec, cursor, budget: PageBudget) -> FetchResult:  # pragma: no cover - unused
        return FetchResult([], cursor)

    def check(self, native_id: str) -> CheckResult:
        self.checks.append(native_id)
        state = self.states.get(native_id, self.default)
        if state == "raise":
            raise AuthError("token expired", platform=self.platform, endpoint="check", status=401)
        return CheckResult(state, evidence={"checked": native_id, "answer": state}, reason=f"fake {state}")  # type: ignore[arg-type]

    def hide(self, native_id: str) -> ActionResult:
        self.hidden.append(native_id)
        return ActionResult(True, evidence={"success": True, "id": native_id})


@dataclass
class Warehouse:
    db: Path
    cfg: Config
    clock: ManualClock

    def con(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.db))

    def case_id(self, category: str) -> int:
        with connect(self.db) as con:
            row = con.execute("SELECT min(case_id) FROM cases WHERE category = ?", [category]).fetchone()
        assert row and row[0] is not None, f"no {category} case in the demo"
        return int(row[0])

    def post_of(self, case_id: int) -> tuple[str, str]:
        with connect(self.db) as con:
            row = con.execute("SELECT p.platform, p.native_id FROM cases c JOIN posts p USING (post_id) WHERE case_id = ?", [case_id]).fetchone()
        assert row
        return row[0], row[1]


@pytest.fixture
def wh(demo_copy: Path) -> Warehouse:
    cfg = load_config(demo_copy / "schoolwatch.toml")
    # The demo writes its critical alerts to the outbox only (delivery off, status
    # 'disabled'). These tests deliver over real SMTP, so they start from a warehouse
    # whose alerts have not gone out yet.
    with connect(cfg.db_path) as con:
        con.execute("DELETE FROM notifications WHERE status = 'disabled'")
    return Warehouse(cfg.db_path, cfg, ManualClock(DEMO_OPENED))


@pytest.fixture
def settings(smtp_server, tmp_path: Path) -> SmtpSettings:
    return SmtpSettings(smtp_server.host, smtp_server.port, "schoolwatch@kestrelvale.example.org", tmp_path / "outbox")


@pytest.fixture
def fakes() -> dict[str, FakeConnector]:
    return {p: FakeConnector(p) for p in ("x", "facebook", "reddit")}


def add_flagged_post(
    db: Path, cfg: Config, *, native_id: str, text: str, category: str, severity: str, now: datetime,
    platform: str = "facebook", account_id: str | None = "facebook-page",
) -> int:
    """Land one invented post with a flag through the raw store and open its case."""
    item = {"id": native_id, "message": text, "from": {"name": "Invented Poster", "id": "555"},
            "created_time": now.isoformat()}
    stored = canonical_json({"context": {}, "item": item})
    sha = sha256_text(stored)
    pid = f"{platform}:{native_id}"
    with connect(db) as con:
        con.execute(
            "INSERT INTO raw_items (post_id, sha256, platform, source_id, payload, landing_path, line_no, fetched_at) "
            "VALUES (?, ?, ?, 'test', ?, 'test.jsonl.gz', 1, ?)",
            [pid, sha, platform, stored, now],
        )
        con.execute(
            "INSERT INTO posts (post_id, school_id, platform, native_id, source_id, account_id, item_kind, author_name, "
            "text, url, created_at, raw_sha256, first_seen, last_seen) VALUES (?, ?, ?, ?, 'test', ?, 'comment', "
            "'Invented Poster', ?, ?, ?, ?, ?, ?)",
            [pid, cfg.schools[0].id, platform, native_id, account_id, text,
             f"https://www.facebook.com/{native_id}", now - timedelta(minutes=5), sha, now, now],
        )
        con.execute(
            "INSERT INTO flags VALUES (?, 'test-1', ?, ?, 0.97, '[]', 'rules', ?)", [pid, category, severity, now]
        )
        open_cases_from_flags(con, cfg, now)
        row = con.execute("SELECT case_id FROM cases WHERE post_id = ?", [pid]).fetchone()
    assert row
    return int(row[0])


@pytest.fixture
def outbox_messages(smtp_server) -> Iterator[list]:
    yield smtp_server.messages
