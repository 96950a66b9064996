package io.cryptopipe.app.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** A Kafka Connect worker in a child JVM ({@link ConnectWorkerMain}): it can be stopped cleanly or killed (SIGKILL). */
final class ChildConnectWorker implements AutoCloseable {
    /** Short sessions, so a killed worker's group memberships expire in seconds rather than the default 10-45 s. */
    static final Map<String, String> FAST_FAILOVER = Map.of(
            "session.timeout.ms", "6000",
            "heartbeat.interval.ms", "1000",
            "consumer.session.timeout.ms", "6000",
            "consumer.heartbeat.interval.ms", "1000");

    private final Process process;
    private final Path log;
    private final URI restUri;

    private ChildConnectWorker(Process process, Path log, URI restUri) {
        this.process = process;
        this.log = log;
        this.restUri = restUri;
    }

    /** Starts a worker and waits until its REST API is up. */
    static ChildConnectWorker start(Path workDir, String name, String classpath, String bootstrapServers,
                                    String groupId, Map<String, String> workerProperties) throws IOException {
        Files.createDirectories(workDir);
        Path uriFile = workDir.resolve(name + ".uri");
        Path log = workDir.resolve(name + ".log");
        Files.deleteIfExists(uriFile);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, ConnectWorkerMain.class.getName(),
                bootstrapServers, groupId, uriFile.toString()));
        workerProperties.forEach((key, value) -> command.add(key + "=" + value));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker " + name + " exited with " + process.exitValue() + ":\n" + tail(log));
            }
            return Files.exists(uriFile);
        });
        return new ChildConnectWorker(process, log, URI.create(Files.readString(uriFile).trim()));
    }

    URI restUri() {
        return restUri;
    }

    /** SIGKILL: no shutdown hook, no task stop, no final commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("killed worker did not die");
        }
    }

    /** Stops the worker the way Connect stops: tasks close, offsets are committed, the JVM exits. */
    void stop() throws IOException, InterruptedException {
        process.getOutputStream().write("stop\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("worker did not stop within 60 s:\n" + tail(log));
        }
    }

    /** @return the first log line matching the pattern, waiting for it up to the timeout */
    Matcher awaitLogLine(Pattern pattern, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String line : Files.readAllLines(log)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
