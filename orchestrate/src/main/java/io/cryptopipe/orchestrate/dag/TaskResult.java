package io.cryptopipe.orchestrate.dag;

/**
 * What one attempt of a task produced.
 *
 * @param summary     one line for the grid, e.g. dbt's "Done. PASS=7 WARN=0 ERROR=0 SKIP=0 TOTAL=7"
 * @param failingNode the node that failed (a model or test name), null on success
 * @param message     why it failed, null on success
 */
public record TaskResult(boolean success, String summary, String failingNode, String message) {
    public static TaskResult ok(String summary) {
        return new TaskResult(true, summary, null, null);
    }

    public static TaskResult failed(String summary, String failingNode, String message) {
        return new TaskResult(false, summary, failingNode, message);
    }
}
