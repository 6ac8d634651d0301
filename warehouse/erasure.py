"""Erasure of one person's unflagged data (`schoolwatch forget`), and the erasure register.

What is erased: every post by the author on the platform that the classifier has seen
and not flagged and that no case holds, with its raw payloads, its quarantine rows and
its ``classified`` marks. Rows are deleted, not hidden; the caller then rewrites the
file (:mod:`warehouse.compact`) so the bytes are gone too.

What is kept, and said so: flagged posts and anything a case holds (safeguarding
evidence; UK GDPR Art. 17(3)(b)/(e) and the school's records policy). Posts not yet
classified are left for the next retention run, which re-applies the erasure from the
register once they are classified.

Landing files are immutable, so a file holding one of the person's items is deleted
whole when it is already loaded (everything in it is in the warehouse); one not yet
loaded is left, loaded by the next run, then deleted by the next retention run.

The audit log records the erasure with counts and a request id only. The register keeps
keyed hashes (:mod:`warehouse.pseudonym`) of the handle and ids, never the handle, so the
erasure also covers items collected later without the database holding who asked.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from schoolwatch.core.landing import LandingReadError, LandingZone, read_lines
from transforms.normalise import NormaliseError, normaliser_for
from warehouse import chain
from warehouse.db import transaction
from warehouse.pseudonym import is_pseudonym, normal_handle, pseudonym

log = logging.getLogger(__name__)

_FLAGGED = "EXISTS (SELECT 1 FROM flags f WHERE f.post_id = p.post_id AND f.category <> 'none')"
_HAS_CASE = "EXISTS (SELECT 1 FROM cases c WHERE c.post_id = p.post_id)"
_CLASSIFIED = "EXISTS (SELECT 1 FROM classified k WHERE k.post_id = p.post_id)"


@dataclass
class Subject:
    """Who to erase on one platform: plain handles/ids and their pseudonyms."""

    platform: str
    handles: set[str] = field(default_factory=set)  # normalised
    ids: set[str] = field(default_factory=set)
    pseudonyms: set[str] = field(default_factory=set)

    def matches(self, author_id: Any, author_handle: Any) -> bool:
        aid = str(author_id).strip() if author_id is not None else None
        handle = normal_handle(str(author_handle)) if author_handle is not None else None
        return bool(
            (handle and handle in self.handles)
            or (aid and aid in self.ids)
            or (author_handle in self.pseudonyms)
            or (author_id in self.pseudonyms)
        )


class _DryRun(Exception):
    """Raised inside a dry run's transaction so that it rolls back."""


@contextmanager
def dry_run_transaction(con: duckdb.DuckDBPyConnection, dry_run: bool) -> Iterator[None]:
    """A transaction that commits, or rolls back everything when ``dry_run``."""
    try:
        with transaction(con):
            yield
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass


def audit(con: duckdb.DuckDBPyConnection, action: str, actor: str, now: datetime, detail: dict[str, Any]) -> int:
    """Append one hash-chained audit_log row (counts and ids only); returns its seq."""
    row = con.execute("SELECT nextval('audit_seq')").fetchone()
    assert row is not None
    seq = int(row[0])
    chain.append(con, chain.AUDIT, {"seq": seq, "occurred_at": now, "actor": actor, "action": action, "detail": detail})
    return seq


def _candidates(con: duckdb.DuckDBPyConnection, subject: Subject, *, plain_only: bool = False) -> list[tuple[Any, ...]]:
    """Posts on the platform that may be the subject's: (post_id, native_id, author_id, handle, flagged, case, classified)."""
    keys = sorted(subject.handles | subject.ids | subject.pseudonyms)
    where = "lower(ltrim(trim(p.author_handle), '@')) IN (SELECT unnest(?::VARCHAR[])) OR trim(p.author_id) IN (SELECT unnest(?::VARCHAR[]))"
    params: list[Any] = [subject.platform, sorted(subject.handles), sorted(subject.ids)]
    if not plain_only:
        where += " OR p.author_handle IN (SELECT unnest(?::VARCHAR[])) OR p.author_id IN (SELECT unnest(?::VARCHAR[]))"
        params += [sorted(subject.pseudonyms), sorted(subject.pseudonyms)]
    if not keys:
        return []
    rows = con.execute(
        f"""SELECT p.post_id, p.native_id, p.author_id, p.author_handle, {_FLAGGED}, {_HAS_CASE}, {_CLASSIFIED}
            FROM posts p WHERE p.platform = ? AND ({where}) ORDER BY p.post_id""",
        params,
    ).fetchall()
    # casefold() in Python is stricter than SQL lower(): confirm each match
    return [r for r in rows if subject.matches(r[2], r[3])]


def erase_posts(con: duckdb.DuckDBPyConnection, platform: str, rows: Iterable[tuple[Any, ...]]) -> dict[str, int]:
    """Delete the posts (and their raw payloads, quarantine rows, classified marks)."""
    rows = list(rows)
    ids = [r[0] for r in rows]
    natives = [str(r[1]) for r in rows]
    if not ids:
        return {"posts_erased": 0, "raw_items_erased": 0, "quarantine_rows_erased": 0}
    raw = con.execute("SELECT count(*) FROM raw_items WHERE post_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()[0][0]
    quarantine = con.execute(
        "SELECT count(*) FROM quarantine WHERE platform = ? AND native_id IN (SELECT unnest(?::VARCHAR[]))", [platform, natives]
    ).fetchall()[0][0]
    con.execute("DELETE FROM raw_items WHERE post_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM quarantine WHERE platform = ? AND native_id IN (SELECT unnest(?::VARCHAR[]))", [platform, natives])
    con.execute("DELETE FROM classified WHERE post_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    # only category 'none' rows can exist for an unflagged post; remove them with it
    con.execute("DELETE FROM flags WHERE post_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    con.execute("DELETE FROM posts WHERE post_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {"posts_erased": len(ids), "raw_items_erased": int(raw), "quarantine_rows_erased": int(quarantine)}


def scan_landing(root: Path, platform: str, matches: Callable[[dict[str, Any]], bool]) -> list[Path]:
    """Landing data files of ``platform`` with at least one line whose normalised author matches."""
    zone = LandingZone(root)
    found = []
    try:
        fn = normaliser_for(platform)
    except NormaliseError:
        return []
    folder = root / platform
    if not folder.is_dir():
        return []
    for path in zone.data_files():
        if path.parent.parent != folder:
            continue
        try:
            for _, obj, _, _ in read_lines(path):
                if obj is None or obj.get("platform") != platform:
                    continue
                try:
                    row = fn(obj)
                except (NormaliseError, KeyError, TypeError, AttributeError, ValueError):
                    continue
                if matches(row):
                    found.append(path)
                    break
        except LandingReadError:
            continue  # a corrupt file is quarantined by the loader; retention deletes it by age
    return found


def split_landing(con: duckdb.DuckDBPyConnection, root: Path, files: list[Path]) -> tuple[list[Path], list[Path]]:
    """(loaded files: safe to delete, files not loaded yet: must wait)."""
    zone = LandingZone(root)
    loaded = {r[0] for r in con.execute("SELECT path FROM landing_files").fetchall()}
    done = [p for p in files if zone.relative(p) in loaded]
    return done, [p for p in files if zone.relative(p) not in loaded]


def delete_files(paths: Iterable[Path]) -> tuple[int, list[str]]:
    deleted, errors = 0, []
    for p in paths:
        try:
            p.unlink()
            deleted += 1
        except FileNotFoundError:
            continue
        except OSError as exc:
            errors.append(f"{p.name}: {exc.strerror}")
            log.warning("could not delete landing file %s: %s", p, exc)
    return deleted, errors


def forget(
    con: duckdb.DuckDBPyConnection,
    cfg: Any,
    platform: str,
    author: str,
    now: datetime,
    actor: str,
    *,
    key: bytes | None = None,
    landing_root: Path | None = None,
    dry_run: bool = False,
) -> dict[str, Any]:
    """Erase one author's unflagged data on one platform; returns what was done and kept."""
    if not author or not author.strip():
        raise ValueError("forget needs an author handle or id")
    if not actor or not actor.strip():
        raise ValueError("forget needs an actor (who asked for the erasure)")
    root = landing_root or (Path(cfg.data_dir) / "landing")
    subject = Subject(platform, handles={normal_handle(author)}, ids={author.strip()})
    if key is not None:
        subject.pseudonyms = {pseudonym(key, platform, "handle", author), pseudonym(key, platform, "id", author)}
    request_id = f"erasure-{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(4)}"
    with dry_run_transaction(con, dry_run):
        rows = _candidates(con, subject)
        # the ids behind a matched handle belong to the same person: erase and register them too
        subject.ids |= {str(r[2]).strip() for r in rows if r[2] is not None and not is_pseudonym(r[2])}
        if subject.ids - {author.strip()}:
            rows = _candidates(con, subject)
        erasable = [r for r in rows if not r[4] and not r[5] and r[6]]
        kept_flagged = [r for r in rows if r[4] or r[5]]
        pending = [r for r in rows if not r[4] and not r[5] and not r[6]]
        counts = erase_posts(con, platform, erasable)
        files = scan_landing(root, platform, lambda row: subject.matches(row.get("author_id"), row.get("author_handle")))
        deletable, waiting = split_landing(con, root, files)
        registered = 0
        if key is not None:
            entries = [(pseudonym(key, platform, "handle", author), "handle")]
            entries += [(pseudonym(key, platform, "id", i), "id") for i in sorted(subject.ids)]
            for psn, kind in entries:
                con.execute(
                    "INSERT INTO erasure_register (subject_psn, platform, kind, request_id, requested_at, actor) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [psn, platform, kind, request_id, now, actor],
                )
                registered += 1
        detail = {
            "request_id": request_id,
            "platform": platform,
            **counts,
            "landing_files_deleted": len(deletable),
            "landing_files_pending_load": len(waiting),
            "flagged_posts_kept": sum(1 for r in kept_flagged if not r[5]),
            "case_posts_kept": sum(1 for r in kept_flagged if r[5]),
            "pending_classification": len(pending),
            "register_entries": registered,
        }
        seq = audit(con, "erasure", actor, now, detail)
    result: dict[str, Any] = {**detail, "audit_seq": None if dry_run else seq, "dry_run": dry_run}
    if not dry_run:
        result["landing_files_deleted"], result["landing_delete_errors"] = delete_files(deletable)
        con.execute("CHECKPOINT")
    result["pseudonyms_searched"] = key is not None
    result["notes"] = _notes(result, key is not None)
    return result


def _notes(r: dict[str, Any], keyed: bool) -> list[str]:
    notes = []
    if r["flagged_posts_kept"] or r["case_posts_kept"]:
        notes.append(
            f"kept {r['flagged_posts_kept']} flagged post(s) and {r['case_posts_kept']} post(s) held by a case: "
            "safeguarding evidence under the school's records policy; they are purged by retention "
            "(flagged_days / closed_case_days)"
        )
    if r["pending_classification"]:
        notes.append(
            f"{r['pending_classification']} post(s) not classified yet were left; "
            + ("the next retention run erases them from the register once classified" if keyed
               else "run forget again after the next load (no pseudonym key: no register)")
        )
    if r["landing_files_pending_load"]:
        notes.append(
            f"{r['landing_files_pending_load']} landing file(s) not loaded yet hold their items; "
            "they are deleted by retention once loaded" + ("" if keyed else " (run forget again after loading)")
        )
    if not keyed:
        notes.append("no SCHOOLWATCH_PSEUDONYM_KEY: pseudonymised posts could not be searched and nothing was registered")
    return notes


def apply_register(
    con: duckdb.DuckDBPyConnection, key: bytes | None, landing_root: Path | None
) -> tuple[dict[str, int], list[Path]]:
    """Re-apply every registered erasure to posts collected since (call in a transaction).

    Returns counts and the loaded landing files that now hold a registered person's items.
    """
    zero = {"posts_erased": 0, "raw_items_erased": 0, "quarantine_rows_erased": 0}
    if key is None:
        return zero, []
    entries = con.execute("SELECT subject_psn, platform FROM erasure_register").fetchall()
    if not entries:
        return zero, []
    total = dict(zero)
    files: list[Path] = []
    for platform in sorted({p for _, p in entries}):
        psns = {s for s, p in entries if p == platform}

        def registered(author_id: Any, handle: Any, platform: str = platform, psns: set[str] = psns) -> bool:
            if handle in psns or author_id in psns:
                return True
            if handle is not None and not is_pseudonym(handle) and pseudonym(key, platform, "handle", str(handle)) in psns:
                return True
            return author_id is not None and not is_pseudonym(author_id) and pseudonym(key, platform, "id", str(author_id)) in psns

        rows = con.execute(
            f"""SELECT p.post_id, p.native_id, p.author_id, p.author_handle FROM posts p
                WHERE p.platform = ? AND {_CLASSIFIED} AND NOT {_FLAGGED} AND NOT {_HAS_CASE}
                  AND (NOT p.author_pseudonymised OR p.author_handle IN (SELECT unnest(?::VARCHAR[]))
                       OR p.author_id IN (SELECT unnest(?::VARCHAR[])))""",
            [platform, sorted(psns), sorted(psns)],
        ).fetchall()
        hit = [r for r in rows if registered(r[2], r[3])]
        for k, v in erase_posts(con, platform, hit).items():
            total[k] += v
        if landing_root is not None:
            def line_matches(row: dict[str, Any], f: Callable[[Any, Any], bool] = registered) -> bool:
                return f(row.get("author_id"), row.get("author_handle"))

            found = scan_landing(landing_root, platform, line_matches)
            files += split_landing(con, landing_root, found)[0]
    return total, files
