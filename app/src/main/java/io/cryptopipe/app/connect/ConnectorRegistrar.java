package io.cryptopipe.app.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Registers a connector through a Connect worker's REST API, exactly as a user would with curl.
 * {@code PUT /connectors/{name}/config} creates or updates, so registering on every start is idempotent.
 */
public final class ConnectorRegistrar {
    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistrar.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REGISTRATION_PATIENCE = Duration.ofSeconds(60);
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(500);

    private final URI restUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectorRegistrar(URI restUri) {
        this.restUri = restUri;
    }

    public void register(String name, Map<String, String> config) {
        register(name, config, REGISTRATION_PATIENCE);
    }

    /**
     * Retries for up to {@code patience} while the worker answers 409 (it is rebalancing: after a crash it waits for
     * the dead worker's membership to expire) or 500 (a request timed out, or a write to its config topic failed while
     * the broker was still coming back), or does not answer; any other refusal is final.
     */
    public void register(String name, Map<String, String> config, Duration patience) {
        Instant deadline = Instant.now().plus(patience);
        boolean told = false;
        while (true) {
            String refusal;
            try {
                HttpResponse<String> response = send(HttpRequest.newBuilder(restUri.resolve("/connectors/" + name + "/config"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(toJson(config)))
                        .build());
                int status = response.statusCode();
                if (status == 200 || status == 201) {
                    return;
                }
                refusal = "Kafka Connect rejected connector " + name + " (HTTP " + status + "): " + response.body();
                if (status != 409 && status != 500) {
                    throw new IllegalStateException(refusal);
                }
            } catch (UnreachableWorkerException e) {
                refusal = e.getMessage();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(refusal + " (still after " + patience.toSeconds() + " s of retries)");
            }
            if (!told) {
                log.info("Kafka Connect cannot take connector {} yet (the worker is still joining its group): retrying"
                        + " for up to {} s; last answer: {}", name, patience.toSeconds(), firstLine(refusal));
                told = true;
            }
            sleep(RETRY_INTERVAL);
        }
    }

    /** Waits until the connector and all its tasks report RUNNING; fails fast with the worker's trace if one FAILED. */
    public void awaitRunning(String name, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String lastState = "unknown";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(restUri.resolve("/connectors/" + name + "/status"))
                    .timeout(Duration.ofSeconds(10)).GET().build());
            if (response.statusCode() == 200) {
                JsonNode status = readJson(response.body());
                lastState = status.path("connector").path("state").asText();
                JsonNode tasks = status.path("tasks");
                boolean allRunning = "RUNNING".equals(lastState) && tasks.size() > 0;
                for (JsonNode task : tasks) {
                    String state = task.path("state").asText();
                    if ("FAILED".equals(state)) {
                        throw new IllegalStateException("connector " + name + " task " + task.path("id").asText()
                                + " failed: " + firstLine(task.path("trace").asText()));
                    }
                    allRunning &= "RUNNING".equals(state);
                }
                if ("FAILED".equals(lastState)) {
                    throw new IllegalStateException("connector " + name + " failed: "
                            + firstLine(status.path("connector").path("trace").asText()));
                }
                if (allRunning) {
                    return;
                }
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("connector " + name + " not running after " + timeout.toSeconds()
                + " s (last state " + lastState + ")");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UnreachableWorkerException("cannot reach Kafka Connect at " + restUri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka Connect", e);
        }
    }

    /** The worker did not answer (connection refused, or no answer within the request's timeout). */
    private static final class UnreachableWorkerException extends IllegalStateException {
        UnreachableWorkerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String toJson(Map<String, String> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalArgumentException("connector config is not serialisable", e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Kafka Connect answered with invalid JSON: " + body, e);
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka Connect", e);
        }
    }
}
