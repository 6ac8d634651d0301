"""A simulated term: the real pipeline driven over 13 weeks of simulated time.

The engine makes a school configuration (the bundled example, with its autumn term and
half-term week), fake platforms (:mod:`tests.sim.platforms`) that produce items over the
term, and a schedule of the jobs the Airflow DAGs would run, each calling the same package
function the DAG task calls, at an injected :class:`ManualClock`'s time:

- ingest: :func:`schoolwatch.pipeline.plan_fetches` + :func:`fetch_source` for every source
  every ``fetch_every`` (the fetch tasks: landing files only), and once a day
  :func:`schoolwatch.pipeline.process` (the single writer: load, validate, classify, open
  cases), so plans also resume from landed-but-not-loaded manifests;
- escalate: :func:`alerts.escalation.tick` every ``tick_every``;
- a simulated coordinator (and DSL, for critical cases) working the queue through
  :mod:`alerts.actions`: dismiss, or request a takedown (own-account hide through the API,
  or a report to the platform), report threats to the police;
- weekly: the missed-monitoring alerts (:func:`alerts.compliance.alert_missed_weeks`) and
  the digest (:func:`alerts.digest.send_weekly`), retried hourly while the mail server
  refuses; daily: retention when ``warehouse.retention.apply_retention`` exists.

The cadence is the production one scaled to what a 2-core CI runner can do in a few minutes
(production ingests every 15 minutes and escalates hourly; the load's fixed cost, mostly
great-expectations, and the tick's per-case queries are what bound the simulation).
Between jobs the engine keeps one DuckDB connection open so each job's own
``warehouse.db.connect`` shares the open database instead of re-opening the file; it is
closed around ``plan_fetches``, which opens read-only.

Faults come from a seeded RNG: fetches that raise retriable, fatal (outage windows) or
unexpected errors, fail half way (PartialFetch), corrupt landing files, platform outages
that make removal checks unknown, takedowns the platform never honours, own-account hides
it refuses, and windows in which the SMTP server refuses every message.

Everything the simulation knows happened goes into a :class:`Ledger`; the test compares
the warehouse with it. Same seed, same term.
"""

from __future__ import annotations

import heapq
import importlib
import itertools
import logging
import random
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from alerts import actions
from alerts.cases import get_case
from alerts.compliance import alert_missed_weeks
from alerts.digest import send_weekly
from alerts.escalation import tick
from alerts.mail import SmtpSettings
from connectors.base import SourceSpec
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import Config, parse_config
from schoolwatch.core.landing import LandingZone
from schoolwatch.pipeline import fetch_source, landing_root, plan_fetches, process, spec_from_dict
from schoolwatch.sample.texts import BENIGN, COMPLAINT, PROBLEM
from tests.sim.platforms import FakePlatform, SimItem, make_item
from transforms.classify import Classifier, ClassifyContext
from warehouse.db import connect, open_writable

log = logging.getLogger(__name__)

TERM_START = datetime(2026, 9, 7, tzinfo=UTC)  # Monday of ISO week 2026-W37
WEEKS = 13  # W37..W49; W44 is the autumn half term
SOURCES: tuple[tuple[str, str, str], ...] = (  # source id, platform, stream
    ("x-main", "x", "mentions"),
    ("facebook-page", "facebook", "comments"),
    ("reddit-main", "reddit", "mentions"),
    ("reddit-local", "reddit", "search"),
)
ITEMS_PER_DAY = {"x-main": 2.0, "facebook-page": 2.0, "reddit-main": 1.0, "reddit-local": 1.0}
HIDE_PLATFORMS = frozenset({"x", "facebook"})  # own accounts where the school can hide replies/comments


@dataclass
class Knobs:
    """What the term looks like; the defaults are the CI run."""

    seed: int = 20260907
    weeks: int = WEEKS
    fetch_every: timedelta = timedelta(hours=12)  # every source, then the writer loads daily
    process_hour: int = 6  # the single writer's daily load at 06:30
    tick_every: timedelta = timedelta(hours=6)
    p_problem: float = 0.09
    p_complaint: float = 0.08
    p_retriable: float = 0.04
    p_partial: float = 0.02
    p_bug: float = 0.005
    p_corrupt: float = 0.03
    p_dismiss: float = 0.15
    p_platform_removes: float = 0.65
    p_refuse_hide: float = 0.2
    fatal_outages: int = 3  # token revoked for a day or more on a random source
    check_outages: int = 3  # per platform: removal checks answer unknown for hours
    smtp_outages: int = 2


@dataclass
class FetchRun:
    at: datetime
    source_id: str
    account_id: str | None
    fault: str | None  # retriable | fatal | partial | bug | corrupt | None
    status: str  # what the check must say: ok | partial | failed
    items: int


@dataclass
class Decision:
    case_id: int
    post_id: str
    at: datetime
    action: str  # dismissed | own_hide | reported_platform
    hide_refused: bool = False
    police: bool = False


@dataclass
class Ledger:
    """What the simulation knows happened."""

    runs: list[FetchRun] = field(default_factory=list)
    decisions: dict[int, Decision] = field(default_factory=dict)
    jobs: Counter[str] = field(default_factory=Counter)
    job_seconds: Counter[str] = field(default_factory=Counter)  # wall time spent per kind of job
    faults: Counter[str] = field(default_factory=Counter)
    corrupt_files: list[str] = field(default_factory=list)
    smtp_windows: list[tuple[datetime, datetime]] = field(default_factory=list)
    fatal_windows: list[tuple[str, datetime, datetime]] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # iso week -> last status
    tick_errors: list[str] = field(default_factory=list)
    ticks: list[datetime] = field(default_factory=list)


def example_config(folder: Path) -> Config:
    """The bundled example configuration, watching the four simulated sources."""
    data = tomllib.loads(resources.files("schoolwatch").joinpath("example.toml").read_text(encoding="utf-8"))
    data["paths"] = {"data_dir": str(folder / "data"), "db": str(folder / "schoolwatch.duckdb")}
    data["searches"] = [s for s in data["searches"] if s["id"] == "reddit-local"]
    return parse_config(data, source="simulated term", base_dir=folder)


class Term:
    """One simulated term over a fresh warehouse in ``folder``."""

    def __init__(self, folder: Path, smtp_port: int, set_refuse: Callable[[bool], None], knobs: Knobs | None = None) -> None:
        self.k = knobs or Knobs()
        self.rng = random.Random(self.k.seed)
        self.folder = folder
        self.cfg = example_config(folder)
        self.db = self.cfg.db_path
        self.clock = ManualClock(TERM_START)
        self.end = TERM_START + timedelta(weeks=self.k.weeks)
        self.settings = SmtpSettings("127.0.0.1", smtp_port, str(self.cfg.smtp.sender), folder / "outbox", timeout=5)
        self.set_refuse = set_refuse
        self.platforms = {p: FakePlatform(p, self.clock) for p in ("x", "facebook", "reddit")}
        self.ledger = Ledger()
        self.items: list[SimItem] = []
        self.classifier = Classifier(ClassifyContext.from_config(self.cfg))
        self.landing = LandingZone(landing_root(self.cfg))
        self.retention = _retention()
        self._queue: list[tuple[datetime, int, int, str, tuple[Any, ...]]] = []
        self._order = itertools.count()
        self._run_no = itertools.count(1)
        self._pending_actions: dict[int, datetime] = {}
        self._keeper: duckdb.DuckDBPyConnection | None = None

    # -- setting the term up ----------------------------------------------------------------
    def _produce_items(self) -> None:
        problems = [(cat, text) for cat, text in PROBLEM]
        n = 0
        last = self.end - timedelta(hours=12)
        for source_id, platform, stream in SOURCES:
            rate = ITEMS_PER_DAY[source_id]
            t = TERM_START
            while True:
                t += timedelta(hours=self.rng.expovariate(rate / 24))
                if t >= last:
                    break
                roll = self.rng.random()
                if roll < self.k.p_problem:
                    label, text = self.rng.choice(problems)
                elif roll < self.k.p_problem + self.k.p_complaint:
                    label, text = "complaint", self.rng.choice(COMPLAINT)
                else:
                    label, text = "benign", self.rng.choice(BENIGN)
                n += 1
                first = self.rng.choice(["Ella", "Femi", "Isla", "Yusuf", "Rosa", "Kiran", "Dev", "Chloe"])
                last_name = self.rng.choice(["Kettering", "Northcote", "Marchbank", "Dunmore", "Oakley", "Quarrie"])
                author = (f"{first} {last_name}", f"{first.lower()}_{last_name.lower()}{n % 50}")
                created = t.replace(microsecond=0)
                it = make_item(platform, stream, source_id, n, created, text, label, author)
                self.items.append(it)
                self.platforms[platform].add(it)

    def _schedule(self, when: datetime, kind: str, *args: Any, prio: int = 5) -> None:
        heapq.heappush(self._queue, (when, prio, next(self._order), kind, args))

    def _plan(self) -> None:
        k, rng = self.k, self.rng
        t = TERM_START
        while t < self.end + timedelta(days=1):  # a day past the last item: the Monday runs
            self._schedule(t + timedelta(minutes=5), "ingest")
            t += k.fetch_every
        hour = TERM_START
        while hour < self.end + timedelta(days=1):
            if hour.hour == k.process_hour:
                self._schedule(hour + timedelta(minutes=30), "process")
            if (hour - TERM_START) % k.tick_every == timedelta(0):
                self._schedule(hour, "tick")
            self._schedule(hour + timedelta(minutes=45), "review")
            if hour.hour == 3 and self.retention is not None:
                self._schedule(hour, "retention")
            if hour.weekday() == 0 and hour.hour == 6 and hour >= TERM_START + timedelta(days=7):
                self._schedule(hour + timedelta(minutes=50), "compliance")
                self._schedule(hour + timedelta(hours=1, minutes=10), "digest")
            hour += timedelta(hours=1)
        for _ in range(k.fatal_outages):
            source_id = rng.choice([s for s, _, _ in SOURCES])
            start = TERM_START + timedelta(hours=rng.randrange(24, 24 * 7 * k.weeks - 72))
            self.ledger.fatal_windows.append((source_id, start, start + timedelta(hours=rng.randrange(26, 64))))
        for p in self.platforms.values():
            for _ in range(k.check_outages):
                start = TERM_START + timedelta(hours=rng.randrange(0, 24 * 7 * k.weeks))
                p.outages.append((start, start + timedelta(hours=rng.randrange(2, 30))))
        for _ in range(k.smtp_outages):
            start = TERM_START + timedelta(hours=rng.randrange(24, 24 * 7 * k.weeks - 24), minutes=20)
            end = start + timedelta(hours=rng.randrange(6, 20))
            self.ledger.smtp_windows.append((start, end))
            self._schedule(start, "smtp", True, prio=0)
            self._schedule(end, "smtp", False, prio=0)

    # -- the jobs ---------------------------------------------------------------------------
    def _hold(self) -> None:
        """Keep the database instance open between jobs (see the module docstring)."""
        if self._keeper is None and self.db.exists():
            self._keeper = open_writable(self.db)
            self._keeper.execute("SET threads = 1")

    def _release(self) -> None:
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None

    def _ingest(self, clean: bool = False) -> None:
        """The ingest DAG's fetch tasks: one plan (cursors), then each source a minute apart."""
        self._release()  # plan_fetches opens read-only: no read-write instance may be open
        plan = plan_fetches(self.cfg, self.db)
        self._hold()
        for i, entry in enumerate(plan):
            if i:
                self.clock.advance(timedelta(minutes=1))
            self._fetch(entry, clean)

    def _fetch(self, entry: dict[str, Any], clean: bool) -> None:
        now = self.clock.now()
        spec: SourceSpec = spec_from_dict(entry["spec"])
        source_id = spec.source_id
        platform = self.platforms[spec.platform]
        fault = None if clean else self._fault_for(source_id, now)
        if fault in ("retriable", "fatal", "partial", "bug"):
            platform.next_fault = fault
        run_id = f"{now.strftime('%Y%m%dT%H%M%S')}Z-sim{next(self._run_no):05d}"
        manifest = fetch_source(spec, entry["cursor"], self.landing, self.clock, platform, run_id=run_id)
        platform.next_fault = None
        status = manifest.status
        if fault == "partial" and status != "failed":
            fault = None  # nothing visible to fail on: the run was a quiet, whole one
        if fault == "corrupt":
            if manifest.data_file:
                path = self.landing.folder(spec.platform, spec.source_id) / manifest.data_file
                raw = path.read_bytes()
                path.write_bytes(raw[: len(raw) // 2] + b"\x00garbage")  # truncated, as after a crash
                self.ledger.corrupt_files.append(self.landing.relative(path))
                status = "failed"
            else:
                fault = None
        if fault:
            self.ledger.faults[fault] += 1
        self.ledger.runs.append(FetchRun(now, source_id, spec.account_id, fault, status, manifest.items))
        self.ledger.jobs["fetch"] += 1

    def _fault_for(self, source_id: str, now: datetime) -> str | None:
        if any(s == source_id and a <= now < b for s, a, b in self.ledger.fatal_windows):
            return "fatal"
        roll = self.rng.random()
        k = self.k
        for name, p in (("retriable", k.p_retriable), ("partial", k.p_partial), ("bug", k.p_bug), ("corrupt", k.p_corrupt)):
            if roll < p:
                return name
            roll -= p
        return None

    def _process(self) -> None:
        summary = process(self.cfg, self.db, self.clock, classifier=self.classifier)
        self._hold()
        with connect(self.db) as con:
            for case_id in summary.cases.opened_ids:
                severity = con.execute("SELECT severity FROM cases WHERE case_id = ?", [case_id]).fetchall()[0][0]
                self._pending_actions[case_id] = self._when_seen(self.clock.now(), severity)
        self.ledger.jobs["process"] += 1

    def _tick(self) -> None:
        self.ledger.ticks.append(self.clock.now())
        with connect(self.db) as con:
            summary = tick(con, self.cfg, self.clock, self.platforms, self.settings)
        self.ledger.tick_errors += summary.errors
        self.ledger.jobs["escalate"] += 1

    def _review(self) -> None:
        """The coordinator (and the DSL, for critical cases) works the queue."""
        now = self.clock.now()
        due = sorted(c for c, when in self._pending_actions.items() if when <= now)
        if not due:
            return  # nobody opens the app when the queue has nothing new
        with connect(self.db) as con:
            for case_id in due:
                self._decide(con, case_id, now)
                del self._pending_actions[case_id]
        self.ledger.jobs["review"] += 1

    def _when_seen(self, now: datetime, severity: str) -> datetime:
        if severity == "critical":  # the DSL is alerted and acts within a couple of hours, any day
            return now + timedelta(minutes=self.rng.randrange(0, 150))
        t = now + timedelta(minutes=self.rng.randrange(0, 8 * 60))
        while t.weekday() >= 5 or not 8 <= t.hour < 18:  # the coordinator works weekdays, 08:00-18:00
            t += timedelta(hours=1)
        return t

    def _decide(self, con: Any, case_id: int, now: datetime) -> None:
        case = get_case(con, case_id)
        platform, native_id, kind = con.execute(
            "SELECT p.platform, p.native_id, a.kind FROM posts p LEFT JOIN accounts a USING (account_id) WHERE p.post_id = ?",
            [case.post_id],
        ).fetchone()
        item = self.platforms[platform].by_native[native_id]
        who = "dsl.marsh" if case.severity == "critical" else "coord.ramanathan"
        actions.record_view(con, case_id, actor=who, now=now)
        if self.rng.random() < self.k.p_dismiss:
            actions.dismiss(con, case_id, "read in context: a joke between friends, nothing to act on", actor=who, now=now)
            self.ledger.decisions[case_id] = Decision(case_id, case.post_id, now, "dismissed")
            return
        decision = Decision(case_id, case.post_id, now, "reported_platform")
        if kind == "own" and platform in HIDE_PLATFORMS:
            decision.action = "own_hide"
            item.refuse_hide = self.rng.random() < self.k.p_refuse_hide
            decision.hide_refused = item.refuse_hide
            actions.request_takedown(con, case_id, "own_hide", "breaches the comment policy", actor=who, now=now)
            ev = actions.hide_via_api(con, case_id, self.platforms[platform], actor=who, now=now)
            if ev.kind == "hide_failed":
                self._report(con, case_id, item, who, now)
        else:
            self._report(con, case_id, item, who, now)
        if case.category == "threat":
            actions.report_outside(con, case_id, "police", f"SIM-{case_id:04d}", actor=who, now=now,
                                   reason="threat of violence")
            decision.police = True
        self.ledger.decisions[case_id] = decision

    def _report(self, con: Any, case_id: int, item: SimItem, who: str, now: datetime) -> None:
        actions.request_takedown(con, case_id, "reported_platform", "reported through the platform's form",
                                 actor=who, now=now)
        item.reported_at = now
        if self.rng.random() < self.k.p_platform_removes:
            item.removed_at = now + timedelta(minutes=self.rng.randrange(30, 72 * 60))

    def _compliance(self) -> None:
        with connect(self.db) as con:
            alert_missed_weeks(con, self.cfg, self.clock.now(), self.settings)
        self.ledger.jobs["compliance"] += 1

    def _digest(self) -> None:
        with connect(self.db) as con:
            result = send_weekly(con, self.cfg, self.clock, self.settings)
        self.ledger.digests[result.iso_week] = result.status
        self.ledger.jobs["digest"] += 1
        if result.status == "failed":  # Airflow's retry: again in an hour
            self._schedule(self.clock.now() + timedelta(hours=1), "digest")

    def _retention(self) -> None:
        assert self.retention is not None
        with connect(self.db) as con:
            self.retention(con, self.cfg, self.clock.now(), landing_root=landing_root(self.cfg))
        self.ledger.jobs["retention"] += 1

    # -- running ----------------------------------------------------------------------------
    def run(self) -> Ledger:
        self._produce_items()
        self._plan()
        jobs = {"ingest": self._ingest, "process": self._process, "tick": self._tick, "review": self._review,
                "compliance": self._compliance, "digest": self._digest, "retention": self._retention,
                "smtp": self.set_refuse}
        self._run_queue(jobs)
        self._drain()
        # Three more days of escalation and review, so every case has a decision and a fate.
        hour = self.clock.now().replace(minute=0, second=0) + timedelta(hours=1)
        for h in range(0, 72, 3):
            self._schedule(hour + timedelta(hours=h), "tick")
        for h in range(72):
            self._schedule(hour + timedelta(hours=h, minutes=45), "review")
        self._run_queue(jobs)
        self._release()
        return self.ledger

    def _run_queue(self, jobs: dict[str, Callable[..., Any]]) -> None:
        while self._queue:
            when, _, _, kind, args = heapq.heappop(self._queue)
            self.clock.set(when)
            started = time.perf_counter()
            jobs[kind](*args)
            self.ledger.job_seconds[kind] += time.perf_counter() - started

    def _drain(self) -> None:
        """After the term: fetch until every platform has handed over everything (no faults)."""
        for _ in range(10):
            self.clock.advance(timedelta(minutes=10))
            self.ledger.jobs["drain"] += 1
            self._ingest(clean=True)
            self.clock.advance(timedelta(minutes=5))
            self._process()
            with connect(self.db) as con:
                have = {r[0] for r in con.execute("SELECT post_id FROM posts").fetchall()}
            if all(it.post_id in have for it in self.items):
                return

    # -- truths the test compares with ------------------------------------------------------
    def expected_cases(self) -> dict[str, SimItem]:
        """post_id -> item for every item whose text the classifier rates at or above cases.open_at."""
        from schoolwatch.core.categories import Severity

        threshold = Severity(self.cfg.cases.open_at).rank
        out = {}
        for it in self.items:
            flags = self.classifier.classify(it.text)
            if flags and max(f.severity.rank for f in flags) >= threshold:
                out[it.post_id] = it
        return out

    def answers_for(self, platform: str, native_id: str) -> list[Any]:
        return [a for a in self.platforms[platform].answers if a.native_id == native_id]

    def holiday_week(self, week_start: datetime) -> bool:
        """At least 3 of the 5 school days are holidays (the compliance definition)."""
        days = [date.fromordinal(week_start.date().toordinal() + i) for i in range(5)]
        return sum(self.cfg.calendar.is_holiday(d) for d in days) >= 3


def _retention() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("warehouse.retention")
    except ModuleNotFoundError:
        return None
    return getattr(module, "apply_retention", None)
