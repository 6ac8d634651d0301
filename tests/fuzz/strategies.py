"""Hypothesis strategies: arbitrary JSON, and landing lines shaped enough to reach deep code.

Keys are drawn partly from the string literals each normaliser reads (``.get("x")``,
``["x"]``), so the fuzzer fills the fields the code actually looks at with hostile values
(wrong types, huge numbers, odd timestamps, control and bidi characters, deep nesting).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache
from typing import Any

from hypothesis import strategies as st

import transforms.normalise as normalise_pkg
from schoolwatch.core.ids import PLATFORMS

_LITERAL = re.compile(r"""(?:\.get\(|\[)\s*["']([A-Za-z_][A-Za-z0-9_.:-]{0,40})["']""")

HOSTILE_TEXT = st.sampled_from(
    [
        "", " ", "\x00", "\u202eevil\u202c", "\u200b", "0", "-1", "1e309", "NaN", "null", "true",
        "2026-11-16T09:00:00Z", "2026-11-16T09:00:00+0000", "0001-01-01T00:00:00", "9999-12-31T23:59:59Z",
        "not a date", "1763283600", "t1_abc", "t3_", "at://did:plc:x/app.bsky.feed.post/1", "https://", "javascript:alert(1)",
        "<script>alert(1)</script>", "a" * 5000, "\ud800",
    ]
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | HOSTILE_TEXT
)


def platforms() -> list[str]:
    """Every normaliser module present (more arrive as connectors land)."""
    return sorted(m.name for m in pkgutil.iter_modules(normalise_pkg.__path__) if m.name in PLATFORMS)


@cache
def keys_for(platform: str) -> tuple[str, ...]:
    module = importlib.import_module(f"transforms.normalise.{platform}")
    source = open(module.__file__, encoding="utf-8").read()  # noqa: PTH123, SIM115
    found = set(_LITERAL.findall(source)) | {"id", "text", "created_at", "data", "kind", "name", "author"}
    return tuple(sorted(found))


def json_values(keys: tuple[str, ...]) -> st.SearchStrategy[Any]:
    key = st.sampled_from(keys) | st.text(max_size=8)
    return st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(key, inner, max_size=6),
        max_leaves=25,
    )


def objects(keys: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    key = st.sampled_from(keys) | st.text(max_size=8)
    return st.dictionaries(key, json_values(keys), max_size=12)


@st.composite
def landing_lines(draw: st.DrawFn, platform: str | None = None) -> dict[str, Any]:
    """A landing line for a normaliser: real envelope fields, hostile item and context."""
    p = platform or draw(st.sampled_from(platforms()))
    keys = keys_for(p)
    line: dict[str, Any] = {
        "v": 1,
        "run_id": "20261116T090000Z-fuzz",
        "platform": p,
        "source_id": draw(st.sampled_from(["src", "x-main"]) | st.text(max_size=5)),
        "school_id": "kestrel-vale",
        "account_id": draw(st.none() | st.just("acct")),
        "stream": draw(st.sampled_from(keys) | st.text(max_size=10)),
        "endpoint": "GET /fuzz",
        "fetched_at": "2026-11-16T09:00:00+00:00",
        "native_id": draw(st.text(max_size=20)),
        "item": draw(objects(keys)),
        "context": draw(objects(keys)),
    }
    if draw(st.booleans()):  # sometimes break the envelope too ("item" is checked by read_lines)
        line[draw(st.sampled_from([k for k in line if k != "item"]))] = draw(json_values(keys))
    return line


def as_read(line: dict[str, Any]) -> dict[str, Any] | None:
    """The line as the loader would see it after writing and reading it back, or None
    where the reader refuses it (orjson: integers past 64 bits, lone surrogates)."""
    import json

    import orjson

    try:
        return orjson.loads(json.dumps(line, ensure_ascii=False).encode("utf-8", errors="strict"))
    except (orjson.JSONDecodeError, UnicodeEncodeError):
        return None
