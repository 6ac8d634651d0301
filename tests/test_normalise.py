"""Normalisers: real shapes and what real data holds (missing fields, deleted authors, edits, unicode)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schoolwatch.core.landing import RunMeta, item_line
from transforms.normalise import NormaliseError, normalise_batch, normaliser_for, parse_time

META = {"x": RunMeta("r1", "x", "x-main", "kv", "x-main"),
        "facebook": RunMeta("r1", "facebook", "facebook-page", "kv", "facebook-page"),
        "reddit": RunMeta("r1", "reddit", "reddit-main", "kv", "reddit-main")}
NOW = datetime(2026, 11, 16, tzinfo=UTC)
UNICODE = "مرحبا 👩🏽‍🏫 \u202eoverride\u202c zero\u200bwidth e\u0301 \U0001F52A"


def line(platform: str, item: dict, stream: str = "mentions", context: dict | None = None) -> dict:
    return item_line(META[platform], stream=stream, endpoint="GET /", fetched_at=NOW,
                     native_id=str(item.get("id", "?")), item=item, context=context)


TWEET = {"id": "1900000000000000002", "text": "@StExampleSch is the school open today?", "author_id": "42",
         "conversation_id": "1900000000000000001", "created_at": "2025-03-01T10:00:00.000Z",
         "in_reply_to_user_id": "123", "referenced_tweets": [{"type": "replied_to", "id": "1900000000000000001"}],
         "edit_history_tweet_ids": ["1900000000000000002"]}


def test_x_reply_with_author() -> None:
    row = normaliser_for("x")(line("x", TWEET, context={"author": {"id": "42", "name": "A Parent", "username": "aparent"}}))
    assert row["post_id"] == "x:1900000000000000002"
    assert row["author_handle"] == "aparent" and row["author_name"] == "A Parent"
    assert row["parent_id"] == row["conversation_id"] == "x:1900000000000000001"
    assert row["url"] == "https://x.com/aparent/status/1900000000000000002"
    assert row["created_at"] == datetime(2025, 3, 1, 10, tzinfo=UTC)
    assert row["edited_at"] is None and row["item_kind"] == "mention"


def test_x_missing_author_and_edited() -> None:
    tweet = {**TWEET, "id": "1900000000000000009", "edit_history_tweet_ids": ["1900000000000000002", "1900000000000000009"]}
    del tweet["referenced_tweets"]
    row = normaliser_for("x")(line("x", tweet))
    assert row["author_handle"] is None
    assert row["url"] == "https://x.com/i/web/status/1900000000000000009"
    assert row["edited_at"] == row["created_at"]
    assert row["parent_id"] is None


FB = {"id": "122100000000000001_1234567890123456", "created_time": "2025-03-01T10:00:00+0000",
      "from": {"name": "A Parent", "id": "6012345678901234"}, "message": "Will the school be open tomorrow?",
      "is_hidden": False, "can_hide": True}


def test_facebook_comment_without_from_and_reply() -> None:
    item = {k: v for k, v in FB.items() if k != "from"}
    item["parent"] = {"id": "122100000000000001_999"}
    row = normaliser_for("facebook")(line("facebook", item, "comments", {"post_id": "109876543210987_122100000000000001"}))
    assert row["author_id"] is None and row["author_name"] is None
    assert row["item_kind"] == "reply"
    assert row["parent_id"] == "facebook:122100000000000001_999"
    assert row["conversation_id"] == "facebook:109876543210987_122100000000000001"
    assert row["created_at"] == datetime(2025, 3, 1, 10, tzinfo=UTC)
    assert row["is_hidden"] is False
    assert row["url"].startswith("https://www.facebook.com/")


def test_reddit_deleted_author_and_submission() -> None:
    comment = {"kind": "t1", "data": {"id": "kx1a2b3", "name": "t1_kx1a2b3", "author": "[deleted]", "body": "[deleted]",
                                      "parent_id": "t3_1abcd", "link_id": "t3_1abcd", "created_utc": 1740823200.0,
                                      "context": "/r/uk/comments/1abcd/school_news/kx1a2b3/?context=3", "edited": 1740824200.0}}
    row = normaliser_for("reddit")(line("reddit", comment))
    assert row["post_id"] == "reddit:t1_kx1a2b3" and row["author_handle"] is None
    assert row["edited_at"] == datetime.fromtimestamp(1740824200.0, tz=UTC)
    assert row["url"].startswith("https://www.reddit.com/r/uk/")
    sub = {"kind": "t3", "data": {"id": "1abcd", "name": "t3_1abcd", "author": "someparent", "title": "School news",
                                  "selftext": "Body", "created_utc": 1740823200, "permalink": "/r/uk/comments/1abcd/x/"}}
    row = normaliser_for("reddit")(line("reddit", sub, "search"))
    assert row["text"] == "School news\n\nBody" and row["item_kind"] == "search_hit"
    with pytest.raises(NormaliseError, match="not a comment or submission"):
        normaliser_for("reddit")(line("reddit", {"kind": "t5", "data": {}}))


@pytest.mark.parametrize("platform", ["x", "facebook", "reddit"])
def test_unicode_and_long_text_survive_byte_for_byte(platform: str) -> None:
    long_text = UNICODE + "x" * 60_000
    item = {"x": {**TWEET, "text": long_text},
            "facebook": {**FB, "message": long_text},
            "reddit": {"kind": "t1", "data": {"name": "t1_a", "body": long_text, "created_utc": 1740823200, "author": "p"}}}[platform]
    row = normaliser_for(platform)(line(platform, item))
    assert row["text"] == long_text
    assert row["text"].encode("utf-8") == long_text.encode("utf-8")


def test_batch_rejects_bad_records_with_reasons() -> None:
    good = line("x", TWEET)
    no_time = line("x", {**TWEET, "id": "5", "created_at": None})
    bad_time = line("x", {**TWEET, "id": "6", "created_at": "yesterday"})
    unknown = {**good, "platform": "myspace"}
    frame, rejects = normalise_batch([(1, good), (2, no_time), (3, bad_time), (4, unknown), (5, good)])
    assert list(frame["line_no"]) == [1, 5]
    assert dict(rejects) == {2: "created_at missing", 3: "created_at not a timestamp: 'yesterday'", 4: "unknown platform 'myspace'"}


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-03-01T10:00:00.000Z", datetime(2025, 3, 1, 10, tzinfo=UTC)),
    ("2025-03-01T11:00:00+0100", datetime(2025, 3, 1, 10, tzinfo=UTC)),
    (1740823200, datetime(2025, 3, 1, 10, tzinfo=UTC)),
])
def test_parse_time(value, expected) -> None:
    assert parse_time(value) == expected
