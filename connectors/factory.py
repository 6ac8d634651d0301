"""Build a connector by platform name, importing its module only when needed.

Every platform module ``connectors.<platform>`` exposes::

    REQUIRED_ENV: tuple[str, ...]      # generic env names, e.g. ("SCHOOLWATCH_X_BEARER_TOKEN",)
    OPTIONAL_ENV: tuple[str, ...]      # (optional) e.g. the keys hide actions need
    def from_credentials(creds: Mapping[str, str], *, clock: Clock, **kw) -> Connector
    def verify(creds: Mapping[str, str], spec: SourceSpec, **kw) -> list[PermissionCheck]

``creds`` is the ``{KEY: value}`` dict from :func:`connectors.credentials.resolve`. Keyword
arguments are passed through (``account=`` for error messages, an injected ``session=`` or
``client=`` for tests). Lazy imports keep ``schoolwatch --help`` and DAG parsing fast:
tweepy, praw and the Google client load only for the platform that needs them.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from connectors.base import (
    ActionResult,
    CheckResult,
    Connector,
    FetchResult,
    PageBudget,
    SourceSpec,
)
from connectors.credentials import PermissionCheck
from connectors.errors import ConnectorError, FatalError
from schoolwatch.core.clock import Clock
from schoolwatch.core.ids import PLATFORMS

CLASS_NAMES: dict[str, str] = {
    "x": "XConnector",
    "facebook": "FacebookConnector",
    "instagram": "InstagramConnector",
    "reddit": "RedditConnector",
    "youtube": "YouTubeConnector",
    "bluesky": "BlueskyConnector",
    "rss": "RssConnector",
}


def platform_module(platform: str) -> ModuleType:
    if platform not in PLATFORMS:
        raise FatalError(f"unknown platform {platform!r} (known: {', '.join(PLATFORMS)})")
    try:
        return importlib.import_module(f"connectors.{platform}")
    except ModuleNotFoundError as exc:
        if exc.name == f"connectors.{platform}":
            raise FatalError(
                f"no connector for platform {platform!r} yet", platform=platform
            ) from None
        raise


def required_env(platform: str) -> tuple[str, ...]:
    return tuple(platform_module(platform).REQUIRED_ENV)


def optional_env(platform: str) -> tuple[str, ...]:
    return tuple(getattr(platform_module(platform), "OPTIONAL_ENV", ()))


def build_connector(
    platform: str, creds: Mapping[str, str], *, clock: Clock, **kw: Any
) -> Connector:
    """The platform's connector built from resolved credentials."""
    connector: Connector = platform_module(platform).from_credentials(creds, clock=clock, **kw)
    return connector


def verify(
    platform: str, creds: Mapping[str, str], spec: SourceSpec, **kw: Any
) -> list[PermissionCheck]:
    """Check a credential and its permissions without fetching anything billable."""
    checks: list[PermissionCheck] = platform_module(platform).verify(creds, spec, **kw)
    return checks


class Unavailable:
    """Stands in for a connector that could not be built (no credential, no module yet).

    Its ``fetch`` raises the build error, so :func:`connectors.base.fetch_to_landing`
    records a *failed* check for that source, and the other sources go on.
    """

    def __init__(self, platform: str, error: ConnectorError) -> None:
        self.platform = platform
        self.error = error

    def fetch(
        self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget
    ) -> FetchResult:
        raise self.error

    def check(self, native_id: str) -> CheckResult:
        return CheckResult("unknown", {"error": str(self.error)}, "connector unavailable")

    def hide(self, native_id: str) -> ActionResult:
        return ActionResult(False, {"error": str(self.error)}, str(self.error))


def connector_or_failure(
    platform: str, creds: Mapping[str, str], *, clock: Clock, **kw: Any
) -> Connector:
    """:func:`build_connector`, or an :class:`Unavailable` carrying why it failed."""
    try:
        return build_connector(platform, creds, clock=clock, **kw)
    except ConnectorError as exc:
        return Unavailable(platform, exc)
