package io.cryptopipe.transform;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code dbt run-operation} did: the statements its macro ran through {@code run_query}, in order, and the
 * rows each changed (-1 for statements that return rows instead).
 */
public record OperationResult(String macro, List<String> statements, List<Long> rowsChanged, Duration elapsed) {
    public OperationResult {
        statements = List.copyOf(statements);
        rowsChanged = List.copyOf(rowsChanged);
    }

    /** The rows all its statements changed. */
    public long totalRowsChanged() {
        return rowsChanged.stream().mapToLong(n -> Math.max(n, 0)).sum();
    }
}
