"""The weekly digest e-mail: what happened, what is still open, and proof of monitoring.

For each school and ISO week, one multipart e-mail (plain text, and HTML with the charts
as inline PNGs referenced by ``cid:``) with: items per day by platform, flags by category
and time to removal (charts); new critical and high cases, open and overdue cases,
escalations and outside reports, removals confirmed with their times, the compliance
grid, and data-quality failures (tables); and the heads of the hash chains, so the e-mail
is an outside witness to the monitoring log.

Safeguarding stance: the digest never quotes a post, its text, its author or its URL, for
anybody. Every recipient (governors included) gets the same e-mail: categories, counts,
case numbers, platforms and times. The DSL sees the content itself in the review app and
in the immediate alerts for critical items; a second, quoting version of a weekly e-mail
would only be one more copy of sensitive material in mailboxes.

Everything displayed is escaped: the HTML by Jinja2's autoescape, and every value is
stripped of control characters first (text part and HTML alike).

Exactly once: the send goes through :func:`alerts.mail.send_once` keyed
``digest:<school>:<iso_week>``, and the ``digests`` row (status, recipients, Message-ID,
content hash, .eml path, chain heads) is upserted after it; a retry of a sent week
renders nothing and sends nothing. Without ``send`` the digest is rendered, its ``.eml``
and an HTML preview (images as data URIs, viewable in a browser) are written to the
outbox, and the row is recorded as ``rendered`` (never downgrading a sent one).

The content hash in ``digests.sha256`` covers the subject, both bodies and every image
(not the Date header), so a re-render of the same data has the same hash.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment

from alerts import digest_charts as charts
from alerts.compliance import compliance_grid, pivot, refresh_calendar, week_start_of
from alerts.mail import (
    SmtpSettings,
    build_message,
    new_message_id,
    render_html,
    send_once,
    write_eml,
)
from schoolwatch.core.clock import Clock
from schoolwatch.core.config import Config, School
from warehouse.db import sql_file
from warehouse.verify import chain_heads

log = logging.getLogger(__name__)

KIND = "digest"
GRID_WEEKS = 4  # the compliance grid shows the digest's week and the three before it
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PARAM = re.compile(r"\$([a-z_]+)")
_text_env = Environment(autoescape=False, keep_trailing_newline=True)  # noqa: S701 - plain-text part only


# -- weeks -----------------------------------------------------------------------------

def parse_iso_week(value: str, tz: Any) -> datetime:
    """'2026-W47' -> Monday 00:00 of that week (ValueError with a clear message otherwise)."""
    m = _ISO_WEEK.match(value.strip())
    if not m:
        raise ValueError(f"week must look like 2026-W47, got {value!r}")
    try:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError as exc:
        raise ValueError(f"no such ISO week {value!r}: {exc}") from None
    return datetime(monday.year, monday.month, monday.day, tzinfo=tz)


def iso_week_of(week_start: datetime) -> str:
    y, w, _ = week_start.isocalendar()
    return f"{y}-W{w:02d}"


def default_week_start(now: datetime) -> datetime:
    """The last full ISO week before ``now`` (the Monday digest covers the week just ended)."""
    return week_start_of(now) - timedelta(days=7)


# -- results ---------------------------------------------------------------------------

@dataclass
class SchoolDigest:
    school_id: str
    iso_week: str
    status: str  # sent | already_sent | failed | rendered | disabled
    recipients: list[str]
    subject: str
    message_id: str
    sha256: str
    eml_path: Path | None = None
    html_path: Path | None = None
    error: str | None = None


@dataclass
class DigestResult:
    iso_week: str
    schools: list[SchoolDigest] = field(default_factory=list)

    @property
    def status(self) -> str:
        states = {s.status for s in self.schools}
        if "failed" in states:
            return "failed"
        if states <= {"already_sent"}:
            return "already_sent"
        return "sent" if states <= {"sent", "already_sent"} else ",".join(sorted(states))

    def as_dict(self) -> dict[str, Any]:
        """A small summary for an Airflow task's return value (XCom)."""
        return {
            "iso_week": self.iso_week,
            "status": self.status,
            "schools": [
                {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(s).items()} for s in self.schools
            ],
        }


# -- data ------------------------------------------------------------------------------

def _clean(value: Any) -> str:
    """A cell as one line of text without control or bidi characters."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%a %d %b %H:%M")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    text = _CONTROL.sub("", text)
    return text if len(text) <= 300 else text[:299] + "…"


def _query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    sql = sql_file(f"queries/{name}.sql")
    used = {p: params[p] for p in set(_PARAM.findall(sql))}
    return con.execute(sql, used).fetchall()


@dataclass
class _Row:
    cells: list[str]
    alarm: bool = False


@dataclass
class DigestContent:
    subject: str
    text: str
    html: str  # images as cid: references (the e-mail)
    preview_html: str  # images as data: URIs (a browser, an auditor's archive)
    images: dict[str, bytes]
    sha256: str
    recipients: list[str]
    chain_heads: dict[str, dict[str, Any]]


def recipients_for(cfg: Config) -> list[str]:
    """contacts.digest_recipients, the e-safety coordinator, the head and the DSL (no duplicates)."""
    c = cfg.contacts
    out: list[str] = []
    for addr in [*c.digest_recipients, c.esafety_coordinator.email, c.head.email, c.dsl.email]:
        if str(addr) not in out:
            out.append(str(addr))
    return out


def render_digest(
    con: duckdb.DuckDBPyConnection, cfg: Config, school: School, week_start: datetime, now: datetime
) -> DigestContent:
    """Query the warehouse and render the digest for one school and week (no side effects)."""
    week_end = week_start + timedelta(days=7)
    iso_week = iso_week_of(week_start)
    params = {"school_id": school.id, "week_start": week_start, "week_end": week_end, "now": now}
    items = _query(con, "digest_items_per_day", params)
    flags = _query(con, "digest_flags_by_category", params)
    new_cases = _query(con, "digest_new_cases", params)
    open_cases = _query(con, "digest_open_cases", params)
    referrals = _query(con, "digest_referrals", params)
    removals = _query(con, "digest_removals", params)
    quality = _query(con, "digest_data_quality", params)
    grid_rows = compliance_grid(con, now, weeks=GRID_WEEKS, school_id=school.id, until_week_start=week_start)
    grid_weeks, grid = pivot(grid_rows)
    heads = chain_heads(con)

    deadline_h = cfg.cases.takedown_within.total_seconds() / 3600
    images = {
        "items_per_day": charts.items_per_day([(r[0], r[1], r[2]) for r in items], week_start.date()),
        "flags_by_category": charts.flags_by_category([(r[0], r[1], r[2]) for r in flags]),
        "time_to_removal": charts.time_to_removal(
            [(r[0], r[2], float(r[6] or 0)) for r in removals], deadline_h
        ),
    }
    chart_list = [
        {"cid": "items_per_day", "alt": f"Items per day by platform: {sum(r[2] for r in items)} in all", "width": 640},
        {"cid": "flags_by_category", "alt": "Flags by category: " + (", ".join(f"{r[0]} {r[2]}" for r in flags) or "none"), "width": 640},
        {"cid": "time_to_removal", "alt": f"Time to removal: {len(removals)} removal(s) verified", "width": 640},
    ]

    def rows(data: list[tuple[Any, ...]], alarm_col: int | None = None, drop: tuple[int, ...] = ()) -> list[_Row]:
        return [
            _Row([_clean(v) for i, v in enumerate(r) if i not in drop], bool(r[alarm_col]) if alarm_col is not None else False)
            for r in data
        ]

    new_rows = rows([r[:7] for r in new_cases])
    open_rows = rows([(*r[:7], r[8], r[10], r[7]) for r in open_cases], alarm_col=9, drop=(9,))
    referral_rows = rows([(r[0], r[1], r[2], r[3], r[4], r[6], r[7]) for r in referrals])
    removal_rows = rows([(*r[:8], r[8]) for r in removals])
    for r, raw in zip(removal_rows, removals, strict=True):
        r.alarm = raw[7] is False
    quality_rows = rows(quality)
    overdue = sum(1 for r in open_cases if r[7])
    missed = sum(1 for r in grid_rows if r.iso_week == iso_week and r.status == "missed")
    summary = [
        ("items", sum(r[2] for r in items), False),
        ("posts flagged", sum(r[2] for r in flags), False),
        ("new critical/high cases", len(new_cases), len(new_cases) > 0),
        ("open cases", len(open_cases), False),
        ("overdue", overdue, overdue > 0),
        ("removals verified", len(removals), False),
        ("accounts missed", missed, missed > 0),
        ("rows refused", sum(int(r[3] or 0) for r in quality if r[0] == "quarantined"), False),
    ]
    subject = f"Weekly monitoring digest: {school.name}, {iso_week}"
    values: dict[str, Any] = {
        "subject": subject,
        "school_name": _clean(school.name),
        "iso_week": iso_week,
        "week_first": week_start.date().isoformat(),
        "week_last": (week_end - timedelta(days=1)).date().isoformat(),
        "summary": summary,
        "charts": chart_list,
        "new_cases": new_rows,
        "open_cases": open_rows,
        "referrals": referral_rows,
        "removals": removal_rows,
        "data_quality": quality_rows,
        "grid_weeks": grid_weeks,
        "holiday_weeks": {r.iso_week for r in grid_rows if r.holiday_week},
        "grid": [(_clean(label), by_week) for label, by_week in grid],
        "chain_heads": heads,
        "generated_at": now.strftime("%Y-%m-%d %H:%M UTC"),
        "flags": [(_clean(r[0]), _clean(r[1]), r[2]) for r in flags],
        "tables": [
            ("New critical and high cases", ["case", "opened", "platform", "category", "severity", "state", "due"], new_rows, "none"),
            ("Open cases", ["case", "opened", "platform", "category", "severity", "state", "due", "age h", "escalations"], open_rows, "none"),
            ("Escalations and outside reports", ["case", "when", "kind", "to", "reference", "by", "category"], referral_rows, "none"),
            ("Removals confirmed", ["case", "platform", "category", "severity", "opened", "removed", "hours", "in time", "route"], removal_rows, "none"),
            ("Data-quality failures", ["what", "check", "platform", "rows", "of", "example reason"], quality_rows, "none"),
        ],
    }
    template = resources.files("alerts").joinpath("templates/digest.html").read_text(encoding="utf-8")
    html = render_html(template, img=lambda cid: f"cid:{cid}", **values)
    data_uri = {cid: "data:image/png;base64," + base64.b64encode(png).decode() for cid, png in images.items()}
    preview = render_html(template, img=lambda cid: data_uri[cid], **values)
    text_template = resources.files("alerts").joinpath("templates/digest.txt").read_text(encoding="utf-8")
    text = _text_env.from_string(text_template).render(**values)
    h = hashlib.sha256()
    for part in (subject, text, html, *(f"{cid}:{hashlib.sha256(png).hexdigest()}" for cid, png in sorted(images.items()))):
        h.update(part.encode())
        h.update(b"\0")
    return DigestContent(subject, text, html, preview, images, h.hexdigest(), recipients_for(cfg), heads)


# -- sending ---------------------------------------------------------------------------

def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


def _existing(con: duckdb.DuckDBPyConnection, school_id: str, iso_week: str) -> tuple[Any, ...] | None:
    rows = con.execute(
        "SELECT status, recipients, subject, message_id, sha256, eml_path FROM digests WHERE school_id = ? AND iso_week = ?",
        [school_id, iso_week],
    ).fetchall()
    return rows[0] if rows else None


def _record(
    con: duckdb.DuckDBPyConnection, school_id: str, iso_week: str, status: str, content: DigestContent,
    message_id: str, eml: Path | None, now: datetime,
) -> None:
    con.execute(
        """
        INSERT INTO digests (school_id, iso_week, status, recipients, subject, message_id, sha256, eml_path,
                             created_at, sent_at, chain_heads)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::JSON)
        ON CONFLICT (school_id, iso_week) DO UPDATE SET
            status = excluded.status, recipients = excluded.recipients, subject = excluded.subject,
            message_id = excluded.message_id, sha256 = excluded.sha256, eml_path = excluded.eml_path,
            sent_at = excluded.sent_at, chain_heads = excluded.chain_heads
        WHERE digests.status <> 'sent'
        """,
        [school_id, iso_week, status, content.recipients, content.subject, message_id, content.sha256,
         str(eml) if eml else None, now, now if status == "sent" else None,
         json.dumps(content.chain_heads, sort_keys=True)],
    )


def _one_school(
    con: duckdb.DuckDBPyConnection, cfg: Config, school: School, week_start: datetime, now: datetime,
    settings: SmtpSettings, send: bool,
) -> SchoolDigest:
    iso_week = iso_week_of(week_start)
    key = f"digest:{school.id}:{iso_week}"
    prior = _existing(con, school.id, iso_week)
    if prior is not None and prior[0] == "sent":
        return SchoolDigest(school.id, iso_week, "already_sent", list(prior[1]), prior[2], prior[3], prior[4],
                            Path(prior[5]) if prior[5] else None)
    content = render_digest(con, cfg, school, week_start, now)
    settings.outbox_dir.mkdir(parents=True, exist_ok=True)
    html_path = settings.outbox_dir / f"{_safe(key)}.html"
    html_path.write_text(content.preview_html, encoding="utf-8")

    def build(message_id: str):  # noqa: ANN202 - an EmailMessage, see alerts.mail.Builder
        return build_message(
            subject=content.subject, sender=settings.sender, to=content.recipients, text=content.text,
            html=content.html, message_id=message_id, date=now, inline_images=content.images,
            headers={"X-Schoolwatch-Digest": f"{school.id} {iso_week} sha256={content.sha256}"},
        )

    if not send:
        message_id = prior[3] if prior else new_message_id(key, settings.sender)
        eml = write_eml(build(message_id), settings.outbox_dir, f"preview:{key}")
        _record(con, school.id, iso_week, "rendered", content, message_id, eml, now)
        return SchoolDigest(school.id, iso_week, "rendered", content.recipients, content.subject, message_id,
                            content.sha256, eml, html_path)
    res = send_once(con, key, KIND, build, settings, now)
    status = {"sent": "sent", "already_sent": "sent", "failed": "failed"}.get(res.status, "rendered")
    _record(con, school.id, iso_week, status, content, res.message_id, res.eml_path, now)
    log.info("digest %s: %s", key, res.status)
    return SchoolDigest(school.id, iso_week, res.status, content.recipients, content.subject, res.message_id,
                        content.sha256, res.eml_path, html_path, res.error)


def send_weekly(
    con: duckdb.DuckDBPyConnection,
    cfg: Config,
    clock: Clock,
    settings: SmtpSettings,
    week: str | None = None,
    *,
    send: bool = True,
) -> DigestResult:
    """Render and send each school's digest for ``week`` (default: the last full week), once.

    Safe to retry: a school whose digest for the week is already sent is skipped without
    rendering; a failed send is retried with the same Message-ID. With ``send=False`` it
    only renders and saves the .eml and HTML preview in the outbox.
    """
    now = clock.now()
    week_start = parse_iso_week(week, now.tzinfo) if week else default_week_start(now)
    if week_start > now:
        raise ValueError(f"week {iso_week_of(week_start)} has not started yet")
    refresh_calendar(con, cfg, now)
    result = DigestResult(iso_week_of(week_start))
    for school in cfg.schools:
        result.schools.append(_one_school(con, cfg, school, week_start, now, settings, send))
    return result
