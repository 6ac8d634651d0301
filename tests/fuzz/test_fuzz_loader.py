"""Fuzz the whole loader with landing files of arbitrary JSON lines: quarantine, never a crash."""

from __future__ import annotations

import gzip
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoolwatch.core.clock import ManualClock
from schoolwatch.core.landing import LandingZone
from warehouse import chain
from warehouse.db import migrate
from warehouse.loader import load_landing

from .strategies import json_values, keys_for, landing_lines, platforms

pytestmark = pytest.mark.slow

ALL_KEYS = tuple(sorted({k for p in platforms() for k in keys_for(p)}))
RAW_LINES = st.one_of(
    landing_lines().map(lambda d: json.dumps(d, ensure_ascii=False)),  # shaped lines, hostile values
    json_values(ALL_KEYS).map(lambda v: json.dumps(v, ensure_ascii=False)),  # any JSON at all
    st.text(max_size=60),  # not JSON
    st.just("[" * 5000),  # nested too deeply for any parser
    st.just('{"item": {"id": 1e999999}}'),
)


@settings(max_examples=max(10, settings().max_examples // 2))  # each example is a real load
@given(lines=st.lists(RAW_LINES, min_size=1, max_size=12), platform=st.sampled_from(platforms()))
def test_loader_never_crashes_on_arbitrary_lines(lines, platform):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "landing"
        folder = root / platform / "src"
        folder.mkdir(parents=True)
        body = "\n".join(line.replace("\n", " ") for line in lines) + "\n"
        (folder / "20261116T090000Z-fuzz.jsonl.gz").write_bytes(gzip.compress(body.encode("utf-8", errors="surrogatepass")))
        con = duckdb.connect(":memory:")
        try:
            con.execute("SET TimeZone = 'UTC'")
            migrate(con)
            summary = load_landing(con, LandingZone(root), ManualClock(datetime(2026, 11, 16, 9, tzinfo=UTC)))
            status, n_lines, loaded, quarantined = con.execute(
                "SELECT status, lines, items_loaded, quarantined FROM landing_files"
            ).fetchone()
            reasons = con.execute("SELECT line_no, check_name, reason FROM quarantine").fetchall()
            posts = con.execute("SELECT count(*) FROM posts").fetchone()[0]
            raw = con.execute("SELECT count(*) FROM raw_items").fetchone()[0]
            assert summary.files_loaded + summary.files_quarantined == 1
            assert all(reason and reason.strip() and check for _, check, reason in reasons)
            if status == "quarantined":
                assert posts == 0 and [r[0] for r in reasons] == [0]
            else:
                nonblank = sum(1 for line in body.split("\n") if line.strip())
                # every non-blank line is a post, a quarantined line, or a duplicate of a post in the batch
                assert posts == loaded <= nonblank and raw == posts
                assert {r[0] for r in reasons} <= set(range(1, len(body.split("\n")) + 1))
            assert chain.verify_chain(con, chain.MONITORING)[1] is None
        finally:
            con.close()
