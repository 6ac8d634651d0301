"""The pipeline steps the CLI and the Airflow DAGs both call (faces only wire these).

- :func:`sources_from_config`: every fetchable source (account streams, public searches);
- :func:`plan_fetches`: reads cursors (a short read of the warehouse) for the fetch tasks;
- :func:`fetch_source`: fetch one source into the landing zone (never opens the database);
- :func:`process`: the single-writer step: load landing files, classify, open cases.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from alerts.cases import OpenSummary, open_cases_from_flags
from alerts.mail import SmtpSettings
from alerts.notify import send_pending_critical_alerts
from connectors.base import Connector, PageBudget, SourceSpec, fetch_to_landing
from schoolwatch.core.clock import Clock
from schoolwatch.core.config import Config
from schoolwatch.core.landing import LandingZone, Manifest
from warehouse.classify_step import ClassifySummary, classify_pending
from warehouse.db import connect, transaction
from warehouse.loader import LoadSummary, load_landing, read_cursors

log = logging.getLogger(__name__)


def landing_root(cfg: Config) -> Path:
    return cfg.data_dir / "landing"


def sources_from_config(cfg: Config) -> list[SourceSpec]:
    """One source per account (its streams) and one per public search."""
    specs: list[SourceSpec] = []
    for a in cfg.accounts:
        school = cfg.school_of(a)
        specs.append(
            SourceSpec(
                source_id=a.id,
                school_id=school.id,
                platform=a.platform,
                kind="account",
                handle=a.handle,
                native_id=a.native_id,
                account_id=a.id,
                own=a.kind == "own",
                terms=tuple(school.names),
                url=a.handle if a.platform == "rss" else None,
                streams=tuple(a.streams),
            )
        )
    for s in cfg.searches:
        school = cfg.school_of(s)
        specs.append(
            SourceSpec(
                source_id=s.id,
                school_id=school.id,
                platform=s.platform,
                kind="search",
                query=s.query,
                terms=tuple(school.names),
                subreddits=tuple(s.subreddits),
                url=s.url,
            )
        )
    return specs


def sync_registry(con: duckdb.DuckDBPyConnection, cfg: Config, now: datetime) -> None:
    """Upsert schools, accounts and sources from the configuration; deactivate removed ones."""
    for s in cfg.schools:
        con.execute(
            "INSERT INTO schools (school_id, name, aliases, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (school_id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, updated_at = excluded.updated_at",
            [s.id, s.name, list(s.aliases), now],
        )
    ids = []
    for a in cfg.accounts:
        ids.append(a.id)
        con.execute(
            """INSERT INTO accounts (account_id, school_id, platform, handle, native_id, kind, principal, reserve,
                                     check_every_s, holiday_check_every_s, active, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)
               ON CONFLICT (account_id) DO UPDATE SET school_id = excluded.school_id, platform = excluded.platform,
                 handle = excluded.handle, native_id = excluded.native_id, kind = excluded.kind,
                 principal = excluded.principal, reserve = excluded.reserve, check_every_s = excluded.check_every_s,
                 holiday_check_every_s = excluded.holiday_check_every_s, active = TRUE, updated_at = excluded.updated_at""",
            [a.id, cfg.school_of(a).id, a.platform, a.handle, a.native_id, a.kind, a.principal, a.reserve,
             int(a.check_every.total_seconds()), int(a.holiday_check_every.total_seconds()), now],
        )
    con.execute("UPDATE accounts SET active = FALSE, updated_at = ? WHERE active AND account_id NOT IN (SELECT unnest(?::VARCHAR[]))", [now, ids])
    sids = []
    for spec in sources_from_config(cfg):
        sids.append(spec.source_id)
        con.execute(
            """INSERT INTO sources (source_id, school_id, platform, kind, account_id, spec, active, updated_at)
               VALUES (?, ?, ?, ?, ?, ?::JSON, TRUE, ?)
               ON CONFLICT (source_id) DO UPDATE SET school_id = excluded.school_id, platform = excluded.platform,
                 kind = excluded.kind, account_id = excluded.account_id, spec = excluded.spec, active = TRUE,
                 updated_at = excluded.updated_at""",
            [spec.source_id, spec.school_id, spec.platform, spec.kind, spec.account_id, json.dumps(asdict(spec)), now],
        )
    con.execute("UPDATE sources SET active = FALSE, updated_at = ? WHERE active AND source_id NOT IN (SELECT unnest(?::VARCHAR[]))", [now, sids])


def plan_fetches(cfg: Config, db_path: Path, sources: list[str] | None = None) -> list[dict[str, Any]]:
    """Each source to fetch with its stored cursor (JSON-safe: Airflow passes these to mapped tasks).

    A newer cursor from a landed-but-not-yet-loaded manifest wins, so a fetch never re-reads
    what is already safely in the landing zone. Only one not loaded yet, and only when its
    files are intact: a loaded manifest's cursor is already in the warehouse unless the
    loader refused its data (corrupt file), and then the items must be fetched again.
    """
    cursors: dict[str, dict[str, Any]] = {}
    loaded: set[str] = set()
    if db_path.exists():
        with connect(db_path, read_only=True) as con:
            cursors = read_cursors(con)
            loaded = {r[0] for r in con.execute("SELECT path FROM landing_files WHERE kind = 'manifest'").fetchall()}
    landing = LandingZone(landing_root(cfg))
    plan: list[dict[str, Any]] = []
    for spec in sources_from_config(cfg):
        if sources and spec.source_id not in sources:
            continue
        cursor = cursors.get(spec.source_id)
        pending = landing.pending_cursor(spec.platform, spec.source_id, loaded)
        if pending is not None:
            cursor = pending
        plan.append({"spec": asdict(spec), "cursor": cursor})
    if sources:
        unknown = set(sources) - {p["spec"]["source_id"] for p in plan}
        if unknown:
            raise KeyError(f"unknown source(s): {', '.join(sorted(unknown))}")
    return plan


def spec_from_dict(data: dict[str, Any]) -> SourceSpec:
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return SourceSpec(**fields)


def fetch_source(
    spec: SourceSpec,
    cursor: dict[str, Any] | None,
    landing: LandingZone,
    clock: Clock,
    connector: Connector,
    *,
    max_pages: int = 20,
    run_id: str | None = None,
) -> Manifest:
    """Fetch one source into the landing zone. Never opens the database."""
    return fetch_to_landing(connector, spec, cursor, landing, clock, budget=PageBudget(max_pages), run_id=run_id)


@dataclass
class ProcessSummary:
    load: LoadSummary
    classify: ClassifySummary
    cases: OpenSummary
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "load": self.load.as_dict(),
            "classify": asdict(self.classify),
            "cases": {"opened": self.cases.opened, "joined": self.cases.joined},
            **self.extra,
        }


def process(
    cfg: Config,
    db_path: Path,
    clock: Clock,
    *,
    classifier: Any | None = None,
    mail: SmtpSettings | None = None,
    scanner_cache: Path | None = None,
) -> ProcessSummary:
    """The single-writer step: load every pending landing file, classify new posts, open cases.

    With ``mail``, critical cases alert the DSL (and the head, or the chair) at once, in the
    same step that opened them: safeguarding concerns go to the DSL "as soon as identified",
    not at the next hourly escalation run. Each alert is keyed, so a retry sends nothing twice.
    ``scanner_cache``: where the classifier keeps its compiled rules scanner between runs
    (``transforms.classify.scanner.cache_dir(os.environ)``); None: none kept.
    """
    from transforms.classify import Classifier, ClassifyContext  # noqa: PLC0415 - model load is not free

    clf = classifier or Classifier(ClassifyContext.from_config(cfg), scanner_cache=scanner_cache)
    with connect(db_path) as con:
        now = clock.now()
        with transaction(con):
            sync_registry(con, cfg, now)
        load = load_landing(con, LandingZone(landing_root(cfg)), clock)
        with transaction(con):
            classified = classify_pending(con, clf, clock.now())
        with transaction(con):
            opened = open_cases_from_flags(con, cfg, clock.now())
        extra: dict[str, Any] = {}
        if mail is not None:
            sent = send_pending_critical_alerts(con, cfg, mail, clock.now())
            extra["critical_alerts"] = {r.status: sum(1 for x in sent if x.status == r.status) for r in sent}
    return ProcessSummary(load, classified, opened, extra)
