"""RSS / Atom (feedparser) landing lines -> posts rows, Google Alerts included.

``item`` is feedparser's entry made JSON-safe (``*_parsed`` as ISO strings). Google Alerts
links are redirects (``https://www.google.com/url?...&url=<real>``): the row's ``url`` is
the real article. Titles and summaries carry HTML (Google's ``<b>`` around the matched
words): the row's text is title and summary with tags removed and entities decoded;
the verbatim entry stays in the landing file.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from transforms.normalise import NormaliseError, base_row, opt_str, parse_time

_TAG = re.compile(r"<[^>]*>")


def unwrap_link(link: str | None) -> str | None:
    """Google's redirect -> the article URL; any other link unchanged."""
    if not link:
        return None
    parts = urlparse(link)
    host = parts.netloc.lower()
    if parts.path == "/url" and (host == "google.com" or host.endswith(".google.com")):
        query = parse_qs(parts.query)
        for key in ("url", "q"):
            if query.get(key):
                return query[key][0]
    return link


def plain(fragment: str | None) -> str:
    """HTML fragment -> text: tags dropped, entities decoded, nothing else touched."""
    return html.unescape(_TAG.sub("", fragment or ""))


def normalise(line: dict[str, Any]) -> dict[str, Any]:
    item = line["item"]
    native = opt_str(line.get("native_id")) or opt_str(item.get("id")) or opt_str(item.get("link"))
    if not native:
        raise NormaliseError("feed entry has no id or link")
    title = plain(opt_str(item.get("title")))
    summary = plain(opt_str(item.get("summary")))
    text = f"{title}\n\n{summary}" if title and summary and summary != title else (title or summary)
    if not text:
        raise NormaliseError("feed entry has neither title nor summary")
    published = item.get("published_parsed") or item.get("updated_parsed")
    if not published:
        raise NormaliseError("feed entry has no published or updated date")
    created = parse_time(published, "published")
    updated = item.get("updated_parsed")
    edited = parse_time(updated, "updated") if updated and item.get("published_parsed") and updated != published else None
    row = base_row(line, native)
    row.update(
        item_kind="article",
        author_id=None,
        author_handle=None,
        author_name=opt_str(item.get("author")) or None,
        text=text,
        url=unwrap_link(opt_str(item.get("link"))),
        created_at=created,
        edited_at=edited,
        parent_id=None,
        conversation_id=None,
        is_hidden=None,
    )
    return row
