package io.cryptopipe.app.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.orchestrate.dag.DagRun;
import io.cryptopipe.orchestrate.dag.JdbcRunHistory;
import io.cryptopipe.orchestrate.dag.RunState;
import io.cryptopipe.orchestrate.dag.TaskRun;
import io.cryptopipe.orchestrate.dag.TaskState;
import io.cryptopipe.orchestrate.dag.Trigger;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
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
    private static final Pattern TRADE_ROW = Pattern.compile("<tr><td>[^<]*</td><td>([0-9]+)</td>");
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A word that starts lower case and has an upper-case letter followed by more letters or digits later: a field
     * name, not a label (units such as kB are not).
     */
    private static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+[A-Z][a-z0-9]+[A-Za-z0-9]*\\b");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PUBLISHED = Pattern.compile("data-key=\"tradesPublished\">([0-9,.\\s]+)<");
    private static final String DAG_ID = "crypto_pipeline";
    private static final String CRASHED_RUN = "scheduled__crashed";
    private static final String CRASH_MESSAGE = "the pipeline stopped during this task";

    @TempDir
    static Path dataDir;

    private static EmbeddedPipeline pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at " + CHROMIUM + " (apt-get install chromium, or set CHROMIUM)");
        leaveARunRunningAsACrashWould();
        pipeline = new EmbeddedPipeline(new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM,
                List.of("BTCUSDT", "ETHUSDT", "coinbase:BTC-USD"), URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"),
                "stock_trades", CronSchedule.parse("* * * * *"), Path.of("../warehouse").toAbsolutePath().normalize(),
                new PipelineSettings.SimSettings(0, 200, 11, 0)).withServing(ServingSettings.withoutPgEndpoint().withPgPort(0)));
        pipeline.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from cryptopipe_dag_runs where state = 'success'") >= 1
                        && count("select count(*) from stock_trades_raw") > 0);
        // The first run may have started before the first trade landed; a manual run builds the models over data.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(pipeline.httpUri().resolve("/api/runs"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count("select count(*) from candles_1m") > 0);
    }

    /** The run a previous process left in its "run" task: the start marks it failed, which is a real error to show. */
    private static void leaveARunRunningAsACrashWould() {
        JdbcRunHistory runs = new JdbcRunHistory(() -> WarehouseFile.in(dataDir).open(false));
        Instant started = Instant.now().minus(Duration.ofMinutes(10));
        runs.save(new DagRun(CRASHED_RUN, DAG_ID, Trigger.SCHEDULED, RunState.RUNNING, started, null));
        runs.save(new TaskRun(CRASHED_RUN, "run", TaskState.RUNNING, 1, started.plusSeconds(1), null, null, null, null));
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
        assertThat(first).contains("exchange feed", "kafka", "sink", "warehouse", "gold", "scheduler", "<span class=\"state ok\">streaming</span>")
                .contains("Frames received", "Trades per second", "Sink lag (records)");
        assertThat(first).as("the gap ledger, empty on a simulator without faults")
                .contains("data-key=\"openGaps\"", "<p id=\"gaps-summary\">0 open gaps, 0 trades to fetch</p>");
        long before = published(first);
        Thread.sleep(3_000);
        long after = published(render("pipeline"));
        assertThat(after).as("trades published, read from the page twice").isGreaterThan(before);
    }

    @Test
    void pipelinePageChartsTheHistoryOfThroughputLagAndFreshnessWithTheirCurrentValues() throws Exception {
        try (DevToolsBrowser browser = new DevToolsBrowser(CHROMIUM)) {
            browser.navigate(pipeline.httpUri() + "/#pipeline");
            for (String series : List.of("framesReceivedPerSecond", "tradesPerSecond", "loadedPerSecond", "sinkLag", "warehouseFreshnessSeconds",
                    "tradeToRawSeconds", "tradeToGoldSeconds", "diskUsedBytes")) {
                browser.awaitTrue("(() => { const card = document.querySelector('.chart-card[data-series=\"" + series + "\"]');"
                        + " return !!card && Number(card.dataset.points) >= 3 && !!card.querySelector('canvas')"
                        + " && card.querySelector('.current').textContent.trim() !== ''; })()", PAGE_TIMEOUT);
            }
            assertThat(browser.evaluate("document.querySelector('.chart-card[data-series=\"sinkLag\"] .chart-title').textContent").asText())
                    .isEqualTo("Sink lag (records)");
            assertThat(browser.evaluate("document.querySelector('.chart-card[data-series=\"tradeToRawSeconds\"] .chart-title').textContent").asText())
                    .isEqualTo("Trade → raw latency (s)");
            assertThat(browser.evaluate("document.querySelector('.chart-card[data-series=\"tradeToGoldSeconds\"] .current').textContent").asText())
                    .as("median and p99 beside the chart").matches("median [0-9.,]+ · p99 [0-9.,]+");
            assertThat(browser.evaluate("document.querySelector('.chart-card[data-series=\"diskUsedBytes\"] .current').textContent").asText())
                    .as("bytes as a size").matches("[0-9.]+ (kB|MB|GB)");
            browser.evaluate("document.querySelector('#history-range button[data-minutes=\"360\"]').click()");
            browser.awaitTrue("document.querySelector('#history-range button.active').textContent === 'Last 6 hours'", PAGE_TIMEOUT);
        }
    }

    @Test
    void historyAnswersEachSeriesAsTimeOrderedEpochMillisecondValuePairsAndNamesABadParameter() throws Exception {
        List<String> names = List.of("tradesPerSecond", "sinkLag", "loadedPerSecond", "openGaps", "dagRunSeconds",
                "tradeToRawSeconds.p50", "tradeToRawSeconds.p99", "tradeToGoldSeconds.p50", "tradeToGoldSeconds.p99", "diskUsedBytes");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(JSON.readTree(get("/api/history?minutes=15").body()).path("series").fieldNames()).toIterable().containsAll(names));
        HttpResponse<String> answer = get("/api/history?minutes=15");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode series = JSON.readTree(answer.body()).path("series");
        for (String name : names) {
            assertThat(series.path(name).size()).as(name + " points").isGreaterThanOrEqualTo(1);
        }
        assertThat(series.path("tradeToRawSeconds.p99").get(0).get(1).asDouble()).as("seconds, not milliseconds").isBetween(0.0, 60.0);
        long now = System.currentTimeMillis();
        JsonNode points = series.path("tradesPerSecond");
        assertThat(points.size()).isGreaterThanOrEqualTo(3);
        long previous = 0;
        for (JsonNode point : points) {
            assertThat(point.size()).isEqualTo(2);
            assertThat(point.get(0).isIntegralNumber()).as("epoch milliseconds as an integer").isTrue();
            assertThat(point.get(0).asLong()).isBetween(now - 15 * 60_000L, now + 60_000L).isGreaterThan(previous);
            assertThat(point.get(1).isNumber()).isTrue();
            previous = point.get(0).asLong();
        }

        HttpResponse<String> bad = get("/api/history?minutes=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("error").asText()).contains("minutes");
    }

    @Test
    void metricsExposeTradeToRawAndTradeToGoldLatencyAsQuantiles() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String metrics = get("/metrics").body();
            assertThat(metrics).containsPattern("(?m)^cryptopipe_raw_latency_seconds\\{quantile=\"0.99\"} [0-9.]+$")
                    .containsPattern("(?m)^cryptopipe_gold_lag_seconds\\{quantile=\"0.99\"} [0-9.]+$");
        });
    }

    @Test
    void noPageShowsACamelCaseIdentifierInItsVisibleText() throws Exception {
        Map<String, String> ready = Map.of(
                "pipeline", "document.querySelectorAll('#stages .stage').length === 7 && document.querySelectorAll('#about dt').length > 0"
                        + " && document.querySelectorAll('#charts .chart-card').length > 0",
                "runs", "document.querySelectorAll('#grid .cell').length > 0",
                "data", "document.querySelectorAll('#relations tr').length > 1",
                "market", "document.querySelectorAll('#trades tr').length > 1");
        try (DevToolsBrowser browser = new DevToolsBrowser(CHROMIUM)) {
            for (String page : List.of("pipeline", "runs", "data", "market")) {
                browser.navigate(pipeline.httpUri() + "/#" + page);
                browser.awaitTrue(ready.get(page), PAGE_TIMEOUT);
                String text = browser.evaluate("document.body.innerText").asText();
                assertThat(CAMEL_CASE.matcher(text).results().map(MatchResult::group).toList()).as("camelCase words on the " + page + " page").isEmpty();
            }
        }
    }

    @Test
    void runsPageShowsAGridWithASuccessfulRunAndTaskDurations() throws Exception {
        String dom = render("runs");
        assertThat(dom).contains("<td>seed</td>", "<td>snapshot</td>", "<td>run</td>", "<td>test</td>")
                .contains("class=\"cell success\"").contains("Trigger run");
        assertThat(dom).as("a task's duration in its cell").containsPattern("class=\"cell success\"[^>]*>[0-9.]+ s<");
        assertThat(dom).as("the failed task's message under the grid, without a click")
                .contains("<b>run</b>: <span class=\"message\">" + CRASH_MESSAGE + "</span>");
    }

    @Test
    void runsPageFiltersByStateShowingOnlyTheFailedRunWhenAskedTo() throws Exception {
        try (DevToolsBrowser browser = new DevToolsBrowser(CHROMIUM)) {
            browser.navigate(pipeline.httpUri() + "/#runs");
            browser.awaitTrue("document.querySelectorAll('#grid .cell.success').length > 0", PAGE_TIMEOUT);
            browser.evaluate("(() => { const f = document.getElementById('run-filter'); f.value = 'failed';"
                    + " f.dispatchEvent(new Event('change')); })()");
            browser.awaitTrue("document.querySelectorAll('#grid .cell.success').length === 0", PAGE_TIMEOUT);
            assertThat(browser.evaluate("Array.from(document.querySelectorAll('#grid th')).map((th) => th.title).join(' ')").asText())
                    .contains(CRASHED_RUN);
            assertThat(browser.evaluate("document.getElementById('failures').innerText").asText()).contains("run: " + CRASH_MESSAGE);
        }
    }

    @Test
    void recentEventsTellOfTheFailedTaskThroughTheApiAndOnThePipelinePage() throws Exception {
        HttpResponse<String> answer = get("/api/events");
        assertThat(answer.statusCode()).isEqualTo(200);
        List<JsonNode> errors = new ArrayList<>();
        JSON.readTree(answer.body()).path("events").forEach(e -> {
            if ("ERROR".equals(e.path("level").asText())) {
                errors.add(e);
            }
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.path("source").asText()).isEqualTo("scheduler");
            assertThat(e.path("message").asText()).isEqualTo("task run failed: " + CRASH_MESSAGE);
            assertThat(Instant.parse(e.path("at").asText())).isAfter(Instant.now().minus(Duration.ofMinutes(9)));
        });
        try (DevToolsBrowser browser = new DevToolsBrowser(CHROMIUM)) {
            browser.navigate(pipeline.httpUri() + "/#pipeline");
            browser.awaitTrue("document.querySelectorAll('#events li.error').length > 0", PAGE_TIMEOUT);
            assertThat(browser.evaluate("document.querySelector('#events li.error').innerText").asText())
                    .contains("error", "scheduler", "task run failed: " + CRASH_MESSAGE);
        }
    }

    @Test
    void dataPageListsTheWarehouseRelationsWithRowCountsAndThePostgresConnectionString() throws Exception {
        String dom = render("data");
        assertThat(dom).contains("stock_trades_raw", "bronze_data", "cryptopipe_dag_runs", "SQL console");
        assertThat(dom).contains("postgresql://cryptopipe@127.0.0.1:" + pipeline.pgPort().orElseThrow() + "/streaming_db");
        assertThat(dom).containsPattern("class=\"rows\">[1-9][0-9,.]*<");
        assertThat(dom).as("columns with their types").contains("<span class=\"column\">trade_id <span class=\"muted\">bigint</span></span>");
    }

    @Test
    void marketPageDrawsCandlesAndTheLatestTrades() throws Exception {
        String dom = render("market");
        assertThat(dom).containsPattern("[1-9][0-9]* one-minute candles from");
        assertThat(dom).contains("<canvas").contains("<option value=\"BTCUSDT\" selected=\"\">BTCUSDT</option>")
                .contains(">binance</option>");
        assertThat(dom).containsPattern("class=\"(buy|sell)\">(buy|sell)<");
    }

    @Test
    void marketPageFollowsTheGoldRefresh() throws Exception {
        long newest = newestTradeId(render("market"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() ->
                newestTradeId(render("market")) > newest);
        assertThat(render("market")).contains("from consumption_trades");
    }

    /** The first trade id in the page's latest trades (newest first). */
    private static long newestTradeId(String dom) {
        Matcher first = TRADE_ROW.matcher(dom);
        assertThat(first.find()).as("a trade row on the market page").isTrue();
        return Long.parseLong(first.group(1));
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
        // Binance's symbols, named as their venue writes them; the selected one carries a selected attribute.
        assertThat(dom).containsPattern("<option value=\"BTCUSDT\"( selected=\"\")?>BTCUSDT</option>")
                .containsPattern("<option value=\"ETHUSDT\"( selected=\"\")?>ETHUSDT</option>");
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

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(pipeline.httpUri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
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
