"""`reclassify` over a real DuckDB warehouse: keyed, idempotent, re-runs on a new version."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from transforms.classify import Classifier
from warehouse.classify_step import reclassify
from warehouse.db import connect

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def _post(con, post_id: str, text: str | None) -> None:  # type: ignore[no-untyped-def]
    con.execute(
        """INSERT INTO posts (post_id, school_id, platform, native_id, source_id, item_kind, text, created_at,
                              raw_sha256, first_seen, last_seen)
           VALUES (?, 'oakfield', 'x', ?, 'src', 'post', ?, ?, 'sha', ?, ?)""",
        [post_id, post_id.split(":")[1], text, NOW, NOW, NOW],
    )


def test_reclassify_is_keyed_and_idempotent(tmp_path: Path) -> None:
    clf = Classifier()
    with connect(tmp_path / "w.duckdb") as con:
        _post(con, "x:1", "I know where she lives")
        _post(con, "x:2", "Lovely concert tonight")
        _post(con, "x:3", None)
        _post(con, "x:4", "ｋｙｓ")
        first = reclassify(con, clf, NOW)
        assert first == {"version": clf.version, "posts": 4, "flagged_posts": 2, "flags": 2}
        assert reclassify(con, clf, NOW)["posts"] == 0  # second run: nothing to do
        rows = con.execute("SELECT post_id, category, severity, evidence, source FROM flags ORDER BY post_id").fetchall()
        assert [(r[0], r[1], r[2]) for r in rows] == [("x:1", "threat", "critical"), ("x:4", "self_harm", "critical")]
        evidence = json.loads(rows[1][3])
        assert evidence[0]["text"] == "ｋｙｓ" and evidence[0]["start"] == 0 and evidence[0]["end"] == 3
        assert con.execute("SELECT count(*) FROM classified").fetchone()[0] == 4

        class NextVersion:
            version = clf.version + "-next"

            def classify_many(self, texts):  # type: ignore[no-untyped-def]
                return clf.classify_many(texts)

        assert reclassify(con, NextVersion(), NOW)["posts"] == 4
        assert con.execute("SELECT count(DISTINCT classifier_version) FROM flags").fetchone()[0] == 2
