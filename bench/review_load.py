"""Review app under concurrent reviewers while the loader writes (bounded, loopback only).

    python bench/review_load.py [--reviewers 8] [--rounds 15] [--seconds 90]

Builds a demo warehouse, starts the real app (uvicorn) on 127.0.0.1, and runs:
- a writer process that keeps landing new posts and running the single-writer step
  (load, validate, classify, open cases), holding DuckDB's lock while it does;
- N reviewer threads that log in, then each round: open the queue, open a case, add a
  note (a real POST with its CSRF token).
Prints requests, errors, "busy" pages (HTTP 503 after the bounded lock wait), and latency
percentiles per request kind. Everything stops by itself after --rounds or --seconds.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402
import uvicorn  # noqa: E402

PASSWORD = "load-test-password-1"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
CASE = re.compile(r'href="/cases/(\d+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def writer(folder: str, stop_at: float, counter) -> None:  # type: ignore[no-untyped-def]
    """Land 200 new posts and run the single-writer step, again and again, until stop_at."""
    from schoolwatch.core.clock import SystemClock
    from schoolwatch.core.config import load_config
    from schoolwatch.core.landing import LandingZone, Manifest, RunMeta, item_line, new_run_id
    from schoolwatch.pipeline import landing_root, process

    cfg = load_config(Path(folder) / "schoolwatch.toml")
    zone = LandingZone(landing_root(cfg))
    clock = SystemClock()
    n = 0
    texts = ["See you all at the fair", "Is the bus running today?", "what a pathetic excuse for a school, useless staff"]
    while time.time() < stop_at:
        now = clock.now()
        meta = RunMeta(new_run_id(now), "x", "x-main", cfg.schools[0].id, "x-main")
        lines = []
        for _ in range(200):
            n += 1
            tid = str(1_950_000_000_000_000_000 + n)
            item = {"id": tid, "text": texts[n % 3], "author_id": "9", "created_at": now.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "conversation_id": tid, "edit_history_tweet_ids": [tid]}
            lines.append(item_line(meta, stream="mentions", endpoint="GET /2/users/:id/mentions", fetched_at=now, native_id=tid, item=item))
        path, count = zone.write_items(meta, lines)
        zone.write_manifest(Manifest(meta.run_id, "x", "x-main", meta.school_id, "x-main", now.isoformat(), now.isoformat(), "ok",
                                     items=count, cursor_after={"since_id": tid}, data_file=path.name if path else None))
        process(cfg, cfg.db_path, clock)
        counter.value += 1


def reviewer(base: str, name: str, rounds: int, stop_at: float, results: dict, lock: threading.Lock) -> None:
    def timed(kind: str, fn, *a, **kw):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            r = fn(*a, **kw)
            status = r.status_code
        except httpx.HTTPError as exc:
            r, status = None, f"error:{exc.__class__.__name__}"
        with lock:
            results[kind].append((time.perf_counter() - t0, status))
        return r

    with httpx.Client(base_url=base, follow_redirects=False, timeout=60) as c:
        page = timed("login_form", c.get, "/login")
        token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
        timed("login", c.post, "/login", data={"username": name, "password": PASSWORD, "csrf": token})
        for i in range(rounds):
            if time.time() > stop_at:
                return
            queue = timed("queue", c.get, "/queue")
            ids = CASE.findall(queue.text) if queue is not None and queue.status_code == 200 else []
            if not ids:
                continue
            case_id = ids[i % len(ids)]
            page = timed("case", c.get, f"/cases/{case_id}")
            if page is None or page.status_code != 200:
                continue
            token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
            timed("note", c.post, f"/cases/{case_id}/note", data={"text": f"load test note {i}", "csrf": token})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reviewers", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--seconds", type=float, default=90)
    args = ap.parse_args()

    from review.app import create_app
    from review.users import add_user
    from review.web import WebSettings
    from schoolwatch.core.clock import SystemClock
    from schoolwatch.core.config import load_config
    from schoolwatch.demo import run_demo
    from warehouse.db import connect

    folder = Path(tempfile.mkdtemp(prefix="sw-load-")) / "demo"
    run_demo(folder)
    cfg = load_config(folder / "schoolwatch.toml")
    names = [f"reviewer{i}" for i in range(args.reviewers)]
    with connect(cfg.db_path) as con:
        for name in names:
            # DSLs may act on every case (coordinators are refused on safeguarding cases, by design)
            add_user(con, name, "dsl", PASSWORD, now=datetime.now(UTC))
    app = create_app(cfg.db_path, cfg, SystemClock(), settings=WebSettings(secret_key="load-test-only", login_attempts=1000))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    stop_at = time.time() + args.seconds
    spawn = mp.get_context("spawn")
    counter = spawn.Value("i", 0)
    proc = spawn.Process(target=writer, args=(str(folder), stop_at, counter))
    proc.start()
    results: dict[str, list] = defaultdict(list)
    lock = threading.Lock()
    started = time.perf_counter()
    threads = [threading.Thread(target=reviewer, args=(f"http://127.0.0.1:{port}", n, args.rounds, stop_at, results, lock)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    proc.join(timeout=args.seconds + 60)
    server.should_exit = True

    print(f"{args.reviewers} reviewers x {args.rounds} rounds against 127.0.0.1 in {elapsed:.1f}s, "
          f"while the writer completed {counter.value} load cycles (200 new posts each)")
    print(f"{'request':<11} {'n':>5} {'ok':>5} {'busy':>5} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    total_err = 0
    for kind, rows in results.items():
        lat = sorted(t * 1000 for t, _ in rows)
        ok = sum(1 for _, s in rows if s in (200, 303))
        busy = sum(1 for _, s in rows if s == 503)
        err = len(rows) - ok - busy
        total_err += err
        p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
        print(f"{kind:<11} {len(rows):>5} {ok:>5} {busy:>5} {err:>6} {statistics.median(lat):>8.0f} {p95:>8.0f} {lat[-1]:>8.0f}")
    print(f"errors (anything but 200/303/503-busy): {total_err}")
    odd = sorted({str(s) for rows in results.values() for _, s in rows if s not in (200, 303, 503)})
    if odd:
        print("error statuses:", ", ".join(odd))


if __name__ == "__main__":
    main()
