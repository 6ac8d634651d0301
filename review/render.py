"""Turning strangers' text into display pieces the templates escape.

Nothing here returns markup: :func:`highlight` returns plain-text segments that the
template wraps in ``<mark>`` and Jinja's autoescape escapes, so a post cannot inject HTML
however its flags' offsets fall. Bidi and other control characters are shown as visible
``[U+202E]`` markers so an RTL override cannot disguise text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(value: Any) -> str:
    """Control, zero-width and bidi-override characters as visible ``[U+XXXX]`` markers."""
    text = "" if value is None else str(value)
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


@dataclass(frozen=True)
class Segment:
    text: str
    flagged: bool
    why: str = ""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    why: str


def spans_from_evidence(evidence: Any, category: str) -> tuple[list[Span], list[str]]:
    """Spans (``start``/``end`` offsets) and reason strings from one flag's evidence JSON."""
    items = json.loads(evidence) if isinstance(evidence, str) else (evidence or [])
    spans: list[Span] = []
    reasons: list[str] = []
    if not isinstance(items, list):
        return spans, reasons
    for item in items:
        if not isinstance(item, dict):
            continue
        start, end = item.get("start"), item.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
            rule = item.get("rule")
            spans.append(Span(start, end, f"{category}: {rule}" if rule else category))
        for r in item.get("reasons") or []:
            reasons.append(str(r))
    return spans, reasons


def highlight(text: str | None, spans: list[Span]) -> list[Segment]:
    """Split ``text`` into plain and flagged segments; overlapping spans merge."""
    text = text or ""
    cut = sorted((max(0, s.start), min(len(text), s.end), s.why) for s in spans if s.start < len(text))
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, why in cut:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + ([why] if why not in last[2] else []))
        else:
            merged.append((start, end, [why]))
    out: list[Segment] = []
    pos = 0
    for start, end, whys in merged:
        if start > pos:
            out.append(Segment(visible(text[pos:start]), False))
        out.append(Segment(visible(text[start:end]), True, "; ".join(whys)))
        pos = end
    if pos < len(text):
        out.append(Segment(visible(text[pos:]), False))
    return out


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL with a host, else None (shown as text)."""
    if not url:
        return None
    candidate = url.strip()
    if candidate != url or _INVISIBLE.search(candidate) or any(c.isspace() for c in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return candidate


def time_left(due: datetime | None, now: datetime, is_open: bool) -> tuple[str, str]:
    """('5h 12m left' | 'overdue by 2h 3m' | '', css class) for the 24-hour countdown."""
    if due is None or not is_open:
        return "", ""
    delta = due - now
    overdue = delta < timedelta(0)
    secs = int(abs(delta).total_seconds())
    hours, rem = divmod(secs, 3600)
    label = f"{hours // 24}d {hours % 24}h" if hours >= 48 else f"{hours}h {rem // 60:02d}m"
    if overdue:
        return f"overdue by {label}", "overdue"
    return f"{label} left", "soon" if delta < timedelta(hours=4) else "ok"
