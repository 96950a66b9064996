package io.cryptopipe.orchestrate.dag;

/** Airflow's task instance states, as far as this scheduler uses them. */
public enum TaskState {
    QUEUED, RUNNING, UP_FOR_RETRY, SUCCESS, FAILED, UPSTREAM_FAILED;

    public boolean finished() {
        return this == SUCCESS || this == FAILED || this == UPSTREAM_FAILED;
    }
}
