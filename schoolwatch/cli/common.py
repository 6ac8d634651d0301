"""Options and resolution shared by every command: config, database path, clock, errors."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from schoolwatch.core.clock import Clock, SystemClock
from schoolwatch.core.config import Config, ConfigError, load_config

DEFAULT_DEMO_DIR = Path("schoolwatch-demo")
DEFAULT_DB = DEFAULT_DEMO_DIR / "schoolwatch.duckdb"

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Path to schoolwatch.toml (default: $SCHOOLWATCH_CONFIG, ./schoolwatch.toml, or the one beside --db).", show_default=False),
]
DbOpt = Annotated[
    Path | None,
    typer.Option("--db", help="Path to the DuckDB warehouse (default: from the config, else ./schoolwatch-demo/schoolwatch.duckdb).", show_default=False),
]


def fail(message: str, code: int = 2) -> NoReturn:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


@dataclass
class Context:
    config: Config | None
    config_path: Path | None
    db: Path
    clock: Clock

    def require_config(self) -> Config:
        if self.config is None:
            fail("this command needs a configuration: pass --config schoolwatch.toml (or run `schoolwatch demo` first)")
        return self.config


def resolve(config: Path | None, db: Path | None, *, need_config: bool = False) -> Context:
    """Find the configuration and the database the way every command does."""
    path = config
    if path is None and os.environ.get("SCHOOLWATCH_CONFIG"):
        path = Path(os.environ["SCHOOLWATCH_CONFIG"])
    if path is None and db is not None and (db.parent / "schoolwatch.toml").exists():
        path = db.parent / "schoolwatch.toml"
    if path is None and Path("schoolwatch.toml").exists():
        path = Path("schoolwatch.toml")
    if path is None and db is None and (DEFAULT_DEMO_DIR / "schoolwatch.toml").exists():
        path = DEFAULT_DEMO_DIR / "schoolwatch.toml"
    cfg = None
    if path is not None:
        try:
            cfg = load_config(path)
        except ConfigError as exc:
            fail(str(exc))
    elif need_config:
        fail("no configuration found: pass --config schoolwatch.toml, set SCHOOLWATCH_CONFIG, or run `schoolwatch demo`")
    db_path = db or (cfg.db_path if cfg else DEFAULT_DB)
    return Context(cfg, path, db_path, SystemClock())


def setup_logging(verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("great_expectations", "urllib3", "httpx", "matplotlib"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
