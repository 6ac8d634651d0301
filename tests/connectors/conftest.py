"""Shared helpers for connector tests: a manual clock, a retry policy that never really
sleeps (it moves the clock instead), fixtures loaded as exact bytes, landing readers."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectors.retry import RetryPolicy
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone, Manifest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NOW = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)


def fixture_text(platform: str, name: str) -> str:
    return (FIXTURES / platform / name).read_text(encoding="utf-8")


def fixture_json(platform: str, name: str) -> Any:
    return json.loads(fixture_text(platform, name))


class Sleeps:
    """Records requested sleeps and advances the clock instead of sleeping."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.slept: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def sleeps(clock: ManualClock) -> Sleeps:
    return Sleeps(clock)


@pytest.fixture
def retry(clock: ManualClock, sleeps: Sleeps) -> RetryPolicy:
    return RetryPolicy(sleep=sleeps, now=clock.now, base_delay=0.5)


@pytest.fixture
def landing(tmp_path: Path) -> LandingZone:
    return LandingZone(tmp_path / "landing")


def landed_lines(landing: LandingZone, manifest: Manifest) -> list[dict[str, Any]]:
    if manifest.data_file is None:
        return []
    path = landing.folder(manifest.platform, manifest.source_id) / manifest.data_file
    return [
        json.loads(line) for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    ]


def landed_bytes(landing: LandingZone, manifest: Manifest) -> bytes:
    assert manifest.data_file is not None
    return gzip.decompress(
        (landing.folder(manifest.platform, manifest.source_id) / manifest.data_file).read_bytes()
    )
