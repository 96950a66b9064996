package io.cryptopipe.app.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./cryptopipe up --source sim} in a child JVM (the real main class and command line), so that a test can kill it
 * with SIGKILL at any moment or stop it the way Ctrl-C does. Its terminal goes to a file next to the data directory.
 */
final class ChildUp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the pipeline listens: the same on every start, as a user's command line. */
    record Ports(int http, int kafka, int connect) {
    }

    private final Process process;
    private final long spawnedAtMillis;
    private final Path terminal;
    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildUp(Process process, long spawnedAtMillis, Path terminal, URI api) {
        this.process = process;
        this.spawnedAtMillis = spawnedAtMillis;
        this.terminal = terminal;
        this.api = api;
    }

    static ChildUp start(Path dataDir, Ports ports, Path terminal) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "up", "--source", "sim", "--data-dir", dataDir.toString(),
                "--project-dir", Path.of("..", "warehouse").toAbsolutePath().normalize().toString(),
                "--http-port", Integer.toString(ports.http()), "--kafka-port", Integer.toString(ports.kafka()),
                "--connect-port", Integer.toString(ports.connect()), "--sim-rate", "50");
        long spawnedAt = System.currentTimeMillis();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(terminal.toFile()).start();
        return new ChildUp(process, spawnedAt, terminal, URI.create("http://127.0.0.1:" + ports.http()));
    }

    /** @return how many raw rows this process has loaded so far, or empty while its API is not up yet */
    Optional<Long> rowsLoadedSinceStart() {
        requireAlive();
        return query("select count(*) from stock_trades_raw where cast(RECORD_METADATA->>'LoadedAt' as bigint) >= "
                + spawnedAtMillis).map(rows -> rows.path(0).path(0).asLong());
    }

    /** @return whether a DAG run is in progress, or empty while the API is not up yet */
    Optional<Boolean> dagRunInProgress() {
        requireAlive();
        return get("/api/runs?limit=1").map(runs -> "RUNNING".equals(runs.path("runs").path(0).path("run").path("state").asText()));
    }

    double secondsSinceStart() {
        return (System.currentTimeMillis() - spawnedAtMillis) / 1000.0;
    }

    void triggerDagRun() throws Exception {
        http.send(HttpRequest.newBuilder(api.resolve("/api/runs")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, nothing drained or committed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the killed pipeline did not die");
        }
    }

    /** SIGTERM, as Ctrl-C: ingest drains, the sink catches up, everything stops in order. */
    void stopCleanly() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the pipeline did not stop within 2 minutes:\n" + tail());
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(terminal);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the pipeline exited with " + process.exitValue() + ":\n" + tail());
        }
    }

    private Optional<JsonNode> query(String sql) {
        try {
            return send(HttpRequest.newBuilder(api.resolve("/api/sql")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("sql", sql)))))
                    .map(body -> body.path("rows"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<JsonNode> get(String path) {
        return send(HttpRequest.newBuilder(api.resolve(path)).GET());
    }

    private Optional<JsonNode> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (ConnectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
