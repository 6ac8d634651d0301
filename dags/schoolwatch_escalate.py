"""schoolwatch_escalate: hourly removal checks, SLA escalations and critical alerts not yet sent.

One task in the ``schoolwatch_db`` pool. Every step is keyed (case events and e-mails carry
idempotency keys), so a retried or re-run hour doubles nothing.
"""

from __future__ import annotations

from typing import Any

import pendulum
from airflow.sdk import CronTriggerTimetable, dag, task

from schoolwatch.airflow_support import POOL, default_args


@dag(
    dag_id="schoolwatch_escalate",
    schedule=CronTriggerTimetable("5 * * * *", timezone="Europe/London"),
    start_date=pendulum.datetime(2026, 9, 1, tz="Europe/London"),
    catchup=False,  # escalation works from the state of the cases now
    max_active_runs=1,
    default_args=default_args(),
    tags=["schoolwatch"],
    doc_md=__doc__,
)
def schoolwatch_escalate() -> None:
    @task(pool=POOL)
    def escalate() -> dict[str, Any]:
        """Re-check takedowns, escalate overdue cases, send critical alerts still owed."""
        from schoolwatch.airflow_support import escalate_task

        return escalate_task()

    escalate()


schoolwatch_escalate()
