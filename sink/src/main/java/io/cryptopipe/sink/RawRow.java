package io.cryptopipe.sink;

/** One row of the raw table, both columns as JSON text ready for DuckDB's JSON type. */
record RawRow(String metadata, String content) {
}
