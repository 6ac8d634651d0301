"""SMTP refuses (550 at DATA or RCPT, 451, a closed port, a hang-up): recorded failed, retry sends once.

A real aiosmtpd server on localhost plays the mail server; ``alerts.mail.send_once`` is
the only way the tool sends e-mail, so these are the failure modes every alert, escalation
and digest meets.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest

from alerts.mail import SmtpSettings, build_message, send_once
from warehouse.db import connect

from ..conftest import free_port

NOW = datetime(2026, 11, 16, 9, tzinfo=UTC)


class Server:
    """aiosmtpd with a switchable failure mode."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.mode = "refuse-data"
        self.received = []
        self.port = free_port()
        server = self

        class Handler:
            async def handle_RCPT(self, _s, _session, envelope, address, _options):  # noqa: N802
                if server.mode == "refuse-rcpt":
                    return "550 5.1.1 mailbox unavailable"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, _s, session, envelope):  # noqa: N802
                if server.mode == "refuse-data":
                    return "550 5.7.1 message refused"
                if server.mode == "try-later":
                    return "451 4.3.0 try again later"
                if server.mode == "hang-up":
                    session.transport.close()  # drop the connection without an answer
                    return None
                server.received.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.stop()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once the socket closes


def _build(message_id: str):
    return build_message(
        subject="Critical: case 7 needs the DSL now", sender="schoolwatch@example.org", to=["dsl@school.example.org"],
        text="An invented critical alert.", html="<p>An invented critical alert.</p>", message_id=message_id, date=NOW,
    )


@pytest.mark.parametrize("mode", ["refuse-data", "refuse-rcpt", "try-later", "hang-up", "closed-port"])
def test_refusal_is_recorded_failed_and_the_retry_sends_exactly_once(tmp_path, server, mode):
    port = _closed_port() if mode == "closed-port" else server.port
    settings = SmtpSettings("127.0.0.1", port, "schoolwatch@example.org", tmp_path / "outbox", timeout=5)
    server.mode = mode
    with connect(tmp_path / "w.duckdb") as con:
        first = send_once(con, "critical:7", "critical", _build, settings, NOW, case_id=7)
        assert first.status == "failed" and first.error
        row = con.execute("SELECT status, attempts, error FROM notifications WHERE idem_key = 'critical:7'").fetchall()
        assert row[0][:2] == ("failed", 1) and row[0][2] == first.error  # recorded, with the reason
        assert server.received == []

        second = send_once(con, "critical:7", "critical", _build, settings, NOW + timedelta(minutes=5), case_id=7)
        assert second.status == "failed"  # still refusing: still failed, still not sent
        server.mode = "accept"
        settings = SmtpSettings("127.0.0.1", server.port, "schoolwatch@example.org", tmp_path / "outbox", timeout=5)
        third = send_once(con, "critical:7", "critical", _build, settings, NOW + timedelta(minutes=10), case_id=7)
        fourth = send_once(con, "critical:7", "critical", _build, settings, NOW + timedelta(minutes=15), case_id=7)
        row = con.execute("SELECT status, attempts, error, message_id, sent_at FROM notifications").fetchall()
    assert (third.status, fourth.status) == ("sent", "already_sent")
    assert row == [("sent", 3, None, first.message_id, NOW + timedelta(minutes=10))]
    assert len(server.received) == 1  # exactly once
    assert server.received[0]["Message-ID"] == first.message_id  # the same message as first tried
