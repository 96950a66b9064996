package io.cryptopipe.app.warehouse;

import java.util.List;

/** A query's answer: column names and rows of JSON-friendly values (numbers, strings, booleans, nulls). */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean truncated) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
