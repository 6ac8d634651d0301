"""Keyed pseudonyms for authors: HMAC-SHA256 with a key the school holds.

The key comes from ``SCHOOLWATCH_PSEUDONYM_KEY``, read at the edge (CLI, DAG task) with
:func:`key_from_env` and passed in. Without the key a pseudonym cannot be reversed or
recomputed from a guessed handle (unlike a plain hash, which anyone can brute-force over
a list of handles); with it, `schoolwatch forget` can still find a person's pseudonymised
posts. Losing the key loses only that ability. Rotating it re-identifies nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Literal

ENV_KEY = "SCHOOLWATCH_PSEUDONYM_KEY"
PREFIX = "psn_"
MIN_KEY_BYTES = 16

Kind = Literal["handle", "id"]


class PseudonymKeyError(ValueError):
    """The pseudonymisation key is missing or too short."""


def key_from_env(env: Mapping[str, str]) -> bytes | None:
    """The key from ``env`` (pass ``os.environ`` at the edge); None when unset."""
    raw = env.get(ENV_KEY)
    if not raw:
        return None
    key = raw.encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise PseudonymKeyError(f"{ENV_KEY} must be at least {MIN_KEY_BYTES} characters (use e.g. `openssl rand -hex 32`)")
    return key


def normal_handle(value: str) -> str:
    """Handles compare without a leading @ and case-insensitively (as the platforms do)."""
    return value.strip().lstrip("@").casefold()


def pseudonym(key: bytes, platform: str, kind: Kind, value: str) -> str:
    """``psn_`` + 40 hex characters of HMAC-SHA256(key, kind, platform, value)."""
    norm = normal_handle(value) if kind == "handle" else value.strip()
    mac = hmac.new(key, f"{kind}\x1f{platform}\x1f{norm}".encode(), hashlib.sha256)
    return PREFIX + mac.hexdigest()[:40]


def is_pseudonym(value: str | None) -> bool:
    return bool(value) and str(value).startswith(PREFIX) and len(str(value)) == len(PREFIX) + 40
