"""`schoolwatch queue`, `schoolwatch case ...` and `schoolwatch escalate`: wiring only.

Every action goes through :mod:`alerts.actions` (the same functions the web app calls);
connectors and SMTP settings are built here, at the edge, from the environment.
Everything printed that came from a post passes through :mod:`schoolwatch.cli.output`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from schoolwatch.cli.common import ConfigOpt, Context, DbOpt, fail, resolve
from schoolwatch.cli.output import print_rows, terminal_safe

if TYPE_CHECKING:
    from connectors.base import Connector
    from schoolwatch.core.clock import Clock

CaseId = Annotated[int, typer.Argument(help="The case number (see `schoolwatch queue`).")]
AsOpt = Annotated[
    str | None,
    typer.Option("--as", help="Who is acting, for the case history (default: $USER).", show_default=False),
]


def _actor(name: str | None) -> str:
    who = (name or os.environ.get("USER") or os.environ.get("USERNAME") or "").strip()
    if not who:
        fail("say who is acting with --as NAME")
    return who


def _left(delta: timedelta | None) -> str:
    if delta is None:
        return "-"
    minutes = int(abs(delta.total_seconds()) // 60)
    text = f"{minutes // 1440}d {minutes % 1440 // 60}h {minutes % 60}m" if minutes >= 1440 else f"{minutes // 60}h {minutes % 60}m"
    return text if delta.total_seconds() >= 0 else f"OVERDUE by {text}"


def _fmt(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d %H:%M") if dt else "-"


def _act(ctx: Context, fn_name: str, case_id: int, *args: object, **kw: object) -> None:
    """Run one action from alerts.actions and print what was recorded, or the refusal."""
    from alerts import actions  # noqa: PLC0415 - keeps `--help` fast
    from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415

    try:
        with connect(ctx.db) as con:
            ev = getattr(actions, fn_name)(con, case_id, *args, now=ctx.clock.now(), **kw)
    except actions.CaseError as exc:
        fail(terminal_safe(str(exc), limit=500))
    except DatabaseBusyError as exc:
        fail(str(exc), code=3)
    typer.echo(f"case {case_id}: {ev.kind.replace('_', ' ')} recorded (event {ev.event_id}, by {terminal_safe(ev.actor)})")


def build_connectors(platforms: Iterable[str], clock: Clock, account_id: str | None = None) -> dict[str, Connector]:
    """Connectors from the environment's credentials; problems are said on stderr."""
    from alerts.escalation import connectors_for  # noqa: PLC0415

    built, problems = connectors_for(platforms, os.environ, clock, account_id)
    for problem in problems:
        typer.secho(f"warning: {terminal_safe(problem, limit=300)}", err=True)
    return built


def register(app: typer.Typer) -> None:
    """Add `queue`, `escalate` and the `case` group to the main app."""
    case_app = typer.Typer(help="Look at and act on one case (every action is recorded in its history).", no_args_is_help=True)
    app.add_typer(case_app, name="case")

    @app.command()
    def queue(
        db: DbOpt = None,
        config: ConfigOpt = None,
        all_: Annotated[bool, typer.Option("--all", help="Include removed, dismissed and closed cases.")] = False,
        fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    ) -> None:
        """Open cases, most severe first, then soonest deadline, with the time left."""
        from alerts.cases import list_cases, queue_order  # noqa: PLC0415
        from schoolwatch.core.categories import SAFEGUARDING, Category  # noqa: PLC0415
        from warehouse.db import connect  # noqa: PLC0415

        ctx = resolve(config, db)
        now = ctx.clock.now()
        try:
            with connect(ctx.db, read_only=True) as con:
                cases = queue_order(list_cases(con, open_only=not all_))
                posts = dict(con.execute("SELECT post_id, coalesce(author_handle, author_name, '') || ': ' || coalesce(text, '') FROM posts").fetchall())
        except FileNotFoundError as exc:
            fail(str(exc))
        rows = [
            (c.case_id, c.severity, c.category, c.state.replace("_", " "), c.assignee or "-", _fmt(c.opened_at),
             _fmt(c.deadline), _left(c.time_left(now)),
             "(safeguarding: DSL only, see case show)" if Category(c.category) in SAFEGUARDING else posts.get(c.post_id, ""))
            for c in cases
        ]
        if not rows and fmt == "table":
            typer.echo("no open cases")
            return
        print_rows(["case", "severity", "category", "state", "assignee", "opened", "remove by", "time left", "post"],
                   rows, fmt=fmt, limit=80)

    @case_app.command("show")
    def show(case_id: CaseId, db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None) -> None:
        """Show a case: the post, its state, deadline and full history (records that you viewed it)."""
        from alerts import actions  # noqa: PLC0415
        from alerts.cases import get_case  # noqa: PLC0415
        from warehouse.db import connect  # noqa: PLC0415

        ctx = resolve(config, db)
        now = ctx.clock.now()
        try:
            with connect(ctx.db) as con:
                actions.record_view(con, case_id, actor=_actor(as_), now=now)
                case = get_case(con, case_id)
                post = con.execute(
                    "SELECT platform, coalesce(author_handle, author_name, author_id), url, text, created_at FROM posts WHERE post_id = ?",
                    [case.post_id],
                ).fetchone()
        except actions.CaseError as exc:
            fail(terminal_safe(str(exc)))
        facts = [
            ("case", case.case_id), ("state", case.state.replace("_", " ")), ("category", f"{case.category} ({case.severity})"),
            ("assignee", case.assignee or "-"), ("opened", _fmt(case.opened_at)), ("remove by", _fmt(case.deadline)),
            ("time left", _left(case.time_left(now))), ("about the head", "yes" if case.about_head else "no"),
            ("escalation rung", case.escalation_rung),
        ]
        if post:
            facts += [("platform", post[0]), ("author", post[1]), ("address", post[2]), ("posted", _fmt(post[4])),
                      ("text", post[3])]
        print_rows(["", ""], facts, limit=2000)
        print_rows(
            ["time", "who", "what", "reason", "details"],
            [(_fmt(e.occurred_at), e.actor, e.kind, e.reason or "", _details(e.data)) for e in case.events],
            limit=160,
        )

    @case_app.command("assign")
    def assign(case_id: CaseId, to: Annotated[str, typer.Argument(help="Who takes the case.")],
               db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None) -> None:
        """Give the case to a person."""
        _act(resolve(config, db), "assign", case_id, to, actor=_actor(as_))

    @case_app.command("note")
    def note(case_id: CaseId, text: Annotated[str, typer.Argument(help="The note.")],
             db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None) -> None:
        """Add a note to the case history."""
        _act(resolve(config, db), "note", case_id, text, actor=_actor(as_))

    @case_app.command("dismiss")
    def dismiss(case_id: CaseId, reason: Annotated[str, typer.Option("--reason", help="Why there is nothing to act on.")],
                db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None) -> None:
        """Dismiss the case (a false positive, or nothing to act on); a reason is required."""
        _act(resolve(config, db), "dismiss", case_id, reason, actor=_actor(as_))

    @case_app.command("takedown")
    def takedown(
        case_id: CaseId,
        route: Annotated[str, typer.Option("--route", help="own_hide, own_delete (school's own account), asked_poster or reported_platform.")],
        reason: Annotated[str | None, typer.Option("--reason", help="Why it must come down.")] = None,
        hide: Annotated[bool, typer.Option("--hide", help="With own_hide/own_delete: hide it through the platform's API now.")] = False,
        db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None,
    ) -> None:
        """Request a takedown (an own-account route is your approval to hide it through the API)."""
        ctx = resolve(config, db)
        actor = _actor(as_)
        _act(ctx, "request_takedown", case_id, route, reason, actor=actor)
        if hide:
            _hide(ctx, case_id, actor)

    @case_app.command("report")
    def report(
        case_id: CaseId,
        body: Annotated[str, typer.Argument(help="posh, police, ceop, iwf, report_harmful_content, host_or_isp or prevent_act.")],
        reference: Annotated[str, typer.Option("--reference", help="The reference the body gave you.")],
        reason: Annotated[str | None, typer.Option("--reason", help="A note on the report.")] = None,
        db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None,
    ) -> None:
        """Record a report to an outside body, with its reference."""
        _act(resolve(config, db), "report_outside", case_id, body, reference, actor=_actor(as_), reason=reason)

    @case_app.command("escalate")
    def escalate_case(
        case_id: CaseId,
        to: Annotated[str, typer.Option("--to", help="Whom it goes to (e.g. head, dsl, police).")],
        why: Annotated[str, typer.Option("--why", help="Why it is escalated.")],
        db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None,
    ) -> None:
        """Escalate the case by hand."""
        _act(resolve(config, db), "escalate", case_id, to, why, actor=_actor(as_))

    @case_app.command("close")
    def close(case_id: CaseId, reason: Annotated[str, typer.Option("--reason", help="How it was dealt with.")],
              db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None) -> None:
        """Close the case; a reason is required."""
        _act(resolve(config, db), "close", case_id, reason, actor=_actor(as_))

    @case_app.command("reopen")
    def reopen(case_id: CaseId, reason: Annotated[str, typer.Option("--reason", help="Why it is open again.")],
               db: DbOpt = None, config: ConfigOpt = None, as_: AsOpt = None) -> None:
        """Reopen a removed, dismissed or closed case (a takedown case gets a new deadline)."""
        _act(resolve(config, db), "reopen", case_id, reason, actor=_actor(as_))

    @case_app.command("export")
    def export(
        case_id: CaseId,
        out: Annotated[Path, typer.Option("--out", help="Folder to write the evidence pack in.")] = Path("evidence"),
        db: DbOpt = None, config: ConfigOpt = None,
    ) -> None:
        """Write the evidence pack (HTML page, JSON with hashes and timeline) for the police or POSH."""
        from alerts.cases import CaseError  # noqa: PLC0415
        from alerts.evidence import export_pack  # noqa: PLC0415
        from warehouse.db import connect  # noqa: PLC0415

        ctx = resolve(config, db)
        try:
            with connect(ctx.db, read_only=True) as con:
                folder = export_pack(con, case_id, out, ctx.clock.now())
        except (CaseError, FileNotFoundError) as exc:
            fail(terminal_safe(str(exc)))
        typer.echo(f"evidence pack for case {case_id}: {folder}/index.html (and evidence.json, evidence.json.sha256)")

    @app.command("escalate")
    def escalate_tick(db: DbOpt = None, config: ConfigOpt = None) -> None:
        """Re-check posts awaiting removal, escalate overdue ones, send alerts not yet sent (run hourly)."""
        from alerts.escalation import tick  # noqa: PLC0415
        from alerts.mail import SmtpSettings  # noqa: PLC0415
        from warehouse.db import connect  # noqa: PLC0415

        ctx = resolve(config, db, need_config=True)
        cfg = ctx.require_config()
        with connect(ctx.db, read_only=True) as con:
            platforms = [r[0] for r in con.execute("SELECT DISTINCT p.platform FROM cases JOIN posts p USING (post_id)").fetchall()]
        connectors = build_connectors(platforms, ctx.clock)
        with connect(ctx.db) as con:
            summary = tick(con, cfg, ctx.clock, connectors, SmtpSettings.from_config(cfg, os.environ))
        d = summary.as_dict()
        typer.echo(
            f"checked {d['checked']}: {d['removed']} removed, {d['present']} still present, {d['unknown']} unknown; "
            f"escalated {d['escalated']} (cannot verify {d['cannot_verify']}); reopened {d['reopened']}; "
            f"e-mails sent {d['emails_sent']}, failed {d['emails_failed']}"
        )
        for err in summary.errors:
            typer.secho(f"error: {terminal_safe(err, limit=500)}", err=True)
        if summary.errors or summary.emails_failed:
            raise typer.Exit(1)


def _hide(ctx: Context, case_id: int, actor: str) -> None:
    from alerts import actions  # noqa: PLC0415
    from alerts.cases import get_case  # noqa: PLC0415
    from warehouse.db import connect  # noqa: PLC0415

    with connect(ctx.db, read_only=True) as con:
        case = get_case(con, case_id)
        row = con.execute("SELECT platform, account_id FROM posts WHERE post_id = ?", [case.post_id]).fetchone()
    if row is None:
        fail(f"case {case_id}: the post is no longer in the warehouse")
    connector = build_connectors([row[0]], ctx.clock, account_id=row[1]).get(row[0])
    if connector is None:
        fail(f"case {case_id}: no {row[0]} connector (credentials?); the takedown stays requested")
    try:
        with connect(ctx.db) as con:
            ev = actions.hide_via_api(con, case_id, connector, actor=actor, now=ctx.clock.now())
    except actions.CaseError as exc:
        fail(terminal_safe(str(exc), limit=500))
    if ev.kind == "hide_failed":
        fail(f"case {case_id}: the platform did not hide it: {terminal_safe(ev.reason or '', limit=300)}", code=1)
    typer.echo(f"case {case_id}: hidden through the {row[0]} API (event {ev.event_id})")


def _details(data: dict[str, object]) -> str:
    return ", ".join(f"{k}={v}" for k, v in data.items() if k not in {"platform_answer", "answer"})
