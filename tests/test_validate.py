"""The great-expectations suite: verdicts row by row, and validate_view's memo of GX's
expectation configurations changing nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from transforms.validate import (
    _configurations_built_once,
    _gx,
    check_view,
    validate_posts,
    validate_view,
)

NOW = datetime(2026, 11, 16, tzinfo=UTC)


def _frame() -> pd.DataFrame:
    rows = [
        {"post_id": f"x:{i}", "platform": "x", "url": f"https://x.com/p/status/{i}", "created_at": "2026-11-10T10:00:00Z",
         "text": "see you at the fair"}
        for i in range(8)
    ]
    rows[1]["post_id"] = "x:0"  # duplicate within the batch
    rows[2]["post_id"] = None
    rows[3]["platform"] = "myspace"
    rows[4]["created_at"] = "2031-01-01T00:00:00Z"  # future
    rows[5]["created_at"] = "1999-01-01T00:00:00Z"  # before any platform we watch
    rows[6]["url"] = "javascript:alert(1)"
    rows[7]["text"] = "x" * 100_001
    return pd.DataFrame(rows)


def test_each_planted_fault_fails_its_expectation_and_only_its_row():
    report = validate_posts(_frame(), now=NOW)
    failed = {i: sorted(names) for i, names in report.failed_rows.items()}
    assert failed[0] == failed[1] == ["expect_column_values_to_be_unique(batch_key)"]
    assert "expect_column_values_to_not_be_null(post_id)" in failed[2]
    assert failed[3] == ["expect_column_values_to_be_in_set(platform)"]
    assert failed[4] == ["expect_column_values_to_be_between(created_age_s)"]
    assert failed[5] == ["expect_column_values_to_be_between(created_epoch)"]
    assert failed[6] == ["expect_column_values_to_match_regex(url)"]
    assert failed[7] == ["expect_column_values_to_be_between(text_len)"]
    assert not report.success


def test_the_configuration_memo_gives_gx_own_verdicts_and_is_removed_afterwards():
    from great_expectations.expectations.expectation import Expectation

    _gx()
    plain = Expectation.__dict__["configuration"]
    view = check_view(_frame(), now=NOW)
    memoised = validate_view(view)
    assert Expectation.__dict__["configuration"] is plain  # restored after the call

    # The same validation with GX's own property throughout (no memo) gives the same report.
    from great_expectations.validator.v1_validator import Validator

    _, batch_def, suite = _gx()
    result = Validator(batch_definition=batch_def, batch_parameters={"dataframe": view},
                      result_format={"result_format": "COMPLETE"}).validate_expectation_suite(suite)
    by_name = {(r.expectation_config.type, r.expectation_config.kwargs.get("column")):
               (r.success, sorted(r.result.get("unexpected_index_list") or [])) for r in result.results}
    assert by_name == {(o.expectation, o.column): (o.success, sorted(o.unexpected_index)) for o in memoised.outcomes}

    with _configurations_built_once():
        expectation = suite.expectations[0]
        assert expectation.configuration is expectation.configuration  # built once
    assert expectation.configuration is not expectation.configuration  # GX's own: built on each read
