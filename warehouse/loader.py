"""The single writer: landing files -> raw_items, posts, quarantine, checks, cursors.

It loads every landing file not yet loaded, one transaction per fetch run (the data file
and its manifest together), keyed so that loading twice changes nothing:

- ``landing_files`` records each file taken in; a file already there is skipped;
- ``raw_items`` is keyed (post_id, sha256): the verbatim payload of each distinct version;
- ``posts`` is upserted on post_id; a newer version updates text and last_seen;
- bad lines and rows go to ``quarantine`` with the reason and the check that failed;
- the manifest becomes a hash-chained ``monitoring_checks`` row, and the cursor advances
  only when the fetch succeeded and its items are safely in.

A crash anywhere rolls back the run's transaction: the rerun loads it again, whole.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from schoolwatch.core.clock import Clock
from schoolwatch.core.ids import canonical_json
from schoolwatch.core.landing import (
    DATA_SUFFIX,
    MANIFEST_SUFFIX,
    LandingReadError,
    LandingZone,
    Manifest,
    read_lines,
)
from transforms.normalise import normalise_batch
from transforms.validate import ValidationReport, validate_posts
from warehouse import chain
from warehouse.db import transaction

log = logging.getLogger(__name__)
RAW_LINE_KEEP = 10_000  # characters of a bad line kept in quarantine


@dataclass
class LoadSummary:
    files_loaded: int = 0
    files_skipped: int = 0
    files_quarantined: int = 0
    items_read: int = 0
    posts_new: int = 0
    posts_updated: int = 0
    quarantined_rows: int = 0
    checks_recorded: int = 0
    cursors_advanced: int = 0
    per_platform: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _loaded_paths(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT path FROM landing_files").fetchall()}


def load_landing(
    con: duckdb.DuckDBPyConnection,
    landing: LandingZone,
    clock: Clock,
    *,
    after_file: Callable[[str], None] | None = None,
) -> LoadSummary:
    """Load every landing run not yet loaded. ``after_file`` is a test hook (crash simulation)."""
    summary = LoadSummary()
    done = _loaded_paths(con)
    runs: dict[str, dict[str, Path]] = {}
    for path in landing.data_files():
        runs.setdefault(str(path)[: -len(DATA_SUFFIX)], {})["data"] = path
    for path in landing.manifests():
        runs.setdefault(str(path)[: -len(MANIFEST_SUFFIX)], {})["manifest"] = path
    for stem in sorted(runs, key=lambda s: (Path(s).name, s)):
        parts = runs[stem]
        data, manifest = parts.get("data"), parts.get("manifest")
        data_rel = landing.relative(data) if data else None
        manifest_rel = landing.relative(manifest) if manifest else None
        need_data = data_rel is not None and data_rel not in done
        need_manifest = manifest_rel is not None and manifest_rel not in done
        if not need_data and not need_manifest:
            summary.files_skipped += 1
            continue
        with transaction(con):
            data_ok = data_rel in done if data_rel else True
            if need_data and data is not None:
                data_ok = _load_data_file(con, landing, data, clock, summary)
            if need_manifest and manifest is not None:
                _load_manifest(con, landing, manifest, clock, summary, data_ok=data_ok, has_data=data is not None)
        if after_file:
            after_file(stem)
    return summary


def _read(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, str, str]], int]:
    good: list[tuple[int, dict[str, Any]]] = []
    bad: list[tuple[int, str, str]] = []
    n = 0
    for line_no, obj, err, raw in read_lines(path):
        n += 1
        if obj is None:
            bad.append((line_no, err or "unreadable", raw))
        else:
            good.append((line_no, obj))
    return good, bad, n


def _quarantine(
    con: duckdb.DuckDBPyConnection,
    rows: list[tuple[Any, ...]],
) -> None:
    if rows:
        con.executemany(
            "INSERT INTO quarantine (landing_path, line_no, check_name, platform, source_id, native_id, reason, raw_line, quarantined_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )


def _file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _load_data_file(
    con: duckdb.DuckDBPyConnection, landing: LandingZone, path: Path, clock: Clock, summary: LoadSummary
) -> bool:
    """Load one data file; returns False when the whole file had to be quarantined."""
    rel = landing.relative(path)
    platform, source_id = path.parent.parent.name, path.parent.name
    run_id = path.name[: -len(DATA_SUFFIX)]
    now = clock.now()
    try:
        good, bad, n_lines = _read(path)
    except LandingReadError as exc:
        _quarantine(con, [(rel, 0, "read", platform, source_id, None, str(exc), None, now)])
        con.execute(
            "INSERT INTO landing_files (path, kind, platform, source_id, run_id, file_sha256, status, lines, items_loaded, quarantined, error, loaded_at) "
            "VALUES (?, 'data', ?, ?, ?, ?, 'quarantined', 0, 0, 1, ?, ?)",
            [rel, platform, source_id, run_id, _file_sha(path), str(exc), now],
        )
        summary.files_quarantined += 1
        summary.quarantined_rows += 1
        log.warning("quarantined landing file %s: %s", rel, exc)
        return False
    q: list[tuple[Any, ...]] = [
        (rel, ln, "parse", platform, source_id, None, reason, raw[:RAW_LINE_KEEP], now) for ln, reason, raw in bad
    ]
    by_line = dict(good)
    frame, rejects = normalise_batch(good)
    for ln, reason in rejects:
        line = by_line[ln]
        q.append((rel, ln, "normalise", platform, source_id, str(line.get("native_id"))[:200], reason,
                  json.dumps(line, ensure_ascii=False)[:RAW_LINE_KEEP], now))
    # Duplicates across pages are normal: keep the newest version of each post in the batch.
    frame = frame.drop_duplicates(subset=["post_id"], keep="last") if not frame.empty else frame
    report = validate_posts(frame, now=now)
    _store_validation(con, rel, report, now)
    if report.failed_rows:
        for idx, names in report.failed_rows.items():
            ln = int(frame.at[idx, "line_no"])
            line = by_line[ln]
            reason = "failed " + ", ".join(names)
            for name in names:
                q.append((rel, ln, name[:120], platform, source_id, str(line.get("native_id"))[:200], reason,
                          json.dumps(line, ensure_ascii=False)[:RAW_LINE_KEEP], now))
        frame = frame.drop(index=list(report.failed_rows))
    _quarantine(con, q)
    new, updated = _upsert(con, frame, by_line, rel, now)
    quarantined_lines = len({(row[1]) for row in q})
    con.execute(
        "INSERT INTO landing_files (path, kind, platform, source_id, run_id, file_sha256, status, lines, items_loaded, quarantined, error, loaded_at) "
        "VALUES (?, 'data', ?, ?, ?, ?, 'loaded', ?, ?, ?, NULL, ?)",
        [rel, platform, source_id, run_id, _file_sha(path), n_lines, len(frame), quarantined_lines, now],
    )
    summary.files_loaded += 1
    summary.items_read += n_lines
    summary.posts_new += new
    summary.posts_updated += updated
    summary.quarantined_rows += quarantined_lines
    summary.per_platform[platform] = summary.per_platform.get(platform, 0) + len(frame)
    return True


def _store_validation(con: duckdb.DuckDBPyConnection, batch: str, report: ValidationReport, now: Any) -> None:
    if report.outcomes:
        con.executemany(
            "INSERT INTO validation_results (batch_id, expectation, column_name, success, element_count, unexpected_count, validated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(batch, o.expectation, o.column or "", o.success, o.element_count, o.unexpected_count, now) for o in report.outcomes],
        )


def _upsert(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    by_line: dict[int, dict[str, Any]],
    rel: str,
    now: Any,
) -> tuple[int, int]:
    if frame.empty:
        return 0, 0
    lines = [by_line[int(ln)] for ln in frame["line_no"]]
    raw = pd.DataFrame(
        {
            "post_id": frame["post_id"].to_numpy(),
            "sha256": frame["raw_sha256"].to_numpy(),
            "platform": frame["platform"].to_numpy(),
            "source_id": frame["source_id"].to_numpy(),
            "stream": [ln.get("stream") for ln in lines],
            "endpoint": [ln.get("endpoint") for ln in lines],
            "payload": [canonical_json({"item": ln["item"], "context": ln.get("context") or {}}) for ln in lines],
            "landing_path": rel,
            "line_no": frame["line_no"].astype("int64").to_numpy(),
            "fetched_at": pd.to_datetime([ln.get("fetched_at") for ln in lines], utc=True, format="ISO8601"),
        }
    )
    con.register("sw_raw", raw)
    con.execute(
        "INSERT INTO raw_items (post_id, sha256, platform, source_id, stream, endpoint, payload, landing_path, line_no, fetched_at) "
        "SELECT post_id, sha256, platform, source_id, stream, endpoint, payload::JSON, landing_path, line_no, fetched_at FROM sw_raw "
        "ON CONFLICT DO NOTHING"
    )
    con.unregister("sw_raw")
    posts = frame.drop(columns=["line_no"]).copy()
    posts["seen"] = raw["fetched_at"].to_numpy()
    # fetchall, not fetchone: DuckDB 2.0 refuses register() while a result is unfinished
    existing = con.execute(
        "SELECT count(*) FROM posts WHERE post_id IN (SELECT unnest(?::VARCHAR[]))", [list(posts["post_id"])]
    ).fetchall()
    n_existing = int(existing[0][0])
    con.register("sw_posts", posts)
    con.execute(
        """
        INSERT INTO posts (post_id, school_id, platform, native_id, source_id, account_id, item_kind,
                           author_id, author_handle, author_name, text, url, created_at, edited_at,
                           parent_id, conversation_id, is_hidden, raw_sha256, first_seen, last_seen)
        SELECT post_id, school_id, platform, native_id, source_id, account_id, item_kind,
               author_id, author_handle, author_name, text, url, created_at::TIMESTAMPTZ, edited_at::TIMESTAMPTZ,
               parent_id, conversation_id, is_hidden::BOOLEAN, raw_sha256, seen, seen
        FROM sw_posts
        ON CONFLICT (post_id) DO UPDATE SET
            text = CASE WHEN posts.text_purged_at IS NULL THEN excluded.text ELSE posts.text END,
            author_name = CASE WHEN posts.author_pseudonymised THEN posts.author_name ELSE excluded.author_name END,
            edited_at = COALESCE(excluded.edited_at, posts.edited_at),
            is_hidden = COALESCE(excluded.is_hidden, posts.is_hidden),
            raw_sha256 = excluded.raw_sha256,
            last_seen = greatest(posts.last_seen, excluded.last_seen)
        """
    )
    con.unregister("sw_posts")
    return len(posts) - n_existing, n_existing


def _load_manifest(
    con: duckdb.DuckDBPyConnection,
    landing: LandingZone,
    path: Path,
    clock: Clock,
    summary: LoadSummary,
    *,
    data_ok: bool,
    has_data: bool,
) -> None:
    rel = landing.relative(path)
    platform, source_id = path.parent.parent.name, path.parent.name
    now = clock.now()
    try:
        m = Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        reason = f"unreadable manifest: {exc.__class__.__name__}: {exc}"
        _quarantine(con, [(rel, 0, "manifest", platform, source_id, None, reason, None, now)])
        con.execute(
            "INSERT INTO landing_files (path, kind, platform, source_id, run_id, status, error, loaded_at) "
            "VALUES (?, 'manifest', ?, ?, ?, 'quarantined', ?, ?)",
            [rel, platform, source_id, path.name[: -len(MANIFEST_SUFFIX)], reason, now],
        )
        summary.files_quarantined += 1
        return
    status, error = m.status, m.error
    if m.data_file and not has_data:
        status, error = "failed", f"landing data file {m.data_file} is missing; items not captured"
    elif not data_ok:
        status, error = "failed", "landing data file was corrupt and quarantined; items will be re-fetched"
    record_check(
        con,
        check_id=m.run_id,
        school_id=m.school_id,
        account_id=m.account_id,
        source_id=m.source_id,
        platform=m.platform,
        kind="automated",
        actor="system",
        started_at=m.started_at,
        finished_at=m.finished_at,
        status=status,
        items=m.items,
        api_calls=m.api_calls,
        error=error,
        recorded_at=now,
    )
    summary.checks_recorded += 1
    # Advance only from where the warehouse's cursor stands: a run fetched after a run whose
    # data was lost (corrupt file) starts past the lost items, and moving to its cursor would
    # skip them for good. Left where it is, the next fetch reads them again (upserts dedupe).
    stored = con.execute("SELECT cursor FROM cursors WHERE source_id = ?", [m.source_id]).fetchall()
    contiguous = (json.loads(stored[0][0]) if stored else None) == m.cursor_before
    if status in ("ok", "partial") and m.cursor_after is not None and not contiguous:
        log.warning("run %s of %s started from another cursor than the stored one; cursor not moved", m.run_id, m.source_id)
    if status in ("ok", "partial") and m.cursor_after is not None and contiguous:
        con.execute(
            "INSERT INTO cursors (source_id, cursor, run_id, updated_at) VALUES (?, ?::JSON, ?, ?) "
            "ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor, run_id = excluded.run_id, updated_at = excluded.updated_at",
            [m.source_id, json.dumps(m.cursor_after, sort_keys=True), m.run_id, now],
        )
        summary.cursors_advanced += 1
    con.execute(
        "INSERT INTO landing_files (path, kind, platform, source_id, run_id, status, lines, items_loaded, error, loaded_at) "
        "VALUES (?, 'manifest', ?, ?, ?, 'loaded', 1, ?, ?, ?)",
        [rel, m.platform, m.source_id, m.run_id, m.items, error, now],
    )


def record_check(con: duckdb.DuckDBPyConnection, **values: Any) -> dict[str, Any] | None:
    """Append one monitoring check to the hash chain; a check id already there is a no-op."""
    exists = con.execute("SELECT 1 FROM monitoring_checks WHERE check_id = ?", [values["check_id"]]).fetchone()
    if exists:
        return None
    for key in ("started_at", "finished_at", "recorded_at"):
        if isinstance(values.get(key), str):
            values[key] = datetime.fromisoformat(values[key])
    seq_row = con.execute("SELECT nextval('check_seq')").fetchone()
    assert seq_row is not None
    values = {**values, "seq": int(seq_row[0])}
    return chain.append(con, chain.MONITORING, values)


def read_cursors(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    return {sid: json.loads(c) for sid, c in con.execute("SELECT source_id, cursor FROM cursors").fetchall()}
