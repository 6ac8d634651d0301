"""One exception tree, grouped by how to recover.

- :class:`RetriableError`: try again later (429, 5xx, timeouts). ``retry_at`` is set when
  the platform said when (rate-limit reset).
- :class:`FatalError`: stop this source until a person fixes it (auth, permission,
  configuration). The message names the account and what is missing.
- :class:`SkippableError`: one bad record; quarantine it with the reason and go on.

Messages name the platform, the endpoint and the status. They never contain a token.
"""

from __future__ import annotations

from datetime import datetime


class ConnectorError(Exception):
    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        platform: str = "",
        endpoint: str = "",
        status: int | None = None,
    ) -> None:
        self.platform = platform
        self.endpoint = endpoint
        self.status = status
        where = " ".join(p for p in (platform, endpoint, f"HTTP {status}" if status else "") if p)
        super().__init__(f"{where}: {message}" if where else message)


class RetriableError(ConnectorError):
    kind = "retriable"

    def __init__(self, message: str, *, retry_at: datetime | None = None, **kw: object) -> None:
        self.retry_at = retry_at
        super().__init__(message, **kw)  # type: ignore[arg-type]


class RateLimitedError(RetriableError):
    """The platform asked us to wait until ``retry_at``."""


class FatalError(ConnectorError):
    kind = "fatal"


class AuthError(FatalError):
    """Credential missing, expired or lacking a permission."""


class SkippableError(ConnectorError):
    kind = "skippable"
