"""Retention: keep personal data only as long as the configuration says, then purge it.

:func:`apply_retention` runs daily (the retention DAG, `schoolwatch retention`). Periods
come from ``[retention]`` in schoolwatch.toml (:class:`schoolwatch.core.config.Retention`):

- posts the classifier did not flag: authors pseudonymised (keyed hash) as soon as they
  are classified, when ``pseudonymise_unflagged_authors``; text purged after
  ``unflagged_text_days`` (the row stays, so counts per day and platform still add up);
  raw payloads purged after ``raw_payload_days``;
- flagged posts that no case holds: text, author, url, raw payload and the evidence text
  of their flags purged after ``flagged_days`` (category, severity and score stay);
- closed or dismissed cases, ``closed_case_days`` after closing (the school's records
  policy): evidence content, the post's text/author/url, raw payloads, flag evidence text
  and the case events' reason and data purged; the case row and the events' kind, actor
  and time stay (so the compliance history still counts), and the chain still verifies;
- quarantined lines' raw text after ``raw_payload_days``;
- landing files loaded at least ``landing_days`` ago, and stale temporary files, deleted;
- registered erasures (`schoolwatch forget`) re-applied to items collected since.

Posts not yet classified are never touched. Each run is one transaction and one
hash-chained ``audit_log`` row with counts only. Afterwards the caller should rewrite the
file (:func:`run_retention` does) so the purged bytes are gone from disk, not just hidden.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from schoolwatch.core.clock import utc
from warehouse import chain
from warehouse.db import connect
from warehouse.erasure import (
    _CLASSIFIED,
    _FLAGGED,
    _HAS_CASE,
    apply_register,
    audit,
    delete_files,
    dry_run_transaction,
    forget,
)
from warehouse.pseudonym import pseudonym

log = logging.getLogger(__name__)

# case event kinds that change a case's state (alerts.cases.NEXT_STATE; the warehouse may
# not import alerts, so the terminal-state rule is restated here)
_STATE_KINDS = ("opened", "dismissed", "takedown_requested", "removal_verified", "escalated", "reopened", "closed")
_TERMINAL = ("closed", "dismissed")
_TMP_RUN = re.compile(r"^\.(\d{8}T\d{6})Z-[0-9a-f]+\..*\.tmp$")

__all__ = ["apply_retention", "forget", "run_retention"]


def _n(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> int:
    return int(con.execute(sql, params).fetchall()[0][0])


def _pseudonymise(con: duckdb.DuckDBPyConnection, key: bytes, now: datetime) -> int:
    rows = con.execute(
        f"""SELECT p.post_id, p.platform, p.author_id, p.author_handle, p.url FROM posts p
            WHERE NOT p.author_pseudonymised AND {_CLASSIFIED} AND NOT {_FLAGGED} AND NOT {_HAS_CASE}"""
    ).fetchall()
    if not rows:
        return 0
    out = []
    for pid, platform, aid, handle, url in rows:
        # a post URL often carries the handle (x.com/<handle>/status/...): drop it with the name
        keep_url = url if not (handle and url and handle.casefold() in url.casefold()) else None
        out.append(
            {
                "post_id": pid,
                "author_id": pseudonym(key, platform, "id", str(aid)) if aid is not None else None,
                "author_handle": pseudonym(key, platform, "handle", str(handle)) if handle is not None else None,
                "url": keep_url,
            }
        )
    frame = pd.DataFrame(out, columns=["post_id", "author_id", "author_handle", "url"]).astype(object)
    con.register("sw_psn", frame)
    try:
        con.execute(
            """UPDATE posts SET author_id = s.author_id, author_handle = s.author_handle, author_name = NULL,
                   url = s.url, author_pseudonymised = TRUE
               FROM sw_psn s WHERE posts.post_id = s.post_id"""
        )
    finally:
        con.unregister("sw_psn")
    return len(out)


def _strip_flag_evidence(con: duckdb.DuckDBPyConnection, post_ids: list[str]) -> int:
    """Keep each span's offsets and rule, drop the quoted text."""
    rows = con.execute(
        "SELECT post_id, classifier_version, category, evidence FROM flags WHERE post_id IN (SELECT unnest(?::VARCHAR[]))",
        [post_ids],
    ).fetchall()
    changed = 0
    for pid, version, category, evidence in rows:
        spans = json.loads(evidence) if isinstance(evidence, str) else (evidence or [])
        stripped = [{k: v for k, v in s.items() if k != "text"} if isinstance(s, dict) else s for s in spans]
        if stripped != spans:
            con.execute(
                "UPDATE flags SET evidence = ?::JSON WHERE post_id = ? AND classifier_version = ? AND category = ?",
                [json.dumps(stripped), pid, version, category],
            )
            changed += 1
    return changed


def _purge_posts(con: duckdb.DuckDBPyConnection, post_ids: list[str], now: datetime) -> dict[str, int]:
    """Text, author, url of the posts; their raw payloads; their flags' evidence text."""
    if not post_ids:
        return {"posts": 0, "raw": 0, "flags": 0}
    ids = [post_ids]
    con.execute(
        """UPDATE posts SET text = NULL, author_id = NULL, author_handle = NULL, author_name = NULL, url = NULL,
               text_purged_at = coalesce(text_purged_at, ?)
           WHERE post_id IN (SELECT unnest(?::VARCHAR[]))""",
        [now, post_ids],
    )
    raw = _n(con, "SELECT count(*) FROM raw_items WHERE payload IS NOT NULL AND post_id IN (SELECT unnest(?::VARCHAR[]))", ids)
    con.execute(
        "UPDATE raw_items SET payload = NULL, purged_at = ? WHERE payload IS NOT NULL AND post_id IN (SELECT unnest(?::VARCHAR[]))",
        [now, post_ids],
    )
    return {"posts": len(post_ids), "raw": raw, "flags": _strip_flag_evidence(con, post_ids)}


def _closed_cases(con: duckdb.DuckDBPyConnection, cutoff: datetime) -> list[tuple[int, str]]:
    """(case_id, post_id) of cases closed or dismissed before ``cutoff`` that still hold content."""
    return [
        (int(r[0]), r[1])
        for r in con.execute(
            """
            WITH last AS (
                SELECT case_id, arg_max(kind, event_id) AS kind, arg_max(occurred_at, event_id) AS at
                FROM case_events WHERE kind IN (SELECT unnest(?::VARCHAR[])) GROUP BY case_id
            )
            SELECT c.case_id, c.post_id FROM cases c JOIN last l USING (case_id)
            WHERE l.kind IN (SELECT unnest(?::VARCHAR[])) AND l.at <= ?
              AND (EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.case_id AND e.redacted_at IS NULL
                           AND (e.reason IS NOT NULL OR e.data IS NOT NULL))
                   OR EXISTS (SELECT 1 FROM evidence v WHERE v.case_id = c.case_id
                              AND (v.payload IS NOT NULL OR v.text IS NOT NULL OR v.author IS NOT NULL OR v.url IS NOT NULL))
                   OR EXISTS (SELECT 1 FROM posts p WHERE p.post_id = c.post_id
                              AND (p.text IS NOT NULL OR p.author_handle IS NOT NULL OR p.author_id IS NOT NULL))
                   OR EXISTS (SELECT 1 FROM raw_items r WHERE r.post_id = c.post_id AND r.payload IS NOT NULL))
            ORDER BY c.case_id
            """,
            [list(_STATE_KINDS), list(_TERMINAL), cutoff],
        ).fetchall()
    ]


def _redact_events(con: duckdb.DuckDBPyConnection, case_ids: list[int], now: datetime) -> int:
    rows = con.execute(
        """SELECT event_id, reason, data FROM case_events
           WHERE case_id IN (SELECT unnest(?::INTEGER[])) AND redacted_at IS NULL AND (reason IS NOT NULL OR data IS NOT NULL)""",
        [case_ids],
    ).fetchall()
    for event_id, reason, data in rows:
        # the digests the chain hashes these fields through: verification still passes
        digests = {"reason": chain.field_digest(reason), "data": chain.field_digest(data)}
        con.execute(
            "UPDATE case_events SET reason = NULL, data = NULL, redacted = ?::JSON, redacted_at = ? WHERE event_id = ?",
            [json.dumps(digests), now, event_id],
        )
    return len(rows)


def _purge_cases(con: duckdb.DuckDBPyConnection, cases: list[tuple[int, str]], now: datetime, days: int) -> dict[str, int]:
    if not cases:
        return {"cases": 0, "events": 0, "evidence": 0, "posts": 0, "raw": 0}
    ids = [c for c, _ in cases]
    evidence = _n(
        con,
        "SELECT count(*) FROM evidence WHERE case_id IN (SELECT unnest(?::INTEGER[])) AND (payload IS NOT NULL OR text IS NOT NULL OR author IS NOT NULL OR url IS NOT NULL)",
        [ids],
    )
    con.execute(
        """UPDATE evidence SET payload = NULL, text = NULL, author = NULL, url = NULL,
               note = concat_ws('; ', note, ?)
           WHERE case_id IN (SELECT unnest(?::INTEGER[])) AND (payload IS NOT NULL OR text IS NOT NULL OR author IS NOT NULL OR url IS NOT NULL)""",
        [f"content purged {now.date().isoformat()} ({days} days after the case closed: records policy)", ids],
    )
    posts = _purge_posts(con, [p for _, p in cases], now)
    return {"cases": len(cases), "events": _redact_events(con, ids, now), "evidence": evidence, "posts": posts["posts"], "raw": posts["raw"]}


def _landing_due(con: duckdb.DuckDBPyConnection, root: Path, cutoff: datetime) -> list[Path]:
    """Loaded landing files (data and manifests) taken in before ``cutoff`` and still on disk."""
    rows = con.execute("SELECT path FROM landing_files WHERE loaded_at <= ? ORDER BY path", [cutoff]).fetchall()
    return [root / r[0] for r in rows if (root / r[0]).exists()]


def _stale_tmp(root: Path, cutoff: datetime) -> list[Path]:
    """Temporary files a killed fetch left behind (never renamed into place), by run time."""
    out: list[Path] = []
    if not root.is_dir():
        return out
    for path in root.glob("*/*/.*.tmp"):
        m = _TMP_RUN.match(path.name)
        if m and datetime.strptime(m.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC) <= cutoff:
            out.append(path)
    return out


def apply_retention(
    con: duckdb.DuckDBPyConnection,
    cfg: Any,
    now: datetime,
    *,
    key: bytes | None = None,
    dry_run: bool = False,
    landing_root: Path | None = None,
    actor: str = "system",
) -> dict[str, Any]:
    """Apply the retention policy once; returns counts (also written to the audit log).

    ``key`` is the pseudonymisation key (``SCHOOLWATCH_PSEUDONYM_KEY``, read at the edge
    with :func:`warehouse.pseudonym.key_from_env`). Without it authors stay as they are and
    registered erasures are not re-applied; the result says so. ``dry_run`` counts what
    would happen and changes nothing.
    """
    now = utc(now)
    r = cfg.retention
    root = landing_root or (Path(cfg.data_dir) / "landing")
    day = timedelta(days=1)
    result: dict[str, Any] = {"dry_run": dry_run}
    with dry_run_transaction(con, dry_run):
        erased, erasure_files = apply_register(con, key, root)
        result["erasures_reapplied"] = erased["posts_erased"]
        if r.pseudonymise_unflagged_authors and key is not None:
            result["authors_pseudonymised"] = _pseudonymise(con, key, now)
            result["pseudonymisation"] = "applied"
        else:
            result["authors_pseudonymised"] = 0
            result["pseudonymisation"] = "off" if not r.pseudonymise_unflagged_authors else "skipped: no SCHOOLWATCH_PSEUDONYM_KEY"

        cutoff = now - r.unflagged_text_days * day
        where = f"p.text_purged_at IS NULL AND p.first_seen <= ? AND {_CLASSIFIED} AND NOT {_FLAGGED} AND NOT {_HAS_CASE}"
        result["unflagged_text_purged"] = _n(con, f"SELECT count(*) FROM posts p WHERE {where}", [cutoff])
        con.execute(f"UPDATE posts p SET text = NULL, text_purged_at = ? WHERE {where}", [now, cutoff])

        cutoff = now - r.raw_payload_days * day
        where = f"""r.payload IS NOT NULL AND r.fetched_at <= ? AND EXISTS (
                      SELECT 1 FROM posts p WHERE p.post_id = r.post_id AND {_CLASSIFIED} AND NOT {_FLAGGED} AND NOT {_HAS_CASE})"""
        result["unflagged_raw_purged"] = _n(con, f"SELECT count(*) FROM raw_items r WHERE {where}", [cutoff])
        con.execute(f"UPDATE raw_items r SET payload = NULL, purged_at = ? WHERE {where}", [now, cutoff])
        result["quarantine_lines_purged"] = _n(
            con, "SELECT count(*) FROM quarantine WHERE raw_line IS NOT NULL AND quarantined_at <= ?", [cutoff]
        )
        con.execute("UPDATE quarantine SET raw_line = NULL WHERE raw_line IS NOT NULL AND quarantined_at <= ?", [cutoff])

        cutoff = now - r.flagged_days * day
        flagged = [
            row[0]
            for row in con.execute(
                f"""SELECT p.post_id FROM posts p WHERE p.first_seen <= ? AND {_FLAGGED} AND NOT {_HAS_CASE}
                    AND (p.text IS NOT NULL OR p.author_handle IS NOT NULL OR p.author_id IS NOT NULL
                         OR EXISTS (SELECT 1 FROM raw_items r WHERE r.post_id = p.post_id AND r.payload IS NOT NULL))""",
                [cutoff],
            ).fetchall()
        ]
        purged = _purge_posts(con, flagged, now)
        result["flagged_posts_purged"], result["flagged_raw_purged"] = purged["posts"], purged["raw"]

        cases = _purge_cases(con, _closed_cases(con, now - r.closed_case_days * day), now, r.closed_case_days)
        result.update(
            closed_cases_purged=cases["cases"],
            case_events_redacted=cases["events"],
            evidence_purged=cases["evidence"],
            case_raw_purged=cases["raw"],
        )

        landing_files = _landing_due(con, root, now - r.landing_days * day)
        tmp_files = _stale_tmp(root, now - r.landing_days * day)
        doomed = sorted(set(landing_files) | set(erasure_files) | set(tmp_files))
        result["landing_files_deleted"] = len(doomed)
        result["audit_seq"] = audit(con, "retention", actor, now, {k: v for k, v in result.items() if k != "audit_seq"})
    if dry_run:
        result["audit_seq"] = None
    else:
        deleted, errors = delete_files(doomed)
        if errors:
            result["landing_delete_errors"] = errors
        result["landing_files_deleted"] = deleted
        con.execute("CHECKPOINT")
    return result


def run_retention(
    db_path: Path,
    cfg: Any,
    now: datetime,
    *,
    key: bytes | None = None,
    dry_run: bool = False,
    rewrite: bool = True,
) -> dict[str, Any]:
    """Open the warehouse, apply retention, close, and rewrite the file when anything was purged."""
    from warehouse.compact import CompactError, rewrite_database  # noqa: PLC0415

    with connect(db_path) as con:
        result = apply_retention(con, cfg, now, key=key, dry_run=dry_run)
    if rewrite and not dry_run and _changed(result):
        try:
            result["rewrite"] = rewrite_database(db_path)
        except CompactError as exc:
            # The purge is committed; only the old bytes linger until a rewrite succeeds.
            log.warning("retention: %s", exc)
            result["rewrite_error"] = str(exc)
    return result


def _changed(result: dict[str, Any]) -> bool:
    return any(
        isinstance(v, int) and not isinstance(v, bool) and v > 0
        for k, v in result.items()
        if k not in ("audit_seq", "landing_files_deleted")
    )

