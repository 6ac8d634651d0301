"""The SQL normalisers (transforms/normalise/fast.py) against the Python ones, row for row.

The loader stages lines in DuckDB and normalises the usual shapes in SQL; every other line
goes through the Python normaliser. Both ways must give exactly the same staged rows
(payload, hash and fetch time included) and the same quarantine reasons, so these tests
stage the same lines twice, once with the fast path and once with Python only, and compare.
Seeds are payloads shaped as the platforms return them (the demo's week, the connector
fixtures); hypothesis then mutates their fields into wrong types, odd timestamps, empty
strings and missing keys.
"""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoolwatch.core.landing import LandingZone, read_lines
from tests.fuzz.strategies import HOSTILE_TEXT, SCALARS
from tests.normalise.test_normalise_conn_b import (
    bluesky_lines,
    line,
    reddit_lines,
    rss_lines,
    youtube_lines,
)
from transforms.normalise import POST_COLUMNS, fast
from warehouse.staging import Staging

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
FIX = Path(__file__).resolve().parent.parent / "fixtures"


def instagram_lines() -> list[dict[str, Any]]:
    media = json.loads((FIX / "instagram" / "media_p1.json").read_text(encoding="utf-8"))["data"][0]
    ctx = {"media": {"id": media["id"], "permalink": media["permalink"]}}
    out = []
    for c in json.loads((FIX / "instagram" / "comments_p1.json").read_text(encoding="utf-8"))["data"]:
        out.append(line("instagram", "comments", c["id"], {k: v for k, v in c.items() if k != "replies"}, ctx))
        for r in (c.get("replies") or {}).get("data", []):
            out.append(line("instagram", "comments", r["id"], r, {**ctx, "parent_id": c["id"]}))
    for t in json.loads((FIX / "instagram" / "tags_p1.json").read_text(encoding="utf-8"))["data"]:
        out.append(line("instagram", "tags", t["id"], t))
    return out


@pytest.fixture(scope="module")
def seeds(demo_dir: Path) -> list[dict[str, Any]]:
    zone = LandingZone(demo_dir / "landing")
    demo = [obj for path in zone.data_files() for _, obj, _, _ in read_lines(path) if obj]
    return _Seeds(demo + youtube_lines() + bluesky_lines() + reddit_lines() + rss_lines() + instagram_lines())


class _Seeds(list):  # type: ignore[type-arg]
    def __repr__(self) -> str:  # hypothesis prints its arguments on failure
        return f"<{len(self)} seed lines>"


def stage(texts: list[str], *, fast_path: bool) -> tuple[list[tuple[Any, ...]], dict[int, list[Any]], int]:
    con = duckdb.connect()
    try:
        staging = Staging(con, fast=fast_path)
        quarantine = staging.build([(0, list(range(1, len(texts) + 1)), texts)], NOW)
        rows = con.execute(f"SELECT * FROM {staging.posts} ORDER BY f, line_no").fetchall()
        return rows, quarantine, staging.fast_rows
    finally:
        con.close()


def dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode("utf-8")


def test_fast_path_gives_the_python_rows_for_every_platform(seeds):
    texts = [dumps(s) for s in seeds]
    fast_rows, fast_q, taken = stage(texts, fast_path=True)
    py_rows, py_q, none_taken = stage(texts, fast_path=False)
    assert none_taken == 0
    assert fast_rows == py_rows
    assert fast_q == py_q
    platforms = {s["platform"] for s in seeds}
    assert platforms >= set(fast.BY_PLATFORM) | {"rss"}
    # the fast path really ran: all but RSS and the demo's deliberately bad records
    sql_platforms = [s for s in seeds if s["platform"] in fast.BY_PLATFORM]
    assert taken >= 0.9 * len(sql_platforms)


def test_stored_hash_is_the_hash_of_the_stored_payload(seeds):
    rows, _, _ = stage([dumps(s) for s in seeds[:50]], fast_path=True)
    assert rows
    for row in rows:
        payload, sha = row[-3], row[-2]  # ..., payload, raw_sha256, seen
        assert hashlib.sha256(payload.encode("utf-8")).hexdigest() == sha
        stored = json.loads(payload)
        assert set(stored) == {"context", "item"}


def _paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:3]):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(line_obj: dict[str, Any], path: tuple[Any, ...], value: Any, delete: bool) -> dict[str, Any]:
    out = copy.deepcopy(line_obj)
    target: Any = out
    for key in path[:-1]:
        target = target[key]
    if delete and isinstance(target, dict):
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value
    return out


VALUES = SCALARS | HOSTILE_TEXT | st.sampled_from(["", "2026-11-16T09:00:00.123Z", "2026-11-16T09:00:00", "2026-11-16 09:00:00+01:00",
                                                   "t1_abc", "t3_x", 1763283600.5, 1763283600, {}, [], ["1"], [{"type": "replied_to"}]])


def test_envelope_without_a_stream_takes_the_same_way(seeds):
    """Found by the mutation test: an Instagram comment whose stream is null. Python reads
    it as a comment (not a tag) with its moderation state; SQL's NULL <> 'tags' had lost it."""
    lines = [dict(s, stream=None) for s in seeds if s["platform"] in fast.BY_PLATFORM]
    texts = [dumps(s) for s in lines]
    fast_rows, fast_q, taken = stage(texts, fast_path=True)
    py_rows, py_q, _ = stage(texts, fast_path=False)
    assert taken > 0
    assert fast_rows == py_rows
    assert fast_q == py_q


def test_a_value_reads_the_same_whatever_lines_share_its_batch(seeds):
    """Found by the mutation test: an envelope whose account_id is the number 0 goes to the
    Python normalisers on both paths; beside a line whose account_id is null (the Python
    path's whole batch) pandas had turned the column into floats and the id into '0.0',
    while alone (the fast path's leftovers) it stayed '0'."""
    first, second = [s for s in seeds if s["platform"] == "facebook"][:2]
    texts = [dumps(dict(first, account_id=None)), dumps(dict(second, account_id=0))]
    fast_rows, fast_q, _ = stage(texts, fast_path=True)
    py_rows, py_q, _ = stage(texts, fast_path=False)
    assert fast_rows == py_rows
    assert fast_q == py_q
    account = POST_COLUMNS.index("account_id") + 2  # rows start with f, line_no
    assert [r[account] for r in py_rows] == [None, "0"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_payloads_take_the_same_way_through_both_paths(seeds, data):
    batch = []
    for _ in range(data.draw(st.integers(1, 4))):
        seed = data.draw(st.sampled_from(seeds))
        paths = [p for p in _paths({"item": seed["item"], "context": seed.get("context"), "stream": seed.get("stream"),
                                    "account_id": seed.get("account_id")}) if p]
        path = data.draw(st.sampled_from(paths))
        batch.append(_mutate(seed, path, data.draw(VALUES), data.draw(st.booleans())))
    texts = []
    for obj in batch:
        try:
            texts.append(json.dumps(obj, ensure_ascii=False))
        except (TypeError, ValueError):
            continue
    # orjson refuses integers past 64 bits, which DuckDB's reader accepts: the one
    # documented difference (such a line loads on the fast path rather than being quarantined)
    texts = [t for t in texts if _orjson_reads(t)]
    if not texts:
        return
    fast_rows, fast_q, _ = stage(texts, fast_path=True)
    py_rows, py_q, _ = stage(texts, fast_path=False)
    for a, b in zip(fast_rows, py_rows, strict=False):
        assert a == b, f"fast {a}\n  != python {b}"
    assert len(fast_rows) == len(py_rows)
    assert fast_q == py_q


def _orjson_reads(text: str) -> bool:
    try:
        orjson.loads(text.encode("utf-8"))
    except (orjson.JSONDecodeError, UnicodeEncodeError):
        return False
    return True


def test_the_loaders_sql_view_gives_the_suites_verdicts(seeds):
    """The loader derives the suite's columns in SQL (an integer key that must be unique per
    file); transforms.validate.check_view derives them in pandas. Same rows, same verdicts:
    a duplicate post within a file, a missing id, a future and an ancient timestamp, a bad url."""
    import pandas as pd

    from transforms.validate import VIEW_COLUMNS, check_view, validate_view
    from warehouse.loader import _Prepared, _validate_group
    from warehouse.staging import Staging

    texts = [dumps(s) for s in seeds[:40]]
    con = duckdb.connect()
    try:
        staging = Staging(con)
        staging.build([(0, list(range(1, 21)), texts[:20]), (1, list(range(1, 21)), texts[20:])], NOW)
        t = staging.posts
        con.execute(f"UPDATE {t} SET post_id = (SELECT post_id FROM {t} WHERE f = 0 AND line_no = 1) WHERE f = 0 AND line_no = 2")
        con.execute(f"UPDATE {t} SET post_id = (SELECT post_id FROM {t} WHERE f = 0 AND line_no = 1) WHERE f = 1 AND line_no = 1")
        con.execute(f"UPDATE {t} SET post_id = NULL WHERE f = 0 AND line_no = 3")
        con.execute(f"UPDATE {t} SET created_at = TIMESTAMPTZ '2031-01-01 00:00:00+00' WHERE f = 0 AND line_no = 4")
        con.execute(f"UPDATE {t} SET created_at = TIMESTAMPTZ '1999-01-01 00:00:00+00' WHERE f = 1 AND line_no = 5")
        con.execute(f"UPDATE {t} SET url = 'javascript:alert(1)' WHERE f = 1 AND line_no = 6")
        frame = pd.DataFrame(con.execute(f"SELECT f AS _file, * EXCLUDE (f) FROM {t} ORDER BY f, line_no").fetchnumpy())
        expected = validate_view(check_view(frame, now=NOW, unique_within="_file"))
        keys = frame[["_file", "line_no"]]

        preps = [_Prepared(f, f"file{f}", "x", "src", "run") for f in (0, 1)]
        _validate_group(staging, preps, NOW)
        got = {(q[0], q[1], q[2]) for p in preps for q in p.quarantine}
        want = {(f"file{int(keys.at[i, '_file'])}", int(keys.at[i, "line_no"]), name[:120])
                for i, names in expected.failed_rows.items() for name in names}
        assert got == want
        assert len(want) >= 6  # every planted fault was caught
        assert list(VIEW_COLUMNS) == list(check_view(frame, now=NOW).columns)
        staging.close()
    finally:
        con.close()
