"""`schoolwatch audit verify`, `schoolwatch compliance`, `schoolwatch digest`: proof of monitoring.

Faces only: each command resolves the config and database, opens the warehouse briefly,
calls one function of warehouse/ or alerts/, and prints the result escaped for the terminal.
"""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer

from schoolwatch.cli.common import ConfigOpt, DbOpt, fail, resolve
from schoolwatch.cli.output import print_rows, terminal_safe

audit_app = typer.Typer(help="Check the tamper-evident logs.", no_args_is_help=True, rich_markup_mode=None)


@audit_app.command("verify")
def audit_verify(
    db: DbOpt = None,
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Walk every hash chain (monitoring log, audit log, each case's events); exit 1 at the first broken row."""
    from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415 - keeps `--help` fast
    from warehouse.verify import verify_all  # noqa: PLC0415

    ctx = resolve(config, db)
    try:
        with connect(ctx.db, read_only=True) as con:
            report = verify_all(con)
    except FileNotFoundError as exc:
        fail(str(exc))
    except DatabaseBusyError as exc:
        fail(str(exc), code=3)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), default=str, indent=1))
    else:
        for table, n in report.rows.items():
            typer.echo(f"{table}: {n} row(s) checked")
        for f in report.findings:
            typer.secho(f"BROKEN {terminal_safe(f.describe(), limit=None)}", fg=typer.colors.RED)
        typer.echo("all chains intact" if report.ok else f"{len(report.findings)} chain(s) broken")
    if not report.ok:
        raise typer.Exit(1)


def compliance(
    weeks: Annotated[int, typer.Option("--weeks", min=1, help="How many ISO weeks to show, ending with the current one.")] = 6,
    as_json: Annotated[bool, typer.Option("--json", help="Print every account-week as JSON.")] = False,
    alert: Annotated[bool, typer.Option("--alert", help="Also e-mail the supervisors and coordinator about missed weeks (once each).")] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show per account per ISO week: checks, failed checks, reviewers, longest gap, met or missed."""
    from alerts.compliance import alert_missed_weeks, compliance_grid, pivot, refresh_calendar  # noqa: PLC0415
    from alerts.mail import SmtpSettings  # noqa: PLC0415
    from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415

    ctx = resolve(config, db, need_config=alert)
    now = ctx.clock.now()
    try:
        # With a config, store its term calendar first (a short write); without, read only.
        with connect(ctx.db, read_only=ctx.config is None) as con:
            if ctx.config is not None:
                refresh_calendar(con, ctx.config, now)
            rows = compliance_grid(con, now, weeks=weeks)
            sent = []
            if alert:
                cfg = ctx.require_config()
                sent = alert_missed_weeks(con, cfg, now, SmtpSettings.from_config(cfg, os.environ))
    except FileNotFoundError as exc:
        fail(str(exc))
    except DatabaseBusyError as exc:
        fail(str(exc), code=3)
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in rows], indent=1, ensure_ascii=False))
    else:
        week_list, grid = pivot(rows)
        cells = []
        for label, by_week in grid:
            line = [label]
            for w in week_list:
                r = by_week.get(w)
                if r is None:
                    line.append("")
                    continue
                mark = {"met": "ok", "missed": "MISSED", "in progress": "..."}[r.status]
                hol = " hol" if r.holiday_week else ""
                line.append(f"{mark} {r.automated_checks}/{r.failed_checks}f gap {r.longest_gap_h}h{hol}")
            cells.append(line)
        print_rows(["account", *week_list], cells, title="Weekly compliance (ok/MISSED/... checks/failed, longest gap)")
        missed = sum(r.status == "missed" for r in rows)
        typer.echo(f"{missed} missed account-week(s) of {len(rows)}")
    for s in sent:
        typer.echo(f"alert {terminal_safe(s.key)}: {s.status}", err=True)


def digest(
    send: Annotated[bool, typer.Option("--send", help="Send by SMTP (once per school per week); without it, only render a preview.")] = False,
    week: Annotated[str | None, typer.Option("--week", help="ISO week such as 2026-W47 (default: the last full week).")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Build the weekly digest e-mail (charts, cases, removals, compliance, data quality); save .eml and HTML preview."""
    from alerts.digest import send_weekly  # noqa: PLC0415
    from alerts.mail import SmtpSettings  # noqa: PLC0415
    from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415

    ctx = resolve(config, db, need_config=True)
    cfg = ctx.require_config()
    settings = SmtpSettings.from_config(cfg, os.environ)
    try:
        with connect(ctx.db) as con:
            result = send_weekly(con, cfg, ctx.clock, settings, week=week, send=send)
    except DatabaseBusyError as exc:
        fail(str(exc), code=3)
    except ValueError as exc:
        fail(terminal_safe(str(exc), limit=None))
    for r in result.schools:
        typer.echo(
            f"{terminal_safe(r.school_id)} {r.iso_week}: {r.status}; {len(r.recipients)} recipient(s); "
            f"sha256 {r.sha256[:16]}; eml {r.eml_path}; preview {r.html_path}"
        )
        if r.error:
            typer.echo(f"  error: {terminal_safe(r.error)}", err=True)
    if result.status == "failed":
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the proof-of-monitoring commands to the main app (one line in main.py)."""
    app.add_typer(audit_app, name="audit")
    app.command("compliance")(compliance)
    app.command("digest")(digest)


__all__ = ["register"]
