"""A small Graph API client (Facebook Pages and Instagram) on ``requests``.

Why not facebook-sdk: its last release (3.1.0, 2018) accepts only API versions 2.8-3.1
and rejects every current version by its format check; it has no retries, no
``appsecret_proof`` and no usage headers (see the README's dependency notes). facebook-business is
heavy (it replaces ``sys.excepthook`` by default and follows only cursor paging). We need
six endpoints, so this module calls them directly, pinned to :data:`DEFAULT_VERSION`.

What it does:

- pins the version (constructor argument) and takes the base URL, so tests and the
  benchmark point it at a fake server;
- signs every call with ``appsecret_proof`` (HMAC-SHA256 of the token with the app secret)
  when an app secret is given;
- retries transient failures through :class:`~connectors.retry.RetryPolicy`;
- reads ``X-App-Usage`` and ``X-Business-Use-Case-Usage`` after every call and stops
  before the platform throttles us (:attr:`GraphClient.max_usage` per cent);
- maps Graph error codes onto the error tree (:func:`graph_error`): 4/17/32/613/80001+
  rate limits, 1/2 and ``is_transient`` retriable, 190 invalid token and 10/200-299
  missing permission as :class:`~connectors.errors.AuthError` naming the account and the
  permission, 100/33 missing object as :class:`GraphMissingObject`;
- follows ``paging.next`` until it is absent (a ``next`` link can sit on an empty page),
  only on the configured host, never persisting Graph cursors (deletions invalidate them).

Tokens only ever travel as query parameters to the configured host; error messages and
logs show URLs through :func:`connectors.http.redact`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import requests

from connectors.base import PageBudget
from connectors.errors import (
    AuthError,
    ConnectorError,
    RateLimitedError,
    RetriableError,
    SkippableError,
)
from connectors.http import Where, error_for_exception, redact, retry_at_from_headers
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import Clock

log = logging.getLogger(__name__)

DEFAULT_VERSION = "v24.0"
GRAPH_URL = "https://graph.facebook.com"
RATE_LIMIT_CODES = frozenset(
    {4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014}
)
TRANSIENT_CODES = frozenset({1, 2})
PERMISSION_CODES = frozenset({10, *range(200, 300)})
RATE_LIMIT_DEFAULT_WAIT = timedelta(minutes=15)  # when the platform gives no regain time


class GraphErrorMixin:
    """The Graph API's own error fields, kept on every mapped error."""

    code: int | None = None
    subcode: int | None = None
    fbtrace_id: str | None = None
    body: dict[str, Any] | None = None


class GraphMissingObject(SkippableError, GraphErrorMixin):
    """Code 100 subcode 33 (or 803): the object does not exist *or* we may not see it."""


class GraphRequestError(SkippableError, GraphErrorMixin):
    """Any other rejected request (bad field, bad parameter)."""


class GraphAuthError(AuthError, GraphErrorMixin):
    """Code 190 (token invalid/expired) or 10/200-299 (permission missing)."""


class GraphRateLimited(RateLimitedError, GraphErrorMixin):
    pass


class GraphRetriable(RetriableError, GraphErrorMixin):
    pass


def appsecret_proof(token: str, app_secret: str) -> str:
    return hmac.new(app_secret.encode("utf-8"), token.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass
class Usage:
    """The highest percentage in the usage headers, and how long until access is regained."""

    percent: float = 0.0
    regain_minutes: float = 0.0
    raw: dict[str, Any] | None = None


def read_usage(headers: Mapping[str, str]) -> Usage:
    """Parse ``X-App-Usage`` / ``X-Business-Use-Case-Usage`` / ``X-Page-Usage``."""
    usage = Usage(raw={})
    for name in ("x-app-usage", "x-page-usage", "x-business-use-case-usage"):
        value = next((v for k, v in headers.items() if k.lower() == name), None)
        if not value:
            continue
        try:
            doc = json.loads(value)
        except ValueError:
            log.warning("unreadable %s header", name)
            continue
        assert usage.raw is not None
        usage.raw[name] = doc
        entries: list[dict[str, Any]] = []
        if name == "x-business-use-case-usage" and isinstance(doc, dict):
            for v in doc.values():
                entries += [e for e in v if isinstance(e, dict)] if isinstance(v, list) else []
        elif isinstance(doc, dict):
            entries = [doc]
        for e in entries:
            for key in ("call_count", "total_cputime", "total_time"):
                if isinstance(e.get(key), int | float):
                    usage.percent = max(usage.percent, float(e[key]))
            regain = e.get("estimated_time_to_regain_access")
            if isinstance(regain, int | float):
                usage.regain_minutes = max(usage.regain_minutes, float(regain))
    return usage


def graph_error(
    status: int,
    body: Any,
    headers: Mapping[str, str],
    where: Where,
    clock: Clock,
    *,
    needs: tuple[str, ...] = (),
) -> ConnectorError:
    """The error a failed Graph response means, by its error code."""
    err = body.get("error") if isinstance(body, dict) else None
    kw: dict[str, Any] = {"platform": where.platform, "endpoint": where.endpoint, "status": status}
    if not isinstance(err, dict):
        # no Graph error body (an HTML 502 from a proxy, an empty 500)
        if status >= 500 or status == 429:
            e: ConnectorError = GraphRetriable("server error without a Graph error body", **kw)
        elif status in (401, 403):
            e = GraphAuthError(f"credential rejected for {where.who()}", **kw)
        else:
            e = GraphRequestError("request rejected without a Graph error body", **kw)
        return e
    code = _int(err.get("code"))
    sub = _int(err.get("error_subcode"))
    message = str(err.get("message", ""))[:300]
    tag = f"code {code}" + (f"/{sub}" if sub else "")
    if code in RATE_LIMIT_CODES:
        usage = read_usage(headers)
        wait = timedelta(minutes=usage.regain_minutes) if usage.regain_minutes else None
        retry_at = retry_at_from_headers(headers, clock) or clock.now() + (
            wait or RATE_LIMIT_DEFAULT_WAIT
        )
        e = GraphRateLimited(
            f"rate limited ({tag}) until {retry_at.isoformat()}: {message}", retry_at=retry_at, **kw
        )
    elif code in TRANSIENT_CODES or err.get("is_transient") is True:
        e = GraphRetriable(f"temporary error ({tag}): {message}", **kw)
    elif code == 190:
        perms = f"; it needs {', '.join(needs)}" if needs else ""
        e = GraphAuthError(
            f"access token for {where.who()} is invalid or expired ({tag}): {message}{perms}."
            " Create a new long-lived Page token (see the runbook)",
            **kw,
        )
    elif code in PERMISSION_CODES:
        missing = _permission_in(message) or (" or ".join(needs) if needs else "a permission")
        e = GraphAuthError(
            f"{where.who()} lacks {missing} ({tag}): {message}. Grant it to the app and create a new token",
            **kw,
        )
    elif (code == 100 and sub == 33) or code in (33, 803):
        e = GraphMissingObject(f"object missing or not visible ({tag}): {message}", **kw)
    elif status >= 500:
        e = GraphRetriable(f"server error ({tag}): {message}", **kw)
    else:
        e = GraphRequestError(f"request rejected ({tag}): {message}", **kw)
    assert isinstance(e, GraphErrorMixin)
    e.code, e.subcode, e.fbtrace_id, e.body = code, sub, err.get("fbtrace_id"), body
    return e


def _permission_in(message: str) -> str | None:
    words = [w.strip(".,()'\"") for w in message.split()]
    perms = [
        w for w in words if w.startswith(("pages_", "instagram_", "business_", "read_", "publish_"))
    ]
    return ", ".join(dict.fromkeys(perms)) or None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class GraphClient:
    """GET/POST/DELETE on the Graph API with retries, usage tracking and error mapping.

    ``needs`` lists the permissions the caller relies on, so an auth error can name them.
    """

    def __init__(
        self,
        access_token: str,
        *,
        clock: Clock,
        app_secret: str | None = None,
        version: str = DEFAULT_VERSION,
        base_url: str = GRAPH_URL,
        session: requests.Session | None = None,
        retry: RetryPolicy | None = None,
        account: str = "",
        platform: str = "facebook",
        needs: tuple[str, ...] = (),
        timeout: float = 30.0,
        max_usage: float = 90.0,
    ) -> None:
        if not version.startswith("v"):
            version = f"v{version}"
        self.version = version
        self.base_url = base_url.rstrip("/")
        self._host = urlsplit(self.base_url).netloc
        self._token = access_token
        self._proof = appsecret_proof(access_token, app_secret) if app_secret else None
        self.clock = clock
        self.session = session or requests.Session()
        self.retry = retry or RetryPolicy(now=clock.now)
        self.account = account
        self.platform = platform
        self.needs = needs
        self.timeout = timeout
        self.max_usage = max_usage
        self.api_calls = 0
        self.usage = Usage()
        self.last_complete = True

    def __repr__(self) -> str:  # never show the token
        return f"GraphClient({self.base_url}/{self.version}, account={self.account!r})"

    # -- requests -------------------------------------------------------------
    def url(self, path: str) -> str:
        return f"{self.base_url}/{self.version}/{path.lstrip('/')}"

    def get(
        self, path: str, params: Mapping[str, Any] | None = None, *, endpoint: str = ""
    ) -> dict[str, Any]:
        return self._request("GET", self.url(path), dict(params or {}), endpoint or path)

    def post(
        self, path: str, params: Mapping[str, Any] | None = None, *, endpoint: str = ""
    ) -> dict[str, Any]:
        return self._request("POST", self.url(path), dict(params or {}), endpoint or path)

    def delete(self, path: str, *, endpoint: str = "") -> dict[str, Any]:
        return self._request("DELETE", self.url(path), {}, endpoint or path)

    def paginate(
        self,
        path: str,
        params: Mapping[str, Any] | None,
        budget: PageBudget,
        *,
        endpoint: str = "",
    ) -> Iterator[dict[str, Any]]:
        """Yield each page (the whole JSON document); follows ``paging.next`` until absent.

        Stops when the budget is used up; :attr:`last_complete` then says False (the
        edge was not read to its end).
        """
        endpoint = endpoint or path
        self.last_complete = False
        url: str | None = self.url(path)
        query: dict[str, Any] = dict(params or {})
        while url is not None:
            if not budget.take():
                return
            page = self._request("GET", url, query, endpoint)
            yield page
            nxt = (page.get("paging") or {}).get("next")
            if not nxt:
                self.last_complete = True
                return
            url, query = self._next(nxt, endpoint)

    def _next(self, nxt: str, endpoint: str) -> tuple[str, dict[str, Any]]:
        parts = urlsplit(nxt)
        if parts.netloc != self._host:
            # never send the token to a host we were not configured for
            raise GraphRequestError(
                f"paging.next points at another host ({parts.netloc})",
                platform=self.platform,
                endpoint=endpoint,
            )
        query = {
            k: v
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k not in ("access_token", "appsecret_proof")
        }
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")), query

    def _request(
        self, method: str, url: str, params: dict[str, Any], endpoint: str
    ) -> dict[str, Any]:
        where = Where(self.platform, self.account, endpoint)
        if self.usage.percent >= self.max_usage:
            wait = timedelta(
                minutes=self.usage.regain_minutes or RATE_LIMIT_DEFAULT_WAIT.total_seconds() / 60
            )
            raise GraphRateLimited(
                f"usage at {self.usage.percent:.0f}% of the Graph API limit; pausing before it throttles",
                retry_at=self.clock.now() + wait,
                platform=self.platform,
                endpoint=endpoint,
            )
        auth = {"access_token": self._token}
        if self._proof:
            auth["appsecret_proof"] = self._proof
        send_params = {**params, **auth}

        def once() -> dict[str, Any]:
            self.api_calls += 1
            try:
                if method == "GET" or method == "DELETE":
                    resp = self.session.request(
                        method, url, params=send_params, timeout=self.timeout
                    )
                else:
                    resp = self.session.request(method, url, data=send_params, timeout=self.timeout)
            except requests.RequestException as exc:
                raise error_for_exception(exc, where) from None
            self.usage = read_usage(resp.headers) if _has_usage(resp.headers) else self.usage
            if self.usage.percent >= 80:
                log.warning(
                    "%s Graph API usage at %.0f%% (%s)", self.platform, self.usage.percent, endpoint
                )
            try:
                body = resp.json()
            except ValueError:
                body = None
            if resp.status_code >= 400 or (isinstance(body, dict) and "error" in body):
                raise graph_error(
                    resp.status_code, body, resp.headers, where, self.clock, needs=self.needs
                )
            if not isinstance(body, dict):
                raise SkippableError(
                    f"malformed JSON ({resp.headers.get('content-type', '?')}, {len(resp.content)} bytes)",
                    platform=self.platform,
                    endpoint=endpoint,
                    status=resp.status_code,
                )
            return body

        log.debug("%s %s", method, redact(url))
        return self.retry.call(once, what=f"{self.platform} {endpoint}")

    # -- token ------------------------------------------------------------------
    def debug_token(self, app_token: str | None = None) -> dict[str, Any]:
        """``GET /debug_token``: the token's validity, type, scopes (never the token itself).

        Uses the app token (``app_id|app_secret``) when given, else the token debugs itself.
        """
        where = Where(self.platform, self.account, "/debug_token")
        params = {"input_token": self._token, "access_token": app_token or self._token}
        if self._proof and not app_token:
            params["appsecret_proof"] = self._proof

        def once() -> dict[str, Any]:
            self.api_calls += 1
            try:
                resp = self.session.get(
                    self.url("debug_token"), params=params, timeout=self.timeout
                )
            except requests.RequestException as exc:
                raise error_for_exception(exc, where) from None
            try:
                body = resp.json()
            except ValueError:
                body = None
            if resp.status_code >= 400 or not isinstance(body, dict) or "error" in body:
                raise graph_error(
                    resp.status_code, body, resp.headers, where, self.clock, needs=self.needs
                )
            data = body.get("data")
            return data if isinstance(data, dict) else {}

        return self.retry.call(once, what=f"{self.platform} /debug_token")


def _has_usage(headers: Mapping[str, str]) -> bool:
    return any(
        k.lower() in ("x-app-usage", "x-page-usage", "x-business-use-case-usage") for k in headers
    )


def unix(dt: datetime) -> int:
    return int(dt.timestamp())
