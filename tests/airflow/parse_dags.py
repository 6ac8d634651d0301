"""Parse each DAG file with a fresh DagBag and describe what it holds (run as a subprocess).

    python tests/airflow/parse_dags.py DAGS_FOLDER OUT.json

Per file: parse seconds, import errors, and for each DAG its schedule, start date, catchup,
tasks (downstream ids, pool, retries, backoff, trigger rule, failure callback); and which
heavy modules were imported by parsing (none should be).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HEAVY = ("duckdb", "pandas", "great_expectations", "tweepy", "praw", "googleapiclient", "atproto", "sklearn")


def main(folder: str, out: str) -> int:
    import airflow.sdk  # noqa: F401
    import pendulum  # noqa: F401 - the DAG processor has these loaded already; time the DAGs only
    from airflow.dag_processing.dagbag import DagBag

    heavy_before = {m for m in HEAVY if m in sys.modules}
    files = {}
    for path in sorted(Path(folder).glob("*.py")):
        started = time.perf_counter()
        bag = DagBag(dag_folder=str(path), known_pools={"default_pool", "schoolwatch_db"})
        seconds = time.perf_counter() - started
        dags = {}
        for dag_id, dag in bag.dags.items():
            dags[dag_id] = {
                "timetable": repr(dag.timetable),
                "start_date": dag.start_date.isoformat() if dag.start_date else None,
                "start_tz": str(dag.start_date.tzinfo) if dag.start_date else None,
                "catchup": dag.catchup,
                "max_active_runs": dag.max_active_runs,
                "tasks": {
                    t.task_id: {
                        "downstream": sorted(t.downstream_task_ids),
                        "pool": t.pool,
                        "retries": t.retries,
                        "backoff": t.retry_exponential_backoff,
                        "max_retry_delay": str(t.max_retry_delay),
                        "trigger_rule": str(t.trigger_rule),
                        "on_failure": [getattr(cb, "__qualname__", repr(cb)) for cb in (
                            t.on_failure_callback if isinstance(t.on_failure_callback, list)
                            else [t.on_failure_callback] if t.on_failure_callback else [])],
                        "mapped": bool(getattr(t, "is_mapped", False)),
                    }
                    for t in dag.tasks
                },
            }
        files[path.name] = {"seconds": seconds, "errors": {k: str(v) for k, v in bag.import_errors.items()}, "dags": dags}
    heavy = sorted({m for m in HEAVY if m in sys.modules} - heavy_before)
    Path(out).write_text(json.dumps({"files": files, "heavy_imports": heavy}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
