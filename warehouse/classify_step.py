"""Classify stored posts: flags with category, severity, score and evidence spans.

Keyed on (post_id, classifier_version): a post is classified once per version, so the
step is idempotent, and ``schoolwatch reclassify`` with a new version re-runs over every
stored post without calling any API (raw first).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from transforms.classify import Classifier, Flag

log = logging.getLogger(__name__)
BATCH = 5_000


@dataclass
class ClassifySummary:
    posts: int = 0
    flagged: int = 0
    per_category: dict[str, int] = field(default_factory=dict)


def _evidence(flag: Flag) -> str:
    return json.dumps(
        [{"start": s.start, "end": s.end, "text": s.text, "rule": s.rule} for s in flag.spans]
        + ([{"reasons": list(flag.reasons)}] if flag.reasons else []),
        ensure_ascii=False,
    )


def classify_pending(con: duckdb.DuckDBPyConnection, classifier: Classifier, now: datetime) -> ClassifySummary:
    """Classify every post not yet seen by this classifier version (call in a transaction)."""
    summary = ClassifySummary()
    version = classifier.version
    while True:
        rows = con.execute(
            """
            SELECT p.post_id, coalesce(p.text, '') FROM posts p
            WHERE p.text_purged_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM classified c WHERE c.post_id = p.post_id AND c.classifier_version = ?)
            ORDER BY p.post_id LIMIT ?
            """,
            [version, BATCH],
        ).fetchall()
        if not rows:
            return summary
        results = classifier.classify_many([t for _, t in rows])
        flag_rows = []
        for (pid, _), flags in zip(rows, results, strict=True):
            for f in flags:
                flag_rows.append((pid, version, f.category.value, f.severity.value, float(f.score), _evidence(f), f.source, now))
                summary.per_category[f.category.value] = summary.per_category.get(f.category.value, 0) + 1
            summary.flagged += bool(flags)
        if flag_rows:
            con.executemany(
                "INSERT INTO flags (post_id, classifier_version, category, severity, score, evidence, source, flagged_at) "
                "VALUES (?, ?, ?, ?, ?, ?::JSON, ?, ?) ON CONFLICT DO NOTHING",
                flag_rows,
            )
        con.executemany(
            "INSERT INTO classified (post_id, classifier_version, classified_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [(pid, version, now) for pid, _ in rows],
        )
        summary.posts += len(rows)
