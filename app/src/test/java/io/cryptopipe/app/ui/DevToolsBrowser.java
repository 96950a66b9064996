package io.cryptopipe.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol, for what {@code --dump-dom} cannot do: type, click and keep
 * cookies between pages. One tab; scripts run in the page as its own scripts would.
 */
final class DevToolsBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    DevToolsBrowser(Path chromium) throws IOException, InterruptedException {
        process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
                "--user-data-dir=" + Files.createTempDirectory("chromium-devtools"), "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        URI browser = devToolsUri(process);
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://" + browser.getAuthority() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText())) {
                page = target.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            throw new IllegalStateException("Chromium opened no page: " + targets);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Replies()).join();
        command("Page.enable", JSON.createObjectNode());
    }

    void navigate(String url) {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        command("Page.navigate", params);
    }

    /** Runs {@code source} in every document this tab loads from now on, before the document's own scripts. */
    void beforeEveryDocument(String source) {
        command("Page.addScriptToEvaluateOnNewDocument", JSON.createObjectNode().put("source", source));
    }

    /** The value of a script expression in the page; a promise is awaited. */
    JsonNode evaluate(String expression) {
        JsonNode reply = command("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true));
        if (reply.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + reply.path("exceptionDetails"));
        }
        return reply.path("result").path("value");
    }

    /** Waits until a script expression is true in the page (pages load and scripts run in their own time). */
    void awaitTrue(String expression, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (evaluate(expression).asBoolean()) {
                    return;
                }
            } catch (IllegalStateException navigating) {
                // The page may be between documents; ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout.toSeconds() + " s: " + expression + " (page "
                        + evaluate("location.href").asText() + ")");
            }
            Thread.sleep(200);
        }
    }

    private JsonNode command(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode answer = reply.get(60, TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.path("error"));
            }
            return answer.path("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer: " + e.getMessage(), e);
        }
    }

    private static URI devToolsUri(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                // Keep draining Chromium's log so it never blocks on a full pipe.
                Thread drain = new Thread(() -> err.lines().forEach(ignored -> { }), "chromium-log");
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        throw new IllegalStateException("Chromium exited before opening DevTools");
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private final class Replies implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> reply = message.has("id") ? pending.remove(message.path("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    // Not a reply of ours.
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
