"""Case notices by e-mail: immediate alerts for critical cases, escalations, reappearances.

Who hears (DESIGN "Categories and routing"; policy: safeguarding concerns go to the DSL at
once, threats to the head too, posts about the head to the chair of governors instead):

- a critical case goes to the DSL, plus the category's first route (the head for threats);
- when the post is about the head (``cases.about_head``) the chair of governors gets what
  the head would have had, and nothing goes to the head's address;
- escalations go to the roles of the ladder rung (see :mod:`alerts.escalation`).

Each recipient gets their own message keyed ``<kind>:<case>:...:<role>`` in the
``notifications`` table through :func:`alerts.mail.send_once`, so a retried task never sends
twice. Safeguarding content (self-harm, grooming, sexual, extremism) is quoted only to the
DSL; everyone else gets a summary. Every value in the HTML part is escaped by Jinja2.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from importlib import resources
from typing import Any

import duckdb
from jinja2 import Environment, StrictUndefined

from alerts.cases import SYSTEM, Case, append_event, get_case
from alerts.mail import SendResult, SmtpSettings, build_message, render_html, send_once
from schoolwatch.core.categories import FIRST_ROUTE, SAFEGUARDING, Category
from schoolwatch.core.config import Config

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_text_env = Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)  # noqa: S701 - plain-text part; the HTML part is autoescaped

CATEGORY_LABEL = {
    "threat": "threat of violence or harm",
    "self_harm": "suicide or self-harm",
    "sexual": "sexual content or comments",
    "grooming": "possible grooming",
    "extremism": "extremism or radicalisation",
    "hate": "hate (protected characteristic)",
    "abuse": "abuse, harassment or bullying",
    "defamation": "defamation",
    "personal_data": "personal data",
    "complaint": "complaint",
}

# The first things to do, by category (DESIGN "first route").
FIRST_STEPS: dict[str, tuple[str, ...]] = {
    "threat": ("If anyone is in immediate danger, call 999.",
               "Where the threat is credible, report it to the police and record the reference in the case."),
    "self_harm": ("Follow the safeguarding procedure for the pupil or person at risk.",),
    "sexual": ("Where a child may be shown, do not download or forward any image: report the address to the IWF.",),
    "grooming": ("Report to CEOP and record the reference in the case.",),
    "extremism": ("Follow the Prevent duty; report terrorist content through ACT and record the reference.",),
}


@dataclass(frozen=True)
class Recipient:
    role: str  # contact key: dsl, head, chair_of_governors, esafety_coordinator
    name: str
    email: str

    @property
    def is_dsl(self) -> bool:
        return self.role == "dsl"


def recipients_for(cfg: Config, case: Case, roles: tuple[str, ...] | list[str]) -> list[Recipient]:
    """The contacts for ``roles``, with the chair of governors instead of the head when the
    post is about the head (and nobody at the head's address, even in another role)."""
    contacts = cfg.contacts
    wanted = list(dict.fromkeys(roles))
    if case.about_head and "head" in wanted:
        wanted[wanted.index("head")] = "chair_of_governors"
        wanted = list(dict.fromkeys(wanted))
    out: list[Recipient] = []
    head_email = str(contacts.head.email).lower()
    for role in wanted:
        contact = getattr(contacts, role)
        email = str(contact.email)
        if case.about_head and email.lower() == head_email:
            continue
        if email.lower() in {r.email.lower() for r in out}:
            continue
        out.append(Recipient(role, contact.name, email))
    return out


def critical_recipients(cfg: Config, case: Case) -> list[Recipient]:
    """The DSL, plus the category's first route (the head for threats, or the chair)."""
    return recipients_for(cfg, case, ("dsl", *FIRST_ROUTE.get(Category(case.category), ())))


# -- message content ------------------------------------------------------------------------

@dataclass(frozen=True)
class PostFacts:
    platform: str
    author: str
    url: str
    text: str
    school: str


def post_facts(con: duckdb.DuckDBPyConnection, cfg: Config, case: Case) -> PostFacts:
    """The captured evidence (falling back to the post row) for a notice."""
    row = con.execute(
        """
        SELECT p.platform, coalesce(e.author, p.author_handle, p.author_name, p.author_id),
               coalesce(e.url, p.url), coalesce(e.text, p.text)
        FROM posts p LEFT JOIN evidence e ON e.case_id = ? WHERE p.post_id = ?
        """,
        [case.case_id, case.post_id],
    ).fetchone()
    school = next((s.name for s in cfg.schools if s.id == case.school_id), case.school_id)
    if row is None:
        return PostFacts("?", "(unknown)", "", "(the post is no longer held)", school)
    return PostFacts(row[0], row[1] or "(unknown)", row[2] or "", row[3] or "", school)


def plain(value: Any) -> str:
    """Text for the plain-text part: no control or bidi-override characters."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", "" if value is None else str(value))


def _fmt(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M UTC") if dt else ""


def _template(name: str) -> str:
    return resources.files("alerts").joinpath("templates", name).read_text(encoding="utf-8")


def build_notice(
    *,
    cfg: Config,
    case: Case,
    facts: PostFacts,
    recipient: Recipient,
    headline: str,
    lead: str,
    steps: list[str],
    urgent: bool,
    now: datetime,
) -> tuple[str, str, str]:
    """(subject, text, html) for one recipient; content withheld from non-DSL for safeguarding."""
    safeguarding = Category(case.category) in SAFEGUARDING
    show_content = recipient.is_dsl or not safeguarding
    values: dict[str, Any] = {
        "subject": "",
        "headline": headline,
        "recipient_name": recipient.name,
        "lead": lead,
        "case_id": case.case_id,
        "school": facts.school,
        "category_label": CATEGORY_LABEL.get(case.category, case.category),
        "severity": case.severity,
        "platform": facts.platform,
        "opened_at": _fmt(case.opened_at),
        "deadline": _fmt(case.deadline),
        "show_content": show_content,
        "author": facts.author,
        "url": facts.url,
        "text": facts.text,
        "withheld": (
            "The post is safeguarding content, so it is not quoted here: the designated "
            "safeguarding lead has the details and the case holds the evidence."
        ),
        "steps": steps,
        "command": f"schoolwatch case show {case.case_id}",
    }
    # The subject never carries post text or author: only fixed words and numbers.
    subject = f"[schoolwatch] {headline} - case {case.case_id}"
    values["subject"] = subject
    html = render_html(_template("case_notice.html"), **values)
    text = _text_env.from_string(_template("case_notice.txt")).render(
        **{k: plain(v) if isinstance(v, str) else v for k, v in values.items()},
    )
    return subject, text, html


def _send(
    con: duckdb.DuckDBPyConnection,
    cfg: Config,
    settings: SmtpSettings,
    case: Case,
    key: str,
    kind: str,
    recipient: Recipient,
    now: datetime,
    **notice: Any,
) -> SendResult:
    facts = post_facts(con, cfg, case)

    def build(message_id: str) -> EmailMessage:
        subject, text, html = build_notice(cfg=cfg, case=case, facts=facts, recipient=recipient, now=now, **notice)
        return build_message(
            subject=subject, sender=settings.sender, to=[recipient.email], text=text, html=html,
            message_id=message_id, date=now,
            headers={"X-Schoolwatch-Case": str(case.case_id), "X-Schoolwatch-Kind": kind},
        )

    result = send_once(con, key, kind, build, settings, now, case_id=case.case_id)
    if result.status == "sent":
        # The timeline shows who was told and when (keyed: one event per message).
        append_event(
            con, case.case_id, "alert_sent", actor=SYSTEM, now=now,
            data={"kind": kind, "to_role": recipient.role, "message_id": result.message_id, "notification": key},
            idem_key=f"alert_sent:{key}",
        )
    return result


def _unsent(con: duckdb.DuckDBPyConnection, keys: list[str]) -> set[str]:
    if not keys:
        return set()
    done = {r[0] for r in con.execute(
        "SELECT idem_key FROM notifications WHERE status IN ('sent', 'disabled') AND list_contains(?, idem_key)", [keys]
    ).fetchall()}
    return set(keys) - done


# -- critical alerts ------------------------------------------------------------------------

def critical_key(case_id: int, role: str) -> str:
    return f"critical:{case_id}:{role}"


def send_critical_alert(
    con: duckdb.DuckDBPyConnection, cfg: Config, case: Case, settings: SmtpSettings, now: datetime
) -> list[SendResult]:
    """Alert the DSL (and the head for threats, or the chair) now; once per case and person."""
    results = []
    recipients = critical_recipients(cfg, case)
    unsent = _unsent(con, [critical_key(case.case_id, r.role) for r in recipients])
    label = CATEGORY_LABEL.get(case.category, case.category)
    steps = list(FIRST_STEPS.get(case.category, ()))
    steps.append("Record each step (takedown request, reports and references) in the case.")
    for r in recipients:
        key = critical_key(case.case_id, r.role)
        if key not in unsent:
            continue
        lead = (
            f"schoolwatch found a post that needs the designated safeguarding lead now: {label}."
            if r.is_dsl else
            f"schoolwatch found a post about the school that needs attention now: {label}. "
            "The designated safeguarding lead has been alerted."
        )
        if case.about_head and r.role == "chair_of_governors":
            lead += " The post concerns the headteacher, so it comes to you instead of the head."
        results.append(_send(con, cfg, settings, case, key, "critical", r, now,
                             headline=f"CRITICAL: {label}", lead=lead, steps=steps, urgent=True))
    return results


def send_pending_critical_alerts(
    con: duckdb.DuckDBPyConnection, cfg: Config, settings: SmtpSettings, now: datetime
) -> list[SendResult]:
    """Send every critical alert not yet sent (new cases, or earlier failures)."""
    rows = con.execute(
        """
        SELECT c.case_id, count(n.idem_key) AS done
        FROM cases c
        LEFT JOIN notifications n ON n.case_id = c.case_id AND n.kind = 'critical' AND n.status IN ('sent', 'disabled')
        WHERE c.severity = 'critical'
        GROUP BY c.case_id ORDER BY c.case_id
        """
    ).fetchall()
    results: list[SendResult] = []
    for case_id, done in rows:
        case = get_case(con, case_id)
        # Cheap test first: a case whose every recipient has had the alert is skipped.
        if done >= len(critical_recipients(cfg, case)) or not case.is_open:
            continue
        results += send_critical_alert(con, cfg, case, settings, now)
    return results


# -- escalations and reappearances ------------------------------------------------------------

def send_escalation_notice(
    con: duckdb.DuckDBPyConnection,
    cfg: Config,
    case: Case,
    *,
    key_prefix: str,
    roles: tuple[str, ...],
    headline: str,
    lead: str,
    steps: list[str],
    settings: SmtpSettings,
    now: datetime,
    kind: str = "escalation",
) -> list[SendResult]:
    """One keyed message per recipient of an escalation step (``<key_prefix>:<role>``)."""
    recipients = recipients_for(cfg, case, roles)
    unsent = _unsent(con, [f"{key_prefix}:{r.role}" for r in recipients])
    results = []
    for r in recipients:
        key = f"{key_prefix}:{r.role}"
        if key in unsent:
            results.append(_send(con, cfg, settings, case, key, kind, r, now,
                                 headline=headline, lead=lead, steps=steps, urgent=False))
    return results
