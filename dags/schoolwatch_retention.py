"""schoolwatch_retention: daily retention and purge (text, raw payloads, landing files).

One task in the ``schoolwatch_db`` pool; purging is by age against the clock, so a re-run
day finds nothing more to purge.
"""

from __future__ import annotations

from typing import Any

import pendulum
from airflow.sdk import CronTriggerTimetable, dag, task

from schoolwatch.airflow_support import POOL, default_args


@dag(
    dag_id="schoolwatch_retention",
    schedule=CronTriggerTimetable("30 2 * * *", timezone="Europe/London"),
    start_date=pendulum.datetime(2026, 9, 1, tz="Europe/London"),
    catchup=False,  # retention is by age: one run purges everything due
    max_active_runs=1,
    default_args=default_args(),
    tags=["schoolwatch"],
    doc_md=__doc__,
)
def schoolwatch_retention() -> None:
    @task(pool=POOL)
    def retention() -> dict[str, Any]:
        """Apply the retention periods in the config and record the run in the audit log."""
        from schoolwatch.airflow_support import retention_task

        return retention_task()

    retention()


schoolwatch_retention()
