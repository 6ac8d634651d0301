"""Fuzz every normaliser with arbitrary JSON: a row or a NormaliseError, never a crash."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from transforms.normalise import POST_COLUMNS, NormaliseError, normalise_batch, normaliser_for

from .strategies import as_read, landing_lines, platforms


def test_every_platform_has_a_normaliser_to_fuzz():
    assert {"x", "facebook", "reddit"} <= set(platforms())


@pytest.mark.parametrize("platform", platforms())
@given(data=st.data())
def test_normaliser_returns_a_row_or_raises_normalise_error(platform, data):
    line = as_read(data.draw(landing_lines(platform)))
    assume(line is not None)
    fn = normaliser_for(platform)
    try:
        row = fn(line)
    except NormaliseError as exc:
        assert str(exc).strip(), "a NormaliseError must carry its quarantine reason"
        return
    assert set(POST_COLUMNS) <= set(row)
    assert isinstance(row["post_id"], str) and row["post_id"].startswith(f"{platform}:")
    assert isinstance(row["created_at"], datetime) and row["created_at"].tzinfo is not None
    for col in ("text", "author_handle", "author_id", "author_name", "url", "parent_id", "conversation_id"):
        assert row[col] is None or isinstance(row[col], str), (col, row[col])


@given(lines=st.lists(landing_lines(), max_size=8))
def test_normalise_batch_never_raises_and_accounts_for_every_line(lines):
    read = [as_read(line) for line in lines]
    numbered = [(n, line) for n, line in enumerate(read, start=1) if line is not None]
    frame, rejects = normalise_batch(numbered)
    assert all(reason.strip() for _, reason in rejects)
    assert set(frame["line_no"]) | {n for n, _ in rejects} == {n for n, _ in numbered}
    assert not set(frame["line_no"]) & {n for n, _ in rejects}
