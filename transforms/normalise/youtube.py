"""YouTube Data API landing lines -> posts rows.

``item`` is a verbatim ``youtube#comment``: ``stream="comments"`` for a thread's top-level
comment, ``stream="replies"`` for a reply (``snippet.parentId`` is the thread id).
``context`` carries the thread's ``thread_id``, ``video_id`` and ``channel_id``. Text is
``textOriginal`` when the API returns it, else ``textDisplay`` (fetched as plain text).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from transforms.normalise import NormaliseError, base_row, opt_str, parse_time


def normalise(line: dict[str, Any]) -> dict[str, Any]:
    item = line["item"]
    native = opt_str(item.get("id"))
    snip = item.get("snippet")
    if not native or not isinstance(snip, dict):
        raise NormaliseError("youtube comment has no id or snippet")
    context = line.get("context") or {}
    thread = opt_str(snip.get("parentId")) or opt_str(context.get("thread_id"))
    is_reply = line.get("stream") == "replies" or bool(snip.get("parentId"))
    created = parse_time(snip.get("publishedAt"), "publishedAt")
    updated = snip.get("updatedAt")
    edited = parse_time(updated, "updatedAt") if updated and updated != snip.get("publishedAt") else None
    display = opt_str(snip.get("authorDisplayName"))
    video = opt_str(snip.get("videoId")) or opt_str(context.get("video_id"))
    channel = (snip.get("authorChannelId") or {}).get("value") if isinstance(snip.get("authorChannelId"), dict) else None
    text = snip.get("textOriginal")
    if not isinstance(text, str):
        text = opt_str(snip.get("textDisplay"))
    row = base_row(line, native)
    row.update(
        item_kind="reply" if is_reply else "comment",
        author_id=opt_str(channel),
        author_handle=display[1:] if display and display.startswith("@") else None,
        author_name=display,
        text=text,
        url=f"https://www.youtube.com/watch?v={quote(video)}&lc={quote(native)}" if video else None,
        created_at=created,
        edited_at=edited,
        parent_id=f"youtube:{thread}" if is_reply and thread else None,
        conversation_id=f"youtube:{thread}" if is_reply and thread else None,
        is_hidden=None,  # moderationStatus is only visible to the owner; a check decides
    )
    return row
