"""`schoolwatch`: the command line. Each command wires package functions; no logic here."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Annotated

import typer

from schoolwatch import __version__
from schoolwatch.cli import (
    case_cmds,
    classify_cmds,
    compliance_cmds,
    connector_cmds,
    privacy_cmds,
    web_cmds,
)
from schoolwatch.cli.common import DEFAULT_DEMO_DIR, ConfigOpt, DbOpt, fail, resolve, setup_logging
from schoolwatch.cli.output import print_rows, terminal_safe

app = typer.Typer(
    name="schoolwatch",
    help="Watch what is said about a school on social media, act on it within 24 hours, and prove it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
) -> None:
    """Watch what is said about a school on social media, act on it within 24 hours, and prove it."""
    setup_logging(verbose)


@app.command()
def version() -> None:
    """Print the schoolwatch version."""
    typer.echo(__version__)


@app.command()
def demo(
    dir: Annotated[Path, typer.Option("--dir", help="Working folder for the demo (database, landing zone, outbox).")] = DEFAULT_DEMO_DIR,
) -> None:
    """Run the whole pipeline on a week of bundled, invented sample data for an invented school."""
    from schoolwatch.demo import run_demo  # noqa: PLC0415 - keeps `--help` fast

    started = time.monotonic()
    summary = run_demo(dir)
    typer.echo(summary.render())
    typer.echo(f"(demo took {time.monotonic() - started:.1f}s)")


_WRITE = re.compile(r"^\s*(insert|update|delete|drop|create|alter|attach|detach|copy|export|import|install|load|pragma|set|call|checkpoint|vacuum)\b", re.I)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A read-only SQL query (SELECT/WITH/DESCRIBE/SHOW), or @file.sql.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    csv: Annotated[bool, typer.Option("--csv", help="Print CSV (formula-safe).")] = False,
    json: Annotated[bool, typer.Option("--json", help="Print a JSON array of objects.")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="Positional parameter for $1, $2, ... (repeatable).")] = None,
) -> None:
    """Run a read-only query against the warehouse and print a table."""
    from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415

    ctx = resolve(config, db)
    text = Path(query[1:]).read_text(encoding="utf-8") if query.startswith("@") else query
    if _WRITE.match(text):
        fail("schoolwatch sql is read-only: use the commands for changes")
    try:
        with connect(ctx.db, read_only=True) as con:
            cur = con.execute(text, list(param or []))
            columns = [d[0] for d in cur.description] if cur.description else []
            rows = cur.fetchall()
    except FileNotFoundError as exc:
        fail(str(exc))
    except DatabaseBusyError as exc:
        fail(str(exc), code=3)
    except Exception as exc:  # noqa: BLE001 - show DuckDB's message, not a traceback
        fail(terminal_safe(f"{exc.__class__.__name__}: {exc}", limit=2000))
    print_rows(columns, rows, fmt="csv" if csv else "json" if json else "table")


@app.command()
def load(
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Load pending landing files, validate, classify new posts and open cases (the single writer)."""
    from alerts.mail import SmtpSettings  # noqa: PLC0415
    from schoolwatch.pipeline import process  # noqa: PLC0415
    from transforms.classify.scanner import cache_dir  # noqa: PLC0415

    ctx = resolve(config, db, need_config=True)
    cfg = ctx.require_config()
    summary = process(cfg, ctx.db, ctx.clock, mail=SmtpSettings.from_config(cfg, os.environ), scanner_cache=cache_dir(os.environ))
    d = summary.as_dict()
    typer.echo(
        f"loaded {d['load']['files_loaded']} file(s): {d['load']['posts_new']} new posts, "
        f"{d['load']['posts_updated']} updated, {d['load']['quarantined_rows']} quarantined; "
        f"classified {d['classify']['posts']}, flagged {d['classify']['flagged']}; "
        f"cases opened {d['cases']['opened']}"
    )


# Each command group lives in its own module with a register(app) function.
for _group in (connector_cmds, classify_cmds, case_cmds, compliance_cmds, privacy_cmds, web_cmds):
    _group.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
