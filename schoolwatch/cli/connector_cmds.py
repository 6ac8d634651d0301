"""`schoolwatch accounts check` and `schoolwatch ingest`: the connectors at the CLI edge.

This is the edge where credentials are read: ``os.environ`` is resolved here through
:mod:`connectors.credentials` and passed into the connectors. Nothing printed contains a
credential value: every line is passed through :func:`_scrub` as a last guard.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rich.progress import TaskID

from schoolwatch.cli.common import ConfigOpt, DbOpt, fail, resolve
from schoolwatch.cli.output import print_rows, terminal_safe

SourcesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        "-s",
        metavar="ID",
        help="Only this source id (account or search id); repeatable.",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add the `accounts` group and the `ingest` command to the main app."""
    accounts = typer.Typer(
        help="Registered accounts and searches: check credentials and permissions.",
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    accounts.command("check")(accounts_check)
    app.add_typer(accounts, name="accounts")
    app.command("ingest")(ingest)


# -- credentials at the edge ---------------------------------------------------------
def credential_keys(platform: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from connectors.factory import optional_env, required_env  # noqa: PLC0415 - lazy

    return required_env(platform), optional_env(platform)


def creds_for(platform: str, source_id: str, env: Mapping[str, str]) -> dict[str, str]:
    """``{KEY: value}`` for one source: per-account variables first, then generic ones."""
    from connectors.credentials import resolve as resolve_creds  # noqa: PLC0415

    required, optional = credential_keys(platform)
    return resolve_creds(env, platform, [*required, *optional], source_id)


def _scrub(text: str, secrets: Iterable[str]) -> str:
    """Blank any credential value that found its way into a message (defence in depth)."""
    for value in secrets:
        if value and len(value) >= 4:
            text = text.replace(value, "***")
    return text


# -- accounts check ----------------------------------------------------------------------
def accounts_check(
    config: ConfigOpt = None,
    source: SourcesOpt = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array instead of a table.")
    ] = False,
) -> None:
    """For every registered account and search: verify the credential and its permissions.

    Prints what will and will not work, with the fix. Exits 1 when anything fails.
    Never prints a token.
    """
    from connectors.credentials import describe, missing  # noqa: PLC0415
    from connectors.errors import ConnectorError  # noqa: PLC0415
    from connectors.factory import verify  # noqa: PLC0415
    from schoolwatch.pipeline import sources_from_config  # noqa: PLC0415

    ctx = resolve(config, None, need_config=True)
    cfg = ctx.require_config()
    env = os.environ
    specs = [s for s in sources_from_config(cfg) if not source or s.source_id in source]
    if source and len(specs) != len(set(source)):
        fail(f"unknown source(s): {', '.join(sorted(set(source) - {s.source_id for s in specs}))}")
    rows: list[list[Any]] = []
    all_secrets: list[str] = []
    for spec in specs:
        try:
            required, optional = credential_keys(spec.platform)
        except ConnectorError as exc:
            rows.append(
                [spec.source_id, spec.platform, "connector", False, str(exc), "update schoolwatch"]
            )
            continue
        creds = creds_for(spec.platform, spec.source_id, env)
        all_secrets += list(creds.values())
        lacking = missing(creds, spec.platform, required)
        found = "; ".join(
            d
            for d in describe(env, spec.platform, [*required, *optional], spec.source_id)
            if "missing" not in d
        )
        if lacking:
            names = ", ".join(lacking)
            rows.append(
                [
                    spec.source_id,
                    spec.platform,
                    "credentials",
                    False,
                    f"missing {names}",
                    f"set {names} (or the same name ending _{_suffix(spec.source_id)} for this account); see the runbook",
                ]
            )
            continue
        rows.append(
            [spec.source_id, spec.platform, "credentials", True, found or "none needed", ""]
        )
        try:
            checks = verify(spec.platform, creds, spec, clock=ctx.clock)
        except ConnectorError as exc:
            rows.append(
                [spec.source_id, spec.platform, "verify", False, str(exc), "see the runbook"]
            )
            continue
        for c in checks:
            rows.append([spec.source_id, spec.platform, c.name, c.ok, c.detail, c.fix])
    safe = [
        [_scrub(terminal_safe(v, limit=600), all_secrets) if isinstance(v, str) else v for v in r]
        for r in rows
    ]
    shown = [[*r[:3], "ok" if r[3] else "FAILS", *r[4:]] for r in safe]
    print_rows(
        ["source", "platform", "check", "works", "detail", "fix"],
        shown,
        fmt="json" if json else "table",
    )
    if any(not r[3] for r in rows):
        raise typer.Exit(1)


def _suffix(source_id: str) -> str:
    from connectors.credentials import account_suffix  # noqa: PLC0415

    return account_suffix(source_id)


# -- ingest --------------------------------------------------------------------------------
@dataclass
class IngestRow:
    source_id: str
    platform: str
    status: str
    items: int
    api_calls: int
    pages: int
    error: str


def ingest(
    source: SourcesOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
    max_pages: Annotated[
        int,
        typer.Option(
            "--max-pages",
            min=1,
            help="Page budget per source per run (the rest waits for the next run).",
        ),
    ] = 20,
    no_load: Annotated[
        bool,
        typer.Option("--no-load", help="Fetch and land only; load later with `schoolwatch load`."),
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress display on stderr.")
    ] = True,
) -> None:
    """Fetch every source (or the chosen ones) into the landing zone, then load it into the warehouse.

    A source that fails (bad credential, rate limit) is recorded as a failed check and the
    others go on. Exits 1 when any source failed.
    """
    from connectors.factory import connector_or_failure  # noqa: PLC0415
    from schoolwatch.core.landing import LandingZone  # noqa: PLC0415
    from schoolwatch.pipeline import landing_root, plan_fetches, process, spec_from_dict  # noqa: PLC0415

    ctx = resolve(config, db, need_config=True)
    cfg = ctx.require_config()
    try:
        plan = plan_fetches(cfg, ctx.db, list(source) if source else None)
    except KeyError as exc:
        fail(str(exc.args[0]) if exc.args else str(exc))
    landing = LandingZone(landing_root(cfg))
    rows: list[IngestRow] = []
    secrets: list[str] = []
    with _Progress(enabled=progress, total=len(plan)) as bar:
        for entry in plan:
            spec = spec_from_dict(entry["spec"])
            bar.start(spec.source_id, max_pages)
            creds = creds_for_or_empty(spec.platform, spec.source_id)
            secrets += list(creds.values())
            connector = connector_or_failure(
                spec.platform, creds, clock=ctx.clock, account=spec.source_id
            )
            manifest = run_fetch(
                spec, entry["cursor"], landing, ctx.clock, connector, max_pages, bar.page
            )
            rows.append(
                IngestRow(
                    spec.source_id,
                    spec.platform,
                    manifest.status,
                    manifest.items,
                    manifest.api_calls,
                    manifest.pages,
                    _scrub(terminal_safe(manifest.error or "", limit=300), secrets),
                )
            )
            bar.done()
    print_rows(
        ["source", "platform", "status", "items", "api_calls", "pages", "error"],
        [[r.source_id, r.platform, r.status, r.items, r.api_calls, r.pages, r.error] for r in rows],
    )
    if not no_load:
        from alerts.mail import SmtpSettings  # noqa: PLC0415
        from transforms.classify.scanner import cache_dir  # noqa: PLC0415

        summary = process(cfg, ctx.db, ctx.clock, mail=SmtpSettings.from_config(cfg, os.environ), scanner_cache=cache_dir(os.environ)).as_dict()
        typer.echo(
            f"loaded {summary['load']['files_loaded']} file(s): {summary['load']['posts_new']} new posts, "
            f"{summary['load']['posts_updated']} updated; cases opened {summary['cases']['opened']}"
        )
    if any(r.status == "failed" for r in rows):
        raise typer.Exit(1)


def creds_for_or_empty(platform: str, source_id: str) -> dict[str, str]:
    from connectors.errors import ConnectorError  # noqa: PLC0415

    try:
        return creds_for(platform, source_id, os.environ)
    except ConnectorError:
        return {}  # no module for the platform: connector_or_failure records why


def run_fetch(
    spec: Any,
    cursor: dict[str, Any] | None,
    landing: Any,
    clock: Any,
    connector: Any,
    max_pages: int,
    on_page: Callable[[], None],
) -> Any:
    """fetch_source with a page budget that reports each page to the progress display."""
    from connectors.base import PageBudget, fetch_to_landing  # noqa: PLC0415

    @dataclass
    class ProgressBudget(PageBudget):
        def take(self) -> bool:
            ok = super().take()
            if ok:
                on_page()
            return ok

    return fetch_to_landing(
        connector, spec, cursor, landing, clock, budget=ProgressBudget(max_pages)
    )


class _Progress:
    """A rich progress display on stderr: sources done, and pages of the current source."""

    def __init__(self, *, enabled: bool, total: int) -> None:
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=not enabled,
            transient=True,
        )
        self.total = total
        self.sources: TaskID | None = None
        self.pages: TaskID | None = None

    def __enter__(self) -> _Progress:
        self.progress.__enter__()
        self.sources = self.progress.add_task("sources", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)

    def start(self, source_id: str, max_pages: int) -> None:
        from rich.markup import escape  # noqa: PLC0415

        if self.pages is not None:
            self.progress.remove_task(self.pages)
        self.pages = self.progress.add_task(f"  {escape(source_id)} pages", total=max_pages)

    def page(self) -> None:
        if self.pages is not None:
            self.progress.advance(self.pages)

    def done(self) -> None:
        if self.sources is not None:
            self.progress.advance(self.sources)
