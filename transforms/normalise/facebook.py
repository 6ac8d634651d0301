"""Facebook Graph API landing lines -> posts rows.

Streams: ``comments`` (a Comment object on one of the page's posts or a reply to a
comment; ``context["post_id"]`` is the page post) and ``tagged`` (a Post the page was
tagged in). ``from`` is optional: it is missing when the app cannot see the author.
"""

from __future__ import annotations

from typing import Any

from transforms.normalise import NormaliseError, base_row, opt_str, parse_time


def normalise(line: dict[str, Any]) -> dict[str, Any]:
    item = line["item"]
    native = opt_str(item.get("id"))
    if not native:
        raise NormaliseError("graph object has no id")
    context = line.get("context") or {}
    author = item.get("from") or {}
    parent = (item.get("parent") or {}).get("id")
    post = opt_str(context.get("post_id"))
    stream = line.get("stream", "comments")
    if stream == "tagged":
        kind, parent_id, conversation_id = "post", None, None
    else:
        kind = "reply" if parent else "comment"
        parent_id = f"facebook:{parent or post}" if (parent or post) else None
        conversation_id = f"facebook:{post}" if post else None
    row = base_row(line, native)
    row.update(
        item_kind=kind,
        author_id=opt_str(author.get("id")),
        author_handle=None,
        author_name=opt_str(author.get("name")),
        text=opt_str(item.get("message")),
        url=opt_str(item.get("permalink_url")) or f"https://www.facebook.com/{native}",
        created_at=parse_time(item.get("created_time")),
        edited_at=parse_time(item["updated_time"], "updated_time") if item.get("updated_time") and item.get("updated_time") != item.get("created_time") else None,
        parent_id=parent_id,
        conversation_id=conversation_id,
        is_hidden=item.get("is_hidden") if isinstance(item.get("is_hidden"), bool) else None,
    )
    return row
