package io.cryptopipe.app.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI restUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ConnectorRegistrar(URI restUri) {
        this.restUri = restUri;
    }

    public void register(String name, Map<String, String> config) {
        HttpRequest request = HttpRequest.newBuilder(restUri.resolve("/connectors/" + name + "/config"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(config)))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("Kafka Connect rejected connector " + name + " (HTTP "
                    + response.statusCode() + "): " + response.body());
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
            throw new IllegalStateException("cannot reach Kafka Connect at " + restUri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to Kafka Connect", e);
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
