"""Classify stored posts: every post not yet seen by this classifier version gets its flags.

Keyed and idempotent: flags are upserted on ``(post_id, classifier_version, category)``
and each post gets one ``classified`` row per version, so a second run does nothing and
a new classifier version re-runs over every post (``schoolwatch reclassify``). Re-classifying
never calls an API: it reads ``posts.text``.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Protocol

import duckdb

from warehouse.db import transaction

log = logging.getLogger(__name__)

BATCH = 2000


class _Classifier(Protocol):
    version: str

    def classify_many(self, texts: list[str]) -> list[list]: ...  # type: ignore[type-arg]


def reclassify(con: duckdb.DuckDBPyConnection, classifier: _Classifier, now: datetime, *, batch: int = BATCH) -> dict[str, int | str]:
    """Classify every post without a ``classified`` row for ``classifier.version``."""
    version = classifier.version
    posts = flagged = flags = 0
    while True:
        rows = con.execute(
            """
            SELECT p.post_id, coalesce(p.text, '')
            FROM posts p
            WHERE NOT EXISTS (
                SELECT 1 FROM classified c WHERE c.post_id = p.post_id AND c.classifier_version = ?
            )
            ORDER BY p.post_id
            LIMIT ?
            """,
            [version, batch],
        ).fetchall()
        if not rows:
            break
        results = classifier.classify_many([text for _, text in rows])
        flag_rows = []
        for (post_id, _), post_flags in zip(rows, results, strict=True):
            for f in post_flags:
                evidence = json.dumps([{"start": s.start, "end": s.end, "text": s.text, "rule": s.rule} for s in f.spans], ensure_ascii=False)
                flag_rows.append((post_id, version, f.category.value, f.severity.value, float(f.score), evidence, f.source, now))
            flagged += bool(post_flags)
        with transaction(con):
            if flag_rows:
                con.executemany(
                    """
                    INSERT INTO flags (post_id, classifier_version, category, severity, score, evidence, source, flagged_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (post_id, classifier_version, category) DO UPDATE SET
                        severity = excluded.severity, score = excluded.score, evidence = excluded.evidence,
                        source = excluded.source
                    """,
                    flag_rows,
                )
            con.executemany(
                "INSERT INTO classified (post_id, classifier_version, classified_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(post_id, version, now) for post_id, _ in rows],
            )
        posts += len(rows)
        flags += len(flag_rows)
        log.info("classified %d posts with %s (%d flags so far)", posts, version, flags)
    return {"version": version, "posts": posts, "flagged_posts": flagged, "flags": flags}
