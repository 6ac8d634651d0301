"""What ``schoolwatch accounts check`` prints: one row per credential or permission check.

Each platform module's ``verify(creds, spec)`` returns a list of :class:`PermissionCheck`;
``fix`` tells a person what to do when ``ok`` is False.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PermissionCheck:
    name: str  # e.g. "credential", "inbox (privatemessages scope)"
    ok: bool
    detail: str = ""
    fix: str = ""


def missing_env(creds: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    """The required variable names that are absent or blank in ``creds``."""
    return [n for n in names if not (creds.get(n) or "").strip()]
