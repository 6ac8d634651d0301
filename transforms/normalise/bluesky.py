"""Bluesky (atproto) landing lines -> posts rows.

``item`` is verbatim AppView JSON: a ``postView`` (``stream="search"``) or a
``notification`` (``stream="notifications"``, ``reason`` mention/reply/quote). Both carry
``uri``, ``author`` and the post ``record`` (``text``, ``createdAt``, ``reply.parent`` /
``reply.root``). ``createdAt`` is set by the author's client and can be wrong, so an
unparseable one falls back to ``indexedAt`` (the server's time).
"""

from __future__ import annotations

from typing import Any

from transforms.normalise import NormaliseError, base_row, opt_str, parse_time

_KIND = {"mention": "mention", "reply": "reply", "quote": "mention"}


def normalise(line: dict[str, Any]) -> dict[str, Any]:
    item = line["item"]
    uri = opt_str(item.get("uri"))
    record = item.get("record")
    if not uri or not uri.startswith("at://") or not isinstance(record, dict):
        raise NormaliseError("bluesky item has no at:// uri or record")
    if record.get("$type", "app.bsky.feed.post") != "app.bsky.feed.post":
        raise NormaliseError(f"bluesky record is a {record.get('$type')!r}, not a post")
    author = item.get("author") if isinstance(item.get("author"), dict) else {}
    try:
        created = parse_time(record.get("createdAt"), "record.createdAt")
    except NormaliseError:
        created = parse_time(item.get("indexedAt"), "indexedAt")
    reply: dict[str, Any] = record["reply"] if isinstance(record.get("reply"), dict) else {}
    parent = opt_str((reply.get("parent") or {}).get("uri"))
    root = opt_str((reply.get("root") or {}).get("uri"))
    handle = opt_str(author.get("handle"))
    did = opt_str(author.get("did"))
    rkey = uri.rsplit("/", 1)[-1]
    profile = handle if handle and handle != "handle.invalid" else did
    if line.get("stream") == "notifications":
        kind = _KIND.get(str(item.get("reason")), "mention")
    else:
        kind = "reply" if parent else "search_hit"
    row = base_row(line, uri)
    row.update(
        item_kind=kind,
        author_id=did,
        author_handle=handle,
        author_name=opt_str(author.get("displayName")),
        text=opt_str(record.get("text")),
        url=f"https://bsky.app/profile/{profile}/post/{rkey}" if profile else None,
        created_at=created,
        edited_at=None,  # Bluesky posts cannot be edited
        parent_id=f"bluesky:{parent}" if parent else None,
        conversation_id=f"bluesky:{root}" if root and root != uri else None,
        is_hidden=None,
    )
    return row
