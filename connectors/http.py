"""HTTP status -> error tree, shared by every requests-based connector.

One place decides what a response means for recovery:

- 429 (or a 403 that carries an exhausted rate-limit header) -> :class:`RateLimitedError`
  with ``retry_at`` read from ``Retry-After`` (seconds or an HTTP date),
  ``x-rate-limit-reset`` (X, unix seconds), ``ratelimit-reset`` (Bluesky, unix seconds) or
  ``x-ratelimit-reset`` (Reddit, seconds from now);
- 5xx, timeouts and connection errors -> :class:`RetriableError`;
- 401/403 -> :class:`AuthError` naming the account (a token never appears in the message);
- a body that is not JSON -> :class:`SkippableError`.

Time comes from the injected clock so tests never sleep. :func:`send` wraps one request
in the shared :class:`~connectors.retry.RetryPolicy` and counts calls.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from connectors.errors import (
    AuthError,
    ConnectorError,
    RateLimitedError,
    RetriableError,
    SkippableError,
)
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import Clock

log = logging.getLogger(__name__)

# Query parameters that must never reach a log line or an error message.
_SECRET_PARAMS = re.compile(
    r"(access_token|appsecret_proof|client_secret|token|key|password|signature)=[^&\s]*", re.I
)


def redact(url: str) -> str:
    """A URL with secret query parameters blanked, safe for logs and error messages."""
    return _SECRET_PARAMS.sub(lambda m: f"{m.group(1)}=***", url)


@dataclass(frozen=True)
class Where:
    """What an error message names: the platform, the account and the endpoint."""

    platform: str
    account: str = ""
    endpoint: str = ""

    def who(self) -> str:
        return f"account {self.account!r}" if self.account else "this source"


def retry_at_from_headers(headers: Mapping[str, str], clock: Clock) -> datetime | None:
    """When the platform said we may call again, or None when it did not say."""
    h = {k.lower(): v for k, v in headers.items()}
    now = clock.now()
    ra = h.get("retry-after")
    if ra:
        ra = ra.strip()
        if ra.isdigit():
            return now + timedelta(seconds=int(ra))
        try:
            when = parsedate_to_datetime(ra)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return when if when.tzinfo else when.replace(tzinfo=UTC)
    for name in ("x-rate-limit-reset", "ratelimit-reset"):
        epoch = _number(h.get(name))
        if epoch is not None and epoch > 1_000_000_000:  # an absolute unix time
            return datetime.fromtimestamp(epoch, tz=UTC)
        if epoch is not None:
            return now + timedelta(seconds=epoch)
    seconds = _number(h.get("x-ratelimit-reset"))  # Reddit: seconds until the window resets
    if seconds is not None:
        return now + timedelta(seconds=seconds)
    return None


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value.strip())
    except ValueError:
        return None


def _rate_exhausted(headers: Mapping[str, str]) -> bool:
    h = {k.lower(): v for k, v in headers.items()}
    for name in ("x-rate-limit-remaining", "ratelimit-remaining", "x-ratelimit-remaining"):
        n = _number(h.get(name))
        if n is not None and n < 1:
            return True
    return False


def error_for_status(
    status: int,
    headers: Mapping[str, str],
    where: Where,
    clock: Clock,
    *,
    detail: str = "",
) -> ConnectorError | None:
    """The error a status means, or None for a success (2xx/3xx)."""
    kw: dict[str, Any] = {"platform": where.platform, "endpoint": where.endpoint, "status": status}
    extra = f": {detail}" if detail else ""
    if status < 400:
        return None
    if status == 429 or (status == 403 and _rate_exhausted(headers)):
        retry_at = retry_at_from_headers(headers, clock)
        when = f" until {retry_at.isoformat()}" if retry_at else ""
        return RateLimitedError(f"rate limited{when}{extra}", retry_at=retry_at, **kw)
    if status in (401, 403):
        what = "credential rejected (expired or revoked)" if status == 401 else "permission denied"
        return AuthError(f"{what} for {where.who()}{extra}", **kw)
    if status >= 500 or status in (408, 425):
        return RetriableError(
            f"server error{extra}", retry_at=retry_at_from_headers(headers, clock), **kw
        )
    return None  # other 4xx: the platform module decides (often "not found" / "bad request")


def error_for_exception(exc: requests.RequestException, where: Where) -> ConnectorError:
    """Timeouts and connection failures are retriable; anything else is retriable too,
    since requests raises only for transport problems, never for a status."""
    kind = exc.__class__.__name__
    return RetriableError(
        f"{kind} talking to the platform", platform=where.platform, endpoint=where.endpoint
    )


def parse_json(resp: requests.Response, where: Where) -> Any:
    """The JSON body, or :class:`SkippableError` when it is not JSON."""
    try:
        return resp.json()
    except (json.JSONDecodeError, ValueError) as exc:
        ctype = resp.headers.get("content-type", "?")
        raise SkippableError(
            f"malformed JSON ({ctype}, {len(resp.content)} bytes): {exc}",
            platform=where.platform,
            endpoint=where.endpoint,
            status=resp.status_code,
        ) from None


def raise_for_response(
    resp: requests.Response, where: Where, clock: Clock, *, detail: str = ""
) -> None:
    """Raise the mapped error for a non-success response (unmapped 4xx: SkippableError)."""
    err = error_for_status(resp.status_code, resp.headers, where, clock, detail=detail)
    if err is not None:
        raise err
    if resp.status_code >= 400:
        raise SkippableError(
            f"request rejected{': ' + detail if detail else ''}",
            platform=where.platform,
            endpoint=where.endpoint,
            status=resp.status_code,
        )


class CallCounter:
    """Counts API calls made through :func:`send` (for manifests and the benchmark)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1


def send(
    session: requests.Session,
    method: str,
    url: str,
    where: Where,
    clock: Clock,
    *,
    retry: RetryPolicy | None = None,
    counter: CallCounter | None = None,
    timeout: float = 30.0,
    **kwargs: Any,
) -> requests.Response:
    """One request with retries; returns a 2xx/3xx/4xx response, raises retriable and auth errors.

    Unmapped 4xx responses are returned so the caller can read platform error bodies
    (the Graph API puts its error codes in a 400 body).
    """
    policy = retry or RetryPolicy(now=clock.now)

    def once() -> requests.Response:
        if counter is not None:
            counter()
        try:
            resp = session.request(method, url, timeout=timeout, **kwargs)
        except requests.RequestException as exc:
            raise error_for_exception(exc, where) from None
        err = error_for_status(resp.status_code, resp.headers, where, clock)
        if err is not None:
            raise err
        return resp

    return policy.call(once, what=f"{where.platform} {where.endpoint}")
