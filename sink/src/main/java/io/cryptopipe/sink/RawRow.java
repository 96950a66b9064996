package io.cryptopipe.sink;

/**
 * One row of the raw table, both columns as UTF-8 JSON text ready for DuckDB's JSON type. Bytes rather than
 * strings because DuckDB's appender takes bytes without re-encoding each value (BENCHMARKS.md, sink).
 *
 * @param topic     the topic written into the metadata, as the record arrived (after any transforms)
 * @param partition the partition written into the metadata
 * @param offset    the offset written into the metadata; with topic and partition it finds the row again
 */
record RawRow(String topic, int partition, long offset, byte[] metadata, byte[] content) {
}
