"""The audit views: ``warehouse/views/*.sql``, installed into the warehouse on open.

Each file holds ``CREATE OR REPLACE VIEW`` (or ``MACRO``) statements and a header comment
that documents what the view answers. They are versioned with the code, and installed by
content hash: a read-write open re-creates a view whose file changed and leaves the others
alone (``audit_views`` records what is installed). Read-only opens, such as
``schoolwatch sql``, see what the last read-write open installed.
"""

from __future__ import annotations

import hashlib
import logging
from importlib import resources

import duckdb

log = logging.getLogger(__name__)


def view_files() -> dict[str, str]:
    """File name -> SQL text of every view file, in name order."""
    folder = resources.files("warehouse").joinpath("views")
    found = {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    }
    return dict(sorted(found.items()))


def install_views(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> list[str]:
    """Create or replace every view whose file changed since it was installed.

    A view that reads another view is retried after the others, so file names need not
    encode the dependency order.
    """
    installed = dict(con.execute("SELECT name, sha256 FROM audit_views").fetchall())
    pending = {
        name: sql
        for name, sql in view_files().items()
        if force or installed.get(name) != hashlib.sha256(sql.encode()).hexdigest()
    }
    done: list[str] = []
    while pending:
        errors: dict[str, Exception] = {}
        for name, sql in list(pending.items()):
            try:
                con.execute("BEGIN TRANSACTION")
                con.execute(sql)
                con.execute(
                    "INSERT INTO audit_views (name, sha256, installed_at) VALUES (?, ?, now()) "
                    "ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, installed_at = excluded.installed_at",
                    [name, hashlib.sha256(sql.encode()).hexdigest()],
                )
                con.execute("COMMIT")
            except duckdb.Error as exc:
                con.execute("ROLLBACK")
                errors[name] = exc
                continue
            done.append(name)
            del pending[name]
        if errors and len(errors) == len(pending):
            # No progress in a whole pass: a real error, not an ordering problem.
            name, exc = next(iter(errors.items()))
            raise RuntimeError(f"audit view {name} does not install: {exc}") from exc
    if done:
        log.info("installed audit views: %s", ", ".join(done))
    return done
