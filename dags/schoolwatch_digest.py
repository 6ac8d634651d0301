"""schoolwatch_digest: Monday 07:00 Europe/London, compliance checks then the weekly digest.

Both tasks use the ``schoolwatch_db`` pool. The digest is keyed by school and ISO week, so a
retried or re-run Monday sends nothing twice; after downtime the latest week still goes out.
"""

from __future__ import annotations

from typing import Any

import pendulum
from airflow.sdk import CronTriggerTimetable, dag, task

from schoolwatch.airflow_support import POOL, default_args


@dag(
    dag_id="schoolwatch_digest",
    schedule=CronTriggerTimetable("0 7 * * 1", timezone="Europe/London"),
    start_date=pendulum.datetime(2026, 9, 7, tz="Europe/London"),
    catchup=False,  # one digest for the latest week; older weeks are in the compliance views
    max_active_runs=1,
    default_args=default_args(),
    tags=["schoolwatch"],
    doc_md=__doc__,
)
def schoolwatch_digest() -> None:
    @task(pool=POOL)
    def compliance(**context: Any) -> dict[str, Any]:
        """Checks the policies ask for (weekly monitoring per account, overdue takedowns)."""
        from schoolwatch.airflow_support import compliance_task

        return compliance_task(context)

    @task(pool=POOL)
    def digest(**context: Any) -> dict[str, Any]:
        """Render and send the weekly digest e-mail (once per school and ISO week)."""
        from schoolwatch.airflow_support import digest_task

        return digest_task(context)

    compliance() >> digest()


schoolwatch_digest()
