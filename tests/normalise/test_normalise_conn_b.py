"""Normalisers for YouTube, Bluesky, RSS (and the lead's Reddit one) against the connector fixtures.

Lines are built exactly as the connectors land them (``item_line`` around the verbatim
fixture objects), so a drift between a connector and its normaliser fails here.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser
import pandas as pd
import pytest

from connectors.rss import json_safe
from schoolwatch.core.landing import RunMeta, item_line
from transforms.normalise import POST_COLUMNS, NormaliseError, normalise_batch, normaliser_for

FIX = Path(__file__).resolve().parent.parent / "fixtures"
NOW = datetime(2026, 9, 7, 8, 0, tzinfo=UTC)


def fx(platform: str, name: str) -> Any:
    return json.loads((FIX / platform / name).read_text(encoding="utf-8"))


def line(platform: str, stream: str, native_id: str, item: dict[str, Any], context: dict[str, Any] | None = None):
    meta = RunMeta("20260907T080000Z-abcd1234", platform, f"{platform}-src", "st-example", "acct")
    return item_line(meta, stream=stream, endpoint="e", fetched_at=NOW, native_id=native_id, item=item, context=context)


def youtube_lines() -> list[dict[str, Any]]:
    out = []
    for page in ("threads_page1.json", "threads_page2.json"):
        for t in fx("youtube", page)["items"]:
            ctx = {"thread_id": t["id"], "video_id": t["snippet"]["videoId"], "channel_id": t["snippet"]["channelId"]}
            top = t["snippet"]["topLevelComment"]
            out.append(line("youtube", "comments", top["id"], top, ctx))
            for r in (t.get("replies") or {}).get("comments", []):
                out.append(line("youtube", "replies", r["id"], r, ctx))
    return out


def test_youtube_rows():
    rows = [normaliser_for("youtube")(ln) for ln in youtube_lines()]
    assert all(set(POST_COLUMNS) <= set(r) for r in rows)
    top, reply = rows[0], rows[1]
    assert top["post_id"] == "youtube:UgzThreadAAA1" and top["item_kind"] == "comment" and top["parent_id"] is None
    src = fx("youtube", "threads_page1.json")["items"][0]["snippet"]["topLevelComment"]["snippet"]["textOriginal"]
    assert top["text"] == src  # byte for byte
    assert top["url"] == "https://www.youtube.com/watch?v=vidEx00001&lc=UgzThreadAAA1"
    assert top["author_handle"] == "oakroadparent" and top["author_name"] == "@oakroadparent"
    assert top["created_at"] == datetime(2026, 9, 7, 7, 50, tzinfo=UTC)
    assert reply["item_kind"] == "reply" and reply["parent_id"] == reply["conversation_id"] == "youtube:UgzThreadAAA1"


def bluesky_lines() -> list[dict[str, Any]]:
    out = [line("bluesky", "search", p["uri"], p, {"query": "St Example School"}) for p in fx("bluesky", "search_page1.json")["posts"]]
    out += [line("bluesky", "notifications", n["uri"], n) for n in fx("bluesky", "notifications_page1.json")["notifications"]]
    return out


def test_bluesky_rows():
    rows = [normaliser_for("bluesky")(ln) for ln in bluesky_lines()]
    hit, _, reply, mention = rows
    assert hit["item_kind"] == "search_hit" and hit["author_handle"] == "maple-parent.bsky.social"
    assert hit["text"] == fx("bluesky", "search_page1.json")["posts"][0]["record"]["text"]
    assert hit["url"] == "https://bsky.app/profile/maple-parent.bsky.social/post/3lxyzaaa2k22"
    assert reply["item_kind"] == "reply"
    assert reply["parent_id"] == "bluesky:at://did:plc:stexampleschool01/app.bsky.feed.post/3lschoolroot1"
    assert mention["item_kind"] == "mention" and mention["created_at"] == datetime(2026, 9, 7, 6, 0, tzinfo=UTC)


def test_bluesky_bad_created_at_falls_back_to_indexed_at_and_non_posts_are_rejected():
    post = json.loads(json.dumps(fx("bluesky", "search_page2.json")["posts"][0]))
    post["record"]["createdAt"] = "not a date"
    row = normaliser_for("bluesky")(line("bluesky", "search", post["uri"], post))
    assert row["created_at"] == datetime(2026, 9, 6, 18, 0, 2, tzinfo=UTC)
    post["record"]["$type"] = "app.bsky.feed.like"
    with pytest.raises(NormaliseError, match="not a post"):
        normaliser_for("bluesky")(line("bluesky", "search", post["uri"], post))


def rss_lines() -> list[dict[str, Any]]:
    parsed = feedparser.parse((FIX / "rss" / "google_alerts.xml").read_bytes())
    return [line("rss", "feed", e["id"], json_safe(e), {"feed_url": "u"}) for e in parsed.entries]


def test_rss_rows_unwrap_google_links_and_strip_markup():
    rows = [normaliser_for("rss")(ln) for ln in rss_lines()]
    first = rows[0]
    assert first["url"] == "https://www.examplegazette.test/news/st-example-school-cafe"
    assert first["text"].startswith("St Example School pupils’ café raises £1,200 — «merci» 🎉\n\nPupils at St Example School")
    assert "مدرسة \u200b שלום e\u0301" in first["text"] and "<b>" not in first["text"]
    assert first["item_kind"] == "article" and first["created_at"] == datetime(2026, 9, 7, 7, 45, tzinfo=UTC)
    assert first["author_name"] is None


def test_rss_entry_without_date_is_rejected_with_a_reason():
    item = dict(rss_lines()[0]["item"])
    for k in ("published", "published_parsed", "updated", "updated_parsed"):
        item.pop(k)
    frame, rejects = normalise_batch([(1, line("rss", "feed", "tag:x", item))])
    assert frame.empty and "no published or updated date" in rejects[0][1]


def reddit_lines() -> list[dict[str, Any]]:
    out = []
    for name, stream in (("mentions_page1.json", "mentions"), ("mentions_page2.json", "mentions"), ("search_page.json", "search")):
        out += [line("reddit", stream, c["data"]["name"], c) for c in fx("reddit", name)["data"]["children"]]
    return out


def test_lead_reddit_normaliser_reads_the_reddit_connector_lines():
    frame, rejects = normalise_batch(enumerate(reddit_lines(), start=1))
    assert rejects == [] and len(frame) == 5
    by_id = frame.set_index("native_id")
    body = fx("reddit", "mentions_page1.json")["data"]["children"][0]["data"]["body"]
    assert by_id.loc["t1_kx30003", "text"] == body
    assert by_id.loc["t1_kx30003", "item_kind"] == "mention"
    assert pd.isna(by_id.loc["t1_kx10001", "author_handle"])  # "[deleted]" is no handle
    assert by_id.loc["t3_1xyz9", "item_kind"] == "search_hit"
    assert by_id.loc["t3_1xyz9", "url"] == "https://www.reddit.com/r/exampletown/comments/1xyz9/st_example_school_parking_agai/"


def test_all_three_batch_together_without_rejects():
    lines = youtube_lines() + bluesky_lines() + rss_lines()
    frame, rejects = normalise_batch(enumerate(lines, start=1))
    assert rejects == [] and len(frame) == len(lines)
    assert frame["created_at"].notna().all()
