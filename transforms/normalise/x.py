"""X (tweepy ``Client``) landing lines -> posts rows.

Lines hold a v2 Tweet object as ``item`` and its author User object as
``context["author"]`` (from the page's ``includes.users``). Streams: ``mentions``,
``replies`` (conversation search under the school's posts), ``search``.
"""

from __future__ import annotations

from typing import Any

from transforms.normalise import NormaliseError, base_row, opt_str, parse_time

_KIND = {"mentions": "mention", "replies": "reply", "search": "search_hit", "timeline": "post"}


def normalise(line: dict[str, Any]) -> dict[str, Any]:
    item = line["item"]
    native = opt_str(item.get("id"))
    if not native:
        raise NormaliseError("tweet has no id")
    author = (line.get("context") or {}).get("author") or {}
    username = opt_str(author.get("username"))
    row = base_row(line, native)
    parent = next(
        (r.get("id") for r in item.get("referenced_tweets") or [] if r.get("type") == "replied_to"),
        None,
    )
    history = item.get("edit_history_tweet_ids") or []
    created = parse_time(item.get("created_at"))
    conversation = opt_str(item.get("conversation_id"))
    row.update(
        item_kind=_KIND.get(line.get("stream", ""), "mention"),
        author_id=opt_str(item.get("author_id")),
        author_handle=username,
        author_name=opt_str(author.get("name")),
        text=opt_str(item.get("text")),
        url=f"https://x.com/{username}/status/{native}" if username else f"https://x.com/i/web/status/{native}",
        created_at=created,
        edited_at=created if len(history) > 1 and history[0] != native else None,
        parent_id=f"x:{parent}" if parent else None,
        conversation_id=f"x:{conversation}" if conversation and conversation != native else None,
        is_hidden=None,
    )
    return row
