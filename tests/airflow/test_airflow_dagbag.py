"""The DagBag: no import errors, fast parsing, nothing heavy imported, expected tasks and edges."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.airflow.conftest import DAGS, ROOT

pytestmark = pytest.mark.airflow

EXPECTED = {
    "schoolwatch_ingest.py": {
        "schoolwatch_ingest": {"plan": ["fetch"], "fetch": ["process"], "process": []},
    },
    "schoolwatch_escalate.py": {"schoolwatch_escalate": {"escalate": []}},
    "schoolwatch_digest.py": {"schoolwatch_digest": {"compliance": ["digest"], "digest": []}},
    "schoolwatch_retention.py": {"schoolwatch_retention": {"retention": []}},
}
DB_TASKS = {("schoolwatch_ingest", "plan"), ("schoolwatch_ingest", "process"), ("schoolwatch_escalate", "escalate"),
            ("schoolwatch_digest", "compliance"), ("schoolwatch_digest", "digest"), ("schoolwatch_retention", "retention")}


@pytest.fixture(scope="module")
def parsed(airflow_home: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("dagbag") / "parsed.json"
    env = {**airflow_home, "SCHOOLWATCH_CONFIG": str(tmp_path_factory.mktemp("nocfg") / "missing.toml")}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "airflow" / "parse_dags.py"), str(DAGS), str(out)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def test_every_dag_file_parses_without_errors(parsed: dict[str, Any]) -> None:
    assert set(parsed["files"]) == set(EXPECTED)
    for name, info in parsed["files"].items():
        assert info["errors"] == {}, name
        assert set(info["dags"]) == set(EXPECTED[name]), f"{name}: one @dag per file"


def test_each_file_parses_well_under_a_second(parsed: dict[str, Any]) -> None:
    times = {name: round(info["seconds"], 3) for name, info in parsed["files"].items()}
    print("DAG file parse seconds:", times)
    assert all(s < 1.0 for s in times.values()), times


def test_parsing_imports_nothing_heavy(parsed: dict[str, Any]) -> None:
    assert parsed["heavy_imports"] == []


def test_tasks_and_edges(parsed: dict[str, Any]) -> None:
    for name, dags in EXPECTED.items():
        for dag_id, edges in dags.items():
            tasks = parsed["files"][name]["dags"][dag_id]["tasks"]
            assert {t: info["downstream"] for t, info in tasks.items()} == edges


def test_pools_retries_callbacks_and_dates(parsed: dict[str, Any]) -> None:
    for info in parsed["files"].values():
        for dag_id, dag in info["dags"].items():
            assert dag["start_date"] and dag["start_tz"] is not None  # static, timezone-aware
            assert dag["catchup"] is False and dag["max_active_runs"] == 1
            for task_id, t in dag["tasks"].items():
                expected_pool = "schoolwatch_db" if (dag_id, task_id) in DB_TASKS else "default_pool"
                assert t["pool"] == expected_pool, (dag_id, task_id)
                assert t["retries"] >= 2 and t["backoff"] >= 2.0, (dag_id, task_id)
                assert t["on_failure"] == ["on_task_failure"], (dag_id, task_id)
    ingest = parsed["files"]["schoolwatch_ingest.py"]["dags"]["schoolwatch_ingest"]
    assert ingest["tasks"]["fetch"]["mapped"] is True
    assert ingest["tasks"]["process"]["trigger_rule"].endswith("ALL_DONE")  # one failed fetch never blocks the load
    assert "timedelta(seconds=900)" in ingest["timetable"]  # 15 minutes when the config says nothing
    digest = parsed["files"]["schoolwatch_digest.py"]["dags"]["schoolwatch_digest"]
    assert "'0 7 * * 1'" in digest["timetable"] and "Europe/London" in digest["timetable"]


def test_ingest_schedule_comes_from_the_config(tmp_path: Path) -> None:
    from schoolwatch.airflow_support import DEFAULT_INGEST_EVERY, ingest_every

    cfg = tmp_path / "schoolwatch.toml"
    cfg.write_text('[schedule]\ningest_every = "30m"\n', encoding="utf-8")
    assert ingest_every({"SCHOOLWATCH_CONFIG": str(cfg)}).total_seconds() == 1800
    cfg.write_text('[schedule]\ningest_every = "soon"\n', encoding="utf-8")
    assert ingest_every({"SCHOOLWATCH_CONFIG": str(cfg)}) == DEFAULT_INGEST_EVERY
    assert ingest_every({}) == DEFAULT_INGEST_EVERY
    assert ingest_every({"SCHOOLWATCH_CONFIG": str(tmp_path / "missing.toml")}) == DEFAULT_INGEST_EVERY
