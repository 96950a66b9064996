package io.cryptopipe.app.http;

import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The attacks of issue 24 against a real pipeline ({@code up --source sim}) bound to a non-loopback address of this
 * machine with {@code CRYPTOPIPE_PASSWORD} set: each is refused and leaves nothing written or run. Without such an
 * address the pipeline binds loopback and the listener scan is skipped, saying why.
 */
class NetworkSurfaceIT {
    private static final String SECRET = "network surface secret";
    private static final String BASIC = Password.basicHeader(ServingSettings.USER, SECRET);
    private static final Optional<InetAddress> LAN_ADDRESS = nonLoopbackAddress();

    @TempDir
    static Path work;

    private static Path dataDir;
    private static Path project;
    private static EmbeddedPipeline pipeline;
    private static URI http;

    @BeforeAll
    static void startPipeline() throws IOException {
        dataDir = work.resolve("data");
        project = copyProject(work.resolve("project"));
        String bind = LAN_ADDRESS.map(InetAddress::getHostAddress).orElse("127.0.0.1");
        pipeline = new EmbeddedPipeline(new PipelineSettings(dataDir, bind, 0, 0, 0, PipelineSettings.Source.SIM,
                List.of("BTCUSDT"), URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"),
                "stock_trades", CronSchedule.parse("0 0 1 1 *"), project, new PipelineSettings.SimSettings(0, 20, 7, 0))
                .withServing(ServingSettings.withoutPgEndpoint().withPassword(SECRET)));
        pipeline.start();
        http = pipeline.httpUri();
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void kafkaConnectAndTheSimulatorDoNotAnswerOnTheBoundAddressOnlyOnLoopback() throws IOException {
        assumeTrue(LAN_ADDRESS.isPresent(), "this machine has no non-loopback IPv4 address to bind to");
        InetAddress lan = LAN_ADDRESS.get();
        List<Integer> internalPorts = List.of(URI.create("kafka://" + pipeline.bootstrapServers()).getPort(),
                pipeline.connectUri().getPort(), pipeline.simulator().orElseThrow().wsBaseUri().getPort());
        for (int port : internalPorts) {
            assertThatThrownBy(() -> connect(lan, port)).as("port " + port + " on " + lan).isInstanceOf(ConnectException.class);
            connect(InetAddress.getLoopbackAddress(), port);
        }
        assertThat(http.getHost()).isEqualTo(lan.getHostAddress());
        assertThat(get("/api/relations", Map.of()).status()).as("the UI's port on " + lan + " without the password").isEqualTo(401);
    }

    @Test
    void withoutThePasswordEveryRouteAnswers401ButHealthAndTheLoginPage() throws IOException {
        for (String path : List.of("/", "/index.html", "/app.js", "/api/pipeline", "/api/runs", "/api/relations",
                "/api/relations/preview?name=stock_trades_raw", "/api/sql?q=select%201", "/api/market/symbols",
                "/api/market/trades?symbol=BTCUSDT", "/metrics", "/health/../api/relations")) {
            RawHttp.Response response = get(path, Map.of());
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.headers()).as(path).containsKey("www-authenticate");
        }
        for (String path : List.of("/api/sql", "/api/dbt", "/api/runs")) {
            assertThat(post(path, "{\"sql\":\"select 1\",\"command\":\"ls\"}", Map.of()).status()).as("POST " + path).isEqualTo(401);
        }
        RawHttp.Response health = get("/health", Map.of());
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).matches("\\{\"status\":\"(UP|DOWN)\"}");
        assertThat(get("/login.html", Map.of()).body()).contains("type=\"password\"");
        assertThat(get("/health", Map.of("Authorization", BASIC)).body()).as("with the password").contains(dataDir.toString());
    }

    @Test
    void aRebindingHostIsRefusedEvenWithThePassword() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "rebound.evil.example:" + http.getPort());
        headers.put("Authorization", BASIC);
        RawHttp.Response response = RawHttp.send(http, "GET", "/api/relations", headers, null);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("rebound.evil.example").doesNotContain("stock_trades_raw");
        assertThat(get("/api/relations", Map.of("Authorization", BASIC)).body()).as("with our own Host").contains("stock_trades_raw");
    }

    @Test
    void aCrossOriginTextPlainDbtPostIsRefusedAndCompilesNothingWhileOurOwnJsonPostDoes() throws IOException {
        Path target = project.resolve("target");
        String compile = "{\"command\":\"compile\"}";
        RawHttp.Response crossSite = post("/api/dbt", compile, Map.of("Content-Type", "text/plain",
                "Origin", "http://evil.example", "Authorization", BASIC));
        RawHttp.Response plain = post("/api/dbt", compile, Map.of("Content-Type", "text/plain", "Authorization", BASIC));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(plain.status()).isEqualTo(415);
        assertThat(target).as("no compile ran").doesNotExist();
        RawHttp.Response own = post("/api/dbt", compile, Map.of("Content-Type", "application/json", "Authorization", BASIC));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(target).as("the same compile from a client of our own").isDirectory();
    }

    @Test
    void aDbtRequestChoosingItsPathsIsRefusedWith400AndWritesNothingThere() throws IOException {
        Path chosenTarget = work.resolve("chosen-target");
        Path otherProject = copyProject(work.resolve("other-project"));
        Map<String, String> json = Map.of("Content-Type", "application/json", "Authorization", BASIC);
        RawHttp.Response targetPath = post("/api/dbt", "{\"command\":\"compile\",\"targetPath\":\"" + chosenTarget + "\"}", json);
        RawHttp.Response projectDir = post("/api/dbt", "{\"command\":\"compile\",\"projectDir\":\"" + otherProject + "\"}", json);
        RawHttp.Response profilesDir = post("/api/dbt", "{\"command\":\"compile\",\"profilesDir\":\"" + otherProject + "\"}", json);
        assertThat(targetPath.status()).isEqualTo(400);
        assertThat(targetPath.body()).contains("targetPath", "--target-path");
        assertThat(projectDir.status()).isEqualTo(400);
        assertThat(projectDir.body()).contains(project.toString(), otherProject.toString());
        assertThat(profilesDir.status()).isEqualTo(400);
        assertThat(chosenTarget).doesNotExist();
        assertThat(otherProject.resolve("target")).doesNotExist();
    }

    @Test
    void theCliSendsCryptopipePasswordFromItsEnvironment() throws Exception {
        CliRun withPassword = cli(SECRET, "sql", "select 41 + 1 as answer");
        assertThat(withPassword.exitCode()).as(withPassword.output()).isZero();
        assertThat(withPassword.output()).contains("answer", "42");
        CliRun ls = cli(SECRET, "dbt", "ls");
        assertThat(ls.exitCode()).as(ls.output()).isZero();
        assertThat(ls.output()).contains("silver_trades");
        CliRun status = cli(SECRET, "status");
        assertThat(status.output()).contains("STAGE", "kafka");
        CliRun without = cli(null, "sql", "select 1");
        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.output().strip()).startsWith("error: ").contains("requires its password", "CRYPTOPIPE_PASSWORD");
        CliRun wrong = cli("not it", "sql", "select 1");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.output()).contains("refused CRYPTOPIPE_PASSWORD");
    }

    private record CliRun(int exitCode, String output) {
    }

    /** {@code ./cryptopipe <args>} as a user runs it from the repository root, next to the running pipeline. */
    private static CliRun cli(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.cryptopipe.app.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString(), "--bind", http.getHost(), "--http-port", String.valueOf(http.getPort())));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("..").toFile()).redirectErrorStream(true);
        builder.environment().remove(ServingSettings.PASSWORD_VARIABLE);
        if (password != null) {
            builder.environment().put(ServingSettings.PASSWORD_VARIABLE, password);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new CliRun(process.exitValue(), output);
    }

    private static RawHttp.Response get(String path, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(RawHttp.ownHost(http));
        all.putAll(headers);
        return RawHttp.send(http, "GET", path, all, null);
    }

    private static RawHttp.Response post(String path, String body, Map<String, String> headers) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(RawHttp.ownHost(http));
        all.putIfAbsent("Content-Type", "application/json");
        all.putAll(headers);
        return RawHttp.send(http, "POST", path, all, body);
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
        }
    }

    /** The project of this repository, as a folder of the test's own (its target/ shows whether anything compiled). */
    private static Path copyProject(Path copy) throws IOException {
        Path source = Path.of("../warehouse").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(file -> !source.relativize(file).toString().startsWith("target")
                    && !source.relativize(file).toString().startsWith("logs")).forEach(file -> {
                try {
                    Files.copy(file, copy.resolve(source.relativize(file).toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return copy;
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    Optional<InetAddress> address = Collections.list(nic.getInetAddresses()).stream()
                            .filter(a -> a instanceof Inet4Address && !a.isLinkLocalAddress()).findFirst();
                    if (address.isPresent()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
