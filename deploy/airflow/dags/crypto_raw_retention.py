"""Raw retention for production: once a day, delete the raw rows silver has read that were loaded longer ago than
CRYPTOPIPE_RAW_RETENTION_SECONDS (default 7 days), with the dbt project's prune_raw_rows operation
(warehouse/macros/raw_retention.sql; on Snowflake it deletes by load time, never a row silver will still read).
Silver holds every trade typed, so raw's JSON is only needed until silver has it. After pruning, never rebuild
silver from raw (--full-refresh): the rebuild would hold only what raw still has.

Environment: as crypto_pipeline.py (CRYPTOPIPE_BIN, CRYPTOPIPE_DBT_TARGET), plus CRYPTOPIPE_RAW_RETENTION_SECONDS.
"""

import os
import shlex
from datetime import datetime, timedelta

from airflow import DAG

try:  # Airflow 3 moved the operator into the standard provider; Airflow 2 has it in core.
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:
    from airflow.operators.bash import BashOperator

DAG_ID = "crypto_raw_retention"
SCHEDULE = "@daily"


def prune_command():
    """The shell command of the prune, with every value quoted."""
    seconds = int(os.environ.get("CRYPTOPIPE_RAW_RETENTION_SECONDS", str(7 * 24 * 3600)))
    args = [os.environ.get("CRYPTOPIPE_BIN", "cryptopipe"), "dbt", "run-operation", "prune_raw_rows",
            "--args", "{retention_seconds: %d}" % seconds,
            "--target", os.environ.get("CRYPTOPIPE_DBT_TARGET", "prod")]
    return " ".join(shlex.quote(arg) for arg in args)


with DAG(
    dag_id=DAG_ID,
    description="delete raw rows silver has read, older than the retention (cryptopipe)",
    schedule=SCHEDULE,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "cryptopipe", "retries": 1, "retry_delay": timedelta(minutes=5)},
    tags=["cryptopipe", "dbt", "retention"],
) as dag:
    prune = BashOperator(task_id="dbt_prune_raw", bash_command=prune_command())
