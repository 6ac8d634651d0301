"""How long the hourly escalation tick takes with many cases awaiting removal.

Builds a fresh warehouse with N takedown cases (invented posts, one flag each, a person's
takedown request on each), then times ticks with an in-process fake connector: the first
check (nothing due), a retried tick in the same hour (records nothing new), the tick at the
deadline + 1 minute (every case escalates to rung 1; e-mails written to the outbox only,
SMTP disabled) and its retry (keyed: nothing new). Prints seconds per tick and per case.

    /work/main/.venv/bin/python bench/escalation_tick.py [--cases 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alerts import actions  # noqa: E402
from alerts.cases import open_cases_from_flags  # noqa: E402
from alerts.escalation import tick  # noqa: E402
from alerts.mail import SmtpSettings  # noqa: E402
from connectors.base import ActionResult, CheckResult  # noqa: E402
from schoolwatch.core.clock import ManualClock  # noqa: E402
from schoolwatch.core.config import parse_config  # noqa: E402
from schoolwatch.core.ids import canonical_json, sha256_text  # noqa: E402
from warehouse.db import connect  # noqa: E402

START = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
CONFIG = {
    "school": {"id": "bench-school", "name": "Bench Lane Primary"},
    "contacts": {
        role: {"name": f"Invented {role}", "email": f"{role.replace('_', '.')}@bench.example.org"}
        for role in ("esafety_coordinator", "dsl", "head", "chair_of_governors", "it")
    },
}


class Present:
    platform = "facebook"

    def check(self, native_id: str) -> CheckResult:
        return CheckResult("present", {"id": native_id})

    def hide(self, native_id: str) -> ActionResult:
        return ActionResult(False)


def build(db: Path, n: int) -> None:
    cfg = parse_config(CONFIG)
    with connect(db) as con:
        con.execute("BEGIN")
        for i in range(n):
            item = {"id": f"1_{i}", "message": f"invented abusive comment number {i}"}
            payload = canonical_json({"context": {}, "item": item})
            sha = sha256_text(payload)
            pid = f"facebook:1_{i}"
            con.execute("INSERT INTO raw_items (post_id, sha256, platform, source_id, payload, landing_path, line_no, fetched_at) "
                        "VALUES (?, ?, 'facebook', 'bench', ?, 'bench', ?, ?)", [pid, sha, payload, i, START])
            con.execute("INSERT INTO posts (post_id, school_id, platform, native_id, source_id, item_kind, text, created_at, "
                        "raw_sha256, first_seen, last_seen) VALUES (?, 'bench-school', 'facebook', ?, 'bench', 'comment', ?, ?, ?, ?, ?)",
                        [pid, f"1_{i}", item["message"], START, sha, START, START])
            con.execute("INSERT INTO flags VALUES (?, 'bench', 'abuse', 'high', 0.9, '[]', 'rules', ?)", [pid, START])
        con.execute("COMMIT")
        open_cases_from_flags(con, cfg, START)
        for (case_id,) in con.execute("SELECT case_id FROM cases").fetchall():
            actions.request_takedown(con, case_id, "reported_platform", actor="bench", now=START + timedelta(minutes=5))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=500)
    args = ap.parse_args()
    cfg = parse_config(CONFIG)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        build(db, args.cases)
        print(f"built {args.cases} takedown cases in {time.perf_counter() - t0:.1f}s")
        settings = SmtpSettings("127.0.0.1", 1, "schoolwatch@bench.example.org", Path(tmp) / "outbox", enabled=False)
        clock = ManualClock(START + timedelta(hours=2))
        for label, at in (
            ("first check (nothing due)", START + timedelta(hours=2)),
            ("retry, same hour", START + timedelta(hours=2, minutes=5)),
            ("deadline + 1 min (all escalate)", START + timedelta(hours=24, minutes=1)),
            ("retry, same hour", START + timedelta(hours=24, minutes=6)),
        ):
            clock.set(at)
            with connect(db) as con:
                t = time.perf_counter()
                s = tick(con, cfg, clock, {"facebook": Present()}, settings)
                dt = time.perf_counter() - t
            print(f"{label:<34} {dt:7.2f}s  {1000 * dt / args.cases:6.1f} ms/case  "
                  f"checked={s.checked} escalated={s.escalated} e-mails written={sum(1 for _ in (Path(tmp) / 'outbox').glob('*.eml')) if (Path(tmp) / 'outbox').exists() else 0}")


if __name__ == "__main__":
    main()
