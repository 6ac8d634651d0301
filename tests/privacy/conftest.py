"""Fixtures for the privacy tests: a real warehouse loaded through the real pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectors.base import FetchedItem, FetchResult, PageBudget, SourceSpec, fetch_to_landing
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import Config, parse_config
from schoolwatch.core.landing import LandingZone
from schoolwatch.pipeline import landing_root, process

KEY = b"test-pseudonym-key-0123456789abcdef"
T0 = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)


def make_config(tmp_path: Path, **retention: Any) -> Config:
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
            "retention": retention,
            "paths": {"data_dir": str(tmp_path / "data")},
        }
    )


@dataclass
class Tweet:
    native_id: str
    handle: str
    author_id: str
    text: str


class ListConnector:
    """A fake X platform that returns the tweets it was given, shaped as tweepy lands them."""

    platform = "x"

    def __init__(self, tweets: list[Tweet], created: datetime) -> None:
        self.tweets = tweets
        self.created = created

    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        items = [
            FetchedItem(
                native_id=t.native_id,
                item={
                    "id": t.native_id,
                    "text": t.text,
                    "author_id": t.author_id,
                    "created_at": self.created.isoformat().replace("+00:00", "Z"),
                    "edit_history_tweet_ids": [t.native_id],
                },
                stream="mentions",
                endpoint="GET /2/users/:id/mentions",
                context={"author": {"id": t.author_id, "username": t.handle, "name": f"Name of {t.handle}"}},
            )
            for t in self.tweets
        ]
        return FetchResult(items=items, cursor={"since_id": self.tweets[-1].native_id} if self.tweets else None, api_calls=1, pages=1)

    def check(self, native_id: str) -> Any:  # pragma: no cover - not used
        raise NotImplementedError

    def hide(self, native_id: str) -> Any:  # pragma: no cover - not used
        raise NotImplementedError


SPEC = SourceSpec(source_id="x-main", school_id="kestrel-vale", platform="x", kind="account", handle="KestrelValeAcad", account_id="x-main", own=True)


def land(cfg: Config, clock: ManualClock, tweets: list[Tweet]) -> None:
    fetch_to_landing(ListConnector(tweets, clock.now() - timedelta(hours=1)), SPEC, None, LandingZone(landing_root(cfg)), clock)


def ingest(cfg: Config, clock: ManualClock, tweets: list[Tweet]) -> dict[str, Any]:
    land(cfg, clock, tweets)
    return process(cfg, cfg.db_path, clock).as_dict()


def file_has(path: Path, marker: str) -> bool:
    data = path.read_bytes()
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        data += wal.read_bytes()
    return marker.encode() in data


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)
