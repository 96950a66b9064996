package io.cryptopipe.bench.soak;

/**
 * One minute of a soak.
 *
 * @param minute        minutes since the pipeline started
 * @param rssMiB        the process's resident memory
 * @param dataDirMiB    bytes under the data directory (broker log, warehouse, artifacts, logs), as up measures them
 * @param warehouseMiB  the DuckDB file and its write-ahead log
 * @param rawRows       rows in the raw table
 * @param dagSeconds    the last finished DAG run's duration, or NaN before the first
 * @param sinkLag       records in the topic not yet in the warehouse
 * @param sinkP99Seconds for the raw rows loaded since the previous sample, the 99th percentile of trade time to load
 *                      (LoadedAt), or NaN when none were
 */
record SoakSample(double minute, long rssMiB, long dataDirMiB, long warehouseMiB, long rawRows, double dagSeconds,
                  long sinkLag, double sinkP99Seconds) {
    static final String CSV_HEADER = "minute,rss_mib,data_dir_mib,warehouse_mib,raw_rows,dag_seconds,sink_lag_records,"
            + "sink_p99_seconds";

    String csv() {
        return String.format(java.util.Locale.ROOT, "%.2f,%d,%d,%d,%d,%.2f,%d,%.3f", minute, rssMiB, dataDirMiB,
                warehouseMiB, rawRows, dagSeconds, sinkLag, sinkP99Seconds);
    }
}
