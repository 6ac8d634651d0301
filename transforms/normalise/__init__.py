"""Platform payloads -> ``posts`` rows: one pure function per platform.

Each ``transforms/normalise/<platform>.py`` defines::

    def normalise(line: dict) -> dict   # one landing line -> one posts row (POST_COLUMNS)

It raises :class:`NormaliseError` with a reason for a record it cannot turn into a row
(the loader quarantines it). It must cope with what real data holds: missing optional
fields, deleted authors, edited items, emoji, right-to-left and zero-width characters,
very long text. Text is kept byte for byte (no stripping of control characters here:
the classifier normalises its own copy; the web app escapes on display).

:func:`normalise_batch` turns many lines into a pandas DataFrame plus rejects.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from schoolwatch.core.ids import PLATFORMS, post_id

# The posts columns a normaliser fills (the loader adds first_seen/last_seen/raw_sha256).
POST_COLUMNS: tuple[str, ...] = (
    "post_id",
    "school_id",
    "platform",
    "native_id",
    "source_id",
    "account_id",
    "item_kind",  # post | comment | reply | mention | search_hit | article
    "author_id",
    "author_handle",
    "author_name",
    "text",
    "url",
    "created_at",  # timezone-aware datetime (UTC)
    "edited_at",
    "parent_id",  # post_id of the parent, when known
    "conversation_id",  # post_id of the thread root, when known
    "is_hidden",
)
TEXT_MAX = 100_000  # characters; longer text is truncated by the validator's rule, not here


class NormaliseError(ValueError):
    """A record that cannot become a post; the message is the quarantine reason."""


Normaliser = Callable[[dict[str, Any]], dict[str, Any]]


def normaliser_for(platform: str) -> Normaliser:
    if platform not in PLATFORMS:
        raise NormaliseError(f"unknown platform {platform!r}")
    try:
        module = importlib.import_module(f"transforms.normalise.{platform}")
    except ModuleNotFoundError:
        raise NormaliseError(f"no normaliser for platform {platform!r}") from None
    return _guarded(module.normalise)


# What a normaliser raises when a payload has an unexpected shape (a list where an object
# was expected, a number out of range, a missing key). Found by fuzzing (tests/fuzz).
_SHAPE_ERRORS = (LookupError, TypeError, AttributeError, ValueError, ArithmeticError, RecursionError)


def _guarded(fn: Normaliser) -> Normaliser:
    """The contract every caller relies on: a row, or a NormaliseError with the reason."""

    @functools.wraps(fn)
    def normalise(line: dict[str, Any]) -> dict[str, Any]:
        try:
            return fn(line)
        except NormaliseError:
            raise
        except _SHAPE_ERRORS as exc:
            raise NormaliseError(f"unexpected payload shape: {exc.__class__.__name__}: {exc}"[:500]) from None

    return normalise


def base_row(line: dict[str, Any], native_id: str) -> dict[str, Any]:
    """The columns every platform fills the same way from the landing line."""
    platform = line["platform"]
    return {
        "post_id": post_id(platform, native_id),
        "school_id": line["school_id"],
        "platform": platform,
        "native_id": native_id,
        "source_id": line["source_id"],
        "account_id": line.get("account_id"),
    }


def parse_time(value: Any, what: str = "created_at") -> datetime:
    """ISO 8601 (with Z or an offset, Graph API's +0000 too) or unix seconds -> aware UTC."""
    if value is None or value == "":
        raise NormaliseError(f"{what} missing")
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise NormaliseError(f"{what} out of range: {value!r}") from None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        elif len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit() and text[-3] != ":":
            text = text[:-2] + ":" + text[-2:]  # +0000 -> +00:00
        try:
            dt = datetime.fromisoformat(text)
        except ValueError:
            raise NormaliseError(f"{what} not a timestamp: {value[:40]!r}") from None
        return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    raise NormaliseError(f"{what} has type {type(value).__name__}")


def opt_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def normalise_batch(lines: Iterable[tuple[int, dict[str, Any]]]) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Normalise (line_no, landing line) pairs -> (DataFrame of posts rows, [(line_no, reason)]).

    Adds a ``line_no`` column. (The stored payload and its SHA-256 are the loader's:
    see ``warehouse/staging.py``.)
    """
    rows: list[dict[str, Any]] = []
    rejects: list[tuple[int, str]] = []
    cache: dict[str, Normaliser] = {}
    for line_no, line in lines:
        platform = line.get("platform")
        try:
            if not isinstance(platform, str):
                raise NormaliseError("landing line has no platform")
            fn = cache.get(platform)
            if fn is None:
                fn = cache[platform] = normaliser_for(platform)
            row = fn(line)
        except NormaliseError as exc:
            rejects.append((line_no, str(exc)))
            continue
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            rejects.append((line_no, f"unexpected payload shape: {exc.__class__.__name__}: {exc}"))
            continue
        row["line_no"] = line_no
        rows.append(row)
    # Every column as the Python values the normalisers made (object dtype): left to
    # infer, pandas turns a column of 0 and None into 0.0 and NaN, so a value's text would
    # depend on which other lines share its batch.
    frame = pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=object) for c in POST_COLUMNS})
    frame["line_no"] = pd.Series([r["line_no"] for r in rows], dtype="int64")
    return frame, rejects
