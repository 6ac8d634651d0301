"""transforms.normalise.instagram over landing lines the real Instagram connector wrote."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest
import responses

from connectors.factory import build_connector
from schoolwatch.core.landing import read_lines
from tests.connectors.conftest import fixture_json
from tests.connectors.test_instagram import SRC, first_run
from transforms.normalise import NormaliseError, normalise_batch
from transforms.normalise.instagram import normalise


@responses.activate
def test_rows_from_connector_output(clock, retry, landing) -> None:
    conn = build_connector(
        "instagram", {"ACCESS_TOKEN": "t"}, clock=clock, account="st-example-ig", retry=retry
    )
    m = first_run(conn, clock, landing)
    path = landing.data_files()[0]
    frame, rejects = normalise_batch((n, line) for n, line, err, _ in read_lines(path) if line)
    assert rejects == [] and len(frame) == m.items == 5
    rows = {r["native_id"]: r for r in frame.to_dict("records")}
    top = rows["17990000000000011"]
    assert top["post_id"] == "instagram:17990000000000011" and top["item_kind"] == "comment"
    assert top["parent_id"] == top["conversation_id"] == "instagram:17900000000000003"
    assert top["author_handle"] == "layla.h_22" and top["is_hidden"] is False
    assert top["text"] == fixture_json("instagram", "comments_p1.json")["data"][0]["text"]
    assert top["created_at"] == datetime(2026, 9, 6, 16, 10, tzinfo=UTC)
    reply = rows["17990000000000012"]
    assert reply["item_kind"] == "reply" and reply["parent_id"] == "instagram:17990000000000011"
    no_from = rows["17990000000000010"]
    assert pd.isna(no_from["author_id"]) and no_from["author_handle"] == "mum_of_three_rr"
    tag = rows["17900000000009902"]
    assert tag["item_kind"] == "post" and tag["url"] == "https://www.instagram.com/p/CyTaG2/"
    assert tag["author_handle"] == "westfield_juniors" and pd.isna(tag["parent_id"])
    assert m.source_id == SRC.source_id


def _line(item: dict, stream: str = "comments") -> dict:
    return {
        "platform": "instagram",
        "school_id": "s",
        "source_id": "src",
        "account_id": None,
        "stream": stream,
        "item": item,
        "context": {},
    }


def test_bad_records_raise_with_reason() -> None:
    with pytest.raises(NormaliseError, match="no id"):
        normalise(_line({"text": "hi"}))
    with pytest.raises(NormaliseError, match="timestamp"):
        normalise(_line({"id": "1", "text": "hi"}))
    row = normalise(
        _line({"id": "1", "text": "", "timestamp": "2026-09-06T16:10:00+0000", "hidden": "yes"})
    )
    assert row["is_hidden"] is None and row["text"] == "" and row["parent_id"] is None
