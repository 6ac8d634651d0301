"""`schoolwatch serve` and `schoolwatch users ...`: the review web app and its users.

The secret key and platform credentials are read here, at the edge, from the environment
(``SCHOOLWATCH_SECRET_KEY``; the connectors' own variables) and passed into the app.
"""

from __future__ import annotations

import importlib
import logging
import os
import secrets
import sys
from collections.abc import Callable
from typing import Annotated

import typer

from connectors.base import Connector
from connectors.errors import FatalError
from schoolwatch.cli.common import ConfigOpt, DbOpt, fail, resolve
from schoolwatch.cli.output import print_rows
from schoolwatch.core.clock import Clock

log = logging.getLogger(__name__)


def _connector_provider(clock: Clock) -> Callable[[str, str | None], Connector]:
    """Builds a platform connector from environment credentials, only when a hide is confirmed."""

    def provide(platform: str, account_id: str | None) -> Connector:
        try:
            # imported by name: connectors.factory and .credentials arrive with the connector branches
            factory = importlib.import_module("connectors.factory")
            credentials = importlib.import_module("connectors.credentials")
        except ModuleNotFoundError as exc:
            raise FatalError(f"no connectors in this build ({exc.name})", platform=platform) from None
        keys = (*factory.required_env(platform), *factory.optional_env(platform))
        creds = credentials.resolve(os.environ, platform, keys, account_id)
        connector: Connector = factory.build_connector(platform, creds, clock=clock, account=account_id)
        return connector

    return provide


def register(app: typer.Typer) -> None:
    """Add `serve` and the `users` group to the main app."""

    @app.command()
    def serve(
        db: DbOpt = None,
        config: ConfigOpt = None,
        host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
        secure_cookies: Annotated[bool | None, typer.Option("--secure-cookies/--no-secure-cookies", help="Force the Secure cookie flag (default: when the request came over HTTPS).")] = None,
    ) -> None:
        """Run the review web app (login, queue, case pages). Set SCHOOLWATCH_SECRET_KEY so sessions survive restarts."""
        import uvicorn  # noqa: PLC0415

        from review.app import create_app  # noqa: PLC0415
        from review.web import WebSettings  # noqa: PLC0415

        ctx = resolve(config, db)
        if not ctx.db.exists():
            fail(f"no warehouse at {ctx.db} (run `schoolwatch demo` or `schoolwatch load` first)")
        key = os.environ.get("SCHOOLWATCH_SECRET_KEY")
        if not key:
            key = secrets.token_urlsafe(32)
            typer.secho("warning: SCHOOLWATCH_SECRET_KEY is not set: using a random key, so everyone is logged out when the server restarts", fg=typer.colors.YELLOW, err=True)
        settings = WebSettings(secret_key=key)
        web = create_app(ctx.db, ctx.config, ctx.clock, _connector_provider(ctx.clock), secure_cookies, settings=settings)
        typer.echo(f"review app on http://{host}:{port}/login (database {ctx.db})")
        uvicorn.run(web, host=host, port=port, proxy_headers=True, server_header=False, log_level="info")

    users = typer.Typer(help="Manage the people who can log in to the review web app.", no_args_is_help=True)
    app.add_typer(users, name="users")

    @users.command("add")
    def users_add(
        name: Annotated[str, typer.Argument(help="The user name they log in with (lower case).")],
        role: Annotated[str, typer.Option("--role", help="coordinator, dsl, head or auditor.")],
        password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input instead of prompting.")] = False,
        email: Annotated[str | None, typer.Option("--email", help="Their e-mail address.")] = None,
        school: Annotated[str | None, typer.Option("--school", help="Limit them to one school (default: trust-wide).")] = None,
        db: DbOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """Add a user with an argon2-hashed password."""
        from review.users import UserError, add_user  # noqa: PLC0415
        from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415

        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        ctx = resolve(config, db)
        try:
            with connect(ctx.db) as con:
                user = add_user(con, name.strip().lower(), role, password, now=ctx.clock.now(), email=email, school_id=school)
        except UserError as exc:
            fail(str(exc))
        except DatabaseBusyError as exc:
            fail(str(exc), code=3)
        typer.echo(f"added {user.username} ({user.role})")

    @users.command("list")
    def users_list(db: DbOpt = None, config: ConfigOpt = None) -> None:
        """List users, their roles and whether they are disabled."""
        from review.users import list_users  # noqa: PLC0415
        from warehouse.db import connect  # noqa: PLC0415

        ctx = resolve(config, db)
        with connect(ctx.db) as con:
            rows = [(u.username, u.role, u.school_id or "(all)", u.email or "", "disabled" if u.disabled else "active") for u in list_users(con)]
        print_rows(["user", "role", "school", "email", "status"], rows)

    @users.command("disable")
    def users_disable(
        name: Annotated[str, typer.Argument(help="The user to disable; their open sessions end at their next request.")],
        db: DbOpt = None,
        config: ConfigOpt = None,
    ) -> None:
        """Disable a user (kept for the audit trail, never deleted)."""
        from review.users import UserError, disable_user  # noqa: PLC0415
        from warehouse.db import connect  # noqa: PLC0415

        ctx = resolve(config, db)
        try:
            with connect(ctx.db) as con:
                disable_user(con, name.strip().lower(), now=ctx.clock.now())
        except UserError as exc:
            fail(str(exc))
        typer.echo(f"disabled {name}")
