"""Landing -> posts throughput for 100,000 synthetic payloads, against a plain DuckDB insert.

    python bench/load.py [--n 100000] [--files 10]

Prints: the full load (read gzip JSON lines, parse, normalise, validate with great-
expectations, raw store + posts upsert, checks) in posts/s; a plain DuckDB insert of the
same final data (the posts rows with their raw payloads, fetched back into one
DataFrame) into an empty table with a primary key, measured in the same
run; and their ratio. Targets (issue 2): >= 50,000 posts/s and within 5x of the plain insert.
GX's import and suite setup (seconds, once per process) are done before timing.

Each figure is given as wall time and as CPU time of this process (time.process_time, all
threads, DuckDB's included): on a shared machine the wall time mostly measures the other
processes, and the CPU time is the figure to compare between runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb  # noqa: E402

from schoolwatch.core.clock import ManualClock  # noqa: E402
from schoolwatch.core.landing import LandingZone, Manifest, RunMeta, item_line  # noqa: E402
from transforms.validate import _gx  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.loader import load_landing  # noqa: E402

WORDS = "the school trip concert parents evening uniform great thanks year team match homework bus open".split()


def synth(zone: LandingZone, n: int, files: int) -> None:
    rng = random.Random(7)
    base = datetime(2026, 11, 1, tzinfo=UTC)
    per = n // files
    for f in range(files):
        meta = RunMeta(f"20261101T{f:06d}Z-bench", "x", "x-main", "kv", "x-main")
        lines = []
        for i in range(per):
            k = f * per + i
            tid = str(1_900_000_000_000_000_000 + k)
            item = {"id": tid, "text": " ".join(rng.choices(WORDS, k=rng.randint(5, 30))), "author_id": str(k % 5000),
                    "created_at": (base + timedelta(seconds=k)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "conversation_id": tid, "edit_history_tweet_ids": [tid], "lang": "en"}
            lines.append(item_line(meta, stream="mentions", endpoint="GET /2/users/:id/mentions", fetched_at=base,
                                   native_id=tid, item=item, context={"author": {"id": item["author_id"], "name": "P", "username": f"p{k % 5000}"}}))
        path, count = zone.write_items(meta, lines)
        zone.write_manifest(Manifest(meta.run_id, "x", "x-main", "kv", "x-main", base.isoformat(), base.isoformat(), "ok",
                                     items=count, cursor_after={"since_id": tid}, data_file=path.name if path else None))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=10)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    zone = LandingZone(tmp / "landing")
    t0 = time.perf_counter()
    synth(zone, args.n, args.files)
    print(f"synthesised {args.n:,} payloads in {args.files} files: {time.perf_counter() - t0:.2f}s")
    _gx()  # GX import + suite, once per process
    clock = ManualClock(datetime(2026, 11, 16, tzinfo=UTC))
    db = tmp / "w.duckdb"
    with connect(db):
        pass
    with connect(db) as con:
        t0, c0 = time.perf_counter(), time.process_time()
        summary = load_landing(con, zone, clock)
        full, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    assert summary.posts_new == args.n, summary
    # The same final data, inserted plainly: the posts rows and their raw payloads as the
    # load stored them, fetched back into one DataFrame outside the timing.
    with connect(db, read_only=True) as con:
        final = con.execute(
            "SELECT p.* EXCLUDE (first_seen, last_seen, removed_at, text_purged_at, author_pseudonymised), "
            "r.payload::VARCHAR AS payload FROM posts p JOIN raw_items r ON r.post_id = p.post_id AND r.sha256 = p.raw_sha256"
        ).fetchdf()
    plain = duckdb.connect(str(tmp / "plain.duckdb"))
    plain.execute("CREATE TABLE posts AS SELECT * FROM final LIMIT 0")
    plain.execute("ALTER TABLE posts ADD PRIMARY KEY (post_id)")
    t0, c0 = time.perf_counter(), time.process_time()
    plain.execute("INSERT INTO posts SELECT * FROM final")
    insert, insert_cpu = time.perf_counter() - t0, time.process_time() - c0
    plain.close()
    print(f"landing -> posts (read, parse, normalise, validate, load): wall {full:.2f}s = {args.n / full:,.0f} posts/s;"
          f" cpu {full_cpu:.2f}s = {args.n / full_cpu:,.0f} posts/s")
    print(f"plain DuckDB insert of the same {len(final):,}-row DataFrame: wall {insert:.2f}s = {args.n / insert:,.0f} rows/s;"
          f" cpu {insert_cpu:.2f}s = {args.n / insert_cpu:,.0f} rows/s")
    print(f"ratio full/plain: wall {full / insert:.1f}x, cpu {full_cpu / insert_cpu:.1f}x   (targets: >= 50,000 posts/s; <= 5x)")


if __name__ == "__main__":
    main()
