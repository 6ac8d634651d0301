"""Shared fixtures: fresh warehouses, the demo warehouse, a real SMTP server, a clock, the rules."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from schoolwatch.core.clock import ManualClock

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def pytest_configure(config: pytest.Config) -> None:
    """The rules' scanner cache in a directory of the test run's own, never ~/.cache (it
    reaches the subprocesses and Airflow tasks the tests start, through the environment)."""
    os.environ["SCHOOLWATCH_CACHE_DIR"] = tempfile.mkdtemp(prefix="schoolwatch-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    cache = os.environ.pop("SCHOOLWATCH_CACHE_DIR", None)
    if cache:
        shutil.rmtree(cache, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    refuse: bool = False  # answer 550 to DATA (a refusing server)

    def wait_for(self, n: int, timeout: float = 5.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server (aiosmtpd) on localhost that keeps every message it accepts."""
    from aiosmtpd.controller import Controller

    server = SmtpServer("127.0.0.1", free_port())

    class Handler:
        async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 - aiosmtpd's hook name
            if server.refuse:
                return "550 mailbox unavailable"
            server.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
            return "250 OK"

    controller = Controller(Handler(), hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 16, 9, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo, built once per session; copy it (see ``demo_copy``) before writing to it."""
    from schoolwatch.demo import run_demo

    folder = tmp_path_factory.mktemp("demo") / "schoolwatch-demo"
    run_demo(folder, ManualClock(datetime(2026, 11, 16, 8, 0, tzinfo=UTC)))
    return folder


@pytest.fixture
def demo_copy(demo_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the demo folder that a test may change."""
    target = tmp_path / "schoolwatch-demo"
    shutil.copytree(demo_dir, target)
    return target


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def rule_categories() -> Callable[[str], set[str]]:
    """The categories the rules alone (no model) find in a text, with the default context.

    Tested at the rule level, so a retrained model cannot hide a rule that stopped working."""
    from transforms.classify.normalise import normalise
    from transforms.classify.rules import RuleSet

    rules = RuleSet()
    return lambda text: {h.category.value for h in rules.find(normalise(text))}
