package io.cryptopipe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.http.Password;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The API of a pipeline started by {@code up}, as seen from another command: found by port, and used only if it
 * serves the same warehouse file, so pipelines side by side on one machine never answer for each other.
 */
final class RunningPipeline {
    private static final Logger log = LoggerFactory.getLogger(RunningPipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A start after a crash takes ~10-20 s on a busy laptop; this leaves room for a slow one. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param password the pipeline's {@code CRYPTOPIPE_PASSWORD}, sent with every request when set */
    private RunningPipeline(URI base, Optional<String> password) {
        this.base = base;
        this.authorization = password.map(secret -> Password.basicHeader(ServingSettings.USER, secret));
    }

    /** @return the pipeline serving {@code warehouse} on that port, or empty when nothing listens there */
    static Optional<RunningPipeline> find(PipelineAddressOptions address, WarehouseFile warehouse) {
        RunningPipeline candidate = new RunningPipeline(URI.create("http://" + address.bindHost() + ":" + address.httpPort()),
                Optional.ofNullable(System.getenv(ServingSettings.PASSWORD_VARIABLE)).filter(p -> !p.isEmpty()));
        Optional<JsonNode> health = candidate.health();
        if (health.isEmpty() && PipelineLockFile.isHeld(address.dataDir())) {
            health = candidate.awaitStartingPipeline(address);
        }
        if (health.isEmpty()) {
            return Optional.empty();
        }
        if (!health.get().has("components")) {
            // Without the password /health tells only UP or DOWN.
            throw new UserError("the pipeline on port " + address.httpPort() + " requires its password: set "
                    + ServingSettings.PASSWORD_VARIABLE + " to the one `up` was started with");
        }
        String served = health.get().path("components").path("warehouse").path("file").asText("");
        if (!served.equals(warehouse.path().toString())) {
            throw new UserError("the pipeline on port " + address.httpPort() + " serves " + served + ", not "
                    + warehouse.path() + ": pass the --http-port of the pipeline that uses your --data-dir");
        }
        return Optional.of(candidate);
    }

    /** GETs a JSON document; a 4xx/5xx answer becomes a one-line error with the server's message. */
    JsonNode get(String path) {
        return exchange(authorized(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** The pipeline serving this --data-dir on --http-port, or a one-line error saying how to start one. */
    static RunningPipeline require(PipelineAddressOptions address) {
        return find(address, WarehouseFile.in(address.dataDir()))
                .orElseThrow(() -> new UserError("no pipeline answers on port " + address.httpPort()
                        + ": start one with ./cryptopipe up, or pass the --http-port it uses", ExitCodes.WORK_FAILED));
    }

    /** POSTs a JSON body; a 4xx/5xx answer becomes a one-line error with the server's message. */
    JsonNode post(String path, Object body) {
        try {
            return exchange(authorized(HttpRequest.newBuilder(base.resolve(path)))
                    .timeout(Duration.ofMinutes(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UserError("cannot encode the request: " + e.getMessage(), ExitCodes.WORK_FAILED);
        }
    }

    private JsonNode exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() == 401) {
                throw new UserError(json.path("error").asText("HTTP 401") + " (" + ServingSettings.PASSWORD_VARIABLE
                        + " of this shell is " + (authorization.isPresent() ? "wrong" : "unset") + ")");
            }
            if (response.statusCode() != 200) {
                throw new UserError(json.path("error").asText("HTTP " + response.statusCode()), ExitCodes.WORK_FAILED);
            }
            return json;
        } catch (IOException e) {
            throw new UserError("the pipeline API at " + base + " failed: " + e.getMessage(), ExitCodes.WORK_FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", ExitCodes.WORK_FAILED);
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    /**
     * An {@code up} holds this data directory but its API does not answer yet: it is starting (its API comes up last),
     * so this waits for the API rather than opening the warehouse file that the pipeline is about to open.
     *
     * @return its health once it answers, or empty if the pipeline went away meanwhile (the file is free then)
     */
    private Optional<JsonNode> awaitStartingPipeline(PipelineAddressOptions address) {
        log.info("A pipeline is starting on --data-dir {}: waiting up to {} s for its API on port {} ...", address.dataDir(),
                START_PATIENCE.toSeconds(), address.httpPort());
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted", ExitCodes.WORK_FAILED);
            }
            Optional<JsonNode> health = health();
            if (health.isPresent() || !PipelineLockFile.isHeld(address.dataDir())) {
                return health;
            }
        }
        throw new UserError("a pipeline holds --data-dir " + address.dataDir() + " but nothing answers on port "
                + address.httpPort() + " after " + START_PATIENCE.toSeconds() + " s: pass the --http-port it uses",
                ExitCodes.WORK_FAILED);
    }

    private Optional<JsonNode> health() {
        try {
            HttpResponse<String> response = http.send(authorized(HttpRequest.newBuilder(base.resolve("/health")))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                throw new UserError("the pipeline on " + base + " refused " + ServingSettings.PASSWORD_VARIABLE
                        + ": set it to the password `up` was started with");
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (ConnectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UserError("something answers on " + base + " but not as a cryptopipe pipeline: pass the --http-port of yours",
                    ExitCodes.USAGE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted", ExitCodes.WORK_FAILED);
        }
    }
}
