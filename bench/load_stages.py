"""Where the load's time goes: per-stage CPU and wall time of one landing -> posts load.

    python bench/load_stages.py [--n 100000] [--files 10]

Same synthetic landing zone as bench/load.py, loaded as one group: the loader normally
stages the next group on a second thread while it writes one (warehouse/loader.py), which
overlaps the stages; here they run one after another so each one's cost shows. Each stage
is timed by wrapping the loader's own functions (nothing is re-implemented here): reading
and splitting the files (Python), parsing + normalising + hashing in DuckDB
(warehouse/staging.py), the lines left to the Python normalisers, validation
(great-expectations), the raw_items + posts statements, the rest of each run's writes, and
DuckDB's COMMITs (what is left). CPU time is time.process_time (all threads of this
process, DuckDB's included); wall time includes waiting for other processes.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import load as bench_load  # noqa: E402

import warehouse.loader as loader  # noqa: E402
import warehouse.staging as staging  # noqa: E402
from schoolwatch.core.clock import ManualClock  # noqa: E402
from schoolwatch.core.landing import LandingZone  # noqa: E402
from transforms.validate import _gx  # noqa: E402
from warehouse.db import connect  # noqa: E402

STAGES = ("read_raw", "split_lines", "build", "_python_path", "_validate_group", "_commit_data", "_upsert", "_load_manifest")


def _timed(totals: dict[str, list[float]], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        c0, w0 = time.process_time(), time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            t = totals.setdefault(name, [0.0, 0.0])
            t[0] += time.process_time() - c0
            t[1] += time.perf_counter() - w0

    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=10)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sw-bench-stages-"))
    zone = LandingZone(tmp / "landing")
    bench_load.synth(zone, args.n, args.files)
    _gx()
    totals: dict[str, list[float]] = {}
    for name in STAGES:
        owner = staging.Staging if name in ("build", "_python_path") else loader
        setattr(owner, name, _timed(totals, name, getattr(owner, name)))
    loader.FIRST_GROUP_LINES = loader.GROUP_LINES = args.n + 1  # one group: no staging runs beside the writes
    db = tmp / "w.duckdb"
    with connect(db):
        pass
    with connect(db) as con:
        c0, w0 = time.process_time(), time.perf_counter()
        summary = loader.load_landing(con, zone, ManualClock(datetime(2026, 11, 16, tzinfo=UTC)))
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    assert summary.posts_new == args.n, summary

    def get(name: str) -> tuple[float, float]:
        c, w = totals.get(name, [0.0, 0.0])
        return c, w

    raw, split, build, python, val, commit, upsert, manifest = (get(n) for n in STAGES)
    read = (raw[0] + split[0], raw[1] + split[1])  # inside build: staging pulls the files as it goes
    rows = [
        ("read (gzip, split lines; Python)", *read),
        ("parse + normalise + SHA-256 (DuckDB)", build[0] - read[0] - python[0], build[1] - read[1] - python[1]),
        ("lines of another shape (Python normalisers)", *python),
        ("validate (great-expectations)", *val),
        ("raw_items insert + posts upsert", *upsert),
        ("other writes per run (quarantine, results)", commit[0] - upsert[0], commit[1] - upsert[1]),
        ("manifests -> checks, cursors", *manifest),
    ]
    rest_c = cpu - sum(r[1] for r in rows)
    rest_w = wall - sum(r[2] for r in rows)
    rows.append(("COMMITs and the rest", rest_c, rest_w))
    print(f"{args.n:,} posts in {args.files} files: cpu {cpu:.2f}s ({args.n / cpu:,.0f}/s), wall {wall:.2f}s ({args.n / wall:,.0f}/s)")
    for label, c, w in rows:
        print(f"  {label:44s} cpu {c:6.2f}s {100 * c / cpu:4.0f}%   wall {w:6.2f}s")


if __name__ == "__main__":
    main()
