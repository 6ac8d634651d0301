"""Opening the DuckDB file: migrations on open, and the bounded lock-retry helper.

DuckDB lets one process open a file at a time while anyone writes (even read-only opens
fail at once with "Could not set lock on file"). So nobody holds a connection for long:
every writer opens late, closes early, and goes through :func:`connect`, which retries on
the lock error with a bounded wait and says clearly when it gives up.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from warehouse.audit_views import install_views

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_LOCK_WAIT_S = 30.0


class DatabaseBusyError(RuntimeError):
    """Another process held the database lock for longer than we were willing to wait."""

    def __init__(self, path: Path, waited: float, last: Exception) -> None:
        self.path = path
        self.waited = waited
        super().__init__(
            f"database {path} is busy: another schoolwatch process (a load, an escalation or "
            f"the digest) held its lock for {waited:.1f}s; try again shortly ({last})"
        )


def is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, duckdb.IOException | duckdb.ConnectionException) and (
        "lock" in text.lower() or "Conflicting lock" in text
    )


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("warehouse.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in _migrations():
        if version in done:
            continue
        con.execute("BEGIN")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def _open(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no warehouse at {path} (run `schoolwatch demo` or `schoolwatch ingest` first)")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = open_writable(path)
    try:
        con.execute("SET TimeZone = 'UTC'")
        key = _file_key(path)
        if key not in _SCHEMA_READY or not _schema_current(con):
            migrate(con)
            install_views(con)  # warehouse/views/*.sql, re-created only when a file changed
            _SCHEMA_READY.add(_file_key(path))
    except BaseException:
        con.close()
        raise
    return con


# Row groups of 8,192 rows instead of DuckDB's 122,880. A fetch run is a few hundred to a
# few ten thousand items, loaded in one transaction; a transaction that fills whole row
# groups has them written straight to the file, where a smaller one is written to the
# write-ahead log and again at the checkpoint. Measured with bench/load.py (100,000 posts
# in 10 runs): 3.4-3.8 s CPU against 4.3-4.7 s. Smaller groups also let DuckDB use both
# cores on scans of a few hundred thousand rows. The option only exists on ATTACH.
ROW_GROUP_SIZE = 8192


class _Instance:
    """One DuckDB instance with the file attached, shared by this process's open connections."""

    def __init__(self, path: Path) -> None:
        root = duckdb.connect()
        try:
            root.execute(f"ATTACH '{_sql_path(path)}' AS warehouse (ROW_GROUP_SIZE {ROW_GROUP_SIZE})")
        except BaseException:
            root.close()
            raise
        self.root = root
        self.users = 0


# duckdb.connect(path) shares one instance per file within a process (its instance cache);
# an in-memory instance with the file attached does not, so this does the same: threads of
# the web app, and a step that opens the file inside another's connection, get cursors on
# one instance, which is closed (releasing the file lock) when the last of them closes.
_INSTANCES: dict[str, _Instance] = {}
_INSTANCES_LOCK = threading.Lock()


class WarehouseConnection:
    """A read-write connection on the process's shared instance of one file.

    Everything is DuckDB's own connection (``execute``, ``register``...); ``close()`` also
    lets go of the shared instance, which closes (and releases the file lock) when the last
    connection on it is closed.
    """

    __slots__ = ("_con", "_key", "_closed")

    def __init__(self, con: duckdb.DuckDBPyConnection, key: str) -> None:
        self._con = con
        self._key = key
        self._closed = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._con.close()
        with _INSTANCES_LOCK:
            inst = _INSTANCES.get(self._key)
            if inst is not None:
                _drop_user(self._key, inst)

    def __enter__(self) -> WarehouseConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_writable(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection on the process's shared instance of ``path`` (close it when
    done). Raises DuckDB's lock error while another process holds the file."""
    key = str(path.resolve())
    with _INSTANCES_LOCK:
        inst = _INSTANCES.get(key)
        if inst is None:
            inst = _INSTANCES[key] = _Instance(path)
        inst.users += 1
        try:
            con = inst.root.cursor()
            con.execute("USE warehouse")
        except BaseException:
            _drop_user(key, inst)
            raise
    return WarehouseConnection(con, key)  # type: ignore[return-value]  # a DuckDB connection by delegation


def _drop_user(key: str, inst: _Instance) -> None:
    inst.users -= 1
    if inst.users <= 0:
        inst.root.close()
        del _INSTANCES[key]


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


# Files this process has already brought up to date. Migrations and views are
# idempotent, so checking once per process per file is enough; the web app and the CLI
# open the file per request, and re-checking cost ~100 ms each time. The key includes the
# inode, so a file that was deleted and created again is checked again.
_SCHEMA_READY: set[tuple[str, int, int]] = set()


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    """One cheap query: is the file at the newest migration this code knows?"""
    try:
        row = con.execute("SELECT max(version) FROM schema_migrations").fetchall()
    except duckdb.CatalogException:
        return False
    return bool(row) and row[0][0] == _latest_migration()


@lru_cache(maxsize=1)
def _latest_migration() -> int:
    return max(version for version, _, _ in _migrations())


def _file_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return (str(path.resolve()), st.st_dev, st.st_ino)


def retry_on_lock(
    fn: Callable[[], T],
    *,
    path: Path,
    max_wait: float = DEFAULT_LOCK_WAIT_S,
    sleep: Callable[[float], None] = time.sleep,
    on_wait: Callable[[float], None] | None = None,
) -> T:
    """Call ``fn`` until it stops failing with DuckDB's lock error, for at most ``max_wait`` s."""
    start = time.monotonic()
    delay = 0.05
    while True:
        try:
            return fn()
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not is_lock_error(exc):
                raise
            waited = time.monotonic() - start
            if waited >= max_wait:
                raise DatabaseBusyError(path, waited, exc) from None
            if on_wait:
                on_wait(waited)
            pause = min(delay, max_wait - waited) * (0.5 + random.random())
            sleep(max(pause, 0.01))
            delay = min(delay * 2, 1.0)


@contextmanager
def connect(
    path: str | Path,
    *,
    read_only: bool = False,
    max_wait: float = DEFAULT_LOCK_WAIT_S,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse briefly, retrying while another process holds the lock.

    Read-write opens apply pending migrations. The connection is closed on exit.
    """
    p = Path(path)
    con = retry_on_lock(lambda: _open(p, read_only), path=p, max_wait=max_wait)
    if read_only:
        con.execute("SET TimeZone = 'UTC'")
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN ... COMMIT, rolling back on any error."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def sql_file(name: str) -> str:
    """A named SQL file under warehouse/ (e.g. 'queries/open_cases.sql')."""
    return resources.files("warehouse").joinpath(name).read_text(encoding="utf-8")
