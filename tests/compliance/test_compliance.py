"""Weekly compliance: holiday weeks, failed fetches, human reviews, missed-week alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from alerts.compliance import (
    alert_missed_weeks,
    alert_recipients,
    compliance_grid,
    refresh_calendar,
)
from alerts.monitoring import ReviewedAccount, record_review_session
from schoolwatch.cli.main import app
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import Config
from schoolwatch.core.landing import LandingZone

from .conftest import check, land_fetch, load, make_config, settings_for

AT_8 = timedelta(hours=8)


def day(y: int, m: int, d: int, at: timedelta = AT_8) -> datetime:
    return datetime(y, m, d, tzinfo=UTC) + at


def _status(rows, account: str) -> dict[str, tuple[str, bool, float]]:  # noqa: ANN001
    return {r.iso_week: (r.status, r.holiday_week, r.longest_gap_h) for r in rows if r.account_id == account}


def _around_half_term(con: duckdb.DuckDBPyConnection) -> None:
    """x-main: daily in W43; once (Wednesday) in half term W44; daily again from Tuesday of W45."""
    for d in range(19, 26):  # Mon 19 .. Sun 25 October
        check(con, "x-main", day(2026, 10, d))
    check(con, "x-main", day(2026, 10, 28))  # half-term Wednesday
    for d in range(3, 9):  # Tue 3 .. Sun 8 November
        check(con, "x-main", day(2026, 11, d))


def test_holiday_week_uses_holiday_interval_and_gap_spans_the_boundary(wh: duckdb.DuckDBPyConnection, cfg: Config) -> None:
    clock = ManualClock(day(2026, 11, 9, timedelta(hours=7)))
    refresh_calendar(wh, cfg, clock.now())
    _around_half_term(wh)
    rows = compliance_grid(wh, clock.now(), weeks=4)
    got = _status(rows, "x-main")
    # W43 term week, checked daily at 08:00: the longest gap is exactly the 1-day interval.
    assert got["2026-W43"] == ("met", False, 24.0)
    # W44 is half term (all five school days a break): one check meets the 7-day interval.
    assert got["2026-W44"] == ("met", True, round((datetime(2026, 11, 2, tzinfo=UTC) - day(2026, 10, 28)).total_seconds() / 3600, 1))
    # W45 is term again: the gap from the half-term Wednesday to Tuesday counts, 6 days > 1 day.
    assert got["2026-W45"] == ("missed", False, 144.0)
    # W46 has just started (Monday 07:00) and the last check was Sunday 08:00: in progress...
    assert got["2026-W46"] == ("in progress", False, 23.0)
    # ...until the interval passes with no check: missed as soon as that is certain.
    clock.advance(timedelta(hours=5))
    later = _status(compliance_grid(wh, clock.now(), weeks=1), "x-main")
    assert later == {"2026-W46": ("missed", False, 28.0)}


def test_same_checks_without_the_half_term_break_miss_the_term_interval(tmp_path: Path) -> None:
    from schoolwatch.pipeline import sync_registry  # noqa: PLC0415
    from warehouse.db import connect  # noqa: PLC0415

    data_cal = {"terms": [{"name": "Autumn 2026", "start": "2026-09-03", "end": "2026-12-18"}], "holidays": []}
    cfg = make_config(tmp_path, calendar=data_cal)
    with connect(tmp_path / "w.duckdb") as con:
        sync_registry(con, cfg, day(2026, 9, 1))
        refresh_calendar(con, cfg, day(2026, 9, 1))
        _around_half_term(con)
        got = _status(compliance_grid(con, day(2026, 11, 9, timedelta(hours=12)), weeks=4), "x-main")
    assert got["2026-W44"][:2] == ("missed", False)


def test_term_starting_on_thursday_makes_a_holiday_week(wh: duckdb.DuckDBPyConnection, cfg: Config) -> None:
    # Autumn term starts Thursday 3 September 2026: Mon-Wed are holidays, so W36 is a holiday week.
    refresh_calendar(wh, cfg, day(2026, 9, 1))
    check(wh, "x-main", day(2026, 8, 31))  # Monday
    check(wh, "x-main", day(2026, 9, 6))   # Sunday: a 6-day gap, fine in a holiday week
    rows = {r.iso_week: r for r in compliance_grid(wh, day(2026, 9, 7, timedelta(hours=1)), weeks=1,
                                                    until_week_start=datetime(2026, 8, 31, tzinfo=UTC))
            if r.account_id == "x-main"}
    assert rows["2026-W36"].holiday_week is True
    assert rows["2026-W36"].required_every_s == 7 * 86400
    assert rows["2026-W36"].status == "met"


def test_failed_fetch_does_not_count_as_a_check(tmp_path: Path, wh: duckdb.DuckDBPyConnection, cfg: Config) -> None:
    """Through the real landing zone and loader: failed manifests become failed checks only."""
    refresh_calendar(wh, cfg, day(2026, 11, 1))
    landing = LandingZone(tmp_path / "landing")
    n = 0
    for d in range(9, 16):  # W46: a fetch every six hours all week...
        for h in (0, 6, 12, 18):
            n += 1
            at = day(2026, 11, d, timedelta(hours=h, minutes=5))
            # ...but from Wednesday 06:00 to Thursday 18:00 every fetch failed (HTTP 503).
            failed = day(2026, 11, 11, timedelta(hours=6)) <= at <= day(2026, 11, 12, timedelta(hours=18, minutes=5))
            land_fetch(landing, "x-main", "x", at, status="failed" if failed else "ok", run=f"{n:08x}")
    load(wh, landing, day(2026, 11, 16, timedelta(hours=1)))
    assert wh.execute("SELECT count(*) FROM monitoring_checks WHERE status = 'failed'").fetchone()[0] == 7
    row = next(r for r in compliance_grid(wh, day(2026, 11, 16, timedelta(hours=1)), weeks=1,
                                          until_week_start=datetime(2026, 11, 9, tzinfo=UTC))
               if r.account_id == "x-main")
    assert row.failed_checks == 7
    assert row.automated_checks == 28 - 7
    # The last good fetch was Wednesday 00:05, the next Friday 00:05: 48 h without a check.
    assert row.longest_gap_h == 48.0
    assert row.status == "missed"
    # Had the failures counted, the gap would have been 6 h and the week met.


def test_human_review_sessions_are_listed_and_count(wh: duckdb.DuckDBPyConnection, cfg: Config) -> None:
    refresh_calendar(wh, cfg, day(2026, 11, 1))
    for d in range(9, 16):
        if d != 12:  # no automated check on Thursday...
            check(wh, "facebook-page", day(2026, 11, d), platform="facebook")
    # ...but the coordinator reviewed the page that morning (a human check).
    written = record_review_session(
        wh, session_id="s1", reviewer="coordinator1", started_at=day(2026, 11, 12, timedelta(hours=7, minutes=30)),
        finished_at=day(2026, 11, 12, timedelta(hours=8)),
        accounts=[ReviewedAccount("kestrel-vale", "facebook-page", "facebook-page", "facebook", 12)],
        now=day(2026, 11, 12, timedelta(hours=15)),
    )
    assert written == 1
    assert record_review_session(  # the same session recorded again writes nothing
        wh, session_id="s1", reviewer="coordinator1", started_at=day(2026, 11, 12, timedelta(hours=7, minutes=30)),
        finished_at=day(2026, 11, 12, timedelta(hours=8)),
        accounts=[ReviewedAccount("kestrel-vale", "facebook-page", "facebook-page", "facebook", 12)],
        now=day(2026, 11, 12, timedelta(hours=16)),
    ) == 0
    row = next(r for r in compliance_grid(wh, day(2026, 11, 16, timedelta(hours=1)), weeks=1,
                                          until_week_start=datetime(2026, 11, 9, tzinfo=UTC))
               if r.account_id == "facebook-page")
    assert (row.human_sessions, row.reviewers, row.automated_checks) == (1, "coordinator1", 6)
    # Without the review, Wednesday 08:00 to Friday 08:00 would have been 48 h: missed.
    assert row.longest_gap_h == 24.0
    assert row.status == "met"


def test_alert_recipients_match_supervisor_names_to_contacts(cfg: Config) -> None:
    # reddit-main: principal Mr Tom Okafor (the IT contact), reserve Ms Priya Ramanathan (the coordinator)
    assert alert_recipients(cfg, "Mr Tom Okafor", "Ms Priya Ramanathan") == [
        "esafety@kestrelvale.example.org", "it@kestrelvale.example.org"]
    # a supervisor with no contact entry adds no address (the coordinator still hears)
    assert alert_recipients(cfg, "Someone Unlisted", "mrs  helen MARSH") == [
        "esafety@kestrelvale.example.org", "dsl@kestrelvale.example.org"]


def test_missed_week_alert_is_sent_once_per_account_week(
    tmp_path: Path, wh: duckdb.DuckDBPyConnection, cfg: Config, smtp_server  # noqa: ANN001
) -> None:
    now = day(2026, 11, 16, timedelta(hours=9))
    for d in range(9, 16):  # x-main and facebook-page fine all W46; reddit-main never checked
        check(wh, "x-main", day(2026, 11, d))
        check(wh, "x-main", day(2026, 11, d, timedelta(hours=20)))
        check(wh, "facebook-page", day(2026, 11, d), platform="facebook")
        check(wh, "facebook-page", day(2026, 11, d, timedelta(hours=20)), platform="facebook")
    settings = settings_for(cfg, smtp_server.port, tmp_path / "outbox")
    first = alert_missed_weeks(wh, cfg, now, settings)
    keys = sorted(r.key for r in first if r.status == "sent")
    # reddit-main (every 2 days) was never checked in W46; W47 is 9 h old: in progress, no alert.
    assert keys == ["compliance:reddit-main:2026-W46"]
    msgs = smtp_server.wait_for(len(keys))
    assert len(msgs) == len(keys)
    msg = next(m for m in msgs if "2026-W46" in m["Subject"])
    assert "reddit-main" in msg["Subject"]
    to = {a.strip() for a in msg["To"].split(",")}
    assert to == {"esafety@kestrelvale.example.org", "it@kestrelvale.example.org"}
    assert "Failed checks (not counted)" in msg.get_body(("html",)).get_content()
    # A rerun (the next DAG run, a retry) sends nothing new.
    again = alert_missed_weeks(wh, cfg, now + timedelta(hours=1), settings)
    assert {r.status for r in again} == {"already_sent"}
    assert len(smtp_server.wait_for(len(keys) + 1, timeout=0.5)) == len(keys)
    assert wh.execute("SELECT count(*) FROM notifications WHERE kind = 'compliance_missed' AND status = 'sent'").fetchone()[0] == 1


def test_cli_json_grid(tmp_path: Path, wh: duckdb.DuckDBPyConnection) -> None:
    check(wh, "x-main", datetime.now(UTC) - timedelta(hours=2))
    wh.close()
    result = CliRunner().invoke(app, ["compliance", "--db", str(tmp_path / "schoolwatch.duckdb"), "--weeks", "1", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["account_id"] for r in rows} == {"x-main", "facebook-page", "reddit-main"}
    assert {r["status"] for r in rows if r["account_id"] != "x-main"} <= {"missed", "in progress"}
    table = CliRunner().invoke(app, ["compliance", "--db", str(tmp_path / "schoolwatch.duckdb"), "--weeks", "2"])
    assert table.exit_code == 0 and "x-main" in table.output
