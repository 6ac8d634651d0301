"""Reddit (praw) landing lines -> posts rows.

``item`` is a verbatim listing child ``{"kind": "t1"|"t3", "data": {...}}``. Streams:
``mentions``, ``comment_replies``, ``submission_replies`` (the school account's inbox) and
``search`` (submissions in chosen subreddits). The native id is the fullname (``t1_abc``)
so comments and submissions never collide. Deleted authors come as ``[deleted]``.
"""

from __future__ import annotations

import re
from typing import Any

from transforms.normalise import NormaliseError, base_row, opt_str, parse_time

_GONE = {"[deleted]", "[removed]"}
_KIND = {"mentions": "mention", "comment_replies": "reply", "submission_replies": "reply", "search": "search_hit"}


_CONTEXT = re.compile(r"/comments/([a-z0-9]+)/")


def _root_from_context(context: str | None) -> str | None:
    """Inbox items carry no link_id, but their context URL names the submission."""
    m = _CONTEXT.search(context or "")
    return f"t3_{m.group(1)}" if m else None


def normalise(line: dict[str, Any]) -> dict[str, Any]:
    item = line["item"]
    kind = item.get("kind")
    data = item.get("data")
    if kind not in {"t1", "t3"} or not isinstance(data, dict):
        raise NormaliseError(f"reddit listing child of kind {kind!r} is not a comment or submission")
    native = opt_str(data.get("name")) or (f"{kind}_{data['id']}" if data.get("id") else None)
    if not native:
        raise NormaliseError("reddit item has no id")
    author = opt_str(data.get("author"))
    if kind == "t1":
        text = opt_str(data.get("body"))
    else:
        title, body = data.get("title") or "", data.get("selftext") or ""
        text = f"{title}\n\n{body}" if body else title
    link = opt_str(data.get("permalink")) or opt_str(data.get("context"))
    parent = opt_str(data.get("parent_id"))
    root = opt_str(data.get("link_id")) or _root_from_context(opt_str(data.get("context")))
    edited = data.get("edited")
    row = base_row(line, native)
    row.update(
        item_kind=_KIND.get(line.get("stream", ""), "comment" if kind == "t1" else "post"),
        author_id=opt_str(data.get("author_fullname")),
        author_handle=None if author in _GONE else author,
        author_name=None,
        text=text,
        url=f"https://www.reddit.com{link}" if link and link.startswith("/") else link,
        created_at=parse_time(data.get("created_utc")),
        edited_at=parse_time(edited, "edited") if isinstance(edited, int | float) and not isinstance(edited, bool) else None,
        parent_id=f"reddit:{parent}" if parent else None,
        conversation_id=f"reddit:{root}" if root and root != native else None,
        is_hidden=None,  # removal is decided by a check, not by how a listing looks
    )
    return row
