"""Instagram connector: the requests Graph client against `responses` serving IG Graph payloads."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import responses

from connectors.base import PageBudget, SourceSpec, fetch_to_landing
from connectors.factory import build_connector
from connectors.instagram import InstagramConnector, verify
from tests.connectors.conftest import NOW, fixture_json, fixture_text, landed_bytes, landed_lines

G = "https://graph.facebook.com/v24.0"
IG = "17841400000000001"
MEDIA_URL = f"{G}/{IG}/media"
TAGS_URL = f"{G}/{IG}/tags"
COMMENTS_URL = f"{G}/17900000000000003/comments"

SRC = SourceSpec(
    source_id="st-example-ig",
    school_id="st-example",
    platform="instagram",
    kind="account",
    handle="stexampleprimary",
    native_id=IG,
    account_id="st-example-ig",
    own=True,
)


def body(name: str) -> str:
    return fixture_text("instagram", name)


def no_next(name: str) -> str:
    doc = fixture_json("instagram", name)
    doc.get("paging", {}).pop("next", None)
    return json.dumps(doc, ensure_ascii=False)


@pytest.fixture
def conn(clock, retry) -> InstagramConnector:
    c = build_connector(
        "instagram",
        {"ACCESS_TOKEN": "IG-TOKEN-SECRET"},
        clock=clock,
        account="st-example-ig",
        retry=retry,
    )
    assert isinstance(c, InstagramConnector)
    return c


def first_run(conn, clock, landing):
    responses.get(MEDIA_URL, body=body("media_p1.json"))
    responses.get(MEDIA_URL, body=body("media_p2.json"))
    responses.get(COMMENTS_URL, body=body("comments_p1.json"))
    responses.get(COMMENTS_URL, body=body("comments_p2.json"))
    responses.get(TAGS_URL, body=body("tags_p1.json"))
    return fetch_to_landing(conn, SRC, None, landing, clock)


@responses.activate
def test_pages_lines_and_quiet_run(conn, clock, landing) -> None:
    m1 = first_run(conn, clock, landing)
    assert m1.status == "ok", m1.error
    assert (m1.api_calls, m1.items) == (5, 5)
    lines = landed_lines(landing, m1)
    assert [(ln["stream"], ln["native_id"]) for ln in lines] == [
        ("comments", "17990000000000011"),
        ("comments", "17990000000000012"),
        ("comments", "17990000000000010"),
        ("tags", "17900000000009902"),
        ("tags", "17900000000009901"),
    ]
    assert lines[0]["item"] == fixture_json("instagram", "comments_p1.json")["data"][0]
    assert lines[1]["context"]["parent_id"] == "17990000000000011"
    assert lines[1]["endpoint"] == "/{ig-comment-id}/replies"
    assert lines[0]["context"]["media"]["permalink"] == "https://www.instagram.com/p/Cx3ExAmPlE/"
    # media older than the lookback stops the media walk; media with no comments cost nothing
    assert m1.cursor_after["comments"] == {
        "media": {"17900000000000003": 3, "17900000000000002": 0}
    }
    assert m1.cursor_after["tags"]["since"] == "2026-09-06T11:00:00+00:00"
    assert "replies" in responses.calls[2].request.url.replace("%7B", "{")

    # quiet run: media list + tags, nothing landed, ok check
    responses.get(MEDIA_URL, body=no_next("media_p1.json"))
    responses.get(TAGS_URL, body=body("tags_again.json"))
    n0 = len(responses.calls)
    m2 = fetch_to_landing(conn, SRC, m1.cursor_after, landing, clock)
    assert (m2.status, m2.items, m2.api_calls, m2.data_file) == ("ok", 0, 2, None)
    assert len(responses.calls) - n0 == 2  # tags stopped at the watermark without following next


@responses.activate
def test_changed_comment_count_rereads_that_media_only(conn, clock, landing) -> None:
    m1 = first_run(conn, clock, landing)
    doc = fixture_json("instagram", "media_p1.json")
    doc["paging"].pop("next")
    doc["data"][0]["comments_count"] = 4
    responses.get(MEDIA_URL, json=doc)
    responses.get(COMMENTS_URL, body=no_next("comments_p1.json"))
    responses.get(TAGS_URL, body=no_next("tags_again.json"))
    clock.advance(timedelta(hours=1))
    m2 = fetch_to_landing(conn, SRC, m1.cursor_after, landing, clock)
    assert m2.api_calls == 3 and m2.items == 2
    assert m2.cursor_after["comments"]["media"]["17900000000000003"] == 4


@responses.activate
def test_budget_and_rate_limit(conn, clock, landing) -> None:
    responses.get(MEDIA_URL, body=body("media_p1.json"))
    m = fetch_to_landing(conn, SRC, None, landing, clock, budget=PageBudget(1))
    assert m.status == "partial" and m.cursor_after["comments"] == {"media": {}}
    responses.get(
        TAGS_URL,
        body=body("rate_limited.json"),
        status=400,
        headers={"X-App-Usage": '{"call_count":100,"total_time":10,"total_cputime":10}'},
    )
    m2 = fetch_to_landing(
        conn, SourceSpec(**{**SRC.__dict__, "streams": ("tags",)}), None, landing, clock
    )
    assert (
        m2.status == "partial"
        and m2.rate_limited_until == (NOW + timedelta(minutes=15)).isoformat()
    )


@responses.activate
def test_500_then_success(conn, clock, sleeps, landing) -> None:
    responses.get(TAGS_URL, status=503, body="")
    responses.get(TAGS_URL, body=body("tags_p1.json"))
    m = fetch_to_landing(
        conn, SourceSpec(**{**SRC.__dict__, "streams": ("tags",)}), None, landing, clock
    )
    assert m.status == "ok" and m.items == 2 and len(sleeps.slept) == 1


@responses.activate
def test_expired_token_fatal_other_source_ok(conn, clock, landing) -> None:
    responses.get(MEDIA_URL, body=body("token_expired.json"), status=400)
    other = SourceSpec(
        **{
            **SRC.__dict__,
            "source_id": "other-ig",
            "native_id": "17841400000000999",
            "streams": ("tags",),
        }
    )
    responses.get(f"{G}/17841400000000999/tags", json={"data": []})
    bad = fetch_to_landing(conn, SRC, None, landing, clock)
    good = fetch_to_landing(conn, other, None, landing, clock)
    assert (
        bad.error_kind == "fatal"
        and "st-example-ig" in bad.error
        and "instagram_manage_comments" in bad.error
    )
    assert "IG-TOKEN-SECRET" not in bad.error
    assert good.status == "ok"


@responses.activate
def test_malformed_json_skippable(conn, clock, landing) -> None:
    responses.get(MEDIA_URL, body="{not json", content_type="application/json")
    m = fetch_to_landing(conn, SRC, None, landing, clock)
    assert m.error_kind == "skippable"


@responses.activate
def test_unicode_byte_for_byte(conn, clock, landing) -> None:
    m = first_run(conn, clock, landing)
    text = fixture_json("instagram", "comments_p1.json")["data"][0]["text"]
    assert "\u200d" in text and "\u200f" in text
    assert text.encode("utf-8") in landed_bytes(landing, m)


@responses.activate
def test_check_hide_delete(conn) -> None:
    url = f"{G}/17990000000000011"
    responses.get(url, body=body("comment.json"))
    responses.get(url, body=body("missing_object.json"), status=400)
    responses.get(url, body=body("permission_error.json"), status=400)
    responses.get(f"{G}/debug_token", body=body("debug_token_valid.json"))
    assert conn.check("17990000000000011").state == "present"
    assert conn.check("17990000000000011").state == "removed"
    assert conn.check("17990000000000011").state == "unknown"
    responses.post(url, body=body("hide_ok.json"))
    res = conn.hide("17990000000000011")
    assert (
        res.ok
        and res.evidence == {"success": True}
        and "hide=true" in responses.calls[-1].request.body
    )
    responses.delete(url, body=body("hide_ok.json"))
    assert conn.delete("17990000000000011").ok


@responses.activate
def test_verify_all_green(clock) -> None:
    responses.get(f"{G}/debug_token", body=body("debug_token_valid.json"))
    responses.get(f"{G}/{IG}", body=body("account.json"))
    checks = verify({"ACCESS_TOKEN": "IG-TOKEN-SECRET"}, SRC, clock=clock)
    assert all(c.ok for c in checks), checks
    assert any("stexampleprimary" in c.detail for c in checks)
