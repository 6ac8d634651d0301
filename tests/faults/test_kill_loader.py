"""SIGKILL the single writer mid-file and mid-batch; a normal rerun ends with every item once.

The loader runs in a forked child (forked after the heavy imports, so each kill costs
milliseconds, not an interpreter start) that is killed with SIGKILL: no cleanup code, no
rollback, no atexit runs; DuckDB must recover from its write-ahead log on the next open.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from connectors.base import PageBudget, fetch_to_landing
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone
from transforms.validate import validate_posts
from warehouse import loader
from warehouse.db import connect
from warehouse.loader import load_landing, read_cursors

from .conftest import SPEC, PagingPlatform, assert_exactly_once, make_config

pytestmark = pytest.mark.slow
RUNS, PER_RUN = 6, 50


def _land(tmp_path, clock):
    cfg = make_config(tmp_path)
    zone = LandingZone(cfg.data_dir / "landing")
    platform = PagingPlatform(total=RUNS * PER_RUN, page_size=PER_RUN)
    cursor = None
    for _ in range(RUNS):
        clock.advance(timedelta(minutes=15))
        m = fetch_to_landing(platform, SPEC, cursor, zone, clock, budget=PageBudget(1))
        assert m.status in ("ok", "partial") and m.items == PER_RUN
        cursor = m.cursor_after
    with connect(cfg.db_path):
        pass  # migrate first, so the child dies in the load and not in migrations
    import pandas as pd

    validate_posts(pd.DataFrame(), now=clock.now())  # warm the quality gate before forking
    return cfg, zone, {str(100000 + n) for n in range(1, RUNS * PER_RUN + 1)}


def _fork_load(cfg, zone, prepare: Callable[[], Callable[[str], None] | None], ready_fd: int | None = None) -> int:
    """Fork a child that loads the landing zone (after ``prepare`` set up its kill point)."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            hook = prepare()
            with connect(cfg.db_path) as con:
                if ready_fd is not None:
                    os.write(ready_fd, b"L")
                load_landing(con, zone, ManualClock(datetime(2026, 9, 8, tzinfo=UTC)), after_file=hook)
            code = 0
        finally:
            os._exit(code)
    return pid


def _wait(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _rerun_and_check(cfg, zone, clock, expected):
    with connect(cfg.db_path) as con:
        before = con.execute("SELECT count(*) FROM landing_files").fetchone()[0]
        summary = load_landing(con, zone, clock)
        assert_exactly_once(con, expected)
        assert con.execute("SELECT count(*) FROM landing_files").fetchone()[0] == 2 * RUNS
        assert con.execute("SELECT count(*), count(*) FILTER (status IN ('ok', 'partial')) FROM monitoring_checks").fetchone() == (RUNS, RUNS)
        assert read_cursors(con)["x-main"] == {"since": RUNS * PER_RUN}
        again = load_landing(con, zone, clock)
    assert again.files_loaded == 0 and again.checks_recorded == 0  # run it twice: nothing doubles
    return before, summary


@pytest.mark.parametrize("k", [0, 3])
def test_kill_mid_file(tmp_path, clock, k):
    """Die inside run k+1's transaction, after its raw_items and posts rows were written."""
    cfg, zone, expected = _land(tmp_path, clock)

    def prepare():
        upsert, seen = loader._upsert, [0]

        def dying_upsert(*args, **kwargs):
            out = upsert(*args, **kwargs)
            seen[0] += 1
            if seen[0] > k:
                os.kill(os.getpid(), signal.SIGKILL)
            return out

        loader._upsert = dying_upsert  # only in the forked child
        return None

    assert _wait(_fork_load(cfg, zone, prepare)) == -signal.SIGKILL
    before, summary = _rerun_and_check(cfg, zone, clock, expected)
    assert before == 2 * k  # the killed run's transaction left nothing behind
    assert summary.files_loaded == RUNS - k


def test_kill_mid_batch(tmp_path, clock):
    """Die between runs: the committed ones stay, the rest load on the rerun."""
    cfg, zone, expected = _land(tmp_path, clock)

    def prepare():
        seen = [0]

        def hook(stem: str) -> None:
            seen[0] += 1
            if seen[0] >= 4:
                os.kill(os.getpid(), signal.SIGKILL)

        return hook

    assert _wait(_fork_load(cfg, zone, prepare)) == -signal.SIGKILL
    before, summary = _rerun_and_check(cfg, zone, clock, expected)
    assert before == 2 * 4 and summary.files_loaded == RUNS - 4


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_at_a_random_moment(tmp_path, clock, seed):
    cfg, zone, expected = _land(tmp_path, clock)
    r, w = os.pipe()
    pid = _fork_load(cfg, zone, lambda: None, ready_fd=w)
    os.close(w)
    assert os.read(r, 1) == b"L"
    os.close(r)
    time.sleep(random.Random(seed).uniform(0.0, 2.0))
    os.kill(pid, signal.SIGKILL)
    assert _wait(pid) in (0, -signal.SIGKILL)
    _rerun_and_check(cfg, zone, clock, expected)
