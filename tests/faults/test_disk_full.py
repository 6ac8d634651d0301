"""The disk fills during a landing write: a failed check, the cursor stays, a rerun recovers.

Two ways to fill a disk: RLIMIT_FSIZE in a forked child (works anywhere: writes past the
limit fail with EFBIG once SIGXFSZ is ignored), and a real 128 kB tmpfs (ENOSPC; needs the
right to mount, so it is skipped where that is not allowed).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from connectors.base import PageBudget, fetch_to_landing
from schoolwatch.core.landing import LandingZone
from schoolwatch.pipeline import plan_fetches
from warehouse.db import connect
from warehouse.loader import load_landing, read_cursors

from .conftest import SPEC, PagingPlatform, assert_exactly_once, make_config

TOTAL = 120


class BulkyPlatform(PagingPlatform):
    """Items with incompressible text, so the landing file is far bigger than the limit."""

    def fetch(self, source, cursor, budget):
        result = super().fetch(source, cursor, budget)
        rng = random.Random(7)
        for it in result.items:
            it.item["text"] = "invented " + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789 ") for _ in range(3000))
        return result


def _fetch_in_child_with_fsize_limit(zone: LandingZone, clock, limit: int) -> dict:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
            m = fetch_to_landing(BulkyPlatform(total=TOTAL, page_size=TOTAL), SPEC, None, zone, clock, budget=PageBudget(5))
            os.write(w, m.to_json().encode())
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        out = fh.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return json.loads(out)


def _no_leftovers(zone: LandingZone) -> None:
    assert not list(zone.root.rglob("*.jsonl.gz")) and not list(zone.root.rglob(".*.tmp"))


def _rerun_recovers(cfg, zone, clock) -> None:
    with connect(cfg.db_path) as con:
        load_landing(con, zone, clock)
        checks = con.execute("SELECT status, error FROM monitoring_checks").fetchall()
        assert len(checks) == 1 and checks[0][0] == "failed" and "landing write failed" in checks[0][1]
        assert read_cursors(con) == {} and con.execute("SELECT count(*) FROM posts").fetchone() == (0,)
    (plan,) = plan_fetches(cfg, cfg.db_path)
    assert plan["cursor"] is None  # the failed run's manifest did not move it
    clock.advance(timedelta(minutes=15))
    m = fetch_to_landing(BulkyPlatform(total=TOTAL, page_size=TOTAL), SPEC, plan["cursor"], zone, clock)
    assert m.status == "ok" and m.items == TOTAL
    with connect(cfg.db_path) as con:
        load_landing(con, zone, clock)
        assert_exactly_once(con, {str(100000 + n) for n in range(1, TOTAL + 1)})
        assert [r[0] for r in con.execute("SELECT status FROM monitoring_checks ORDER BY seq").fetchall()] == ["failed", "ok"]
        assert read_cursors(con)["x-main"] == {"since": TOTAL}


def test_file_size_limit_during_landing_write(tmp_path, clock):
    cfg = make_config(tmp_path)
    zone = LandingZone(cfg.data_dir / "landing")
    m = _fetch_in_child_with_fsize_limit(zone, clock, limit=64 * 1024)
    assert m["status"] == "failed" and m["cursor_after"] is None and m["items"] == 0 and m["data_file"] is None
    assert "File too large" in m["error"] and m["error_kind"] == "retriable"
    _no_leftovers(zone)  # no half-written file, no temporary file
    assert len(list(zone.root.rglob("*.manifest.json"))) == 1
    _rerun_recovers(cfg, zone, clock)


def test_disk_full_when_even_the_manifest_cannot_be_written(tmp_path, clock):
    """Nothing can be written at all: the fetch raises (the task fails, visibly) and leaves nothing."""
    cfg = make_config(tmp_path)
    zone = LandingZone(cfg.data_dir / "landing")
    zone.folder("x", "x-main").mkdir(parents=True)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
            try:
                fetch_to_landing(BulkyPlatform(total=5, page_size=5), SPEC, None, zone, clock)
                os.write(w, b"no error")
            except OSError as exc:
                os.write(w, f"OSError {exc.errno}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        out = fh.read().decode()
    os.waitpid(pid, 0)
    assert out.startswith("OSError")
    assert not any(zone.root.rglob("*.*"))  # not a byte left behind
    (plan,) = plan_fetches(cfg, cfg.db_path)
    assert plan["cursor"] is None


def _mount_tmpfs(path: Path, size: str) -> bool:
    mount = shutil.which("mount")
    if mount is None:
        return False
    path.mkdir(parents=True)
    res = subprocess.run([mount, "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True, check=False)
    return res.returncode == 0


@pytest.mark.slow
def test_real_full_tmpfs(tmp_path, clock):
    small = tmp_path / "small"
    if not _mount_tmpfs(small, "128k"):
        pytest.skip("mounting a tmpfs is not allowed here; the RLIMIT_FSIZE test covers the same path")
    try:
        cfg = make_config(tmp_path)
        zone = LandingZone(small / "landing")
        m = fetch_to_landing(BulkyPlatform(total=TOTAL, page_size=TOTAL), SPEC, None, zone, clock)
        assert m.status == "failed" and "No space left on device" in (m.error or "") and m.cursor_after is None
        _no_leftovers(zone)
        manifests = list(zone.root.rglob("*.manifest.json"))
        assert len(manifests) == 1
        # the disk is freed (moved to a roomy place) and the next run recovers
        big = tmp_path / "data" / "landing"
        shutil.copytree(zone.root, big)
    finally:
        subprocess.run([shutil.which("umount") or "umount", str(small)], check=False)
    _rerun_recovers(cfg, LandingZone(big), clock)
