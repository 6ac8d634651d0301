"""Configuration: the example is valid; bad files fail with a message naming the key."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from schoolwatch.core.config import ConfigError, load_config, parse_config, parse_duration

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "schoolwatch.example.toml"


def example() -> dict:
    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_example_config_is_valid_and_complete() -> None:
    cfg = load_config(EXAMPLE)
    assert cfg.schools[0].name == "Kestrel Vale Academy"
    assert {a.platform for a in cfg.accounts} >= {"x", "facebook", "reddit"}
    assert all(a.check_every <= timedelta(days=7) for a in cfg.accounts)
    assert cfg.head is not None and cfg.head.is_head
    assert cfg.contacts.dsl.email
    assert cfg.calendar.is_holiday(date(2026, 10, 27))  # half term
    assert not cfg.calendar.is_holiday(date(2026, 11, 17))  # in term
    assert cfg.calendar.is_holiday(date(2026, 12, 25))  # between terms
    assert cfg.db_path == ROOT / "data" / "schoolwatch.duckdb"


def test_bundled_example_matches_the_repository_copy() -> None:
    bundled = ROOT / "schoolwatch" / "example.toml"
    assert bundled.read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


def _error(data: dict) -> str:
    with pytest.raises(ConfigError) as info:
        parse_config(data, source="test.toml")
    return str(info.value)


def test_check_interval_over_a_week_names_the_key() -> None:
    data = example()
    data["accounts"][1]["holiday_check_every"] = "8d"
    msg = _error(data)
    assert "accounts.1.holiday_check_every" in msg and "at most 7 days" in msg


def test_unknown_platform_and_missing_contact_are_named() -> None:
    data = example()
    data["accounts"][0]["platform"] = "myspace"
    del data["contacts"]["dsl"]
    msg = _error(data)
    assert "accounts.0.platform" in msg
    assert "contacts.dsl" in msg


def test_same_principal_and_reserve_refused() -> None:
    data = example()
    data["accounts"][0]["reserve"] = data["accounts"][0]["principal"]
    assert "principal and reserve" in _error(data)


def test_unknown_keys_and_bad_values_refused() -> None:
    data = example()
    data["accounts"][0]["password"] = "hunter2"  # secrets never live in the file
    data["contacts"]["dsl"]["email"] = "not-an-email"
    msg = _error(data)
    assert "accounts.0.password" in msg and "Extra inputs" in msg
    assert "contacts.dsl.email" in msg
    assert "hunter2" not in msg


def test_duplicate_ids_and_rss_without_url() -> None:
    data = example()
    data["accounts"].append(dict(data["accounts"][0]))
    assert "duplicate id 'x-main'" in _error(data)
    data = example()
    del data["searches"][2]["url"]
    assert "an rss search needs url" in _error(data)


def test_file_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[school\nname = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("6h", 21600), ("1d", 86400), ("1w", 604800), (60, 60)])
def test_durations(text, seconds) -> None:
    assert parse_duration(text).total_seconds() == seconds


@pytest.mark.parametrize("bad", ["soon", "1y", "", True, None])
def test_bad_durations(bad) -> None:
    with pytest.raises(ValueError):
        parse_duration(bad)

