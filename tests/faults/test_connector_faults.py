"""A connector failing mid-pagination, then a normal rerun: nothing lost, nothing doubled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from connectors.errors import RateLimitedError, RetriableError
from schoolwatch.core.landing import LandingZone
from schoolwatch.pipeline import fetch_source, landing_root, plan_fetches, spec_from_dict
from warehouse.db import connect
from warehouse.loader import load_landing, read_cursors

from .conftest import PagingPlatform, assert_exactly_once, make_config

TOTAL = 95


def _fetch(cfg, clock, platform):
    (plan,) = plan_fetches(cfg, cfg.db_path)
    clock.advance(timedelta(minutes=15))
    return plan["cursor"], fetch_source(spec_from_dict(plan["spec"]), plan["cursor"], LandingZone(landing_root(cfg)), clock, platform)


def _load(cfg, clock):
    with connect(cfg.db_path) as con:
        return load_landing(con, LandingZone(landing_root(cfg)), clock)


@pytest.mark.parametrize(
    ("partial", "error"),
    [
        (True, RetriableError("server error", platform="x", endpoint="GET /2/users/:id/mentions", status=503)),
        (False, RetriableError("server error", platform="x", endpoint="GET /2/users/:id/mentions", status=503)),
        (True, RateLimitedError("rate limited", platform="x", endpoint="GET /2/users/:id/mentions", status=429)),
    ],
    ids=["partial-503", "lost-503", "partial-429"],
)
def test_fail_mid_pagination_then_rerun(tmp_path, clock, partial, error):
    cfg = make_config(tmp_path)
    platform = PagingPlatform(total=TOTAL, page_size=10, fail_after_pages=3, error=error, partial=partial)

    cursor, m1 = _fetch(cfg, clock, platform)
    assert cursor is None and m1.status == "failed" and m1.cursor_after is None
    assert m1.items == (30 if partial else 0)  # what was fetched before the failure is landed
    assert "HTTP" in (m1.error or "") and m1.error_kind == "retriable"
    _load(cfg, clock)
    with connect(cfg.db_path, read_only=True) as con:
        assert con.execute("SELECT status, error FROM monitoring_checks").fetchall() == [("failed", m1.error)]
        assert con.execute("SELECT count(*) FROM posts").fetchone() == ((30 if partial else 0),)
        assert read_cursors(con) == {}  # the cursor did not move

    cursor, m2 = _fetch(cfg, clock, platform)  # the normal rerun
    assert cursor is None and m2.status == "ok" and m2.items == TOTAL
    _load(cfg, clock)
    with connect(cfg.db_path, read_only=True) as con:
        assert_exactly_once(con, {str(100000 + n) for n in range(1, TOTAL + 1)})
        assert [r[0] for r in con.execute("SELECT status FROM monitoring_checks ORDER BY seq").fetchall()] == ["failed", "ok"]
        assert read_cursors(con)["x-main"] == {"since": TOTAL}

    cursor, m3 = _fetch(cfg, clock, platform)  # and once more: nothing new, nothing doubled
    assert cursor == {"since": TOTAL} and m3.items == 0 and m3.data_file is None
    _load(cfg, clock)
    with connect(cfg.db_path, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM posts").fetchone() == (TOTAL,)
        assert con.execute("SELECT count(*) FROM monitoring_checks").fetchone() == (3,)


def test_unexpected_bug_in_a_connector_is_a_failed_check(tmp_path, clock):
    cfg = make_config(tmp_path)

    class Broken(PagingPlatform):
        def fetch(self, source, cursor, budget):
            raise ZeroDivisionError("a bug")

    _, m = _fetch(cfg, clock, Broken(total=1))
    assert m.status == "failed" and m.error_kind == "bug" and "ZeroDivisionError" in m.error
    _load(cfg, clock)
    with connect(cfg.db_path, read_only=True) as con:
        assert con.execute("SELECT status FROM monitoring_checks").fetchall() == [("failed",)]
