"""Natural keys and content hashes shared by every layer."""

from __future__ import annotations

import hashlib
import json
from typing import Any

PLATFORMS: tuple[str, ...] = ("x", "facebook", "instagram", "reddit", "youtube", "bluesky", "rss")


def post_id(platform: str, native_id: str) -> str:
    """The natural key of a post: ``platform:native_id``."""
    return f"{platform}:{native_id}"


def split_post_id(pid: str) -> tuple[str, str]:
    platform, _, native = pid.partition(":")
    if not native:
        raise ValueError(f"not a post id (platform:native_id): {pid!r}")
    return platform, native


def canonical_json(obj: Any) -> str:
    """Stable JSON text (sorted keys, no spaces, unicode kept) used for hashing payloads."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def payload_sha256(payload: Any) -> str:
    return sha256_text(canonical_json(payload))
