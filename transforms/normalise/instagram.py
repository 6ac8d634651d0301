"""Instagram Graph API landing lines -> posts rows.

Streams (see ``connectors/instagram.py``):

- ``comments``: an IG Comment on one of the account's media (endpoint
  ``/{ig-media-id}/comments``) or a reply to one (endpoint ``/{ig-comment-id}/replies``,
  with ``context["parent_id"]`` and the item's own ``parent_id``);
  ``context["media"]`` is the media the comment sits under.
- ``tags``: an IG Media object the account was tagged in.

``from`` is optional (older API versions and some comments carry only ``username``);
``hidden`` is the moderation state. Text is kept byte for byte.
"""

from __future__ import annotations

from typing import Any

from transforms.normalise import NormaliseError, base_row, opt_str, parse_time


def normalise(line: dict[str, Any]) -> dict[str, Any]:
    item = line["item"]
    native = opt_str(item.get("id"))
    if not native:
        raise NormaliseError("instagram object has no id")
    context = line.get("context") or {}
    row = base_row(line, native)
    if line.get("stream") == "tags":
        row.update(
            item_kind="post",
            author_id=None,
            author_handle=opt_str(item.get("username")),
            author_name=None,
            text=opt_str(item.get("caption")),
            url=opt_str(item.get("permalink")),
            created_at=parse_time(item.get("timestamp"), "timestamp"),
            edited_at=None,
            parent_id=None,
            conversation_id=None,
            is_hidden=None,
        )
        return row
    media = context.get("media") or {}
    media_id = opt_str(media.get("id"))
    parent = opt_str(item.get("parent_id")) or opt_str(context.get("parent_id"))
    author = item.get("from") if isinstance(item.get("from"), dict) else {}
    permalink = opt_str(media.get("permalink"))
    row.update(
        item_kind="reply" if parent else "comment",
        author_id=opt_str(author.get("id")),
        author_handle=opt_str(author.get("username")) or opt_str(item.get("username")),
        author_name=None,
        text=opt_str(item.get("text")),
        # comments have no permalink of their own; the media's is the nearest public page
        url=permalink,
        created_at=parse_time(item.get("timestamp"), "timestamp"),
        edited_at=None,
        parent_id=f"instagram:{parent or media_id}" if (parent or media_id) else None,
        conversation_id=f"instagram:{media_id}" if media_id else None,
        is_hidden=item.get("hidden") if isinstance(item.get("hidden"), bool) else None,
    )
    return row
