"""Weekly compliance: was every account checked as often as its policy requires?

The numbers come from one place, the ``weekly_compliance_at(as_of)`` table macro in
``warehouse/views/weekly_compliance.sql`` (its header defines week, successful check,
longest gap and holiday week); this module reads it at the injected clock's time, shapes
the grid, and sends the missed-week alerts:

- one e-mail per account and ISO week, keyed ``compliance:<account>:<week>`` in
  ``notifications``, so a rerun never sends it twice;
- to the e-safety coordinator and to each of the account's supervisors (principal,
  reserve) whose name matches a configured contact (supervisors are named on the site
  approval form; the contacts give their e-mail addresses).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

import duckdb

from alerts.mail import SendResult, SmtpSettings, build_message, render_html, send_once
from schoolwatch.core.config import Config
from warehouse.calendar import sync_calendar

log = logging.getLogger(__name__)

ALERT_KIND = "compliance_missed"
DEFAULT_ALERT_LOOKBACK_WEEKS = 2  # a new deployment must not mail every missed week of its past


@dataclass(frozen=True)
class WeekStatus:
    """One account in one ISO week (the columns of weekly_compliance)."""

    school_id: str
    account_id: str
    platform: str
    handle: str
    principal: str
    reserve: str
    iso_week: str
    week_start: datetime
    week_end: datetime
    holiday_week: bool
    required_every_s: int
    automated_checks: int
    failed_checks: int
    human_sessions: int
    reviewers: str | None
    last_successful_check: datetime | None
    longest_gap_s: int
    longest_gap_h: float
    status: str  # met | missed | in progress

    @property
    def met(self) -> bool:
        return self.status == "met"

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for k in ("week_start", "week_end", "last_successful_check"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


def week_start_of(when: datetime) -> datetime:
    """Monday 00:00 UTC of the ISO week containing ``when``."""
    day = when.date() - timedelta(days=when.weekday())
    return datetime(day.year, day.month, day.day, tzinfo=when.tzinfo)


def refresh_calendar(con: duckdb.DuckDBPyConnection, cfg: Config, now: datetime) -> None:
    """Store the configuration's term calendar so the SQL knows holiday weeks."""
    sync_calendar(con, cfg.calendar, now)


def compliance_grid(
    con: duckdb.DuckDBPyConnection,
    now: datetime,
    *,
    weeks: int | None = None,
    school_id: str | None = None,
    until_week_start: datetime | None = None,
) -> list[WeekStatus]:
    """Every active account's status per ISO week as of ``now`` (the last ``weeks`` weeks)."""
    until = until_week_start or week_start_of(now)
    since = until - timedelta(weeks=weeks - 1) if weeks else datetime.min.replace(tzinfo=now.tzinfo)
    cur = con.execute(
        "SELECT * FROM weekly_compliance_at(?::TIMESTAMPTZ) "
        "WHERE week_start >= ? AND week_start <= ? AND (? IS NULL OR school_id = ?) "
        "ORDER BY school_id, account_id, week_start",
        [now, since, until, school_id, school_id],
    )
    names = [d[0] for d in cur.description]
    return [WeekStatus(**dict(zip(names, r, strict=True))) for r in cur.fetchall()]


def pivot(rows: list[WeekStatus]) -> tuple[list[str], list[tuple[str, dict[str, WeekStatus]]]]:
    """(weeks in order, [(account label, {week: status})]) for a grid of accounts by weeks."""
    weeks = sorted({r.iso_week for r in rows})
    by_account: dict[str, dict[str, WeekStatus]] = {}
    for r in rows:
        by_account.setdefault(f"{r.account_id} ({r.platform} @{r.handle})", {})[r.iso_week] = r
    return weeks, sorted(by_account.items())


def _norm(name: str) -> str:
    return " ".join(name.casefold().split())


def alert_recipients(cfg: Config, principal: str, reserve: str) -> list[str]:
    """The coordinator plus each supervisor whose name matches a configured contact."""
    c = cfg.contacts
    contacts = [c.esafety_coordinator, c.dsl, c.head, c.chair_of_governors, c.it]
    out = [str(c.esafety_coordinator.email)]
    wanted = {_norm(principal), _norm(reserve)}
    for contact in contacts:
        if _norm(contact.name) in wanted and str(contact.email) not in out:
            out.append(str(contact.email))
    return out


_ALERT_HTML = """<!doctype html>
<html><body style="font-family: Arial, sans-serif; color: #222">
<h2 style="color:#a12020">Monitoring missed: {{ r.account_id }} in {{ r.iso_week }}</h2>
<p>The {{ r.platform }} account <b>@{{ r.handle }}</b> was not checked as often as its site
approval form requires ({{ required }}{% if r.holiday_week %}, holiday week{% endif %}).</p>
<table cellpadding="4" style="border-collapse: collapse">
<tr><th align="left">Week</th><td>{{ r.iso_week }} ({{ r.week_start.date() }} to {{ (r.week_end - one_day).date() }})</td></tr>
<tr><th align="left">Longest gap between successful checks</th><td>{{ r.longest_gap_h }} hours</td></tr>
<tr><th align="left">Successful automated checks</th><td>{{ r.automated_checks }}</td></tr>
<tr><th align="left">Failed checks (not counted)</th><td>{{ r.failed_checks }}</td></tr>
<tr><th align="left">Human review sessions</th><td>{{ r.human_sessions }}{% if r.reviewers %} ({{ r.reviewers }}){% endif %}</td></tr>
<tr><th align="left">Supervisors</th><td>{{ r.principal }} (principal), {{ r.reserve }} (reserve)</td></tr>
</table>
<p>Please check the account by hand now and look at why the automated checks stopped
(credentials, platform errors: <code>schoolwatch sql "SELECT * FROM monitoring_log WHERE account_id = '{{ r.account_id }}' ORDER BY seq DESC LIMIT 20"</code>).</p>
</body></html>
"""


def _human(seconds: int) -> str:
    if seconds % 86400 == 0:
        days = seconds // 86400
        return f"at least every {days} day{'s' if days != 1 else ''}"
    return f"at least every {round(seconds / 3600, 1)} hours"


def _alert_text(r: WeekStatus) -> str:
    return "\n".join(
        [
            f"Monitoring missed: {r.account_id} ({r.platform} @{r.handle}) in {r.iso_week}.",
            "",
            f"Required: {_human(r.required_every_s)}{' (holiday week)' if r.holiday_week else ''}.",
            f"Longest gap between successful checks: {r.longest_gap_h} hours.",
            f"Successful automated checks: {r.automated_checks}; failed checks (not counted): {r.failed_checks}.",
            f"Human review sessions: {r.human_sessions}" + (f" ({r.reviewers})" if r.reviewers else "") + ".",
            f"Supervisors: {r.principal} (principal), {r.reserve} (reserve).",
            "",
            "Please check the account by hand now and look at why the automated checks stopped.",
        ]
    )


def alert_missed_weeks(
    con: duckdb.DuckDBPyConnection,
    cfg: Config,
    now: datetime,
    settings: SmtpSettings,
    *,
    lookback_weeks: int = DEFAULT_ALERT_LOOKBACK_WEEKS,
) -> list[SendResult]:
    """E-mail each missed account-week of the last ``lookback_weeks`` weeks, once each."""
    refresh_calendar(con, cfg, now)
    results = []
    for r in compliance_grid(con, now, weeks=lookback_weeks):
        if r.status != "missed":
            continue
        to = alert_recipients(cfg, r.principal, r.reserve)
        subject = f"Monitoring missed: {r.account_id} ({r.platform}) in {r.iso_week}"

        def build(message_id: str, r: WeekStatus = r, to: list[str] = to, subject: str = subject):  # noqa: ANN202
            html = render_html(_ALERT_HTML, r=r, required=_human(r.required_every_s), one_day=timedelta(days=1))
            return build_message(
                subject=subject, sender=settings.sender, to=to, text=_alert_text(r), html=html,
                message_id=message_id, date=now,
            )

        res = send_once(con, f"compliance:{r.account_id}:{r.iso_week}", ALERT_KIND, build, settings, now)
        if res.status != "already_sent":
            log.info("compliance alert %s: %s", res.key, res.status)
        results.append(res)
    return results
