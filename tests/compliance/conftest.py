"""Fixtures for the proof-of-monitoring tests: a configured fresh warehouse and check writers."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pytest

from alerts.mail import SmtpSettings
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import Config, parse_config
from schoolwatch.core.landing import LandingZone, Manifest
from schoolwatch.pipeline import sync_registry
from warehouse.db import connect
from warehouse.loader import load_landing, record_check


def example_data() -> dict[str, Any]:
    return tomllib.loads(resources.files("schoolwatch").joinpath("example.toml").read_text(encoding="utf-8"))


def make_config(folder: Path, **overrides: Any) -> Config:
    data = example_data()
    data["paths"] = {"data_dir": str(folder)}
    for key, value in overrides.items():
        data[key] = value
    return parse_config(data, source="test", base_dir=folder)


@pytest.fixture
def cfg(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture
def wh(tmp_path: Path, cfg: Config) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh warehouse file with the example configuration's accounts registered."""
    with connect(tmp_path / "schoolwatch.duckdb") as con:
        sync_registry(con, cfg, datetime(2026, 9, 1, tzinfo=UTC))
        yield con


def settings_for(cfg: Config, port: int, outbox: Path) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, sender=str(cfg.smtp.sender), outbox_dir=outbox, timeout=5)


_n = 0


def check(
    con: duckdb.DuckDBPyConnection,
    account_id: str,
    at: datetime,
    *,
    status: str = "ok",
    kind: str = "automated",
    actor: str = "system",
    platform: str = "x",
) -> None:
    """One monitoring check finishing at ``at`` (written the way the loader writes it)."""
    global _n
    _n += 1
    record_check(
        con,
        check_id=f"t{_n}-{account_id}-{at.isoformat()}-{kind}",
        school_id="kestrel-vale",
        account_id=account_id,
        source_id=account_id,
        platform=platform,
        kind=kind,
        actor=actor,
        started_at=at - timedelta(seconds=20),
        finished_at=at,
        status=status,
        items=3,
        api_calls=1,
        error=None if status != "failed" else "HTTP 503 from the platform",
        recorded_at=at,
    )


def land_fetch(
    landing: LandingZone, account_id: str, platform: str, at: datetime, *, status: str = "ok", run: str
) -> None:
    """Write a fetch run's manifest into the landing zone, as a fetch task does."""
    landing.write_manifest(
        Manifest(
            run_id=f"{at.strftime('%Y%m%dT%H%M%S')}Z-{run}",
            platform=platform,
            source_id=account_id,
            school_id="kestrel-vale",
            account_id=account_id,
            started_at=(at - timedelta(seconds=30)).isoformat(),
            finished_at=at.isoformat(),
            status=status,  # type: ignore[arg-type]
            items=0,
            api_calls=1,
            error=None if status == "ok" else "HTTPError 503 Service Unavailable from GET /2/users/:id/mentions",
            error_kind=None if status == "ok" else "retriable",
        )
    )


def load(con: duckdb.DuckDBPyConnection, landing: LandingZone, when: datetime) -> None:
    load_landing(con, landing, ManualClock(when))
