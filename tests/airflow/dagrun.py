"""Run DAGs with ``dag.test()`` in one long-lived process, behind a fake HTTP layer.

The Airflow tests start this once per session (Airflow reads AIRFLOW_HOME and its settings
at import, and its in-process execution API takes seconds to start, so one interpreter
serves every run)::

    python tests/airflow/dagrun.py LOGFILE

It reads one scenario file path per line on stdin and answers ``@@done@@ <path>`` on its
original stdout once the result is written to ``scenario["out"]``; Airflow's own logging
goes to LOGFILE. A scenario names the DAG file and id, the logical date, extra environment
(the config Variable, connections) and the HTTP responses the platform APIs give
(``responses`` intercepts ``requests``, which tweepy uses). The result holds the run's
state and each task instance's state and return value.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

import responses


def run(scenario: dict[str, Any]) -> dict[str, Any]:
    from airflow.dag_processing.dagbag import DagBag
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    os.environ.update(scenario.get("env", {}))
    bag = DagBag(dag_folder=scenario["dag_file"])
    if bag.import_errors:
        return {"state": "import_error", "errors": {k: str(v) for k, v in bag.import_errors.items()}}
    dag = bag.dags[scenario["dag_id"]]
    for t in dag.tasks:  # dag.test() would wait out the retry delays of a failing task
        t.retries = 0
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        for r in scenario.get("responses", []):
            body = Path(r["file"]).read_text(encoding="utf-8") if r.get("file") else r.get("body", "")
            mock.add(r.get("method", "GET"), r["url"], body=body, status=r.get("status", 200),
                     content_type="application/json")
        logical = datetime.fromisoformat(scenario["logical_date"])
        dr = dag.test(logical_date=logical, run_after=logical)
        calls = [f"{c.request.method} {c.request.url}" for c in mock.calls]
    tasks = {}
    with create_session() as session:
        for ti in dr.get_task_instances(session=session):
            key = ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.map_index}]"
            query = XComModel.get_many(
                run_id=dr.run_id, dag_ids=dr.dag_id, task_ids=ti.task_id, map_indexes=ti.map_index, key="return_value"
            )
            row = session.scalars(query).first()
            value = XComModel.deserialize_value(row) if row is not None else None
            tasks[key] = {"state": str(ti.state), "return": value}
    return {"state": str(dr.state), "run_id": dr.run_id, "tasks": tasks, "http_calls": calls}


def main(logfile: str) -> int:
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    log = os.open(logfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    import airflow.sdk  # noqa: F401 - pay the import before the first request

    channel.write("@@ready@@\n")
    for line in sys.stdin:
        path = line.strip()
        if not path:
            continue
        scenario = json.loads(Path(path).read_text(encoding="utf-8"))
        saved = dict(os.environ)
        try:
            out = run(scenario)
        except Exception:
            out = {"state": "runner_error", "traceback": traceback.format_exc()}
        finally:  # one scenario's environment never leaks into the next
            os.environ.clear()
            os.environ.update(saved)
        Path(scenario["out"]).write_text(json.dumps(out, default=str, indent=1), encoding="utf-8")
        channel.write(f"@@done@@ {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
