"""Natural keys and content hashes shared by every layer."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

PLATFORMS: tuple[str, ...] = ("x", "facebook", "instagram", "reddit", "youtube", "bluesky", "rss")


def post_id(platform: str, native_id: str) -> str:
    """The natural key of a post: ``platform:native_id``."""
    return f"{platform}:{native_id}"


def split_post_id(pid: str) -> tuple[str, str]:
    platform, _, native = pid.partition(":")
    if not native:
        raise ValueError(f"not a post id (platform:native_id): {pid!r}")
    return platform, native


def canonical_json_bytes(obj: Any) -> bytes:
    """Stable JSON (sorted keys, no spaces, UTF-8) used for hashing and storing payloads."""
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def canonical_json(obj: Any) -> str:
    return canonical_json_bytes(obj).decode("utf-8")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
