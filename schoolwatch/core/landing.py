"""The landing zone: the contract between fetch tasks and the single writer.

Layout::

    <data>/landing/<platform>/<source_id>/<run_id>.jsonl.gz      one verbatim item per line
    <data>/landing/<platform>/<source_id>/<run_id>.manifest.json the fetch as a monitoring check

Each data line is a JSON object::

    {"v": 1, "run_id", "platform", "source_id", "school_id", "account_id", "stream",
     "endpoint", "fetched_at", "native_id", "item": <verbatim platform object>,
     "context": {<what the item needs from its page: expansions, parent ids>}}

The manifest records one automated monitoring check (started, finished, status, items,
api_calls, error) and the cursor the run reached. Fetch tasks never open the database;
the loader turns manifests into check rows and advances cursors in the same transaction
as the rows they cover. Both files are written to a temporary name, fsynced and renamed,
so a reader sees a whole file or none. Files are immutable once written.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import secrets
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import orjson

FORMAT_VERSION = 1
DATA_SUFFIX = ".jsonl.gz"
MANIFEST_SUFFIX = ".manifest.json"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")

CheckStatus = Literal["ok", "failed", "partial"]


def new_run_id(now: datetime) -> str:
    """Sortable by time, unique across parallel tasks: 20261121T054500Z-3f9a1c2b."""
    return f"{now.strftime('%Y%m%dT%H%M%S')}Z-{secrets.token_hex(4)}"


def _safe(name: str, what: str) -> str:
    if not _SAFE.match(name) or ".." in name:
        raise ValueError(f"unsafe {what} for a landing path: {name!r}")
    return name


@dataclass(frozen=True)
class RunMeta:
    """What every line and the manifest of one fetch run share."""

    run_id: str
    platform: str
    source_id: str
    school_id: str
    account_id: str | None = None


@dataclass
class Manifest:
    run_id: str
    platform: str
    source_id: str
    school_id: str
    account_id: str | None
    started_at: str
    finished_at: str
    status: CheckStatus
    items: int = 0
    api_calls: int = 0
    pages: int = 0
    error: str | None = None
    error_kind: str | None = None  # retriable | fatal | skippable
    cursor_before: dict[str, Any] | None = None
    cursor_after: dict[str, Any] | None = None  # None: the cursor does not move
    data_file: str | None = None
    rate_limited_until: str | None = None
    notes: list[str] = field(default_factory=list)
    v: int = FORMAT_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class LandingZone:
    """Writes and lists landing files under one root folder."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def folder(self, platform: str, source_id: str) -> Path:
        return self.root / _safe(platform, "platform") / _safe(source_id, "source id")

    def data_path(self, meta: RunMeta) -> Path:
        return self.folder(meta.platform, meta.source_id) / f"{_safe(meta.run_id, 'run id')}{DATA_SUFFIX}"

    def manifest_path(self, meta: RunMeta) -> Path:
        return self.folder(meta.platform, meta.source_id) / f"{_safe(meta.run_id, 'run id')}{MANIFEST_SUFFIX}"

    def write_items(self, meta: RunMeta, lines: Iterable[dict[str, Any]]) -> tuple[Path | None, int]:
        """Write one run's items (already shaped by :func:`item_line`); returns (path, count).

        Nothing is written for an empty run: a quiet run lands no payloads.
        """
        body = b"".join(orjson.dumps(line) + b"\n" for line in lines)
        if not body:
            return None, 0
        path = self.data_path(meta)
        if path.exists():
            raise FileExistsError(f"landing file already exists (files are immutable): {path}")
        _atomic_write(path, gzip.compress(body, compresslevel=5, mtime=0))
        return path, body.count(b"\n")

    def write_manifest(self, manifest: Manifest) -> Path:
        meta = RunMeta(manifest.run_id, manifest.platform, manifest.source_id, manifest.school_id, manifest.account_id)
        path = self.manifest_path(meta)
        _atomic_write(path, manifest.to_json().encode("utf-8"))
        return path

    def data_files(self) -> list[Path]:
        """Every landed data file, oldest run first."""
        if not self.root.exists():
            return []
        return sorted(self.root.glob(f"*/*/*{DATA_SUFFIX}"), key=lambda p: (p.name, str(p)))

    def manifests(self) -> list[Path]:
        if not self.root.exists():
            return []
        return sorted(self.root.glob(f"*/*/*{MANIFEST_SUFFIX}"), key=lambda p: (p.name, str(p)))

    def relative(self, path: Path) -> str:
        """The key a landing file is recorded under: its path relative to the root."""
        return path.relative_to(self.root).as_posix()

    def latest_manifest(self, platform: str, source_id: str) -> Manifest | None:
        """The newest manifest of a source whose cursor moved (used by fetch to resume)."""
        folder = self.folder(platform, source_id)
        for path in sorted(folder.glob(f"*{MANIFEST_SUFFIX}"), reverse=True):
            try:
                m = Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                continue
            if m.cursor_after is not None:
                return m
        return None


    def is_intact(self, path: Path) -> bool:
        """Whether a data file decompresses whole (gzip checks its CRC and length)."""
        try:
            with gzip.open(path, "rb") as fh:
                while fh.read(1 << 20):
                    pass
        except (OSError, EOFError, zlib.error):
            return False
        return True

    def pending_cursor(self, platform: str, source_id: str, loaded: set[str]) -> dict[str, Any] | None:
        """The newest cursor among manifests not loaded yet, if every such run landed intact.

        None means "use the warehouse's cursor": no pending run moved the cursor, or one of
        them has a corrupt, missing or unreadable file, whose items the loader will
        quarantine and the next fetch must read again (so its cursor must not be trusted).
        """
        cursor = None
        for path in sorted(self.folder(platform, source_id).glob(f"*{MANIFEST_SUFFIX}")):
            if self.relative(path) in loaded:
                continue
            try:
                m = Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                return None
            if m.data_file and not self.is_intact(path.with_name(m.data_file)):
                return None
            if m.status in ("ok", "partial") and m.cursor_after is not None:
                cursor = m.cursor_after
        return cursor


def item_line(
    meta: RunMeta,
    *,
    stream: str,
    endpoint: str,
    fetched_at: datetime,
    native_id: str,
    item: dict[str, Any],
    context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One landing line: the verbatim item plus fetch metadata."""
    return {
        "v": FORMAT_VERSION,
        "run_id": meta.run_id,
        "platform": meta.platform,
        "source_id": meta.source_id,
        "school_id": meta.school_id,
        "account_id": meta.account_id,
        "stream": stream,
        "endpoint": endpoint,
        "fetched_at": fetched_at.isoformat(),
        "native_id": str(native_id),
        "item": item,
        "context": context or {},
    }


class LandingReadError(ValueError):
    """A landing file cannot be read (corrupt gzip, truncated, not UTF-8)."""


def read_raw(path: Path, packed: bytes | None = None) -> bytes:
    """The decompressed bytes of a landing data file (``packed``: its bytes, already read),
    or :class:`LandingReadError`."""
    try:
        return gzip.decompress(path.read_bytes() if packed is None else packed)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise LandingReadError(f"{path.name}: cannot decompress ({exc.__class__.__name__}: {exc})") from None


def parse_line(line: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """One landing line -> (the parsed line, None) or (None, why it cannot be used)."""
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return None, f"malformed JSON: {exc.msg} at column {exc.colno}"
    if not isinstance(obj, dict) or not isinstance(obj.get("item"), dict):
        return None, "landing line is not an object with an 'item' object"
    return obj, None


def read_lines(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None, str]]:
    """Yield (line_no, parsed or None, error or None, raw text) for each line.

    A line that is not a JSON object yields its error so the caller can quarantine it;
    a file that cannot be decompressed raises :class:`LandingReadError`. Lines are split
    on "\\n" only: U+2028 and friends inside JSON strings are not line breaks.
    """
    raw = read_raw(path)
    for n, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        obj, err = parse_line(line)
        if obj is None:
            yield n, None, err, line.decode("utf-8", errors="replace")
            continue
        yield n, obj, None, ""
