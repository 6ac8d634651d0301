"""alerts.mail: multipart messages, outbox copies, and exactly-once sending against real SMTP."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from alerts.mail import SmtpSettings, build_message, render_html, send_once
from warehouse.db import connect

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def _settings(server, tmp_path: Path) -> SmtpSettings:
    return SmtpSettings(server.host, server.port, "schoolwatch@example.org", tmp_path / "outbox")


def _builder(subject: str = "Alert"):
    def build(message_id: str):
        return build_message(
            subject=subject, sender="schoolwatch@example.org", to=["dsl@example.org"],
            text=f"Post: {HOSTILE}", html=render_html("<p>Post: {{ text }}</p>", text=HOSTILE),
            message_id=message_id, date=datetime(2026, 11, 16, tzinfo=UTC),
        )
    return build


def test_sends_once_and_keeps_an_outbox_copy(smtp_server, tmp_path):
    settings = _settings(smtp_server, tmp_path)
    now = datetime(2026, 11, 16, 9, tzinfo=UTC)
    with connect(tmp_path / "w.duckdb") as con:
        first = send_once(con, "critical:1", "critical", _builder(), settings, now, case_id=1)
        again = send_once(con, "critical:1", "critical", _builder(), settings, now, case_id=1)
        row = con.execute("SELECT status, attempts FROM notifications WHERE idem_key = 'critical:1'").fetchall()
    assert (first.status, again.status) == ("sent", "already_sent")
    assert row == [("sent", 1)]
    msgs = smtp_server.wait_for(1)
    assert len(msgs) == 1
    html = msgs[0].get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(2)&gt;", "")
    assert first.eml_path is not None and first.eml_path.exists()


def test_header_injection_is_flattened(smtp_server, tmp_path):
    settings = _settings(smtp_server, tmp_path)
    with connect(tmp_path / "w.duckdb") as con:
        send_once(con, "k", "test", _builder("Hello\r\nBcc: victim@example.org"), settings, datetime(2026, 11, 16, tzinfo=UTC))
    msg = smtp_server.wait_for(1)[0]
    assert msg["Bcc"] is None
    assert "\n" not in msg["Subject"]


def test_refused_then_retried_sends_exactly_once(smtp_server, tmp_path):
    settings = _settings(smtp_server, tmp_path)
    now = datetime(2026, 11, 16, tzinfo=UTC)
    smtp_server.refuse = True
    with connect(tmp_path / "w.duckdb") as con:
        failed = send_once(con, "digest:2026-W47", "digest", _builder(), settings, now)
        assert failed.status == "failed" and "550" in (failed.error or "")
        smtp_server.refuse = False
        ok = send_once(con, "digest:2026-W47", "digest", _builder(), settings, now)
        done = send_once(con, "digest:2026-W47", "digest", _builder(), settings, now)
        row = con.execute("SELECT status, attempts, message_id FROM notifications").fetchall()
    assert (ok.status, done.status) == ("sent", "already_sent")
    assert ok.message_id == failed.message_id  # the same message, retried
    assert row[0][:2] == ("sent", 2)
    assert len(smtp_server.wait_for(1)) == 1


def test_message_id_is_never_folded_so_it_reads_back_unchanged():
    """A folded Message-ID reads back with a leading space; the ids stay on one header line
    (make_msgid's did not, now and then, by the digits of its pid and random number)."""
    from email import message_from_bytes, policy

    from alerts.mail import new_message_id

    for domain in ["example.org", "stmarys-academy-trust.sch.uk"] + ["x" * n + ".uk" for n in range(1, 29)]:
        sender = f"schoolwatch@{domain}"
        ids = {new_message_id("critical:7", sender) for _ in range(20)}
        assert len(ids) == 20  # unique per call
        for message_id in ids:
            msg = build_message(subject="Alert", sender=sender, to=["dsl@example.org"], text="t", html="<p>t</p>",
                                message_id=message_id, date=datetime(2026, 11, 16, tzinfo=UTC))
            assert f"Message-ID: {message_id}\n".encode() in bytes(msg)  # one header line
            assert message_from_bytes(bytes(msg), policy=policy.default)["Message-ID"] == message_id
