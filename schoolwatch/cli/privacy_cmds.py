"""`schoolwatch retention` and `schoolwatch forget`: data protection from the command line.

Both read the pseudonymisation key from ``SCHOOLWATCH_PSEUDONYM_KEY`` here, at the edge,
and pass it in. Both rewrite the warehouse file afterwards so purged or erased values are
gone from disk, which needs the database to themselves (run them in the single-writer
slot, like `schoolwatch load`).
"""

from __future__ import annotations

import getpass
import os
from typing import Annotated, Any

import typer

from schoolwatch.cli.common import ConfigOpt, DbOpt, fail, resolve
from schoolwatch.cli.output import terminal_safe
from schoolwatch.core.ids import PLATFORMS


def _key() -> bytes | None:
    from warehouse.pseudonym import PseudonymKeyError, key_from_env  # noqa: PLC0415

    try:
        return key_from_env(os.environ)
    except PseudonymKeyError as exc:
        fail(str(exc))


def _print_counts(result: dict[str, Any]) -> None:
    for k, v in result.items():
        if k in ("notes", "rewrite") or isinstance(v, dict | list):
            continue
        typer.echo(f"  {k.replace('_', ' '):<32} {terminal_safe(v)}")


def retention(
    db: DbOpt = None,
    config: ConfigOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be purged; change nothing.")] = False,
) -> None:
    """Apply the retention policy in [retention]: purge old text, payloads, authors, cases and landing files."""
    from warehouse.db import DatabaseBusyError  # noqa: PLC0415
    from warehouse.retention import run_retention  # noqa: PLC0415

    ctx = resolve(config, db, need_config=True)
    cfg = ctx.require_config()
    try:
        result = run_retention(ctx.db, cfg, ctx.clock.now(), key=_key(), dry_run=dry_run)
    except DatabaseBusyError as exc:
        fail(str(exc), code=3)
    typer.echo("retention (dry run: nothing changed)" if dry_run else "retention applied")
    _print_counts(result)
    if "rewrite" in result:
        rw = result["rewrite"]
        typer.echo(f"  database rewritten so purged values are gone from disk ({rw['bytes_before']} -> {rw['bytes_after']} bytes)")
    if "rewrite_error" in result:
        typer.secho(f"warning: {terminal_safe(result['rewrite_error'], limit=None)}", err=True)
    if result.get("pseudonymisation", "").startswith("skipped"):
        typer.secho("warning: set SCHOOLWATCH_PSEUDONYM_KEY to pseudonymise authors and re-apply erasures", err=True)


def forget(
    author: Annotated[str, typer.Option("--author", help="The person's handle (with or without @) or platform user id.")],
    platform: Annotated[str, typer.Option("--platform", help=f"The platform: {', '.join(PLATFORMS)}.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Who is carrying out the erasure (default: the login name).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Count what would be erased; change nothing.")] = False,
) -> None:
    """Erase a person's unflagged posts, raw payloads and landing copies; flagged and case data is kept."""
    from warehouse.compact import rewrite_database  # noqa: PLC0415
    from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415
    from warehouse.erasure import forget as forget_author  # noqa: PLC0415

    if platform not in PLATFORMS:
        fail(f"unknown platform {platform!r} (one of: {', '.join(PLATFORMS)})")
    ctx = resolve(config, db, need_config=True)
    cfg = ctx.require_config()
    who = actor or getpass.getuser()
    try:
        with connect(ctx.db) as con:
            result = forget_author(con, cfg, platform, author, ctx.clock.now(), who, key=_key(), dry_run=dry_run)
        if not dry_run and result["posts_erased"]:
            rewrite_database(ctx.db)
    except DatabaseBusyError as exc:
        fail(str(exc), code=3)
    except ValueError as exc:
        fail(str(exc))
    typer.echo(("erasure (dry run: nothing changed) " if dry_run else "erasure recorded as ") + result["request_id"])
    _print_counts({k: v for k, v in result.items() if k not in ("request_id", "platform")})
    for note in result["notes"]:
        typer.echo(f"note: {note}")


def register(app: typer.Typer) -> None:
    app.command("retention")(retention)
    app.command("forget")(forget)
