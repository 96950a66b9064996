package io.cryptopipe.transform;

import java.time.Duration;
import java.util.List;

/** Results of {@link DbtEngine#run}, in execution order. */
public record RunResults(List<NodeResult> results, Duration elapsed) {
    public RunResults {
        results = List.copyOf(results);
    }

    /** True when no node errored (skips only happen below an error, so they need no separate check). */
    public boolean success() {
        return failures().isEmpty();
    }

    public List<NodeResult> failures() {
        return results.stream().filter(r -> r.status() == NodeResult.Status.ERROR).toList();
    }

    public long count(NodeResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** dbt's closing line, e.g. {@code Done. PASS=2 WARN=0 ERROR=0 SKIP=0 TOTAL=2}. */
    public String summary() {
        return "Done. PASS=%d WARN=0 ERROR=%d SKIP=%d TOTAL=%d".formatted(
                count(NodeResult.Status.SUCCESS), count(NodeResult.Status.ERROR),
                count(NodeResult.Status.SKIPPED), results.size());
    }
}
