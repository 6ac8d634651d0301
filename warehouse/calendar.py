"""The term calendar in the warehouse, so SQL can tell holiday weeks from term weeks.

:func:`sync_calendar` writes one ``calendar_days`` row per day from the first to the last
date the configuration's terms and breaks mention, each marked holiday or not by
:meth:`Calendar.is_holiday`. The ``weekly_compliance`` view reads it (days outside the
stored range count as holidays once a calendar is stored: they are outside every term).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb

from schoolwatch.core.config import Calendar


def calendar_rows(cal: Calendar) -> list[tuple[date, bool, str | None]]:
    """(day, holiday, term or break name) for every day the calendar spans."""
    spans = [(t.start, t.end) for t in cal.terms] + [(h.start, h.end) for h in cal.holidays]
    if not spans:
        return []
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    rows = []
    day = first
    while day <= last:
        name = next((h.name for h in cal.holidays if h.start <= day <= h.end), None)
        name = name or next((t.name for t in cal.terms if t.start <= day <= t.end), None)
        rows.append((day, cal.is_holiday(day), name))
        day += timedelta(days=1)
    return rows


def sync_calendar(con: duckdb.DuckDBPyConnection, cal: Calendar, now: datetime) -> int:
    """Replace the stored calendar with the configuration's; returns the days stored."""
    rows = calendar_rows(cal)
    con.execute("DELETE FROM calendar_days")
    if rows:
        con.executemany(
            "INSERT INTO calendar_days (day, holiday, name, updated_at) VALUES (?, ?, ?, ?)",
            [(d, h, n, now) for d, h, n in rows],
        )
    return len(rows)
