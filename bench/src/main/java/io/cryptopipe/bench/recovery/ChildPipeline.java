package io.cryptopipe.bench.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./cryptopipe up --source sim} in a child JVM, as a user runs it (same main class, same heap), so that it can
 * be stopped with Ctrl-C's signal or killed with SIGKILL. Its terminal lines are kept with the time since the spawn.
 */
final class ChildPipeline {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** Where the pipeline listens; the same on every start, as a user's command line. */
    record Ports(int http, int kafka, int connect) {
    }

    /** Seconds from the spawn to the first raw row the process loaded, and to the first one it also ingested. */
    record FirstRows(double anySeconds, double freshSeconds) {
    }

    private final Process process;
    private final long spawnedAtMillis;
    private final long spawnedAtNanos;
    private final List<String> lines = new ArrayList<>();
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildPipeline(Process process, long spawnedAtMillis, long spawnedAtNanos, URI api) {
        this.process = process;
        this.spawnedAtMillis = spawnedAtMillis;
        this.spawnedAtNanos = spawnedAtNanos;
        this.api = api;
        Thread reader = new Thread(this::readLines, "child-pipeline-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildPipeline start(Path dataDir, Ports ports, double rate, Path projectDir) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "up", "--source", "sim",
                "--data-dir", dataDir.toString(), "--project-dir", projectDir.toString(),
                "--http-port", Integer.toString(ports.http()), "--kafka-port", Integer.toString(ports.kafka()),
                "--connect-port", Integer.toString(ports.connect()), "--sim-rate", Double.toString(rate));
        long millis = System.currentTimeMillis();
        long nanos = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ChildPipeline(process, millis, nanos, URI.create("http://127.0.0.1:" + ports.http()));
    }

    /** Waits until this process has loaded a raw row, and one that it ingested itself (a trade fresh from the exchange). */
    FirstRows awaitFirstRows() throws Exception {
        String sql = String.format(Locale.ROOT, "select min(loaded) - %1$d, min(loaded) filter (where ingested >= %1$d) - %1$d"
                + " from (select cast(RECORD_METADATA->>'LoadedAt' as bigint) loaded,"
                + " cast(RECORD_CONTENT->>'ingest_time_us' as bigint) // 1000 ingested from stock_trades_raw)"
                + " where loaded >= %1$d", spawnedAtMillis);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            JsonNode row = query(sql);
            if (row != null && row.path(1).isNumber()) {
                return new FirstRows(row.get(0).asLong() / 1000.0, row.get(1).asLong() / 1000.0);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no new raw row within " + PATIENCE.toSeconds() + " s:\n" + String.join("\n", lines()));
    }

    /** SIGTERM, as Ctrl-C: the pipeline drains and stops cleanly. */
    void stopCleanly() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the pipeline did not stop within 2 minutes");
        }
    }

    /** SIGKILL: no shutdown hook, nothing drained, the broker's log and the warehouse's WAL left as they are. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** @return the terminal's lines so far, each prefixed with the seconds since the spawn */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private JsonNode query(String sql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/api/sql")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql)))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            return JSON.readTree(response.body()).path("rows").path(0);
        } catch (ConnectException e) {
            return null;
        }
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the pipeline exited with " + process.exitValue() + ":\n" + String.join("\n", lines()));
        }
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                double seconds = (System.nanoTime() - spawnedAtNanos) / 1e9;
                synchronized (this) {
                    lines.add(String.format(Locale.ROOT, "%+6.1f s  %s", seconds, line));
                }
            }
        } catch (IOException e) {
            // the process is gone; its output ends here
        }
    }
}
