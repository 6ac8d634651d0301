"""The weekly digest's charts, drawn with matplotlib's Agg backend into PNG bytes.

Each function takes plain rows from the digest queries and returns one PNG. A chart with
nothing to show still renders (saying so), so the e-mail's layout never changes. Labels
come from our own vocabularies (platforms, categories, case ids); matplotlib's mathtext is
switched off for every label so a ``$`` can never be interpreted.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display, ever: this runs in Airflow workers and tests

import matplotlib.pyplot as plt  # noqa: E402 - after choosing the backend
from matplotlib.figure import Figure  # noqa: E402

PLATFORM_COLOURS = {
    "x": "#1d3557", "facebook": "#457b9d", "instagram": "#c9184a", "reddit": "#e76f51",
    "youtube": "#d62828", "bluesky": "#48cae4", "rss": "#6a994e",
}
SEVERITY_COLOURS = {"critical": "#9d0208", "high": "#e85d04", "medium": "#f4a261", "low": "#8d99ae"}
_STYLE = {"font.size": 9, "axes.spines.top": False, "axes.spines.right": False, "text.usetex": False}


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # No timestamp in the PNG metadata: the same data draws the same bytes.
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555", usetex=False)
    ax.set_xticks([])
    ax.set_yticks([])


def items_per_day(rows: Sequence[tuple[date, str, int]], week_start: date) -> bytes:
    """Stacked bars: items per day (Monday to Sunday) by platform."""
    days = [week_start + timedelta(days=i) for i in range(7)]
    platforms = sorted({r[1] for r in rows})
    counts = {(r[0], r[1]): int(r[2]) for r in rows}
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(6.4, 2.6))
        if not rows:
            _empty(ax, "No items this week")
        bottom = [0] * 7
        for p in platforms:
            values = [counts.get((d, p), 0) for d in days]
            ax.bar([d.strftime("%a %d") for d in days], values, bottom=bottom, label=p,
                   color=PLATFORM_COLOURS.get(p, "#999999"))
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        if platforms:
            ax.legend(frameon=False, ncols=min(len(platforms), 4), loc="upper left", bbox_to_anchor=(0, 1.18))
            ax.set_ylabel("items")
        ax.set_title("Items per day by platform", loc="left", usetex=False, pad=22 if platforms else 6)
        return _png(fig)


def flags_by_category(rows: Sequence[tuple[str, str, int]]) -> bytes:
    """Horizontal bars: posts flagged per category, coloured by severity."""
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(6.4, max(1.6, 0.32 * len(rows) + 0.9)))
        if not rows:
            _empty(ax, "No flags this week")
        else:
            labels = [f"{r[0]} ({r[1]})" for r in rows][::-1]
            values = [int(r[2]) for r in rows][::-1]
            colours = [SEVERITY_COLOURS.get(r[1], "#999999") for r in rows][::-1]
            ax.barh(labels, values, color=colours)
            for y, v in enumerate(values):
                ax.text(v, y, f" {v}", va="center")
            ax.set_xlabel("posts flagged")
        ax.set_title("Flags by category", loc="left")
        return _png(fig)


def time_to_removal(rows: Sequence[tuple[int, str, float]], deadline_hours: float) -> bytes:
    """One bar per removal verified this week: hours from case opened to removal, with the deadline."""
    with plt.rc_context(_STYLE):
        fig, ax = plt.subplots(figsize=(6.4, max(1.6, 0.3 * len(rows) + 0.9)))
        if not rows:
            _empty(ax, "No removals verified this week")
        else:
            labels = [f"case {r[0]} ({r[1]})" for r in rows][::-1]
            hours = [float(r[2]) for r in rows][::-1]
            colours = ["#2a9d8f" if h <= deadline_hours else "#9d0208" for h in hours]
            ax.barh(labels, hours, color=colours)
            ax.axvline(deadline_hours, color="#333", linestyle="--", linewidth=1)
            ax.text(deadline_hours, len(rows) - 0.4, f" {deadline_hours:g}h deadline", va="bottom")
            ax.set_xlabel("hours from case opened to removal verified")
        ax.set_title("Time to removal", loc="left")
        return _png(fig)
