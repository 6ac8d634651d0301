"""A simulated 13-week autumn term driving the real pipeline on a ManualClock.

A fake X platform publishes invented posts (mostly harmless, some threats, abuse and
complaints), decides for each harmful one whether and when it will take it down once
reported, and fails some fetches (mid-pagination, or before any page). Every two hours the
real fetch runs; twice a day the real single writer loads, classifies and opens cases;
every two hours the real escalation tick re-checks takedowns and e-mails a real SMTP
server; each morning a coordinator reports open cases to the platform. At the end, the
warehouse must agree with what the simulation knows happened, and every chain verifies.
"""

from __future__ import annotations

import os
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from alerts.actions import request_takedown
from alerts.cases import get_case
from alerts.compliance import compliance_grid, refresh_calendar
from alerts.escalation import tick
from alerts.mail import SmtpSettings
from connectors.base import (
    CheckResult,
    FetchedItem,
    FetchResult,
    PageBudget,
    PartialFetch,
    SourceSpec,
)
from connectors.errors import RetriableError
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import parse_config
from schoolwatch.core.landing import LandingZone
from schoolwatch.pipeline import fetch_source, landing_root, plan_fetches, process, spec_from_dict
from transforms.classify import Classifier, ClassifyContext
from warehouse.db import connect
from warehouse.verify import verify_all

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]  # 13 weeks: minutes on 2 cores

START = datetime(2026, 9, 7, 0, 0, tzinfo=UTC)  # a Monday
WEEKS = int(os.environ.get("SCHOOLWATCH_SIM_WEEKS", "13"))
STEP = timedelta(hours=3)  # fetch and escalation tick cadence; the load runs daily at 06:00
TEXTS = {
    "benign": ["lovely concert tonight well done everyone", "great match on saturday", "thanks for the trip photos"],
    "threat": ["I will stab you tomorrow at the school gates"],
    "abuse": ["you are a useless idiot"],
    "complaint": ["the parking at pickup is a disgrace"],
}


@dataclass
class Item:
    n: int
    kind: str
    created: datetime
    fate: str = "n/a"  # harmful ones: quick | slow | never (once reported)
    removed_at: datetime | None = None


@dataclass
class SimPlatform:
    clock: ManualClock
    rng: random.Random
    items: list[Item] = field(default_factory=list)
    runs: Counter = field(default_factory=Counter)
    platform: str = "x"

    def publish(self, until: datetime, since: datetime) -> None:
        t = since
        while t < until:
            if self.rng.random() < 0.35:
                r = self.rng.random()
                kind = "threat" if r < 0.04 else "abuse" if r < 0.10 else "complaint" if r < 0.15 else "benign"
                fate = self.rng.choices(["quick", "slow", "never"], [0.7, 0.15, 0.15])[0] if kind in ("threat", "abuse") else "n/a"
                self.items.append(Item(len(self.items) + 1, kind, t, fate))
            t += timedelta(hours=1)

    def _fetched(self, i: Item) -> FetchedItem:
        nid = str(7_000_000 + i.n)
        text = f"{self.rng.choice(TEXTS[i.kind])} (#{i.n})"
        return FetchedItem(
            native_id=nid,
            item={"id": nid, "text": text, "author_id": str(900 + i.n % 40), "created_at": i.created.isoformat().replace("+00:00", "Z"),
                  "edit_history_tweet_ids": [nid]},
            stream="mentions", endpoint="GET /2/users/:id/mentions",
            context={"author": {"id": str(900 + i.n % 40), "username": f"invented{i.n % 40}", "name": "Invented Person"}},
        )

    def fetch(self, source: SourceSpec, cursor: dict[str, Any] | None, budget: PageBudget) -> FetchResult:
        since = int(cursor["since"]) if cursor else 0
        new = self.items[since:]
        fault = self.rng.random()
        if fault < 0.04 and new:  # fails after the first page: the first page lands
            self.runs["failed"] += 1
            raise PartialFetch(RetriableError("server error", platform="x", endpoint="GET /2/users/:id/mentions", status=503),
                               [self._fetched(i) for i in new[:3]], api_calls=2, pages=1)
        if fault < 0.07:  # fails before any page
            self.runs["failed"] += 1
            raise RetriableError("timed out", platform="x", endpoint="GET /2/users/:id/mentions")
        self.runs["ok"] += 1
        return FetchResult(items=[self._fetched(i) for i in new], cursor={"since": len(self.items)}, api_calls=1, pages=1)

    def check(self, native_id: str) -> CheckResult:
        item = self.items[int(native_id) - 7_000_001]
        if self.rng.random() < 0.03:
            return CheckResult("unknown", reason="network timeout (simulated)")
        if item.removed_at is not None and self.clock.now() >= item.removed_at:
            return CheckResult("removed", {"status": 404})
        return CheckResult("present", {"status": 200})

    def reported(self, native_id: str, now: datetime) -> None:
        item = self.items[int(native_id) - 7_000_001]
        if item.removed_at is None and item.fate != "never":
            hours = self.rng.uniform(1, 20) if item.fate == "quick" else self.rng.uniform(30, 60)
            item.removed_at = now + timedelta(hours=hours)

    def hide(self, native_id: str) -> Any:  # pragma: no cover - own-account hiding not simulated
        raise NotImplementedError


def _config(tmp_path, smtp):
    return parse_config({
        "school": {"id": "kestrel-vale", "name": "Kestrel Vale Academy"},
        "accounts": [{"id": "x-main", "platform": "x", "handle": "KestrelValeAcad", "principal": "Ms Ada Byrne",
                      "reserve": "Mr Cal Dunn", "check_every": "1d", "holiday_check_every": "7d"}],
        "contacts": {k: {"name": f"Invented {k}", "email": f"{k}@school.example.org"}
                     for k in ("esafety_coordinator", "dsl", "head", "chair_of_governors", "it")},
        "calendar": {"terms": [{"name": "Autumn", "start": "2026-09-07", "end": "2026-12-18"}],
                     "holidays": [{"name": "Half term", "start": "2026-10-26", "end": "2026-10-30"}]},
        "smtp": {"host": smtp.host, "port": smtp.port},
        "paths": {"data_dir": str(tmp_path / "data")},
    })


def test_simulated_term(tmp_path, smtp_server, capsys):
    rng = random.Random(2026)
    clock = ManualClock(START)
    cfg = _config(tmp_path, smtp_server)
    settings = SmtpSettings(smtp_server.host, smtp_server.port, "schoolwatch@example.org", tmp_path / "outbox", timeout=5)
    sim = SimPlatform(clock, rng)
    clf = Classifier(ClassifyContext.from_config(cfg))
    zone = LandingZone(landing_root(cfg))
    counts: Counter = Counter()
    end = START + timedelta(weeks=WEEKS)
    last = START
    while clock.now() < end:
        clock.advance(STEP)
        now = clock.now()
        sim.publish(now, last)
        last = now
        (plan,) = plan_fetches(cfg, cfg.db_path)
        fetch_source(spec_from_dict(plan["spec"]), plan["cursor"], zone, clock, sim)
        counts["fetch runs"] += 1
        if now.hour == 6:
            process(cfg, cfg.db_path, clock, classifier=clf)
            counts["loads"] += 1
        with connect(cfg.db_path) as con:
            if now.hour == 9:  # the coordinator's morning: report every open case not yet reported
                for (case_id,) in con.execute("SELECT case_id FROM cases ORDER BY case_id").fetchall():
                    case = get_case(con, case_id)
                    if case.is_open and case.takedown_requested_at is None:
                        request_takedown(con, case_id, "reported_platform", "reported via the platform form", actor="coordinator", now=now)
                        sim.reported(case.post_id.split(":")[1], now)
                        counts["takedowns requested"] += 1
            tick(con, cfg, clock, {"x": sim}, settings)
            counts["escalation ticks"] += 1
    # the last items in: fetch until a run succeeds, then load
    (plan,) = plan_fetches(cfg, cfg.db_path)
    while True:
        m = fetch_source(spec_from_dict(plan["spec"]), plan["cursor"], zone, clock, sim)
        counts["fetch runs"] += 1
        if m.status == "ok":
            break
        (plan,) = plan_fetches(cfg, cfg.db_path)
    process(cfg, cfg.db_path, clock, classifier=clf)

    with connect(cfg.db_path) as con:
        # every item present exactly once
        posts = dict(con.execute("SELECT native_id, count(*) FROM posts GROUP BY 1").fetchall())
        assert set(posts) == {str(7_000_000 + i.n) for i in sim.items} and set(posts.values()) == {1}
        # every fetch is a check; every injected failure a failed check
        statuses = Counter(dict(con.execute("SELECT status, count(*) FROM monitoring_checks GROUP BY 1").fetchall()))
        assert sum(statuses.values()) == counts["fetch runs"]
        assert statuses["failed"] == sim.runs["failed"]
        # every harmful item has a case; its outcome matches what the platform did
        cases = {r[0].split(":")[1]: r[1] for r in con.execute("SELECT post_id, case_id FROM cases").fetchall()}
        harmful = [i for i in sim.items if i.kind in ("threat", "abuse")]
        assert {str(7_000_000 + i.n) for i in harmful} <= set(cases)
        outcomes: Counter = Counter()
        settled = [i for i in harmful if i.created < end - timedelta(days=4)]
        for i in settled:
            case = get_case(con, cases[str(7_000_000 + i.n)])
            if i.removed_at is not None and i.removed_at < end - timedelta(hours=4):
                assert case.removed_at is not None and case.removed_at >= i.removed_at, i
                outcomes[f"removed ({i.fate})"] += 1
                if i.fate == "slow":
                    assert case.escalation_rung >= 1  # past 24h before removal: escalated first
            else:
                assert case.removed_at is None and case.escalation_rung >= 1, i
                outcomes["never removed, escalated"] += 1
        # compliance: every term week met (checks every 2h); the calendar knows half term
        refresh_calendar(con, cfg, clock.now())
        grid = compliance_grid(con, clock.now(), weeks=WEEKS + 1)
        weeks = [w for w in grid if w.week_start < end - timedelta(weeks=1)]
        assert len(weeks) == WEEKS - 1 and all(w.status == "met" for w in weeks), [(w.iso_week, w.status) for w in weeks]
        assert sum(w.failed_checks for w in grid) == sim.runs["failed"]
        # nothing sent twice, and the chains verify
        sent = con.execute("SELECT count(*) FROM notifications WHERE status = 'sent'").fetchone()[0]
        report = verify_all(con)
        assert report.ok
    ids = [m["Message-ID"] for m in smtp_server.messages]
    assert len(ids) == len(set(ids)) == sent
    with capsys.disabled():
        print(f"\nsimulated term: {WEEKS} weeks, {len(sim.items)} items ({Counter(i.kind for i in sim.items)}), "
              f"{counts['fetch runs']} fetch runs ({sim.runs['failed']} failed by injection), {counts['loads']} loads, "
              f"{counts['escalation ticks']} escalation ticks, {counts['takedowns requested']} takedowns requested; "
              f"outcomes {dict(outcomes)}; {sent} e-mails sent once each; chains {report.rows}")
