"""Stand-in BashOperator: remembers its command and its downstream tasks."""

import airflow


class BashOperator:
    def __init__(self, task_id, bash_command, **kwargs):
        self.task_id = task_id
        self.bash_command = bash_command
        self.kwargs = kwargs
        self.downstream = []
        airflow.current_dag().tasks.append(self)

    def __rshift__(self, other):
        self.downstream.append(other.task_id)
        return other
