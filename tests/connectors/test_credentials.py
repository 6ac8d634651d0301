"""Credential lookup order and the lazy connector factory."""

from __future__ import annotations

import pytest

from connectors.credentials import describe, env_name, lookup, missing, resolve
from connectors.errors import FatalError
from connectors.factory import build_connector
from schoolwatch.core.clock import ManualClock


def test_account_specific_wins_then_generic_then_bare_key() -> None:
    env = {
        "SCHOOLWATCH_X_BEARER_TOKEN_ST_EXAMPLE_X": "per-account",
        "SCHOOLWATCH_X_BEARER_TOKEN": "generic",
        "SCHOOLWATCH_X_CONSUMER_KEY": "",
        "consumer_secret": "from-airflow-extra",
    }
    assert (
        env_name("x", "bearer_token", "st-example-x") == "SCHOOLWATCH_X_BEARER_TOKEN_ST_EXAMPLE_X"
    )
    assert lookup(env, "x", "BEARER_TOKEN", "st-example-x") == "per-account"
    assert lookup(env, "x", "BEARER_TOKEN", "other-school") == "generic"
    assert lookup(env, "x", "CONSUMER_KEY") is None  # empty counts as unset
    creds = resolve(
        env, "x", ["SCHOOLWATCH_X_BEARER_TOKEN", "CONSUMER_SECRET", "CONSUMER_KEY"], "st-example-x"
    )
    assert creds == {"BEARER_TOKEN": "per-account", "CONSUMER_SECRET": "from-airflow-extra"}
    assert missing(creds, "x", ["SCHOOLWATCH_X_BEARER_TOKEN", "SCHOOLWATCH_X_CONSUMER_KEY"]) == [
        "SCHOOLWATCH_X_CONSUMER_KEY"
    ]
    text = "\n".join(describe(env, "x", ["BEARER_TOKEN", "CONSUMER_KEY"], "st-example-x"))
    assert "per-account" not in text and "SCHOOLWATCH_X_BEARER_TOKEN_ST_EXAMPLE_X" in text
    assert "SCHOOLWATCH_X_CONSUMER_KEY: missing" in text


def test_factory_rejects_unknown_platform() -> None:
    with pytest.raises(FatalError, match="unknown platform"):
        build_connector("myspace", {}, clock=ManualClock())


def test_airflow_connection_fields() -> None:
    from connectors.credentials import from_connection

    source = from_connection(
        "facebook",
        password="page-token",
        password_key="PAGE_TOKEN",
        extra={"app_secret": "s3", "app_id": "", "n": 1},
    )
    assert source == {"PAGE_TOKEN": "page-token", "APP_SECRET": "s3"}
    assert resolve(source, "facebook", ["PAGE_TOKEN", "APP_SECRET", "APP_ID"], "fb-page") == {
        "PAGE_TOKEN": "page-token",
        "APP_SECRET": "s3",
    }
