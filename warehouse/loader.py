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

import gc
import hashlib
import json
import logging
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from schoolwatch.core.clock import Clock
from schoolwatch.core.landing import (
    DATA_SUFFIX,
    MANIFEST_SUFFIX,
    LandingReadError,
    LandingZone,
    Manifest,
    parse_line,
    read_raw,
)
from transforms.validate import VIEW_COLUMNS, ValidationReport, validate_view
from warehouse import chain
from warehouse.db import transaction
from warehouse.staging import FileSplit, Staging, split_lines

log = logging.getLogger(__name__)


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


@dataclass
class _Prepared:
    """One data file, read and staged, before anything is written."""

    f: int
    rel: str
    platform: str
    source_id: str
    run_id: str
    sha256: str = ""
    lines: int = 0
    rows: int = 0  # staged posts rows (after validation)
    quarantine: list[tuple[Any, ...]] = field(default_factory=list)
    validation: list[tuple[Any, ...]] = field(default_factory=list)
    error: str | None = None  # the whole file is unreadable


# Files are staged and validated together in groups of at least this many lines (or all
# that is left): great-expectations has a fixed cost per validation, and landing zones hold
# many small files (one per fetch run), so validating each file alone would dominate. A
# large backlog is several groups: the next one is staged while this one is written.
GROUP_LINES = 25_000
# The first group is smaller: nothing can be written until it is staged, so a small one
# gets the writer going (and both cores busy) sooner.
FIRST_GROUP_LINES = 8_000


@dataclass
class _Group:
    """Landing runs read, staged and validated, ready to write."""

    entries: list[tuple[str, Path | None, Path | None]]  # (stem, data to load, manifest to load)
    staging: Staging  # on a cursor of its own
    prepared: dict[str, _Prepared]
    now: datetime

    def close(self) -> None:
        self.staging.close()
        self.staging.con.close()


def load_landing(
    con: duckdb.DuckDBPyConnection,
    landing: LandingZone,
    clock: Clock,
    *,
    after_file: Callable[[str], None] | None = None,
    fast: bool = True,
) -> LoadSummary:
    """Load every landing run not yet loaded. ``after_file`` is a test hook (crash simulation);
    ``fast=False`` normalises every line in Python (the reference the fast path is tested against).

    Runs are taken in groups (GROUP_LINES). A group's reading, normalising and validating
    happen before any of its writes; then each run (its data file and its manifest) is
    committed in its own transaction, oldest first. Meanwhile a second thread stages the
    next group: staging writes only to its own in-memory tables, so the two halves of the
    load (DuckDB releases the GIL in both) run side by side on two cores.
    """
    summary = LoadSummary()
    done = _loaded_paths(con)
    runs: dict[str, dict[str, Path]] = {}
    for path in landing.data_files():
        runs.setdefault(str(path)[: -len(DATA_SUFFIX)], {})["data"] = path
    for path in landing.manifests():
        runs.setdefault(str(path)[: -len(MANIFEST_SUFFIX)], {})["manifest"] = path
    pending: deque[tuple[str, Path | None, Path | None]] = deque()
    for stem in sorted(runs, key=lambda s: (Path(s).name, s)):
        data, manifest = runs[stem].get("data"), runs[stem].get("manifest")
        need_data = data if data is not None and landing.relative(data) not in done else None
        need_manifest = manifest if manifest is not None and landing.relative(manifest) not in done else None
        if need_data is None and need_manifest is None:
            summary.files_skipped += 1
            continue
        pending.append((stem, need_data, need_manifest))
    if not pending:
        return summary
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sw-stage") as pool:
        # each group is staged on a cursor of its own (made here: a connection is not for
        # two threads at once)
        ahead: Future[_Group] | None = pool.submit(_prepare, con.cursor(), landing, pending, clock, fast, FIRST_GROUP_LINES)
        try:
            while ahead is not None:
                group = ahead.result()
                ahead = pool.submit(_prepare, con.cursor(), landing, pending, clock, fast, GROUP_LINES) if pending else None
                try:
                    _write_group(con, landing, clock, group, runs, summary, after_file)
                finally:
                    group.close()
        finally:
            if ahead is not None:  # the load stopped early: free what the thread staged
                with suppress(Exception):
                    ahead.result().close()
    return summary


def _prepare(cur: duckdb.DuckDBPyConnection, landing: LandingZone, pending: deque[tuple[str, Path | None, Path | None]],
             clock: Clock, fast: bool, lines_wanted: int) -> _Group:
    """Take the next group of runs off ``pending`` (until their data files hold
    ``lines_wanted`` lines): read, stage and validate them, on the cursor ``cur`` (the group
    owns it from here)."""
    now = clock.now()
    try:
        staging = Staging(cur, fast=fast)
    except BaseException:
        cur.close()
        raise
    try:
        with _gc_paused():
            entries, prepared = _stage(landing, staging, pending, now, lines_wanted)
            _validate_group(staging, list(prepared.values()), now)
    except BaseException:
        staging.close()
        cur.close()
        raise
    return _Group(entries, staging, prepared, now)


def _write_group(
    con: duckdb.DuckDBPyConnection,
    landing: LandingZone,
    clock: Clock,
    group: _Group,
    runs: dict[str, dict[str, Path]],
    summary: LoadSummary,
    after_file: Callable[[str], None] | None,
) -> None:
    for stem, data, manifest in group.entries:
        with transaction(con):
            data_ok = True
            if data is not None:
                data_ok = _commit_data(con, group.staging.posts, group.prepared[stem], group.now, summary)
            elif "data" in runs[stem]:
                data_ok = _data_loaded_ok(con, landing.relative(runs[stem]["data"]))
            if manifest is not None:
                _load_manifest(con, landing, manifest, clock, summary, data_ok=data_ok, has_data="data" in runs[stem])
        if after_file:
            after_file(stem)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a group is staged.

    Splitting and the Python path allocate many small objects that stay alive until the
    group is staged, and the collector's passes kept re-scanning them (measured at about
    two thirds of the parse time). Nothing here builds reference cycles that matter, and
    memory is bounded by two groups (one staged, one written); the collector runs again as
    soon as the group is in. Only the staging thread pauses it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _data_loaded_ok(con: duckdb.DuckDBPyConnection, rel: str) -> bool:
    row = con.execute("SELECT status FROM landing_files WHERE path = ?", [rel]).fetchall()
    return bool(row) and row[0][0] == "loaded"


def _stage(landing: LandingZone, staging: Staging, pending: deque[tuple[str, Path | None, Path | None]],
           now: Any, lines_wanted: int) -> tuple[list[tuple[str, Path | None, Path | None]], dict[str, _Prepared]]:
    """Take runs off ``pending`` until their data files hold ``lines_wanted`` lines, reading
    each file and staging its lines; unreadable files are marked."""
    entries: list[tuple[str, Path | None, Path | None]] = []
    prepared: dict[str, _Prepared] = {}

    def read() -> Iterator[FileSplit]:
        lines_taken = 0
        while pending and lines_taken < lines_wanted:
            entry = pending.popleft()
            entries.append(entry)
            stem, path, _ = entry
            if path is None:
                continue
            f = len(prepared)
            rel = landing.relative(path)
            prep = _Prepared(f, rel, path.parent.parent.name, path.parent.name, path.name[: -len(DATA_SUFFIX)])
            prepared[stem] = prep
            try:
                packed = path.read_bytes()
                prep.sha256 = hashlib.sha256(packed).hexdigest()
                raw = read_raw(path, packed)  # the bytes just hashed: the file is read once
            except (OSError, LandingReadError) as exc:
                prep.error = str(exc) if isinstance(exc, LandingReadError) else f"{path.name}: cannot read ({exc})"
                prep.quarantine = [(rel, 0, "read", prep.platform, prep.source_id, None, prep.error, None, now)]
                continue
            lines, numbers, texts = split_lines(f, raw)
            prep.lines = lines.lines
            lines_taken += lines.lines
            for line_no, check, reason, text in lines.quarantine:
                prep.quarantine.append((rel, line_no, check, prep.platform, prep.source_id, None, reason, text, now))
            yield f, numbers, texts

    quarantine = staging.build(read(), now)
    by_f = {p.f: p for p in prepared.values()}
    for f, rows in quarantine.items():
        p = by_f[f]
        for line_no, check, reason, text in rows:
            native = _native_id(text) if check == "normalise" else None
            p.quarantine.append((p.rel, line_no, check, p.platform, p.source_id, native, reason, text, now))
    return entries, prepared


def _native_id(text: str | None) -> str | None:
    obj, _ = parse_line((text or "").encode("utf-8"))
    return None if obj is None else str(obj.get("native_id"))[:200]


def _validate_group(staging: Staging, preps: list[_Prepared], now: Any) -> None:
    """One great-expectations validation over every staged row; failing rows -> quarantine.

    Nothing is written to the warehouse here: each file's results and quarantine rows are
    committed with it. Failing rows leave the staging table.
    """
    con = staging.con
    # The suite's columns (transforms.validate.check_view) derived here in SQL: no text column
    # crosses into Python, and the key that must be unique within a file is an integer (the
    # same number for the same post in the same file; a missing post_id, which the suite
    # fails anyway, gets a number of its own). fetchnumpy, not .df(): no pandas deprecation
    # noise from DuckDB's converter.
    combined = pd.DataFrame(
        con.execute(
            f"""
            SELECT f AS _file, line_no, post_id,
                   CASE WHEN post_id IS NULL THEN -row_number() OVER ()
                        ELSE dense_rank() OVER (ORDER BY f, post_id) END AS batch_key,
                   platform, url, epoch(created_at) AS created_epoch, ? - epoch(created_at) AS created_age_s,
                   coalesce(length(text), 0)::BIGINT AS text_len
            FROM {staging.posts} ORDER BY f, line_no
            """,
            [now.timestamp()],
        ).fetchnumpy()
    )
    counts = combined["_file"].value_counts().to_dict() if not combined.empty else {}
    for p in preps:
        p.rows = int(counts.get(p.f, 0))
    if combined.empty:
        return
    report = validate_view(combined[list(VIEW_COLUMNS)])
    by_f = {p.f: p for p in preps}
    for p in preps:
        if p.rows:
            p.validation = _validation_rows(p.rel, report, combined.index[combined["_file"] == p.f], now)
    if not report.failed_rows:
        return
    failed = [(int(combined.at[idx, "_file"]), int(combined.at[idx, "line_no"]), names)
              for idx, names in report.failed_rows.items()]
    con.register("sw_drop", pd.DataFrame([(f, ln) for f, ln, _ in failed], columns=["f", "line_no"]))
    try:
        texts = staging.raw_lines("sw_drop")  # one query for every failing line's text
        staging.drop("sw_drop")
    finally:
        con.unregister("sw_drop")
    for f, ln, names in failed:
        p = by_f[f]
        text = texts.get((f, ln), "")
        reason = "failed " + ", ".join(names)
        for name in names:
            p.quarantine.append((p.rel, ln, name[:120], p.platform, p.source_id, _native_id(text), reason, text, now))
        p.rows -= 1


def _quarantine(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    frame = pd.DataFrame(rows, columns=["landing_path", "line_no", "check_name", "platform", "source_id", "native_id",
                                        "reason", "raw_line", "quarantined_at"])
    con.register("sw_quarantine", frame)
    try:
        con.execute(
            "INSERT INTO quarantine (landing_path, line_no, check_name, platform, source_id, native_id, reason, raw_line, quarantined_at) "
            "SELECT landing_path, line_no, check_name, platform, source_id, native_id, reason, raw_line, quarantined_at::TIMESTAMPTZ "
            "FROM sw_quarantine ON CONFLICT DO NOTHING"
        )
    finally:
        con.unregister("sw_quarantine")


def _commit_data(con: duckdb.DuckDBPyConnection, staged: str, prep: _Prepared, now: Any, summary: LoadSummary) -> bool:
    """Write one staged file (its rows in table ``staged``); returns False when the whole
    file had to be quarantined."""
    _quarantine(con, prep.quarantine)
    if prep.validation:
        # One multi-row statement: executemany ran one statement per row (~3 ms each),
        # which dominated loads of many small runs.
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(prep.validation))
        con.execute(
            "INSERT INTO validation_results (batch_id, expectation, column_name, success, element_count, unexpected_count, validated_at) "
            f"VALUES {values} ON CONFLICT DO NOTHING",
            [v for row in prep.validation for v in row],
        )
    if prep.error is not None:
        con.execute(
            "INSERT INTO landing_files (path, kind, platform, source_id, run_id, file_sha256, status, lines, items_loaded, quarantined, error, loaded_at) "
            "VALUES (?, 'data', ?, ?, ?, ?, 'quarantined', 0, 0, 1, ?, ?)",
            [prep.rel, prep.platform, prep.source_id, prep.run_id, prep.sha256 or None, prep.error, now],
        )
        summary.files_quarantined += 1
        summary.quarantined_rows += 1
        log.warning("quarantined landing file %s: %s", prep.rel, prep.error)
        return False
    new, updated = _upsert(con, staged, prep) if prep.rows else (0, 0)
    quarantined_lines = len({row[1] for row in prep.quarantine})
    con.execute(
        "INSERT INTO landing_files (path, kind, platform, source_id, run_id, file_sha256, status, lines, items_loaded, quarantined, error, loaded_at) "
        "VALUES (?, 'data', ?, ?, ?, ?, 'loaded', ?, ?, ?, NULL, ?)",
        [prep.rel, prep.platform, prep.source_id, prep.run_id, prep.sha256, prep.lines, prep.rows, quarantined_lines, now],
    )
    summary.files_loaded += 1
    summary.items_read += prep.lines
    summary.posts_new += new
    summary.posts_updated += updated
    summary.quarantined_rows += quarantined_lines
    summary.per_platform[prep.platform] = summary.per_platform.get(prep.platform, 0) + prep.rows
    return True


def _validation_rows(batch: str, report: ValidationReport, part: pd.Index, now: Any) -> list[tuple[Any, ...]]:
    """Per file: each expectation's outcome on that file's rows."""
    members = set(part)
    rows = []
    for o in report.outcomes:
        bad = sum(1 for i in o.unexpected_index if i in members)
        # an expectation that failed without naming rows failed for every file in the group
        ok = bad == 0 and (o.success or bool(o.unexpected_index))
        rows.append((batch, o.expectation, o.column or "", ok, len(part), bad, now))
    return rows


def _upsert(con: duckdb.DuckDBPyConnection, staged: str, prep: _Prepared) -> tuple[int, int]:
    """raw_items (each distinct version) and posts (update the known, insert the new).

    Plain statements with anti-joins instead of ON CONFLICT clauses, which measured ~60%
    slower here (DO UPDATE on posts; DO NOTHING on raw_items too): the UPDATE touches only
    posts already stored, the INSERTs only rows not stored yet. Staging left one line per
    post per file, so no statement meets the same key twice.
    """
    f = prep.f
    con.execute(
        "INSERT INTO raw_items (post_id, sha256, platform, source_id, stream, endpoint, payload, landing_path, line_no, fetched_at) "
        "SELECT post_id, raw_sha256, platform, source_id, stream, endpoint, payload::JSON, ?, line_no, seen "
        f"FROM {staged} s WHERE f = ? AND NOT EXISTS (SELECT 1 FROM raw_items r WHERE r.post_id = s.post_id AND r.sha256 = s.raw_sha256)",
        [prep.rel, f],
    )
    updated = con.execute(
        f"""
        UPDATE posts SET
            text = CASE WHEN posts.text_purged_at IS NULL THEN s.text ELSE posts.text END,
            author_name = CASE WHEN posts.author_pseudonymised THEN posts.author_name ELSE s.author_name END,
            edited_at = COALESCE(s.edited_at, posts.edited_at),
            is_hidden = COALESCE(s.is_hidden, posts.is_hidden),
            raw_sha256 = s.raw_sha256,
            last_seen = greatest(posts.last_seen, s.seen)
        FROM {staged} s
        WHERE s.f = ? AND posts.post_id = s.post_id
        """,
        [f],
    ).fetchall()
    n_updated = int(updated[0][0]) if updated else 0
    con.execute(
        f"""
        INSERT INTO posts (post_id, school_id, platform, native_id, source_id, account_id, item_kind,
                           author_id, author_handle, author_name, text, url, created_at, edited_at,
                           parent_id, conversation_id, is_hidden, raw_sha256, first_seen, last_seen)
        SELECT post_id, school_id, platform, native_id, source_id, account_id, item_kind,
               author_id, author_handle, author_name, text, url, created_at, edited_at,
               parent_id, conversation_id, is_hidden, raw_sha256, seen, seen
        FROM {staged} s
        WHERE s.f = ? AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.post_id = s.post_id)
        """,
        [f],
    )
    return prep.rows - n_updated, n_updated


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
    # (A run that started from no cursor, a first or a from-scratch fetch, may always move it.)
    contiguous = m.cursor_before is None or (json.loads(stored[0][0]) if stored else None) == m.cursor_before
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
