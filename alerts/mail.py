"""E-mail: build multipart messages, keep a copy in the outbox, send each keyed message once.

Every e-mail the tool sends (critical alerts, escalations, compliance alerts, the weekly
digest, failure notices) goes through :func:`send_once`, keyed in the ``notifications``
table:

1. the first call records the key as ``pending`` with a fixed Message-ID and commits;
2. it writes ``<outbox>/<key>.eml`` and sends over SMTP;
3. it marks the key ``sent`` (or ``failed`` with the error, to be retried next time).

A retried task finds ``sent`` and does nothing. The one window left (the process dies
after the SMTP server accepted the message and before ``sent`` is committed) resends with
the same Message-ID, which mail systems and people can recognise as the same message.
Text bodies are plain; HTML bodies come from Jinja2 with autoescape, so text written by
strangers is always escaped. Credentials come in through :class:`SmtpSettings`, built at
the edge from the environment.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import smtplib
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, select_autoescape

from schoolwatch.core.config import Config

log = logging.getLogger(__name__)
_SAFE_KEY = re.compile(r"[^A-Za-z0-9_.-]+")

ENV_USER = "SCHOOLWATCH_SMTP_USER"
ENV_PASSWORD = "SCHOOLWATCH_SMTP_PASSWORD"  # noqa: S105 - the variable's name, not a secret


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    outbox_dir: Path
    starttls: bool = False
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    enabled: bool = True
    timeout: float = 30.0

    @classmethod
    def from_config(cls, cfg: Config, env: Mapping[str, str] | None = None) -> SmtpSettings:
        """Settings from the config plus credentials from ``env`` (pass os.environ at the edge)."""
        env = env or {}
        outbox = Path(cfg.smtp.outbox_dir)
        if not outbox.is_absolute():
            outbox = cfg.data_dir / outbox
        return cls(
            host=cfg.smtp.host,
            port=cfg.smtp.port,
            sender=str(cfg.smtp.sender),
            outbox_dir=outbox,
            starttls=cfg.smtp.starttls,
            username=env.get(ENV_USER) or None,
            password=env.get(ENV_PASSWORD) or None,
            enabled=cfg.smtp.enabled,
        )


_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)


def render_html(template: str, **values: Any) -> str:
    """Render an HTML template string with autoescape on (everything from values is escaped)."""
    return _env.from_string(template).render(**values)


def build_message(
    *,
    subject: str,
    sender: str,
    to: list[str],
    text: str,
    html: str,
    message_id: str,
    date: datetime,
    inline_images: Mapping[str, bytes] | None = None,
    headers: Mapping[str, str] | None = None,
) -> EmailMessage:
    """A multipart/alternative message (text, then HTML with related inline PNGs)."""
    msg = EmailMessage()
    # Header values must not carry newlines (header injection): collapse whitespace.
    msg["Subject"] = " ".join(subject.split())[:250]
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Message-ID"] = message_id
    msg["Date"] = format_datetime(date)
    msg["Auto-Submitted"] = "auto-generated"
    for k, v in (headers or {}).items():
        msg[k] = " ".join(str(v).split())
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if inline_images:
        html_part = msg.get_payload()[-1]  # type: ignore[index]
        assert isinstance(html_part, EmailMessage)  # the alternative added just above
        for cid, data in inline_images.items():
            html_part.add_related(data, maintype="image", subtype="png", cid=f"<{cid}>", disposition="inline", filename=f"{cid}.png")
    return msg


def new_message_id(key: str, sender: str) -> str:
    """``<sw.KEYHASH.RANDOM@domain>``: the key's hash says which notification it is, the random part
    keeps it unique.

    Kept short on purpose: "Message-ID: " and an id of more than 66 characters do not fit one
    78-character header line, the header is folded, and a folded Message-ID reads back with a
    leading space (email.utils.make_msgid's time, pid and 64-bit random ids crossed that line
    now and then, by their pid's and random number's digits). This one fits for domains of up to
    31 characters."""
    domain = sender.rpartition("@")[2] or "schoolwatch.local"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"<sw.{digest}.{secrets.token_hex(6)}@{domain}>"


def deliver(msg: EmailMessage, settings: SmtpSettings) -> None:
    """Send over SMTP; raises smtplib.SMTPException or OSError on failure."""
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.username and settings.password:
            smtp.login(settings.username, settings.password)
        smtp.send_message(msg)


def write_eml(msg: EmailMessage, outbox: Path, key: str) -> Path:
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{_SAFE_KEY.sub('_', key)}.eml"
    tmp = path.with_suffix(".eml.tmp")
    tmp.write_bytes(bytes(msg))
    tmp.replace(path)
    return path


@dataclass
class SendResult:
    key: str
    status: str  # sent | already_sent | failed | disabled
    message_id: str
    eml_path: Path | None = None
    error: str | None = None
    body_sha256: str | None = None


Builder = Callable[[str], EmailMessage]  # message_id -> message


def send_once(
    con: duckdb.DuckDBPyConnection,
    key: str,
    kind: str,
    build: Builder,
    settings: SmtpSettings,
    now: datetime,
    *,
    case_id: int | None = None,
) -> SendResult:
    """Send the message for ``key`` unless it was already sent. Never raises for SMTP errors."""
    row = con.execute("SELECT status, message_id FROM notifications WHERE idem_key = ?", [key]).fetchall()
    if row and row[0][0] == "sent":
        return SendResult(key, "already_sent", row[0][1])
    message_id = row[0][1] if row else new_message_id(key, settings.sender)
    msg = build(message_id)
    body = bytes(msg)
    sha = hashlib.sha256(body).hexdigest()
    recipients = [a.strip() for a in str(msg["To"] or "").split(",") if a.strip()]
    if not row:
        con.execute(
            "INSERT INTO notifications (idem_key, kind, case_id, recipients, subject, message_id, body_sha256, status, attempts, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT DO NOTHING",
            [key, kind, case_id, recipients, str(msg["Subject"]), message_id, sha, now],
        )
    eml = write_eml(msg, settings.outbox_dir, key)
    if not settings.enabled:
        con.execute("UPDATE notifications SET status = 'disabled', body_sha256 = ? WHERE idem_key = ?", [sha, key])
        return SendResult(key, "disabled", message_id, eml, None, sha)
    try:
        deliver(msg, settings)
    except (smtplib.SMTPException, OSError) as exc:
        error = f"{exc.__class__.__name__}: {exc}"[:500]
        con.execute(
            "UPDATE notifications SET status = 'failed', attempts = attempts + 1, error = ? WHERE idem_key = ?", [error, key]
        )
        log.warning("e-mail %s to %s failed: %s", key, recipients, error)
        return SendResult(key, "failed", message_id, eml, error, sha)
    con.execute(
        "UPDATE notifications SET status = 'sent', attempts = attempts + 1, error = NULL, sent_at = ?, body_sha256 = ? WHERE idem_key = ?",
        [now, sha, key],
    )
    return SendResult(key, "sent", message_id, eml, None, sha)
