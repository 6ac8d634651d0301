"""connectors.http: status -> error tree, against real requests with `responses`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests
import responses

from connectors.errors import AuthError, RateLimitedError, RetriableError, SkippableError
from connectors.http import CallCounter, Where, parse_json, redact, retry_at_from_headers, send
from connectors.retry import RetryPolicy
from schoolwatch.core.clock import ManualClock

NOW = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)
W = Where("reddit", "st-example-reddit", "/api/v1/me")


def policy(clock: ManualClock, slept: list[float]) -> RetryPolicy:
    def sleep(s: float) -> None:
        slept.append(s)
        clock.advance(timedelta(seconds=s))

    return RetryPolicy(sleep=sleep, now=clock.now, base_delay=0.01)


def test_retry_after_seconds_and_date_and_epoch() -> None:
    clock = ManualClock(NOW)
    assert retry_at_from_headers({"Retry-After": "30"}, clock) == NOW + timedelta(seconds=30)
    assert retry_at_from_headers(
        {"Retry-After": "Mon, 07 Sep 2026 08:05:00 GMT"}, clock
    ) == NOW + timedelta(minutes=5)
    epoch = int((NOW + timedelta(minutes=15)).timestamp())
    assert retry_at_from_headers({"x-rate-limit-reset": str(epoch)}, clock) == NOW + timedelta(
        minutes=15
    )
    assert retry_at_from_headers({"ratelimit-reset": str(epoch)}, clock) == NOW + timedelta(
        minutes=15
    )
    assert retry_at_from_headers({"x-ratelimit-reset": "42"}, clock) == NOW + timedelta(seconds=42)
    assert retry_at_from_headers({}, clock) is None


@responses.activate
def test_429_waits_for_reset_without_sleeping_for_real() -> None:
    clock = ManualClock(NOW)
    slept: list[float] = []
    url = "https://oauth.example.test/api/v1/me"
    responses.get(url, status=429, headers={"Retry-After": "20"})
    responses.get(url, json={"ok": True})
    counter = CallCounter()
    resp = send(
        requests.Session(), "GET", url, W, clock, retry=policy(clock, slept), counter=counter
    )
    assert resp.json() == {"ok": True}
    assert slept == [21.0]
    assert counter.calls == 2


@responses.activate
def test_429_far_away_reset_propagates_with_retry_at() -> None:
    clock = ManualClock(NOW)
    url = "https://oauth.example.test/api/v1/me"
    responses.get(url, status=429, headers={"Retry-After": "3600"})
    with pytest.raises(RateLimitedError) as err:
        send(requests.Session(), "GET", url, W, clock, retry=policy(clock, []))
    assert err.value.retry_at == NOW + timedelta(hours=1)


@responses.activate
def test_500_then_success_and_timeouts_retry() -> None:
    clock = ManualClock(NOW)
    url = "https://oauth.example.test/api/v1/me"
    responses.get(url, status=500)
    responses.get(url, body=requests.exceptions.ConnectTimeout("slow"))
    responses.get(url, json={"ok": 1})
    slept: list[float] = []
    assert send(requests.Session(), "GET", url, W, clock, retry=policy(clock, slept)).json() == {
        "ok": 1
    }
    assert len(slept) == 2


@responses.activate
def test_500_forever_is_retriable() -> None:
    clock = ManualClock(NOW)
    url = "https://oauth.example.test/api/v1/me"
    responses.get(url, status=503)
    with pytest.raises(RetriableError) as err:
        send(requests.Session(), "GET", url, W, clock, retry=policy(clock, []))
    assert not isinstance(err.value, RateLimitedError)
    assert len(responses.calls) == 4


@responses.activate
@pytest.mark.parametrize("status", [401, 403])
def test_auth_names_the_account_and_is_not_retried(status: int) -> None:
    clock = ManualClock(NOW)
    url = "https://oauth.example.test/api/v1/me?access_token=SECRETTOKEN"
    responses.get(url, status=status)
    with pytest.raises(AuthError) as err:
        send(requests.Session(), "GET", url, W, clock, retry=policy(clock, []))
    assert "st-example-reddit" in str(err.value)
    assert "SECRETTOKEN" not in str(err.value)
    assert len(responses.calls) == 1


@responses.activate
def test_malformed_json_is_skippable() -> None:
    url = "https://oauth.example.test/api/v1/me"
    responses.get(url, body="<html>oops</html>", content_type="text/html")
    resp = requests.get(url, timeout=5)
    with pytest.raises(SkippableError, match="malformed JSON"):
        parse_json(resp, W)


def test_redact() -> None:
    assert redact(
        "https://g.test/v21.0/1/comments?access_token=abc&limit=25&appsecret_proof=ff"
    ) == ("https://g.test/v21.0/1/comments?access_token=***&limit=25&appsecret_proof=***")
