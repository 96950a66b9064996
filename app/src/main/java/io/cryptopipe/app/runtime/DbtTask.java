package io.cryptopipe.app.runtime;

import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.app.dbt.DbtOutcome;
import io.cryptopipe.orchestrate.dag.PipelineTask;
import io.cryptopipe.orchestrate.dag.TaskResult;

import java.util.List;

/** A DAG task that runs one dbt command of the project; its last output line (dbt's summary) goes to the grid. */
final class DbtTask implements PipelineTask {
    private final DbtInvoker invoker;
    private final DbtInvocation invocation;

    DbtTask(DbtInvoker invoker, DbtInvocation invocation) {
        this.invoker = invoker;
        this.invocation = invocation;
    }

    @Override
    public TaskResult execute() {
        DbtOutcome outcome = invoker.invoke(invocation);
        List<String> lines = outcome.lines();
        String summary = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (outcome.success()) {
            return TaskResult.ok(summary);
        }
        // Failure lines read "<STATUS> <node>: <message>"; the first one names what broke.
        String first = lines.stream().filter(l -> l.contains(": ")).findFirst().orElse(summary);
        int space = first.indexOf(' ');
        int colon = first.indexOf(": ");
        String node = space > 0 && colon > space ? first.substring(space + 1, colon) : null;
        String message = colon > 0 ? first.substring(colon + 2) : first;
        return TaskResult.failed(summary, node, message);
    }
}
