"""Loads a DAG file against the stand-in Airflow and prints what it declares as JSON."""

import importlib.util
import json
import sys

import airflow

spec = importlib.util.spec_from_file_location("dag_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
dag = module.dag
print(json.dumps({
    "dag_id": dag.dag_id,
    "schedule": dag.kwargs.get("schedule"),
    "catchup": dag.kwargs.get("catchup"),
    "max_active_runs": dag.kwargs.get("max_active_runs"),
    "tasks": [{"task_id": t.task_id, "bash_command": t.bash_command, "downstream": t.downstream} for t in dag.tasks],
}))
