package io.cryptopipe.sink;

/**
 * One row of the raw table, both columns as UTF-8 JSON text ready for DuckDB's JSON type. Bytes rather than
 * strings because DuckDB's appender takes bytes without re-encoding each value (BENCHMARKS.md, sink).
 */
record RawRow(byte[] metadata, byte[] content) {
}
