package io.cryptopipe.orchestrate.dag;

/** The work of one DAG task; an exception counts as a failed attempt, like a non-zero exit in Airflow. */
@FunctionalInterface
public interface PipelineTask {
    TaskResult execute() throws Exception;
}
