"""schoolwatch.airflow_support without Airflow: credentials from connections, keyed fetches,
the failure e-mail (real DuckDB, real SMTP server)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from connectors.base import FetchedItem, FetchResult, PageBudget, SourceSpec
from connectors.errors import AuthError
from schoolwatch.airflow_support import (
    build_connector_or_failure,
    connection_to_env,
    connector_creds,
    credentials_env,
    failure_key,
    fetch_for_interval,
    interval_run_id,
    send_failure_mail,
)
from schoolwatch.core.clock import ManualClock
from schoolwatch.core.config import load_config
from schoolwatch.core.landing import LandingZone
from tests.airflow.conftest import write_config

END = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
SPEC = SourceSpec(source_id="x-main", school_id="st-example", platform="x", kind="account",
                  handle="StExampleSch", native_id="1234500000", account_id="x-main", streams=("mentions",))


def test_connection_fields_map_to_the_connector_names() -> None:
    conns = {
        "schoolwatch_x": SimpleNamespace(login=None, password="bearer-1", extra=json.dumps({"consumer_key": "ck", "bearer_token_x_main": "bearer-main"})),
        "schoolwatch_reddit": SimpleNamespace(login="cid", password="csecret", extra='{"refresh_token": "rt", "user_agent": "sw/1"}'),
    }
    env = {"SCHOOLWATCH_X_BEARER_TOKEN": "from-env", "SCHOOLWATCH_YOUTUBE_API_KEY": "yt", "PATH": "/bin"}
    found = credentials_env(conns.get, env)
    assert found["SCHOOLWATCH_X_BEARER_TOKEN"] == "bearer-1"  # the connection wins over the environment
    assert found["SCHOOLWATCH_YOUTUBE_API_KEY"] == "yt"  # the environment fills what connections lack
    assert found["SCHOOLWATCH_X_CONSUMER_KEY"] == "ck"
    assert found["SCHOOLWATCH_REDDIT_CLIENT_ID"] == "cid" and found["SCHOOLWATCH_REDDIT_USER_AGENT"] == "sw/1"
    assert "PATH" not in found
    # resolved as the CLI resolves them: the per-source value first
    assert connector_creds(found, "x", "x-main")["BEARER_TOKEN"] == "bearer-main"
    assert connector_creds(found, "x", "x-names")["BEARER_TOKEN"] == "bearer-1"
    assert connector_creds(found, "x", None)["CONSUMER_KEY"] == "ck"
    assert connector_creds(found, "reddit", "reddit-local")["CLIENT_SECRET"] == "csecret"
    assert connection_to_env("x", SimpleNamespace(login=None, password=None, extra="not json")) == {}


def test_run_ids_are_keyed_by_source_and_interval() -> None:
    a = interval_run_id("x-main", END)
    assert a == interval_run_id("x-main", END)
    assert a != interval_run_id("x-names", END) and a != interval_run_id("x-main", END.replace(minute=15))
    assert a.startswith("20261121T060000Z-") and interval_run_id("x-main", END, 2) == f"{a}.r2"
    london = END.astimezone(ZoneInfo("Europe/London")).replace(month=7)  # BST: the id is still in UTC
    assert interval_run_id("x-main", london).startswith(london.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))


class Scripted:
    """A Connector whose fetch answers from a list (real landing zone, real manifests)."""

    platform = "x"

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.calls = 0

    def fetch(self, source: SourceSpec, cursor: Any, budget: PageBudget) -> FetchResult:
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def check(self, native_id: str) -> Any:  # pragma: no cover - unused
        raise NotImplementedError

    def hide(self, native_id: str) -> Any:  # pragma: no cover - unused
        raise NotImplementedError


def test_failed_interval_is_retried_under_a_new_id_and_a_done_one_is_not(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    item = {"spec": SPEC.__dict__ | {"streams": list(SPEC.streams), "terms": [], "subreddits": []}, "cursor": None}
    ok = FetchResult([FetchedItem("1", {"id": "1", "text": "hi"}, "mentions", "/2/users/:id/mentions")], {"since_id": "1"})
    conn = Scripted(AuthError("401 Unauthorized", platform="x"), ok)
    clock = ManualClock(END)
    first = fetch_for_interval(item, landing, END, clock, lambda spec: conn)
    second = fetch_for_interval(item, landing, END, clock, lambda spec: conn)
    third = fetch_for_interval(item, landing, END, clock, lambda spec: conn)
    assert (first["status"], second["status"], third["status"]) == ("failed", "ok", "ok")
    assert second["run_id"] == first["run_id"] + ".r1" and third == {**second, "reused": True}
    assert conn.calls == 2  # the third call found the interval done
    names = sorted(p.name for p in LandingZone(landing).folder("x", "x-main").iterdir())
    assert names == sorted([f"{first['run_id']}.manifest.json", f"{second['run_id']}.manifest.json",
                            f"{second['run_id']}.jsonl.gz"])


def test_a_connector_that_cannot_be_built_fails_the_fetch_not_the_task(tmp_path: Path) -> None:
    clock = ManualClock(END)
    broken = build_connector_or_failure("x", {}, clock=clock, account="x-main")  # no bearer token
    item = {"spec": {**SPEC.__dict__, "streams": ["mentions"]}, "cursor": None}
    out = fetch_for_interval(item, tmp_path / "landing", END, clock, lambda spec: broken)
    assert out["status"] == "failed" and out["error_kind"] == "fatal" and "bearer token" in out["error"]
    assert broken.check("1").state == "unknown"


def test_failure_mail_goes_to_it_once(tmp_path: Path, smtp_server: Any) -> None:
    cfg = load_config(write_config(tmp_path / "school", smtp_server.port))
    db = tmp_path / "school" / "data" / "schoolwatch.duckdb"
    kw = dict(dag_id="schoolwatch_ingest", run_id="scheduled__2026-11-21T06:00:00+00:00", task_id="process",
              map_index=-1, error="DatabaseBusyError: <b>busy</b>", now=END, env={})
    assert send_failure_mail(cfg, db, **kw) == "sent"
    assert send_failure_mail(cfg, db, **kw) == "already_sent"  # the callback ran again: no second mail
    messages = smtp_server.wait_for(1)
    assert len(messages) == 1
    msg = messages[0]
    assert msg["To"] == "it@stexample.example.org" and "schoolwatch_ingest.process" in msg["Subject"]
    html = msg.get_body(("html",)).get_content()
    assert "&lt;b&gt;busy&lt;/b&gt;" in html and "<b>busy</b>" not in html
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT idem_key, status FROM notifications").fetchall()
    assert rows == [(failure_key("schoolwatch_ingest", kw["run_id"], "process", -1), "sent")]


def test_failure_mail_still_goes_when_the_database_is_locked(tmp_path: Path, smtp_server: Any) -> None:
    cfg = load_config(write_config(tmp_path / "school", smtp_server.port))
    db = tmp_path / "school" / "data" / "schoolwatch.duckdb"
    db.parent.mkdir(parents=True)
    kw = dict(dag_id="schoolwatch_digest", run_id="r1", task_id="digest", map_index=None, error="boom",
              now=END, env={}, lock_wait=0.3)
    # another process (a long load, say) holds the warehouse: DuckDB refuses every other open
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert send_failure_mail(cfg, db, **kw) == "sent"
        assert send_failure_mail(cfg, db, **kw) == "already_sent"  # keyed by the outbox copy
    finally:
        holder.kill()
        holder.wait()
    assert len(smtp_server.wait_for(1)) == 1
