"""Printing text written by strangers safely: terminal, CSV and JSON.

Terminal output never passes control characters through (an ANSI escape in a post must
not repaint the reviewer's screen) and never lets rich interpret markup in data. CSV
cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def terminal_safe(value: Any, limit: int | None = 200) -> str:
    """One line, no control or bidi characters (shown as \\uXXXX), optionally truncated."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text.replace("\n", " ").replace("\t", " "))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas (OWASP CSV injection): prefix with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def print_rows(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    fmt: str = "table",
    out: TextIO | None = None,
    title: str | None = None,
    limit: int | None = 200,
) -> None:
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps([dict(zip(columns, map(_jsonable, r), strict=True)) for r in rows], ensure_ascii=False, indent=1))
        out.write("\n")
        return
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow([csv_safe(c) for c in columns])
        for r in rows:
            w.writerow([csv_safe(_jsonable(v) if not isinstance(v, str) else v) for v in r])
        return
    table = Table(title=escape(title) if title else None, show_lines=False)
    for c in columns:
        table.add_column(escape(terminal_safe(c)), overflow="fold")
    for r in rows:
        table.add_row(*(escape(terminal_safe(_jsonable(v), limit)) for v in r))
    console = Console(file=out, highlight=False, soft_wrap=False, width=None if out.isatty() else 200)
    console.print(table)


def render_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table") -> str:
    buf = io.StringIO()
    print_rows(columns, rows, fmt=fmt, out=buf)
    return buf.getvalue()
