package io.cryptopipe.transform;

import io.cryptopipe.transform.NodeResult.Status;
import java.time.Duration;
import java.util.List;

/**
 * Results of a command that executes nodes ({@code run seed snapshot test build}), in execution order, with the console lines dbt would print.
 */
public record RunResults(List<NodeResult> results, Duration elapsed, List<String> lines) {
    public RunResults {
        results = List.copyOf(results);
        lines = List.copyOf(lines);
    }

    public RunResults(List<NodeResult> results, Duration elapsed) {
        this(results, elapsed, List.of());
    }

    /** True when nothing errored, failed or was skipped (dbt's exit code 0). */
    public boolean success() {
        return results.stream().noneMatch(r -> r.status().failed());
    }

    /** Nodes that errored or whose test failed. */
    public List<NodeResult> failures() {
        return results.stream().filter(r -> r.status() == Status.ERROR || r.status() == Status.FAIL).toList();
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** dbt's closing line, e.g. {@code Done. PASS=2 WARN=0 ERROR=0 SKIP=0 TOTAL=2}; a failed test counts as ERROR. */
    public String summary() {
        return "Done. PASS=%d WARN=%d ERROR=%d SKIP=%d TOTAL=%d".formatted(
                count(Status.SUCCESS) + count(Status.PASS), count(Status.WARN),
                count(Status.ERROR) + count(Status.FAIL), count(Status.SKIPPED), results.size());
    }
}
