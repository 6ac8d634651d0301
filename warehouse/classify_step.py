"""Classify stored posts: flags with category, severity, score and evidence spans.

Keyed on (post_id, classifier_version): a post is classified once per version, flags are
upserted on (post_id, classifier_version, category), so the step is idempotent, and
``schoolwatch reclassify`` with a new version re-runs over every stored post without
calling any API (raw first: it reads ``posts.text``). Posts whose text was purged by
retention are not classified again.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import duckdb

from warehouse.db import transaction

log = logging.getLogger(__name__)
BATCH = 2_000


class _Classifier(Protocol):
    version: str

    def classify_many(self, texts: list[str]) -> list[list[Any]]: ...


@dataclass
class ClassifySummary:
    posts: int = 0
    flagged: int = 0
    flags: int = 0
    per_category: dict[str, int] = field(default_factory=dict)


def _evidence(flag: Any) -> str:
    """Evidence JSON: the spans ({start, end, text, rule}, offsets into posts.text) and the reasons."""
    spans: list[dict[str, Any]] = [{"start": s.start, "end": s.end, "text": s.text, "rule": s.rule} for s in flag.spans]
    if getattr(flag, "reasons", None):
        spans.append({"reasons": list(flag.reasons)})
    return json.dumps(spans, ensure_ascii=False)


def _one_batch(con: duckdb.DuckDBPyConnection, classifier: _Classifier, now: datetime, batch: int, summary: ClassifySummary) -> int:
    version = classifier.version
    rows = con.execute(
        """
        SELECT p.post_id, coalesce(p.text, '') FROM posts p
        WHERE p.text_purged_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM classified c WHERE c.post_id = p.post_id AND c.classifier_version = ?)
        ORDER BY p.post_id LIMIT ?
        """,
        [version, batch],
    ).fetchall()
    if not rows:
        return 0
    results = classifier.classify_many([t for _, t in rows])
    flag_rows = []
    for (pid, _), flags in zip(rows, results, strict=True):
        for f in flags:
            flag_rows.append((pid, version, f.category.value, f.severity.value, float(f.score), _evidence(f), f.source, now))
            summary.per_category[f.category.value] = summary.per_category.get(f.category.value, 0) + 1
        summary.flagged += bool(flags)
    if flag_rows:
        con.executemany(
            """
            INSERT INTO flags (post_id, classifier_version, category, severity, score, evidence, source, flagged_at)
            VALUES (?, ?, ?, ?, ?, ?::JSON, ?, ?)
            ON CONFLICT (post_id, classifier_version, category) DO UPDATE SET
                severity = excluded.severity, score = excluded.score, evidence = excluded.evidence, source = excluded.source
            """,
            flag_rows,
        )
    con.executemany(
        "INSERT INTO classified (post_id, classifier_version, classified_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(pid, version, now) for pid, _ in rows],
    )
    summary.posts += len(rows)
    summary.flags += len(flag_rows)
    return len(rows)


def classify_pending(
    con: duckdb.DuckDBPyConnection, classifier: _Classifier, now: datetime, *, batch: int = BATCH
) -> ClassifySummary:
    """Classify every post not yet seen by this classifier version (call inside a transaction)."""
    summary = ClassifySummary()
    while _one_batch(con, classifier, now, batch, summary):
        pass
    return summary


def reclassify(
    con: duckdb.DuckDBPyConnection, classifier: _Classifier, now: datetime, *, batch: int = BATCH
) -> dict[str, int | str]:
    """Like :func:`classify_pending`, committing each batch, for long runs over many posts."""
    summary = ClassifySummary()
    while True:
        with transaction(con):
            n = _one_batch(con, classifier, now, batch, summary)
        if not n:
            break
        log.info("classified %d posts with %s (%d flags so far)", summary.posts, classifier.version, summary.flags)
    return {"version": classifier.version, "posts": summary.posts, "flagged_posts": summary.flagged, "flags": summary.flags}
