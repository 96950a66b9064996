package io.cryptopipe.app.ui;

import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each page of the web UI, rendered by a real headless Chromium against a running {@code up --source sim}, shows live
 * data. Screenshots land in {@code target/screenshots}. Skips, saying why, when Chromium is not installed
 * ({@code .ci/run} installs Debian's chromium).
 */
class WebUiBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Pattern PUBLISHED = Pattern.compile("data-key=\"tradesPublished\">([0-9,.\\s]+)<");

    @TempDir
    static Path dataDir;

    private static EmbeddedPipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM + " (apt-get install chromium, or set CHROMIUM)");
        pipeline = new EmbeddedPipeline(new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM,
                List.of("BTCUSDT", "ETHUSDT", "coinbase:BTC-USD"), URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"),
                "stock_trades", CronSchedule.parse("* * * * *"), Path.of("../warehouse").toAbsolutePath().normalize(),
                new PipelineSettings.SimSettings(0, 200, 11, 0)));
        pipeline.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from cryptopipe_dag_runs where state = 'success'") >= 1
                        && count("select count(*) from stock_trades_raw") > 0);
        // The first run may have started before the first trade landed; a manual run builds the models over data.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(pipeline.httpUri().resolve("/api/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from candles_1m") > 0);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void pipelinePageShowsEveryStageWithCountsThatChange() throws Exception {
        String first = render("pipeline");
        assertThat(first).contains("exchange feed", "kafka", "sink", "warehouse", "scheduler", "STREAMING");
        long before = published(first);
        Thread.sleep(3_000);
        long after = published(render("pipeline"));
        assertThat(after).as("trades published, read from the page twice").isGreaterThan(before);
    }

    @Test
    void runsPageShowsAGridWithASuccessfulRun() throws Exception {
        String dom = render("runs");
        assertThat(dom).contains("<td>seed</td>", "<td>snapshot</td>", "<td>run</td>", "<td>test</td>")
                .contains("class=\"cell success\"").contains("Trigger run");
    }

    @Test
    void dataPageListsTheWarehouseRelationsWithRowCounts() throws Exception {
        String dom = render("data");
        assertThat(dom).contains("stock_trades_raw", "bronze_data", "cryptopipe_dag_runs", "SQL console");
        assertThat(dom).containsPattern("class=\"rows\">[1-9][0-9,.]*<");
    }

    @Test
    void marketPageDrawsCandlesAndTheLatestTrades() throws Exception {
        String dom = render("market");
        assertThat(dom).containsPattern("[1-9][0-9]* one-minute candles from");
        assertThat(dom).contains("<canvas").contains("BTCUSDT");
        assertThat(dom).containsPattern("class=\"(buy|sell)\">(buy|sell)<");
    }

    @Test
    void metricsSayWhetherEachVenuesFeedIsStreaming() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics().contains("cryptopipe_ingest_feed_up{exchange=\"coinbase\"} 1"));
        // The pipeline streams both venues, so Binance has a line of its own too.
        assertThat(metrics()).contains("cryptopipe_ingest_feed_up{exchange=\"binance\"} 1");
    }

    private static String metrics() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(pipeline.httpUri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void marketPageOffersEachExchangeAndItsSymbols() throws Exception {
        String dom = render("market");
        assertThat(dom).contains("<option>binance</option>", "<option>coinbase</option>");
        assertThat(dom).contains("<option value=\"BTCUSDT\">BTCUSDT</option>", "<option value=\"ETHUSDT\">ETHUSDT</option>");
    }

    /** Loads the page in headless Chromium, lets its scripts run, saves a screenshot and returns the rendered DOM. */
    private static String render(String page) throws IOException, InterruptedException {
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        String url = pipeline.httpUri() + "/#" + page;
        run(List.of("--screenshot=" + screenshots.resolve(page + ".png").toAbsolutePath(), "--window-size=1280,900", url), page + "-shot");
        return run(List.of("--dump-dom", url), page + "-dom");
    }

    private static String run(List<String> args, String profile) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--virtual-time-budget=8000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-" + profile)));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static long published(String dom) {
        Matcher matcher = PUBLISHED.matcher(dom);
        assertThat(matcher.find()).as("tradesPublished on the pipeline page").isTrue();
        return Long.parseLong(matcher.group(1).replaceAll("[^0-9]", ""));
    }

    private static long count(String sql) {
        try (Connection connection = WarehouseFile.in(dataDir).open(false);
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
