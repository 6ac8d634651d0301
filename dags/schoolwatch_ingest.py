"""schoolwatch_ingest: fetch every source in parallel, then load, validate, classify, open cases.

plan (reads cursors; pool ``schoolwatch_db``) -> fetch, one mapped task per source (writes
landing files only, never the database; a failing source lands a failed check and leaves
the others alone) -> process (the single writer; pool ``schoolwatch_db``, one slot).

Every ``schedule.ingest_every`` (default 15 minutes). Fetches are cursor-based and keyed by
(source, data interval): after downtime one run picks up everything missed, and re-running
an interval finds its landing files and changes nothing.
"""

from __future__ import annotations

import os
from typing import Any

import pendulum
from airflow.sdk import DeltaTriggerTimetable, dag, task

from schoolwatch.airflow_support import POOL, default_args, ingest_every

EVERY = ingest_every(os.environ)


@dag(
    dag_id="schoolwatch_ingest",
    schedule=DeltaTriggerTimetable(EVERY, interval=EVERY),
    start_date=pendulum.datetime(2026, 9, 1, tz="Europe/London"),
    catchup=False,  # the cursors cover a gap: one run after downtime fetches all of it
    max_active_runs=1,
    default_args=default_args(),
    tags=["schoolwatch"],
    doc_md=__doc__,
)
def schoolwatch_ingest() -> None:
    @task(pool=POOL)
    def plan() -> list[dict[str, Any]]:
        """Each source with its cursor (a short read-only look at the warehouse)."""
        from schoolwatch.airflow_support import plan_task

        return plan_task()

    @task(max_active_tis_per_dagrun=8)
    def fetch(item: dict[str, Any], **context: Any) -> dict[str, Any]:
        """One source into the landing zone; returns its check (ok, partial or failed)."""
        from schoolwatch.airflow_support import fetch_task

        return fetch_task(item, context)

    @task(pool=POOL, pool_slots=1, trigger_rule="all_done")
    def process() -> dict[str, Any]:
        """Load landed files, validate, classify new posts, open cases (the single writer)."""
        from schoolwatch.airflow_support import process_task

        return process_task()

    fetch.expand(item=plan()) >> process()


schoolwatch_ingest()
