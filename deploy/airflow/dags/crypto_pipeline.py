"""The original design's DAG: every minute, dbt snapshot -> run -> test, through the cryptopipe CLI.

One run at a time and no catch-up after downtime: a minute missed is not worth replaying, because every run
builds from everything loaded so far. The tasks call `cryptopipe dbt ...`, which runs the dbt project shipped in
the image (warehouse/) with the built-in engine against the target in CRYPTOPIPE_DBT_TARGET (prod: Snowflake).

Environment (set by deploy/docker-compose.yml; defaults suit an Airflow beside `./cryptopipe up`):
  CRYPTOPIPE_BIN              the CLI (default: cryptopipe on the PATH)
  CRYPTOPIPE_DBT_TARGET       profile target (default: prod)
  CRYPTOPIPE_DBT_TARGET_PATH  where dbt artifacts go (default: the project's target/)
  CRYPTOPIPE_HTTP_PORT        --http-port of the pipeline the CLI may delegate to (default: 8080)
"""

import os
import shlex
from datetime import datetime, timedelta

from airflow import DAG

try:  # Airflow 3 moved the operator into the standard provider; Airflow 2 has it in core.
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:
    from airflow.operators.bash import BashOperator

DAG_ID = "crypto_pipeline"
SCHEDULE = "* * * * *"


def dbt_command(subcommand):
    """The shell command of one dbt step, with every value quoted."""
    args = [os.environ.get("CRYPTOPIPE_BIN", "cryptopipe"), "dbt", subcommand,
            "--target", os.environ.get("CRYPTOPIPE_DBT_TARGET", "prod"),
            "--http-port", os.environ.get("CRYPTOPIPE_HTTP_PORT", "8080")]
    target_path = os.environ.get("CRYPTOPIPE_DBT_TARGET_PATH")
    if target_path:
        args += ["--target-path", target_path]
    return " ".join(shlex.quote(arg) for arg in args)


with DAG(
    dag_id=DAG_ID,
    description="dbt snapshot -> run -> test every minute (cryptopipe)",
    schedule=SCHEDULE,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "cryptopipe",
        "retries": 1,
        "retry_delay": timedelta(seconds=10),
        # A stuck step must not hold the only run slot for longer than a few schedule intervals.
        "execution_timeout": timedelta(minutes=5),
    },
    tags=["cryptopipe", "dbt"],
) as dag:
    snapshot = BashOperator(task_id="dbt_snapshot", bash_command=dbt_command("snapshot"))
    run = BashOperator(task_id="dbt_run", bash_command=dbt_command("run"))
    test = BashOperator(task_id="dbt_test", bash_command=dbt_command("test"))

    snapshot >> run >> test
