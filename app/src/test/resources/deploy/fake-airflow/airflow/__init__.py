"""A stand-in for Airflow's DAG API in unit tests: records what a DAG file declares, runs nothing."""

_current = []


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False


def current_dag():
    return _current[-1]
