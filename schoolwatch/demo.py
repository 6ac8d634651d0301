"""`schoolwatch demo`: the whole idea on one machine, with bundled invented data.

Creates a working folder (database, landing zone, outbox, a copy of the example config),
lands the sample week, loads it through the quality gates, classifies, opens cases and
summarises. Running it twice doubles nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from alerts.digest import send_weekly
from alerts.mail import SmtpSettings
from schoolwatch.core.clock import Clock, SystemClock
from schoolwatch.core.config import load_config
from schoolwatch.core.landing import LandingZone
from schoolwatch.pipeline import landing_root, process
from schoolwatch.sample.land import land_sample
from warehouse.db import connect

SAMPLE_WEEK = "2026-W46"  # the week the bundled sample data covers (9-15 November 2026)


@dataclass
class DemoSummary:
    dir: Path
    db: Path
    landed_runs: int
    process: dict[str, Any]
    per_platform: list[tuple[str, int]]
    per_category: list[tuple[str, int]]
    open_cases: list[tuple[str, int]]
    quarantined: list[tuple[str, int]]
    emails: list[tuple[str, int]]
    outbox: Path

    def render(self) -> str:
        def block(title: str, rows: list[tuple[str, int]]) -> str:
            body = "\n".join(f"  {k:<28} {v:>6}" for k, v in rows) or "  (none)"
            return f"{title}\n{body}"

        db = self.db
        return "\n\n".join(
            [
                f"schoolwatch demo: Kestrel Vale Academy (invented), sample week, working folder {self.dir}/",
                block("Posts per platform", self.per_platform),
                block("Flags per category", self.per_category),
                block("Open cases by severity", self.open_cases),
                block("Quarantined rows by check", self.quarantined),
                block(f"E-mails written to {self.outbox}/ (delivery is off in the demo)", self.emails),
                "Try next:\n"
                f"  schoolwatch sql --db {db} \"SELECT category, count(*) FROM flags GROUP BY ALL\"\n"
                f"  schoolwatch sql --db {db} \"SELECT check_name, reason FROM quarantine\"\n"
                f"  schoolwatch queue --db {db}\n"
                f"  schoolwatch case show 1 --db {db}\n"
                f"  schoolwatch classify \"gonna bring a knife to school tomorrow\"\n"
                f"  schoolwatch serve --db {db}       (after: schoolwatch users add NAME --role dsl --db {db})",
            ]
        )


def write_demo_config(folder: Path) -> Path:
    """Copy the bundled example config into the folder, with its data kept in the folder."""
    path = folder / "schoolwatch.toml"
    if not path.exists():
        example = resources.files("schoolwatch").joinpath("example.toml").read_text(encoding="utf-8")
        example = re.sub(r'^data_dir = "data".*$', 'data_dir = "."                  # the demo keeps everything here', example, flags=re.M)
        example = re.sub(r'^outbox_dir = "outbox"$', 'outbox_dir = "outbox"\nenabled = false                   # the demo writes e-mails to the outbox only', example, flags=re.M)
        path.write_text(example, encoding="utf-8")
    return path


def run_demo(folder: Path, clock: Clock | None = None) -> DemoSummary:
    clock = clock or SystemClock()
    folder.mkdir(parents=True, exist_ok=True)
    cfg = load_config(write_demo_config(folder))
    (cfg.data_dir / cfg.smtp.outbox_dir).mkdir(parents=True, exist_ok=True)
    manifests = land_sample(LandingZone(landing_root(cfg)), clock, cfg.schools[0].id)
    settings = SmtpSettings.from_config(cfg)  # delivery is off in the demo's config: .eml files only
    summary = process(cfg, cfg.db_path, clock, mail=settings)  # critical alerts go out as cases open
    with connect(cfg.db_path) as con:
        send_weekly(con, cfg, clock, settings, week=SAMPLE_WEEK)
    with connect(cfg.db_path, read_only=True) as con:
        per_platform = con.execute("SELECT platform, count(*) FROM posts GROUP BY 1 ORDER BY 2 DESC").fetchall()
        per_category = con.execute(
            "SELECT category, count(DISTINCT post_id) FROM flags GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        open_cases = con.execute(
            "SELECT severity, count(*) FROM cases GROUP BY 1 ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 ELSE 2 END"
        ).fetchall()
        quarantined = con.execute("SELECT check_name, count(*) FROM quarantine GROUP BY 1 ORDER BY 2 DESC").fetchall()
        emails = con.execute("SELECT kind, count(*) FROM notifications GROUP BY 1 ORDER BY 1").fetchall()
    return DemoSummary(folder, cfg.db_path, len(manifests), summary.as_dict(), per_platform, per_category, open_cases,
                       quarantined, emails, settings.outbox_dir)
