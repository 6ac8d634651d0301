"""A simulated autumn term through the real pipeline: the warehouse agrees with what happened.

The engine (:mod:`tests.sim.engine`) drives 13 weeks of fetches, loads, escalation ticks,
a coordinator's decisions, weekly compliance alerts and digests, and daily retention, with
faults injected from a seeded RNG. Here the warehouse, the mail server and the hash chains
are compared with the simulation's own ledger. The summary is printed (run with ``-s`` to
see it) and written to ``test-artifacts/simulated_term.txt``.

    pytest tests/sim/test_simulated_term.py -s
    SIM_WEEKS=3 pytest tests/sim/test_simulated_term.py -s     # a shorter term while developing
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alerts.cases import get_case
from alerts.compliance import compliance_grid, week_start_of
from alerts.escalation import LADDER, POLICE_CATEGORIES
from schoolwatch.core.categories import Category
from tests.sim.engine import TERM_START, Knobs, Ledger, Term
from tests.sim.platforms import CheckAnswer
from warehouse.db import connect
from warehouse.verify import verify_all

pytestmark = pytest.mark.slow


def _week(t: datetime) -> str:
    y, w, _ = t.isocalendar()
    return f"{y}-W{w:02d}"


def _expected_compliance(term: Term, ledger: Ledger, as_of: datetime) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (account, ISO week): checks ok / failed, holiday week, requirement and status, from the ledger."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    accounts = {a.id: a for a in term.cfg.accounts}
    first = week_start_of(min(r.at for r in ledger.runs if r.account_id))
    weeks = []
    ws = first
    while ws <= as_of:
        weeks.append(ws)
        ws += timedelta(days=7)
    for account_id, acc in accounts.items():
        runs = [r for r in ledger.runs if r.account_id == account_id]
        good = sorted(r.at for r in runs if r.status in ("ok", "partial"))
        for ws in weeks:
            we = ws + timedelta(days=7)
            upto = min(we, as_of)
            before = [t for t in good if t < ws]
            inside = [t for t in good if ws <= t < we]
            points = [before[-1] if before else ws, *inside, upto]
            longest = max((b - a for a, b in zip(points, points[1:], strict=False)), default=timedelta(0))
            holiday = term.holiday_week(ws)
            required = acc.holiday_check_every if holiday else acc.check_every
            status = "missed" if longest > required else ("in progress" if we > as_of else "met")
            out[(account_id, _week(ws))] = {
                "ok": len(inside),
                "failed": sum(1 for r in runs if ws <= r.at < we and r.status == "failed"),
                "holiday": holiday,
                "required_s": int(required.total_seconds()),
                "status": status,
            }
    return out


def _expected_rung(case: Any, answers: list[CheckAnswer], window: timedelta, unknowns_needed: int) -> int:
    """The ladder rung the case must have reached, from the platform's answers (the ladder's rules)."""
    police = Category(case.category) in POLICE_CATEGORIES or (case.category == "sexual" and case.severity == "critical")
    ladder = LADDER if police else LADDER[:2]
    rung, streak = 0, 0
    for a in answers:
        if a.state == "removed":
            break
        streak = streak + 1 if a.state == "unknown" else 0
        if a.state == "present" or streak >= unknowns_needed:
            due = sum(1 for r in ladder if case.deadline + (r.number - 1) * window <= a.at)
            rung = max(rung, due)
    return rung


def _critical_alert_due(ledger: Ledger, opened: datetime, until: datetime | None) -> bool:
    """Whether some escalation tick ran while the case was open and the mail server accepted mail."""
    def refusing(t: datetime) -> bool:
        return any(a <= t < b for a, b in ledger.smtp_windows)
    return any(opened <= t and (until is None or t <= until) and not refusing(t) for t in ledger.ticks)


def test_simulated_term(tmp_path: Path, smtp_server: Any, artifacts: Path) -> None:
    started = time.perf_counter()
    weeks = int(os.environ.get("SIM_WEEKS", "13"))  # a shorter term for quick local runs
    term = Term(tmp_path, smtp_server.port, lambda on: setattr(smtp_server, "refuse", on), Knobs(weeks=weeks))
    ledger = term.run()
    wall = time.perf_counter() - started
    sys.__stdout__.write(f"\nsimulated term ran in {wall:.1f} s: "
                         + ", ".join(f"{k} {v:.1f}s" for k, v in ledger.job_seconds.most_common()) + "\n")
    as_of = term.clock.now()
    messages = list(smtp_server.messages)
    problems: list[str] = []

    with connect(term.db) as con:
        # -- every item exactly once ------------------------------------------------------
        produced = [it.post_id for it in term.items]
        assert len(set(produced)) == len(produced)
        stored = [r[0] for r in con.execute("SELECT post_id FROM posts").fetchall()]
        assert len(stored) == len(set(stored))
        missing, extra = set(produced) - set(stored), set(stored) - set(produced)
        assert not missing, f"{len(missing)} produced items never reached posts, e.g. {sorted(missing)[:5]}"
        assert not extra, f"posts the platforms never produced: {sorted(extra)[:5]}"
        versions = dict(con.execute("SELECT post_id, count(*) FROM raw_items GROUP BY post_id").fetchall())
        assert all(versions.get(p) == 1 for p in produced), "an item re-delivered unchanged was stored twice"
        quarantined_files = {r[0] for r in con.execute(
            "SELECT path FROM landing_files WHERE kind = 'data' AND status = 'quarantined'").fetchall()}
        assert quarantined_files == set(ledger.corrupt_files)

        # -- the monitoring log, as the compliance report counts it ------------------------
        grid = compliance_grid(con, as_of)
        expected = _expected_compliance(term, ledger, as_of)
        got = {(r.account_id, r.iso_week): r for r in grid}
        assert set(got) == set(expected)
        for key, want in sorted(expected.items()):
            r = got[key]
            seen = {"ok": r.automated_checks, "failed": r.failed_checks, "holiday": r.holiday_week,
                    "required_s": r.required_every_s, "status": r.status}
            assert seen == want, f"{key}: report says {seen}, the simulation says {want}"
        if term.k.weeks >= 8:  # the term reaches the autumn half term (2026-W44)
            assert expected[("x-main", "2026-W44")]["holiday"], "the half-term week must be judged as a holiday week"

        # -- cases: opened for exactly the items the classifier rates at or above open_at ---
        cases = {get_case(con, cid).post_id: get_case(con, cid)
                 for (cid,) in con.execute("SELECT case_id FROM cases ORDER BY case_id").fetchall()}
        want_cases = term.expected_cases()
        assert set(cases) == set(want_cases), (
            f"cases for {sorted(set(cases) - set(want_cases))[:3]} unexpected; "
            f"missing for {sorted(set(want_cases) - set(cases))[:3]}"
        )
        outcomes: Counter[str] = Counter()
        rungs: Counter[int] = Counter()
        ttr_hours: list[float] = []
        window = term.cfg.cases.takedown_within
        for post_id, case in cases.items():
            item = want_cases[post_id]
            decision = ledger.decisions.get(case.case_id)
            assert decision is not None, f"case {case.case_id} was never worked by the coordinator"
            kinds = Counter(e.kind for e in case.events)
            if decision.action == "dismissed":
                assert case.state == "dismissed", f"case {case.case_id}"
                assert kinds["check_present"] + kinds["check_unknown"] == 0
                outcomes["dismissed"] += 1
                continue
            answers = term.answers_for(item.platform, item.native_id)
            first_removed = next((a for a in answers if a.state == "removed"), None)
            before = answers[: answers.index(first_removed)] if first_removed else answers
            assert kinds["check_present"] == sum(a.state == "present" for a in before), f"case {case.case_id}"
            assert kinds["check_unknown"] == sum(a.state == "unknown" for a in before), f"case {case.case_id}"
            assert case.escalation_rung == _expected_rung(case, before, window, term.cfg.cases.unknown_checks_before_escalation), (
                f"case {case.case_id}: rung {case.escalation_rung}, answers {[(a.at.isoformat(), a.state) for a in before]}"
            )
            rungs[case.escalation_rung] += 1
            if decision.action == "own_hide":
                assert kinds["hidden_via_api"] == (0 if decision.hide_refused else 1), f"case {case.case_id}"
                assert kinds["hide_failed"] == (1 if decision.hide_refused else 0), f"case {case.case_id}"
            assert kinds["reported_outside"] == (1 if decision.police else 0)
            if first_removed is not None:
                assert item.removed_at is not None and item.removed_at <= first_removed.at
                assert all(a.at < item.removed_at for a in before if a.state == "present")
                assert case.state == "removed", f"case {case.case_id} is {case.state}; the platform removed it"
                assert case.removed_at == first_removed.at
                ttr = case.time_to_removal
                assert ttr == first_removed.at - case.opened_at
                ttr_hours.append(ttr.total_seconds() / 3600)
                outcomes["removed" if ttr <= window else "removed late"] += 1
            else:
                assert item.removed_at is None or item.removed_at > answers[-1].at, f"case {case.case_id}"
                assert case.state in ("takedown_requested", "escalated"), f"case {case.case_id} is {case.state}"
                outcomes["still open"] += 1

        # -- e-mails: each keyed message received exactly once -----------------------------
        notes = con.execute("SELECT idem_key, kind, case_id, status, message_id, recipients FROM notifications").fetchall()
        assert [n for n in notes if n[3] != "sent"] == [], "every message is sent once the mail server is back"
        received = Counter(str(m["Message-ID"]).strip() for m in messages)
        assert max(received.values(), default=1) == 1, "a message was delivered twice"
        assert set(received) == {n[4].strip() for n in notes}
        by_case: dict[int, list[Any]] = defaultdict(list)
        for m in messages:
            if m["X-Schoolwatch-Kind"] == "critical":
                by_case[int(m["X-Schoolwatch-Case"])].append(m)
        for case in cases.values():
            if case.severity != "critical":
                assert not by_case.get(case.case_id)
                continue
            end = next((e for e in case.events if e.kind in ("dismissed", "removal_verified")), None)
            ended = end.occurred_at if end else None
            roles = {"dsl"} | ({"chair_of_governors" if case.about_head else "head"} if case.category == "threat" else set())
            addresses = sorted(str(getattr(term.cfg.contacts, r).email) for r in roles)
            got_to = sorted(str(m["To"]) for m in by_case.get(case.case_id, []))
            if _critical_alert_due(ledger, case.opened_at, ended):
                assert got_to == addresses, f"critical case {case.case_id}: sent to {got_to}, expected {addresses}"
            else:
                assert got_to == [], f"critical case {case.case_id} ended before any tick could alert"
                assert end is not None
                problems.append(
                    f"critical case {case.case_id} ({case.category}): {end.kind.replace('_', ' ')} by {end.actor} "
                    f"{(end.occurred_at - case.opened_at).total_seconds() / 3600:.1f} h after opening, before any tick "
                    "with mail working, so no alert went out (alerts go to open cases only)"
                )

        # -- one digest per ISO week -------------------------------------------------------
        weeks = [_week(TERM_START + timedelta(weeks=i)) for i in range(term.k.weeks)]
        digests = dict(con.execute("SELECT iso_week, status FROM digests").fetchall())
        assert digests == dict.fromkeys(weeks, "sent")
        digest_mail = Counter(str(m["X-Schoolwatch-Digest"]).split()[1] for m in messages if m["X-Schoolwatch-Digest"])
        assert digest_mail == Counter(weeks)

        # -- the hash chains ---------------------------------------------------------------
        report = verify_all(con)
        assert report.ok, [f.describe() for f in report.findings]

        flags = dict(con.execute(
            "SELECT category, count(DISTINCT post_id) FROM flags GROUP BY ALL ORDER BY ALL").fetchall())
        checks = Counter((r.status) for r in ledger.runs)
        missed = sum(1 for r in grid if r.status == "missed")
    assert ledger.tick_errors == []

    kinds = Counter(str(m["X-Schoolwatch-Kind"] or ("digest" if m["X-Schoolwatch-Digest"] else "compliance")) for m in messages)
    lines = [
        "simulated term: " + f"{TERM_START.date()} to {as_of.date()} ({term.k.weeks} weeks, seed {term.k.seed})",
        f"  wall time            {wall:.1f} s  ({', '.join(f'{k} {v:.0f}s' for k, v in ledger.job_seconds.most_common())})",
        f"  scheduled runs       {sum(ledger.jobs.values())}: " + ", ".join(f"{k} {v}" for k, v in sorted(ledger.jobs.items())),
        f"  items produced       {len(term.items)}  (in posts exactly once: {len(stored)})",
        "  faults injected      " + ", ".join(f"{k} {v}" for k, v in sorted(ledger.faults.items()))
        + f"; smtp refusing {len(ledger.smtp_windows)} windows; fatal outages {len(ledger.fatal_windows)}",
        f"  checks ok/failed     {checks['ok'] + checks['partial']} / {checks['failed']}  (account-weeks missed: {missed})",
        "  flags by category    " + ", ".join(f"{k} {v}" for k, v in flags.items()),
        f"  cases                {len(cases)}: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())),
        "  escalation rungs     " + ", ".join(f"rung {k}: {v}" for k, v in sorted(rungs.items())),
        "  time to removal (h)  "
        + (f"min {min(ttr_hours):.1f}, median {sorted(ttr_hours)[len(ttr_hours) // 2]:.1f}, max {max(ttr_hours):.1f}" if ttr_hours else "none"),
        f"  e-mails received     {len(messages)}: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())),
        f"  digests              {len(digests)} (one per ISO week {weeks[0]}..{weeks[-1]})",
        f"  audit verify         ok ({', '.join(f'{t} {n}' for t, n in report.rows.items())} rows)",
        *(f"  note: {p}" for p in problems),
    ]
    text = "\n".join(lines) + "\n"
    (artifacts / "simulated_term.txt").write_text(text, encoding="utf-8")
    sys.__stdout__.write("\n" + text)
