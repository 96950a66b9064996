package io.cryptopipe.orchestrate.dag;

import java.time.Instant;

/** One run of a DAG; {@code end} is null while it runs. */
public record DagRun(String runId, String dagId, Trigger trigger, RunState state, Instant start, Instant end) {
    public DagRun finish(RunState finalState, Instant at) {
        return new DagRun(runId, dagId, trigger, finalState, start, at);
    }
}
