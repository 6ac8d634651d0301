"""End to end through Airflow: dag.test() on a throwaway SQLite AIRFLOW_HOME, the real X
connector (tweepy) against `responses`, a temporary DuckDB, and a real SMTP server.

One school's warehouse is shared by the tests of this module, in order: ingest, ingest
the same interval again, escalate, digest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.airflow.conftest import DagRunner, school_env, write_config, x_response
from tests.conftest import SmtpServer, free_port

pytestmark = [pytest.mark.airflow, pytest.mark.slow]

INTERVAL = "2026-11-21T06:00:00+00:00"
ABUSE_TWEET = "1910000000000000002"
TABLES = ("posts", "raw_items", "flags", "cases", "case_events", "monitoring_checks", "landing_files",
          "cursors", "quarantine", "notifications", "evidence")


@dataclass
class School:
    folder: Path
    config: Path
    db: Path
    env: dict[str, str]
    smtp: SmtpServer

    def counts(self) -> dict[str, int]:
        with duckdb.connect(str(self.db), read_only=True) as con:
            return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with duckdb.connect(str(self.db), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def smtp() -> Iterator[SmtpServer]:
    from aiosmtpd.controller import Controller

    server = SmtpServer("127.0.0.1", free_port())

    class Handler:
        async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 - aiosmtpd's hook name
            server.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
            return "250 OK"

    controller = Controller(Handler(), hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory, smtp: SmtpServer) -> School:
    folder = tmp_path_factory.mktemp("school")
    config = write_config(folder, smtp.port)
    return School(folder, config, folder / "data" / "schoolwatch.duckdb", school_env(config), smtp)


def ingest_responses(search: str = "empty.json", search_status: int = 200) -> list[dict[str, Any]]:
    return [
        x_response("/users/1234500000/mentions", "mentions.json"),
        x_response("/tweets/search/recent", search, status=search_status),
    ]


def states(result: dict[str, Any]) -> dict[str, str]:
    return {k: v["state"] for k, v in result["tasks"].items()}


def test_ingest_lands_loads_and_opens_cases(dag_runner: DagRunner, school: School) -> None:
    result = dag_runner.run("schoolwatch_ingest", INTERVAL, env=school.env, responses=ingest_responses())
    assert result["state"] == "success", dag_runner.log_tail()
    assert set(states(result).values()) == {"success"}
    fetched = sorted((t["return"] for k, t in result["tasks"].items() if k.startswith("fetch[")), key=lambda r: r["source_id"])
    assert [(f["source_id"], f["status"], f["items"], f["reused"]) for f in fetched] == [
        ("x-main", "ok", 3, False),
        ("x-names", "ok", 0, False),
    ]
    # both sources' landing files are keyed by (source, interval)
    assert all(f["run_id"].startswith("20261121T060000Z-af-") for f in fetched)
    assert (school.folder / "data" / "landing" / "x" / "x-main" / f"{fetched[0]['run_id']}.jsonl.gz").exists()
    process = result["tasks"]["process"]["return"]
    assert process["load"]["posts_new"] == 3 and process["cases"]["opened"] == 2
    # the bearer token from the Airflow connection reached the X API
    assert any("/users/1234500000/mentions" in c for c in result["http_calls"])

    counts = school.counts()
    assert counts["posts"] == 3 and counts["cases"] == 2
    assert school.query("SELECT source_id, status FROM monitoring_checks ORDER BY source_id") == [
        ("x-main", "ok"), ("x-names", "ok"),
    ]
    cases = dict(school.query("SELECT p.native_id, c.category FROM cases c JOIN posts p USING (post_id)"))
    assert cases == {ABUSE_TWEET: "abuse", "1910000000000000003": "threat"}


def test_same_interval_again_changes_nothing(dag_runner: DagRunner, school: School) -> None:
    before = school.counts()
    assert before["posts"] == 3, "runs after test_ingest_lands_loads_and_opens_cases"
    landing_before = sorted(p.name for p in (school.folder / "data" / "landing").rglob("*") if p.is_file())
    result = dag_runner.run("schoolwatch_ingest", INTERVAL, env=school.env, responses=ingest_responses())
    assert result["state"] == "success", dag_runner.log_tail()
    fetched = [t["return"] for k, t in result["tasks"].items() if k.startswith("fetch[")]
    assert fetched and all(f["reused"] for f in fetched)
    assert result["http_calls"] == []  # the interval was done: no API call at all
    assert school.counts() == before
    assert sorted(p.name for p in (school.folder / "data" / "landing").rglob("*") if p.is_file()) == landing_before


def test_next_interval_reads_from_the_cursor(dag_runner: DagRunner, school: School) -> None:
    before = school.counts()
    quiet = [x_response("/users/1234500000/mentions", "empty.json"), x_response("/tweets/search/recent", "empty.json")]
    result = dag_runner.run("schoolwatch_ingest", "2026-11-21T06:15:00+00:00", env=school.env, responses=quiet)
    assert result["state"] == "success", dag_runner.log_tail()
    mentions = [c for c in result["http_calls"] if "/mentions" in c]
    assert mentions and all("since_id=1910000000000000003" in c for c in mentions)  # nothing read twice
    after = school.counts()
    assert after["monitoring_checks"] == before["monitoring_checks"] + 2  # one check per source per interval
    assert {k: v for k, v in after.items() if k not in ("monitoring_checks", "landing_files")} == {
        k: v for k, v in before.items() if k not in ("monitoring_checks", "landing_files")}


def test_escalate_verifies_a_removal(dag_runner: DagRunner, school: School) -> None:
    from alerts.cases import append_event
    from warehouse.db import connect, transaction

    (case_id,) = school.query(
        "SELECT c.case_id FROM cases c JOIN posts p USING (post_id) WHERE p.native_id = ?", [ABUSE_TWEET]
    )[0]
    with connect(school.db) as con, transaction(con):
        append_event(con, case_id, "takedown_requested", actor="esafety", now=datetime(2026, 11, 21, 6, 10, tzinfo=UTC),
                     data={"route": "reported_platform"}, reason="abusive reply about staff")
    result = dag_runner.run(
        "schoolwatch_escalate", "2026-11-21T07:05:00+00:00", env=school.env,
        responses=[x_response(f"/tweets/{ABUSE_TWEET}", "tweet_deleted.json")],
    )
    assert result["state"] == "success", dag_runner.log_tail()
    assert any(f"/tweets/{ABUSE_TWEET}" in c for c in result["http_calls"])
    kinds = [k for (k,) in school.query("SELECT kind FROM case_events WHERE case_id = ? ORDER BY event_id", [case_id])]
    assert kinds[-1] == "removal_verified"
    assert school.query("SELECT removed_at IS NOT NULL FROM posts WHERE native_id = ?", [ABUSE_TWEET]) == [(True,)]

    again = dag_runner.run("schoolwatch_escalate", "2026-11-21T07:05:00+00:00", env=school.env,
                           responses=[x_response(f"/tweets/{ABUSE_TWEET}", "tweet_deleted.json")])
    assert again["state"] == "success"
    assert [k for (k,) in school.query("SELECT kind FROM case_events WHERE case_id = ?", [case_id])].count("removal_verified") == 1


def test_digest_sends_one_email(dag_runner: DagRunner, school: School) -> None:
    school.smtp.messages.clear()
    result = dag_runner.run("schoolwatch_digest", "2026-11-23T07:00:00+00:00", env=school.env)
    assert result["state"] == "success", dag_runner.log_tail()
    digests = [m for m in school.smtp.wait_for(1) if "governors@stexample.example.org" in str(m["To"])]
    assert len(digests) == 1
    again = dag_runner.run("schoolwatch_digest", "2026-11-23T07:00:00+00:00", env=school.env)
    assert again["state"] == "success"
    assert len([m for m in school.smtp.messages if "governors@stexample.example.org" in str(m["To"])]) == 1


def test_retention_runs_and_is_recorded(dag_runner: DagRunner, school: School) -> None:
    before = school.query("SELECT count(*) FROM audit_log")[0][0]
    result = dag_runner.run("schoolwatch_retention", "2026-11-22T02:30:00+00:00", env=school.env)
    assert result["state"] == "success", dag_runner.log_tail()
    assert isinstance(result["tasks"]["retention"]["return"], dict)
    assert school.query("SELECT count(*) FROM audit_log")[0][0] > before
    assert school.counts()["posts"] == 3  # nothing here is old enough to purge
