"""Backoff with jitter, shared by every connector. Sleep and time are injected for tests."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from connectors.errors import RateLimitedError, RetriableError

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class RetryPolicy:
    """Retry retriable errors up to ``attempts`` times with exponential backoff and jitter.

    A rate limit whose reset is further away than ``max_rate_wait`` seconds is not waited
    for: the error propagates so the run stops and resumes next time (recorded).
    """

    attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_rate_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], datetime] | None = None
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max_delay, base * 2**attempt)]."""
        cap = min(self.max_delay, self.base_delay * (2**attempt))
        return self.rng.uniform(0, cap)

    def call(self, fn: Callable[[], T], *, what: str = "") -> T:
        for attempt in range(self.attempts):
            try:
                return fn()
            except RateLimitedError as exc:
                wait = self._rate_wait(exc)
                if wait is None or wait > self.max_rate_wait or attempt == self.attempts - 1:
                    raise
                log.info("%s rate limited; waiting %.0fs for the reset", what, wait)
                self.sleep(wait)
            except RetriableError as exc:
                if attempt == self.attempts - 1:
                    raise
                d = self.delay(attempt)
                log.info("%s failed (%s); retry %d in %.1fs", what, exc, attempt + 1, d)
                self.sleep(d)
        raise AssertionError("unreachable")  # pragma: no cover

    def _rate_wait(self, exc: RateLimitedError) -> float | None:
        if exc.retry_at is None:
            return self.base_delay
        now = self.now() if self.now else datetime.now(exc.retry_at.tzinfo)
        return max(0.0, (exc.retry_at - now).total_seconds()) + 1.0
