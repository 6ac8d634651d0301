"""Landing files -> normalised rows in DuckDB staging tables, ready to commit run by run.

The loader's read / parse / normalise half, done inside DuckDB so a large backlog never
becomes a Python object per line:

1. Python decompresses each file and splits it on "\\n" (line numbers, blank lines and
   bytes that are not UTF-8 are Python's business); the lines go to DuckDB (``lines``).
2. DuckDB parses each line once (``parsed``: the envelope fields, ``item`` and ``context``
   as JSON, and whether the envelope is plain strings).
3. The fast normalisers (:mod:`transforms.normalise.fast`) turn the lines of the expected
   shape into ``posts`` rows, stored payload and SHA-256 included.
4. Every other line goes through Python exactly as before (``parse_line`` and the
   platform's normaliser): a row, or a quarantine reason. So odd payloads get the same
   treatment and the same messages whichever path they would have taken.
5. Duplicates across pages: only the newest line of each post in each file stays.

``raw_items.payload`` is ``{"context": ..., "item": ...}`` as DuckDB serialises the landed
JSON (compact, key order as the platform sent it) and ``sha256`` is the SHA-256 of that
text, so ``sha256(payload::VARCHAR) = sha256`` holds for every stored row.

Nothing here writes to the warehouse's tables: the staging tables live in an in-memory
database of their own, detached (and freed) by :meth:`Staging.close`.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from schoolwatch.core.ids import canonical_json
from schoolwatch.core.landing import parse_line
from transforms.normalise import POST_COLUMNS, normalise_batch
from transforms.normalise import fast as fast_sql

log = logging.getLogger(__name__)
RAW_LINE_KEEP = 10_000  # characters of a bad line kept in quarantine

ENVELOPE_FIELDS = ("platform", "source_id", "school_id", "account_id", "stream", "endpoint", "fetched_at")
ENVELOPE_JSON = "{" + ", ".join(f'"{c}":"JSON"' for c in (*ENVELOPE_FIELDS, "item", "context")) + "}"
_ENV = ", ".join(f"j.{c} AS {c}_j" for c in ENVELOPE_FIELDS)
# One parse per line (``{lines}``: a shard's lines table); see Staging._stage_shard.
_PARSE = f"""
SELECT f, line_no, {", ".join(f"json_extract_string({c}_j, '$') AS {c}" for c in ENVELOPE_FIELDS)},
       item, context,
       coalesce(starts_with(platform_j, '"') AND starts_with(source_id_j, '"') AND starts_with(school_id_j, '"')
                AND (coalesce(account_id_j, 'null') = 'null' OR starts_with(account_id_j, '"'))
                AND (coalesce(stream_j, 'null') = 'null' OR starts_with(stream_j, '"'))
                AND (context IS NULL OR starts_with(context, '{{')), false) AS env_ok
FROM (
    SELECT f, line_no, {_ENV}, j.item, j.context
    FROM (SELECT f, line_no, try(from_json(line, '{ENVELOPE_JSON}')) AS j FROM {{lines}})
    WHERE starts_with(j.item, '{{')
)
"""

@dataclass
class FileLines:
    """One data file's lines as read by Python, before DuckDB sees them."""

    f: int
    lines: int = 0  # non-blank lines
    quarantine: list[tuple[int, str, str, str | None]] = field(default_factory=list)  # line_no, check, reason, raw


def split_lines(f: int, raw: bytes) -> tuple[FileLines, pa.Array, pa.Array]:
    """Split one decompressed file on b"\\n"; lines that are not UTF-8 are quarantined here.

    Blank lines are skipped but keep their numbers counted, as ``read_lines`` does. The
    lines come back as an Arrow array over ``raw`` itself (no Python string per line: DuckDB
    copies them straight from the buffer), each line still ending in its "\\n" (Arrow
    needs one contiguous run of bytes): JSON parsing ignores it, and ``_line_text`` drops
    it wherever Python reads a line back.
    """
    out = FileLines(f)
    data = np.frombuffer(raw, dtype=np.uint8)
    breaks = np.flatnonzero(data == _NEWLINE)
    # piece i is raw[starts[i]:stops[i]] (its "\n" excluded); the last piece runs to the end
    starts = np.concatenate(([0], breaks + 1))
    stops = np.concatenate((breaks, [len(raw)]))
    # A line is blank when it holds only _BLANK bytes: most lines start with "{", and only
    # the few that do not are looked at one by one.
    first = data[np.minimum(starts, max(len(raw) - 1, 0))] if len(raw) else np.zeros(len(starts), np.uint8)
    suspect = np.flatnonzero((stops == starts) | (first != _BRACE))
    keep = np.ones(len(starts), dtype=bool)
    for i in suspect.tolist():
        keep[i] = bool(raw[starts[i] : stops[i]].strip(_BLANK_BYTES))
    # offsets: piece i with its "\n" is raw[starts[i]:starts[i+1]]
    offsets = np.append(starts, len(raw)).astype(np.int64)
    pieces = pa.Array.from_buffers(pa.large_binary(), len(starts), [None, pa.py_buffer(offsets), pa.py_buffer(raw)])
    numbers = np.flatnonzero(keep) + 1
    if len(numbers) < len(starts):
        pieces = pieces.take(pa.array(numbers - 1))
    out.lines = len(numbers)
    try:
        texts = pieces.cast(pa.large_string())  # checks that every line is UTF-8
    except pa.ArrowInvalid:
        return _split_slowly(out, raw)
    return out, pa.array(numbers.astype(np.int32)), texts


_NEWLINE, _BRACE = ord("\n"), ord("{")
# What bytes.strip() removes: a line of only these is blank (str.strip() would also drop
# Unicode spaces such as U+2028, which read_lines keeps as a line).
_BLANK_BYTES = b" \t\n\r\x0b\x0c"


def _split_slowly(out: FileLines, raw: bytes) -> tuple[FileLines, pa.Array, pa.Array]:
    """A file with bytes that are not UTF-8: decode line by line, quarantining the bad ones."""
    out.lines = 0
    numbers: list[int] = []
    texts: list[str] = []
    for n, part in enumerate(raw.split(b"\n"), start=1):
        if not part.strip():
            continue
        out.lines += 1
        try:
            text = part.decode("utf-8")
        except UnicodeDecodeError:
            _, err = parse_line(part)
            out.quarantine.append((n, "parse", err or "line is not UTF-8", part.decode("utf-8", errors="replace")[:RAW_LINE_KEEP]))
            continue
        numbers.append(n)
        texts.append(text + "\n")  # as split_lines gives them
    return out, pa.array(numbers, type=pa.int32()), pa.array(texts, type=pa.large_string())


FileSplit = tuple[int, pa.Array, pa.Array]  # file index, line numbers, line texts (as split_lines gives them)


class Staging:
    """The staging tables of one load group: ``lines``, ``parsed`` and ``posts``.

    They live in an in-memory database of their own, attached to the connection's
    instance, so any cursor of it sees them: the loader stages the next group on a thread
    of its own while it writes this one (names such as ``self.posts`` are qualified).
    ``close()`` detaches the database.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, *, fast: bool = True) -> None:
        self.con = con
        self.fast = fast
        self.fast_rows = 0  # rows the SQL normalisers made (the rest went through Python)
        self.db = f"sw_stage_{secrets.token_hex(6)}"
        con.execute(f"ATTACH ':memory:' AS {self.db}")
        self.lines = f"{self.db}.lines"
        self.parsed = f"{self.db}.parsed"
        self.posts = f"{self.db}.posts"

    def build(self, files: Iterable[FileSplit], now: datetime) -> dict[int, list[tuple[int, str, str, str | None]]]:
        """Stage the lines of every file; returns per file index the quarantined lines."""
        con = self.con
        parts = [pa.table({"f": pa.array(np.full(len(numbers), f, dtype=np.int32)), "line_no": pa.array(numbers, pa.int32()),
                           "line": pa.array(texts, pa.large_string())})
                 for f, numbers, texts in files]
        table = pa.concat_tables(parts) if parts else pa.table({"f": pa.array([], pa.int32()), "line_no": pa.array([], pa.int32()),
                                                                "line": pa.array([], pa.large_string())})
        con.register("sw_lines_in", table)
        try:
            # Each line keeps the "\n" it was split on (split_lines): JSON parsing ignores it,
            # and the few lines Python reads back lose it in _line_text (DuckDB's rtrim cost
            # more than the whole copy).
            con.execute(f"CREATE TABLE {self.lines} AS SELECT f, line_no, line FROM sw_lines_in")
        finally:
            con.unregister("sw_lines_in")
        # One parse per line: try() turns a line that is not JSON into NULL (Python then
        # names the error); the envelope fields come as JSON text so their types can be checked.
        con.execute(f"CREATE TABLE {self.parsed} AS " + _PARSE.replace("{lines}", self.lines))
        present = [r[0] for r in con.execute(f"SELECT DISTINCT platform FROM {self.parsed} WHERE env_ok").fetchall()]
        selects = [s for p in sorted(present) if (s := fast_sql.select_for(p, self.parsed)) is not None] if self.fast else []
        if not selects:
            con.execute(f"CREATE TABLE {self.posts} AS {_EMPTY_POSTS}")
        else:
            body = " UNION ALL ".join(f"({s})" for s in selects)
            con.execute(
                f"""
                CREATE TABLE {self.posts} AS
                SELECT f, line_no, {", ".join(POST_COLUMNS)}, stream, endpoint, payload, raw_sha256,
                       coalesce(TRY_CAST(fetched_at AS TIMESTAMPTZ), ?::TIMESTAMPTZ) AS seen
                FROM ({body})
                """,
                [now],
            )
        self.fast_rows = int(con.execute(f"SELECT count(*) FROM {self.posts}").fetchall()[0][0])
        quarantine = self._python_path(now)
        # duplicates across pages: keep the newest line of each post in each file
        con.execute(
            f"""
            DELETE FROM {self.posts} WHERE (f, line_no) IN (
                SELECT (f, line_no) FROM (
                    SELECT f, line_no, row_number() OVER (PARTITION BY f, post_id ORDER BY line_no DESC) AS newest
                    FROM {self.posts})
                WHERE newest > 1)
            """
        )
        return quarantine

    def drop(self, keys_table: str) -> None:
        """Remove the staged posts rows named in ``keys_table`` (columns f, line_no)."""
        self.con.execute(f"DELETE FROM {self.posts} WHERE (f, line_no) IN (SELECT (f, line_no) FROM {keys_table})")

    def _python_path(self, now: datetime) -> dict[int, list[tuple[int, str, str, str | None]]]:
        """Every line the fast path did not take: parse and normalise in Python."""
        con = self.con
        rest = con.execute(
            f"""
            SELECT l.f, l.line_no, l.line,
                   CASE WHEN p.item IS NOT NULL THEN {fast_sql.payload("p.item", "p.context")} END
            FROM {self.lines} l LEFT JOIN {self.parsed} p USING (f, line_no)
            WHERE NOT EXISTS (SELECT 1 FROM {self.posts} n WHERE n.f = l.f AND n.line_no = l.line_no)
            ORDER BY l.f, l.line_no
            """
        ).fetchall()
        quarantine: dict[int, list[tuple[int, str, str, str | None]]] = {}
        good: list[tuple[int, dict[str, Any]]] = []
        where: dict[int, tuple[int, int, str, str | None]] = {}
        for key, (f, line_no, line, payload) in enumerate(rest):
            text = _line_text(line)
            obj, err = parse_line(text.encode("utf-8"))
            if obj is None:
                quarantine.setdefault(f, []).append((line_no, "parse", err or "unreadable line", text[:RAW_LINE_KEEP]))
                continue
            good.append((key, obj))
            where[key] = (f, line_no, text, payload)
        if not good:
            return quarantine
        frame, rejects = normalise_batch(good)
        by_key = dict(good)
        for key, reason in rejects:
            f, line_no, text, _ = where[key]
            quarantine.setdefault(f, []).append((line_no, "normalise", reason, text[:RAW_LINE_KEEP]))
        if frame.empty:
            return quarantine
        keys = frame["line_no"].tolist()  # normalise_batch's line_no is our key here
        frame["f"] = [where[k][0] for k in keys]
        frame["line_no"] = [where[k][1] for k in keys]
        frame["payload"] = [where[k][3] if where[k][3] is not None else _canonical_payload(by_key[k]) for k in keys]
        frame["stream"] = [_opt_text(by_key[k].get("stream")) for k in keys]
        frame["endpoint"] = [_opt_text(by_key[k].get("endpoint")) for k in keys]
        frame["fetched_at"] = [_opt_text(by_key[k].get("fetched_at")) for k in keys]
        # Text columns as text whatever a hostile payload put there (pandas would otherwise
        # infer a column's type from the few rows that reach this path)
        for column in POST_COLUMNS:
            if column not in _NOT_TEXT:
                frame[column] = [_as_text(v) for v in frame[column].tolist()]
        con.register("sw_py", frame)
        try:
            con.execute(
                f"""
                INSERT INTO {self.posts} (f, line_no, {", ".join(POST_COLUMNS)}, stream, endpoint, payload, raw_sha256, seen)
                SELECT f, line_no, {", ".join(_CAST.get(c, c) for c in POST_COLUMNS)}, stream, endpoint, payload, sha256(payload),
                       coalesce(TRY_CAST(fetched_at AS TIMESTAMPTZ), ?::TIMESTAMPTZ)
                FROM sw_py
                """,
                [now],
            )
        finally:
            con.unregister("sw_py")
        return quarantine

    def raw_lines(self, keys_table: str) -> dict[tuple[int, int], str]:
        """The staged text of the lines named in ``keys_table`` (columns f, line_no), cut to
        what quarantine keeps."""
        rows = self.con.execute(
            f"SELECT k.f, k.line_no, l.line FROM {keys_table} k JOIN {self.lines} l ON l.f = k.f AND l.line_no = k.line_no"
        ).fetchall()
        return {(int(f), int(n)): _line_text(line)[:RAW_LINE_KEEP] for f, n, line in rows}

    def close(self) -> None:
        self.con.execute(f"DETACH DATABASE IF EXISTS {self.db}")


def _line_text(line: str) -> str:
    """A staged line without the "\\n" split_lines left on it."""
    return line[:-1] if line.endswith("\n") else line


_NOT_TEXT = frozenset({"created_at", "edited_at", "is_hidden"})
_CAST = {
    "created_at": "created_at::TIMESTAMPTZ",
    "edited_at": "edited_at::TIMESTAMPTZ",
    "is_hidden": "is_hidden::BOOLEAN",
    **{c: f"{c}::VARCHAR" for c in POST_COLUMNS if c not in {"created_at", "edited_at", "is_hidden"}},
}
_EMPTY = {
    "created_at": "NULL::TIMESTAMPTZ",
    "edited_at": "NULL::TIMESTAMPTZ",
    "is_hidden": "NULL::BOOLEAN",
    **{c: "NULL::VARCHAR" for c in POST_COLUMNS if c not in {"created_at", "edited_at", "is_hidden"}},
}


# The posts staging table's columns and types, empty.
_EMPTY_POSTS = (
    "SELECT NULL::INTEGER AS f, NULL::INTEGER AS line_no, "
    + ", ".join(_EMPTY[c] + " AS " + c for c in POST_COLUMNS)
    + ", NULL::VARCHAR AS stream, NULL::VARCHAR AS endpoint, NULL::VARCHAR AS payload, NULL::VARCHAR AS raw_sha256,"
    " NULL::TIMESTAMPTZ AS seen WHERE false"
)


def _as_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):  # pandas' NaN for a missing value
        return None
    return value if isinstance(value, str) else str(value)


def _opt_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _canonical_payload(line: dict[str, Any]) -> str:
    """A line DuckDB could not parse but Python could: its payload as canonical JSON."""
    return canonical_json({"context": line.get("context") or {}, "item": line["item"]})


__all__ = ["FileLines", "FileSplit", "Staging", "split_lines"]
