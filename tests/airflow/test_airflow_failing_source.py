"""One failing source does not stop the others, and is recorded as a failed monitoring check."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.airflow.conftest import DagRunner, school_env, write_config, x_response

pytestmark = [pytest.mark.airflow, pytest.mark.slow]


def test_failing_source_is_a_failed_check_and_the_others_load(dag_runner: DagRunner, tmp_path: Path) -> None:
    config = write_config(tmp_path / "school", smtp_port=9)  # no mail expected
    result = dag_runner.run(
        "schoolwatch_ingest", "2026-11-21T06:15:00+00:00", env=school_env(config),
        responses=[
            x_response("/users/1234500000/mentions", "mentions.json"),
            x_response("/tweets/search/recent", "unauthorized.json", status=401),
        ],
    )
    assert result["state"] == "success", dag_runner.log_tail()
    assert {k: v["state"] for k, v in result["tasks"].items()} == {
        "plan": "success", "fetch[0]": "success", "fetch[1]": "success", "process": "success",
    }
    fetched = {t["return"]["source_id"]: t["return"] for k, t in result["tasks"].items() if k.startswith("fetch[")}
    assert fetched["x-main"]["status"] == "ok" and fetched["x-main"]["items"] == 3
    assert fetched["x-names"]["status"] == "failed" and fetched["x-names"]["error_kind"] == "fatal"

    with duckdb.connect(str(tmp_path / "school" / "data" / "schoolwatch.duckdb"), read_only=True) as con:
        checks = dict(con.execute("SELECT source_id, status FROM monitoring_checks").fetchall())
        error = con.execute("SELECT error FROM monitoring_checks WHERE source_id = 'x-names'").fetchone()[0]
        posts = con.execute("SELECT count(*) FROM posts WHERE source_id = 'x-main'").fetchone()[0]
        cursors = [r[0] for r in con.execute("SELECT source_id FROM cursors").fetchall()]
    assert checks == {"x-main": "ok", "x-names": "failed"}
    assert "401" in error or "nauthori" in error
    assert posts == 3
    assert cursors == ["x-main"]  # the failed source's cursor did not move


def test_a_failed_task_mails_the_it_contact_once(dag_runner: DagRunner, tmp_path: Path, smtp_server) -> None:
    config = write_config(tmp_path / "school", smtp_port=smtp_server.port)
    # a pseudonymisation key that is too short: retention refuses to run, the task fails
    env = {**school_env(config), "SCHOOLWATCH_PSEUDONYM_KEY": "short"}
    for _ in range(2):  # the same failed run twice: the callback runs twice, one e-mail
        result = dag_runner.run("schoolwatch_retention", "2026-11-22T02:30:00+00:00", env=env)
        assert result["state"] == "failed" and result["tasks"]["retention"]["state"] == "failed"
    messages = [m for m in smtp_server.wait_for(1) if m["To"] == "it@stexample.example.org"]
    assert len(messages) == 1, [m["Subject"] for m in smtp_server.messages]
    assert "schoolwatch_retention.retention" in messages[0]["Subject"]
    assert "SCHOOLWATCH_PSEUDONYM_KEY" in messages[0].get_body(("plain",)).get_content()
