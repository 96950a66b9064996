package io.cryptopipe.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.runtime.RetentionSettings;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.orchestrate.schedule.CronSchedule;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code up} run for a long time at a steady rate with short retentions: every minute the process's RSS, the data
 * directory's size, the last DAG run's duration and the sink's lag, written as CSV and drawn as a PNG chart. What
 * retention promises is that these stay flat once the first retention period has passed.
 */
public final class SoakBenchmark {
    /** @param chart the PNG to draw; the CSV goes beside it */
    public record Options(Duration duration, double rate, int symbols, Path projectDir, RetentionSettings retention,
                          String warehouseMemory, Duration sampleEvery, Path chart) {
    }

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT",
            "ADAUSDT", "DOGEUSDT", "TRXUSDT", "AVAXUSDT", "LINKUSDT");

    private final Options options;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public SoakBenchmark(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public List<SoakSample> run() throws Exception {
        Path dataDir = ScratchDirectory.create("cryptopipe-bench-soak");
        PipelineSettings settings = new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM,
                SYMBOLS.subList(0, Math.min(options.symbols(), SYMBOLS.size())), URI.create("ws://unused.invalid"),
                URI.create("http://unused.invalid"), "stock_trades", CronSchedule.parse("* * * * *"),
                options.projectDir(), new PipelineSettings.SimSettings(0, options.rate(), 42, 0), Optional.empty(),
                options.warehouseMemory(), IngestConfig.DEFAULT_WS_CONNECTIONS, ServingSettings.withoutPgEndpoint(),
                options.retention(), PipelineSettings.DEFAULT_REFRESH_INTERVAL);
        List<SoakSample> samples = new ArrayList<>();
        Path csv = options.chart().resolveSibling(options.chart().getFileName().toString().replaceAll("\\.png$", "") + ".csv");
        long start = System.nanoTime();
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(settings)) {
            pipeline.start();
            double lastDagSeconds = Double.NaN;
            long lastSampledRow = -1;
            long end = start + options.duration().toNanos();
            long next = start + options.sampleEvery().toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                next += options.sampleEvery().toNanos();
                JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(pipeline.httpUri().resolve("/api/pipeline"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                JsonNode sink = stage(status, "sink");
                JsonNode disk = stage(status, "disk").path("detail");
                JsonNode lastRun = stage(status, "scheduler").path("detail").path("lastRunSeconds");
                if (lastRun.isNumber()) {
                    lastDagSeconds = lastRun.asDouble();
                }
                long rawRows;
                double sinkP99;
                try (Connection c = pipeline.warehouse().open(false); Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("select count(*), max(rowid) from stock_trades_raw")) {
                        rs.next();
                        rawRows = rs.getLong(1);
                        long lastRow = rs.getLong(2);
                        sinkP99 = sinkP99Seconds(s, lastSampledRow);
                        lastSampledRow = lastRow;
                    }
                }
                SoakSample sample = new SoakSample((System.nanoTime() - start) / 60e9, rssBytes() >> 20,
                        disk.path("dataDirBytes").asLong() >> 20, disk.path("warehouseBytes").asLong() >> 20, rawRows,
                        lastDagSeconds, sink.path("lag").asLong(), sinkP99);
                samples.add(sample);
                progress.accept(String.format(Locale.ROOT, "%5.1f min: RSS %,d MiB, data dir %,d MiB (warehouse %,d MiB),"
                                + " raw rows %,d, last DAG run %.1f s, sink lag %,d records, trade to raw p99 %.2f s",
                        sample.minute(), sample.rssMiB(), sample.dataDirMiB(), sample.warehouseMiB(), sample.rawRows(),
                        sample.dagSeconds(), sample.sinkLag(), sample.sinkP99Seconds()));
                write(samples, csv);
            }
        }
        return samples;
    }

    /** Trade time to LoadedAt at the 99th percentile over the raw rows after {@code afterRow}; NaN if there are none. */
    private static double sinkP99Seconds(Statement s, long afterRow) throws SQLException {
        try (ResultSet rs = s.executeQuery("select quantile_disc(cast(RECORD_METADATA->>'LoadedAt' as bigint) * 1000"
                + " - cast(RECORD_CONTENT->>'trade_time_us' as bigint), 0.99) / 1e6 from stock_trades_raw where rowid > "
                + afterRow)) {
            rs.next();
            double p99 = rs.getDouble(1);
            return rs.wasNull() ? Double.NaN : p99;
        }
    }

    /** Writes the CSV and the chart so far, so a soak cut short still leaves its picture. */
    private void write(List<SoakSample> samples, Path csv) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(SoakSample.CSV_HEADER);
        samples.forEach(s -> lines.add(s.csv()));
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.write(csv, lines);
        SoakChart.write(samples, String.format(Locale.ROOT, "soak: %,.0f trades/s, raw retention %s, Kafka retention %s,"
                        + " %.0f min", options.rate(), text(options.retention().raw()), text(options.retention().kafka()),
                samples.get(samples.size() - 1).minute()), options.chart());
    }

    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static JsonNode stage(JsonNode status, String name) {
        for (JsonNode stage : status.path("stages")) {
            if (name.equals(stage.path("name").asText())) {
                return stage;
            }
        }
        return json().missingNode();
    }

    private static ObjectMapper json() {
        return new ObjectMapper();
    }

    private static long rssBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return 0;
    }
}
