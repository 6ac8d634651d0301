"""Corrupt landing files are quarantined with their reason; the rest loads; a rerun recovers."""

from __future__ import annotations

import gzip
from datetime import timedelta

from schoolwatch.core.landing import LandingZone
from schoolwatch.pipeline import fetch_source, landing_root, plan_fetches, spec_from_dict
from warehouse.db import connect
from warehouse.loader import load_landing, read_cursors

from .conftest import PagingPlatform, assert_exactly_once, make_config

PER_RUN, RUNS = 20, 4


def _fetch(cfg, clock, platform, max_pages=1):
    (plan,) = plan_fetches(cfg, cfg.db_path)
    clock.advance(timedelta(minutes=15))
    return fetch_source(spec_from_dict(plan["spec"]), plan["cursor"], LandingZone(landing_root(cfg)), clock, platform, max_pages=max_pages)


def _corrupt(zone: LandingZone, manifests):
    """Run 2: truncated gzip; run 3: flipped bytes; run 4: a malformed line inside a good gzip."""
    folder = zone.folder("x", "x-main")
    truncated = folder / manifests[1].data_file
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])
    flipped = folder / manifests[2].data_file
    data = bytearray(flipped.read_bytes())
    for i in range(40, 60):
        data[i] ^= 0xFF
    flipped.write_bytes(bytes(data))
    bad_line = folder / manifests[3].data_file
    lines = gzip.decompress(bad_line.read_bytes()).decode().splitlines()
    lines[5] = lines[5][:37]  # cut mid-object
    bad_line.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return truncated, flipped, bad_line


def test_corrupt_files_quarantined_rest_loads_and_rerun_recovers(tmp_path, clock):
    cfg = make_config(tmp_path)
    zone = LandingZone(landing_root(cfg))
    platform = PagingPlatform(total=RUNS * PER_RUN, page_size=PER_RUN)
    manifests = [_fetch(cfg, clock, platform) for _ in range(RUNS)]
    truncated, flipped, bad_line = _corrupt(zone, manifests)

    # planned before loading: the corrupt pending runs make the plan fall back, not skip ahead
    (plan,) = plan_fetches(cfg, cfg.db_path)
    assert plan["cursor"] is None

    with connect(cfg.db_path) as con:
        summary = load_landing(con, zone, clock)
        assert summary.files_quarantined == 2
        rows = dict(con.execute("SELECT landing_path, reason FROM quarantine WHERE line_no = 0").fetchall())
        assert set(rows) == {zone.relative(truncated), zone.relative(flipped)}
        assert all("cannot decompress" in r for r in rows.values())
        line = con.execute("SELECT check_name, line_no, reason FROM quarantine WHERE line_no > 0").fetchall()
        assert line == [("parse", 6, line[0][2])] and line[0][2].startswith("malformed JSON")
        checks = con.execute("SELECT status, error FROM monitoring_checks ORDER BY seq").fetchall()
        assert [c[0] for c in checks] == ["partial", "failed", "failed", "ok"]  # partial: page budget left
        assert "corrupt" in checks[1][1] and "corrupt" in checks[2][1]
        # the runs that did load are in (the bad line aside)
        assert con.execute("SELECT count(*) FROM posts").fetchone() == (2 * PER_RUN - 1,)

    # the cursor stays after run 1, the last run before the lost ones: run 4 started past
    # them, so moving to its cursor would skip runs 2-3's items for good
    with connect(cfg.db_path, read_only=True) as con:
        assert read_cursors(con)["x-main"] == {"since": PER_RUN}
    (plan,) = plan_fetches(cfg, cfg.db_path)
    assert plan["cursor"] == {"since": PER_RUN}

    m = _fetch(cfg, clock, platform, max_pages=10)  # the normal rerun
    assert m.status == "ok" and m.items == (RUNS - 1) * PER_RUN
    with connect(cfg.db_path) as con:
        load_landing(con, zone, clock)
        assert_exactly_once(con, {str(100000 + n) for n in range(1, RUNS * PER_RUN + 1)})
        assert read_cursors(con)["x-main"] == {"since": RUNS * PER_RUN}
        # the quarantine keeps the failures on record after recovery
        assert con.execute("SELECT count(*) FROM quarantine").fetchone() == (3,)
