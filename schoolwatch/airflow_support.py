"""What the Airflow DAGs share, kept out of ``dags/`` so DAG files stay thin.

Nothing here imports Airflow, pandas, DuckDB or a platform client at module level: DAG
files import this at parse time, and the DagBag must stay fast. Everything heavy is
imported inside the functions the tasks call.

- where the configuration is (Airflow Variable ``schoolwatch_config`` or
  ``$SCHOOLWATCH_CONFIG``) and how often to ingest (read cheaply with ``tomllib``);
- credentials: Airflow connections ``schoolwatch_<platform>`` mapped to the
  ``SCHOOLWATCH_*`` names the connectors know, with the environment as fallback;
- a fetch keyed by (source, data interval), so a retried or re-run interval overwrites
  nothing and doubles nothing;
- the failure e-mail to the IT contact, keyed so a task that fails once mails once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CONFIG_VARIABLE = "schoolwatch_config"
CONFIG_ENV = "SCHOOLWATCH_CONFIG"
POOL = "schoolwatch_db"  # one slot: DuckDB has one writer
DEFAULT_INGEST_EVERY = timedelta(minutes=15)

PLATFORMS_WITH_CREDENTIALS = ("x", "facebook", "instagram", "reddit", "youtube", "bluesky")
# Which SCHOOLWATCH_<PLATFORM>_<KEY> an Airflow connection's login and password fill.
# Any other key goes in the connection's ``extra`` JSON, spelled as the bare key
# (``"consumer_key"``) or the full variable name; an account suffix works there too
# (``"bearer_token_x_main"`` -> ``SCHOOLWATCH_X_BEARER_TOKEN_X_MAIN``).
CONNECTION_FIELDS: dict[str, dict[str, str]] = {
    "x": {"password": "BEARER_TOKEN"},
    "facebook": {"login": "APP_ID", "password": "PAGE_TOKEN"},
    "instagram": {"login": "APP_ID", "password": "ACCESS_TOKEN"},
    "reddit": {"login": "CLIENT_ID", "password": "CLIENT_SECRET"},
    "youtube": {"password": "API_KEY"},
    "bluesky": {"login": "HANDLE", "password": "APP_PASSWORD"},
}
_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def connection_id(platform: str) -> str:
    return f"schoolwatch_{platform}"


# -- configuration ----------------------------------------------------------------------


def config_path(variable: Callable[[], str | None], env: Mapping[str, str]) -> Path:
    """The config file: the Airflow Variable wins, then ``$SCHOOLWATCH_CONFIG``."""
    path = variable() or env.get(CONFIG_ENV)
    if not path:
        raise RuntimeError(
            f"no schoolwatch configuration: set the Airflow Variable {CONFIG_VARIABLE!r} "
            f"or the environment variable {CONFIG_ENV} to the path of schoolwatch.toml"
        )
    return Path(path)


def ingest_every(env: Mapping[str, str]) -> timedelta:
    """``schedule.ingest_every`` from the config named by the environment, read at parse time.

    Only ``tomllib`` (no validation, no Variable lookup: a DAG file must not query the
    metadata database while parsing). Anything missing or odd means the default.
    """
    path = env.get(CONFIG_ENV)
    if not path:
        return DEFAULT_INGEST_EVERY
    try:
        with open(path, "rb") as fh:
            value = tomllib.load(fh).get("schedule", {}).get("ingest_every")
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_INGEST_EVERY
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return timedelta(seconds=value)
    m = _DURATION.match(value) if isinstance(value, str) else None
    if not m or int(m.group(1)) == 0:
        return DEFAULT_INGEST_EVERY
    return timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])


# -- credentials ------------------------------------------------------------------------


def credentials_env(
    get_connection: Callable[[str], Any | None],
    env: Mapping[str, str],
) -> dict[str, str]:
    """``SCHOOLWATCH_*`` credentials from Airflow connections, falling back to ``env``.

    ``get_connection(conn_id)`` returns the connection or None when it is not defined.
    Values never reach a log line.
    """
    out = {k: v for k, v in env.items() if k.startswith("SCHOOLWATCH_") and v}
    for platform in PLATFORMS_WITH_CREDENTIALS:
        conn = get_connection(connection_id(platform))
        if conn is None:
            continue
        out.update(connection_to_env(platform, conn))
    return out


def connection_to_env(platform: str, conn: Any) -> dict[str, str]:
    """One connection's login, password and extra fields as ``SCHOOLWATCH_*`` names."""
    prefix = f"SCHOOLWATCH_{platform.upper()}_"
    found: dict[str, str] = {}
    for field, key in CONNECTION_FIELDS.get(platform, {}).items():
        value = getattr(conn, field, None)
        if value:
            found[prefix + key] = str(value)
    extra_raw = getattr(conn, "extra", None)
    extra: dict[str, Any] = {}
    if extra_raw:
        try:
            extra = json.loads(extra_raw) if isinstance(extra_raw, str) else dict(extra_raw)
        except ValueError:
            log.warning("connection %s: extra is not JSON; ignored", connection_id(platform))
    for key, value in extra.items():
        if value in (None, "") or not isinstance(value, str | int):
            continue
        name = key.upper().replace("-", "_")
        found[name if name.startswith("SCHOOLWATCH_") else prefix + name] = str(value)
    return found


def connector_creds(source: Mapping[str, str], platform: str, source_id: str | None) -> dict[str, str]:
    """One source's credentials, resolved exactly as the CLI does (``connectors.credentials``).

    Per-source values (``SCHOOLWATCH_X_BEARER_TOKEN_X_MAIN``) first, then the platform's
    generic ones; the result is the ``{KEY: value}`` dict the connector modules read.
    """
    from connectors.credentials import resolve  # noqa: PLC0415
    from connectors.errors import ConnectorError  # noqa: PLC0415
    from connectors.factory import optional_env, required_env  # noqa: PLC0415

    try:
        keys = [*required_env(platform), *optional_env(platform)]
    except ConnectorError:
        return {}  # no connector for the platform yet: build_connector_or_failure records why
    return resolve(source, platform, keys, source_id)


# -- keyed fetch ------------------------------------------------------------------------


def interval_run_id(source_id: str, interval_end: datetime, attempt: int = 0) -> str:
    """A landing run id from the source and the data interval (sortable by time).

    The same interval of the same source always gets the same id; a new attempt after a
    failed one gets ``.rN`` so the failed check stays on record beside the retry.
    """
    stamp = interval_end.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    digest = hashlib.sha256(source_id.encode()).hexdigest()[:8]
    base = f"{stamp}Z-af-{digest}"
    return f"{base}.r{attempt}" if attempt else base


def manifest_summary(manifest: Any, *, reused: bool = False) -> dict[str, Any]:
    """The small, JSON-safe result a fetch task returns (Airflow keeps it as an XCom)."""
    return {
        "source_id": manifest.source_id,
        "platform": manifest.platform,
        "run_id": manifest.run_id,
        "status": manifest.status,
        "items": manifest.items,
        "error": manifest.error,
        "error_kind": manifest.error_kind,
        "reused": reused,
    }


class _Unavailable:
    """A connector that could not be built: every fetch fails with the reason (a failed check)."""

    def __init__(self, platform: str, error: Exception) -> None:
        self.platform = platform
        self.error = error

    def fetch(self, source: Any, cursor: Any, budget: Any) -> Any:
        raise self.error

    def check(self, native_id: str) -> Any:
        from connectors.base import CheckResult  # noqa: PLC0415

        return CheckResult("unknown", {"error": str(self.error)}, "connector unavailable")

    def hide(self, native_id: str) -> Any:
        from connectors.base import ActionResult  # noqa: PLC0415

        return ActionResult(False, {"error": str(self.error)}, "connector unavailable")


def build_connector_or_failure(
    platform: str, creds: Mapping[str, str], *, clock: Any, account: str, **kw: Any
) -> Any:
    """The platform's connector, or one whose fetch fails with why it could not be built.

    Missing credentials or a platform without a connector yet must become a failed
    monitoring check for that source, not a crashed task that hides it.
    """
    from connectors.errors import ConnectorError, FatalError  # noqa: PLC0415
    from connectors.factory import build_connector  # noqa: PLC0415

    try:
        return build_connector(platform, creds, clock=clock, account=account, **kw)
    except ConnectorError as exc:
        return _Unavailable(platform, exc)
    except (ValueError, TypeError, KeyError) as exc:  # a malformed credential
        return _Unavailable(platform, FatalError(f"{platform} {account}: cannot build connector: {exc}", platform=platform))


def fetch_for_interval(
    plan_item: Mapping[str, Any],
    landing_root: Path,
    interval_end: datetime,
    clock: Any,
    connector_for: Callable[[Any], Any],
    *,
    max_pages: int = 20,
) -> dict[str, Any]:
    """Fetch one source for one data interval, at most once.

    - a manifest of this interval that succeeded (ok or partial) is already there: the
      interval's work is done; return it and fetch nothing (re-runs change nothing);
    - an earlier attempt failed, or crashed leaving a data file and no manifest: fetch
      again under the next free ``.rN`` id (landing files are immutable, never overwritten);
    - otherwise fetch under the interval's id.
    """
    from connectors.base import PageBudget, fetch_to_landing  # noqa: PLC0415
    from schoolwatch.core.landing import LandingZone, Manifest, RunMeta  # noqa: PLC0415
    from schoolwatch.pipeline import spec_from_dict  # noqa: PLC0415

    spec = spec_from_dict(dict(plan_item["spec"]))
    landing = LandingZone(landing_root)
    attempt = 0
    while True:
        run_id = interval_run_id(spec.source_id, interval_end, attempt)
        meta = RunMeta(run_id, spec.platform, spec.source_id, spec.school_id, spec.account_id)
        manifest_path = landing.manifest_path(meta)
        if manifest_path.exists():
            done = Manifest.from_dict(json.loads(manifest_path.read_text(encoding="utf-8")))
            if done.status in ("ok", "partial"):
                log.info("source %s: interval already fetched as %s", spec.source_id, run_id)
                return manifest_summary(done, reused=True)
        elif not landing.data_path(meta).exists():
            break
        attempt += 1
    connector = connector_for(spec)
    manifest = fetch_to_landing(
        connector, spec, plan_item.get("cursor"), landing, clock, budget=PageBudget(max_pages), run_id=run_id
    )
    return manifest_summary(manifest)


# -- failure e-mail ---------------------------------------------------------------------

_FAILURE_HTML = """<p>An Airflow task of schoolwatch failed after its retries.</p>
<table>
<tr><th align="left">DAG</th><td>{{ dag_id }}</td></tr>
<tr><th align="left">Task</th><td>{{ task_id }}{% if map_index is not none and map_index >= 0 %} [{{ map_index }}]{% endif %}</td></tr>
<tr><th align="left">Run</th><td>{{ run_id }}</td></tr>
<tr><th align="left">Error</th><td><pre>{{ error }}</pre></td></tr>
</table>
<p>Open the Airflow UI for the log. Monitoring checks that did not run are listed as failed
in <code>monitoring_checks</code>.</p>
"""


def failure_key(dag_id: str, run_id: str, task_id: str, map_index: int | None) -> str:
    """One key per failed task instance: a retried failure, or the callback run twice, mails once."""
    return f"airflow-failure:{dag_id}:{run_id}:{task_id}:{map_index if map_index is not None else -1}"


def send_failure_mail(
    cfg: Any,
    db_path: Path,
    *,
    dag_id: str,
    run_id: str,
    task_id: str,
    map_index: int | None,
    error: str,
    now: datetime,
    env: Mapping[str, str],
    lock_wait: float = 20.0,
) -> str:
    """E-mail the IT contact that a task failed; returns the send status.

    Keyed in ``notifications`` through :func:`alerts.mail.send_once`. When the database is
    the thing that is broken or busy, the mail still goes, keyed by its outbox file.
    """
    from alerts.mail import SmtpSettings, build_message, deliver, render_html, send_once, write_eml  # noqa: PLC0415
    from warehouse.db import DatabaseBusyError, connect  # noqa: PLC0415

    settings = SmtpSettings.from_config(cfg, env)
    key = failure_key(dag_id, run_id, task_id, map_index)
    to = [str(cfg.contacts.it.email)]
    error = error[:4000]
    label = f"{dag_id}.{task_id}" + (f"[{map_index}]" if map_index is not None and map_index >= 0 else "")
    text = (
        f"An Airflow task of schoolwatch failed after its retries.\n\n"
        f"DAG: {dag_id}\nTask: {label}\nRun: {run_id}\nError: {error}\n\n"
        "Open the Airflow UI for the log."
    )
    html = render_html(_FAILURE_HTML, dag_id=dag_id, task_id=task_id, map_index=map_index, run_id=run_id, error=error)

    def build(message_id: str) -> Any:
        return build_message(
            subject=f"schoolwatch: Airflow task {label} failed",
            sender=settings.sender,
            to=to,
            text=text,
            html=html,
            message_id=message_id,
            date=now,
        )

    try:
        with connect(db_path, max_wait=lock_wait) as con:
            return send_once(con, key, "airflow_failure", build, settings, now).status
    except (DatabaseBusyError, OSError) as exc:
        log.warning("failure mail %s: database unavailable (%s); keying by the outbox file", key, exc)
    eml = settings.outbox_dir / (re.sub(r"[^A-Za-z0-9_.-]+", "_", key) + ".eml")
    if eml.exists():
        return "already_sent"
    from alerts.mail import new_message_id  # noqa: PLC0415

    msg = build(new_message_id(key, settings.sender))
    deliver(msg, settings)
    write_eml(msg, settings.outbox_dir, key)
    return "sent"


# -- the Airflow edge (imports Airflow lazily; called from DAG files and tasks) -------------


def default_args(retries: int = 3) -> dict[str, Any]:
    """Retries with exponential backoff and the failure e-mail, for every task."""
    return {
        "owner": "schoolwatch",
        "retries": retries,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
        "on_failure_callback": on_task_failure,
    }


def _variable(key: str) -> str | None:
    from airflow.sdk import Variable  # noqa: PLC0415

    value = Variable.get(key, default=None)
    return str(value) if value else None


def _connection(conn_id: str) -> Any | None:
    from airflow.sdk import Connection  # noqa: PLC0415
    from airflow.sdk.exceptions import AirflowNotFoundException  # noqa: PLC0415

    try:
        return Connection.get(conn_id)
    except AirflowNotFoundException:
        return None


def task_config() -> tuple[Any, Path]:
    """(config, database path) for a running task: Variable ``schoolwatch_config``, else env."""
    import os  # noqa: PLC0415

    from schoolwatch.core.config import load_config  # noqa: PLC0415

    cfg = load_config(config_path(lambda: _variable(CONFIG_VARIABLE), os.environ))
    return cfg, cfg.db_path


def task_credentials() -> dict[str, str]:
    """Every ``SCHOOLWATCH_*`` credential: Airflow connections first, the environment after."""
    import os  # noqa: PLC0415

    return credentials_env(_connection, os.environ)


def interval_end(context: Mapping[str, Any]) -> datetime:
    """The end of the run's data interval (the logical date for trigger timetables)."""
    end = context.get("data_interval_end") or context.get("logical_date")
    if end is None:  # a manual run with no logical date
        end = context["dag_run"].run_after
    return end


def on_task_failure(context: Mapping[str, Any]) -> None:
    """``on_failure_callback``: mail the IT contact once per failed task instance."""
    import os  # noqa: PLC0415

    from schoolwatch.core.clock import SystemClock  # noqa: PLC0415

    ti = context["ti"]
    error = context.get("exception")
    try:
        cfg, db_path = task_config()
        status = send_failure_mail(
            cfg,
            db_path,
            dag_id=ti.dag_id,
            run_id=ti.run_id,
            task_id=ti.task_id,
            map_index=getattr(ti, "map_index", None),
            error=f"{error.__class__.__name__}: {error}" if error else "(no exception recorded)",
            now=SystemClock().now(),
            env=os.environ,
        )
        log.info("failure mail for %s.%s: %s", ti.dag_id, ti.task_id, status)
    except Exception:  # noqa: BLE001 - a broken callback must not hide the task's own failure
        log.exception("could not send the failure e-mail for %s.%s", ti.dag_id, ti.task_id)


# -- task bodies (each calls one package function and returns a small summary) -------------


def plan_task() -> list[dict[str, Any]]:
    from schoolwatch.pipeline import plan_fetches  # noqa: PLC0415

    cfg, db_path = task_config()
    return plan_fetches(cfg, db_path)


def fetch_task(item: Mapping[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    from schoolwatch.core.clock import SystemClock  # noqa: PLC0415
    from schoolwatch.pipeline import landing_root  # noqa: PLC0415

    cfg, _ = task_config()
    secrets = task_credentials()
    clock = SystemClock()

    def connector_for(spec: Any) -> Any:
        creds = connector_creds(secrets, spec.platform, spec.source_id)
        return build_connector_or_failure(spec.platform, creds, clock=clock, account=spec.account_id or spec.source_id)

    return fetch_for_interval(item, landing_root(cfg), interval_end(context), clock, connector_for)


def process_task() -> dict[str, Any]:
    import os  # noqa: PLC0415

    from alerts.mail import SmtpSettings  # noqa: PLC0415
    from schoolwatch.core.clock import SystemClock  # noqa: PLC0415
    from schoolwatch.pipeline import process  # noqa: PLC0415
    from transforms.classify.scanner import cache_dir  # noqa: PLC0415

    cfg, db_path = task_config()
    # critical cases alert the DSL in the same task that opened them (keyed: retries send once)
    return process(cfg, db_path, SystemClock(), mail=SmtpSettings.from_config(cfg, os.environ), scanner_cache=cache_dir(os.environ)).as_dict()


def platform_connectors(cfg: Any, secrets: Mapping[str, str], clock: Any) -> dict[str, Any]:
    """One connector per platform the configuration uses (for removal checks).

    A platform whose connector cannot be built gets one that answers ``unknown`` with the
    reason, so the case records why the removal could not be verified.
    """
    platforms = sorted({a.platform for a in cfg.accounts} | {s.platform for s in cfg.searches})
    return {
        p: build_connector_or_failure(p, connector_creds(secrets, p, None), clock=clock, account=p)
        for p in platforms
    }


def escalate_task() -> dict[str, Any]:
    import os  # noqa: PLC0415

    from alerts.escalation import tick  # noqa: PLC0415
    from alerts.mail import SmtpSettings  # noqa: PLC0415
    from schoolwatch.core.clock import SystemClock  # noqa: PLC0415
    from warehouse.db import connect  # noqa: PLC0415

    cfg, db_path = task_config()
    clock = SystemClock()
    connectors = platform_connectors(cfg, task_credentials(), clock)
    settings = SmtpSettings.from_config(cfg, os.environ)
    with connect(db_path) as con:
        summary: dict[str, Any] = tick(con, cfg, clock, connectors, settings).as_dict()
    if summary.get("emails_failed"):
        raise TaskFailedError(f"{summary['emails_failed']} escalation e-mail(s) not accepted: {summary}")
    return summary


class TaskFailedError(RuntimeError):
    """A step finished but part of it failed (an e-mail not accepted): fail so Airflow retries.

    Every side effect is keyed, so the retry only redoes what did not happen.
    """


def compliance_task(context: Mapping[str, Any]) -> dict[str, Any]:
    """E-mail each account-week whose monitoring was missed (keyed: once each)."""
    import os  # noqa: PLC0415

    from alerts.compliance import alert_missed_weeks  # noqa: PLC0415
    from alerts.mail import SmtpSettings  # noqa: PLC0415
    from schoolwatch.core.clock import SystemClock  # noqa: PLC0415
    from warehouse.db import connect  # noqa: PLC0415

    cfg, db_path = task_config()
    with connect(db_path) as con:
        sent = alert_missed_weeks(con, cfg, SystemClock().now(), SmtpSettings.from_config(cfg, os.environ))
    statuses = [r.status for r in sent]
    summary = {s: statuses.count(s) for s in sorted(set(statuses))}
    if "failed" in summary:
        raise TaskFailedError(f"{summary['failed']} compliance alert(s) not accepted by the mail server: {summary}")
    return summary


def digest_week(context: Mapping[str, Any]) -> str:
    """The ISO week a digest run covers: the last full week before the run's interval end.

    Derived from the data interval, not the wall clock, so a re-run or late run of a
    Monday sends that Monday's week (and, keyed by week, sends it once).
    """
    from alerts.digest import default_week_start, iso_week_of  # noqa: PLC0415

    return iso_week_of(default_week_start(interval_end(context)))


def digest_task(context: Mapping[str, Any]) -> dict[str, Any]:
    import os  # noqa: PLC0415

    from alerts.digest import send_weekly  # noqa: PLC0415
    from alerts.mail import SmtpSettings  # noqa: PLC0415
    from schoolwatch.core.clock import SystemClock  # noqa: PLC0415
    from warehouse.db import connect  # noqa: PLC0415

    cfg, db_path = task_config()
    settings = SmtpSettings.from_config(cfg, os.environ)
    with connect(db_path) as con:
        result = send_weekly(con, cfg, SystemClock(), settings, week=digest_week(context))
    summary: dict[str, Any] = result.as_dict()
    if result.status == "failed":
        raise TaskFailedError(f"digest {result.iso_week} not sent: {summary}")
    return summary


def retention_task() -> dict[str, Any]:
    from schoolwatch.core.clock import SystemClock  # noqa: PLC0415
    from warehouse.pseudonym import key_from_env  # noqa: PLC0415
    from warehouse.retention import run_retention  # noqa: PLC0415

    cfg, db_path = task_config()
    result: dict[str, Any] = run_retention(db_path, cfg, SystemClock().now(), key=key_from_env(task_credentials()))
    return result
