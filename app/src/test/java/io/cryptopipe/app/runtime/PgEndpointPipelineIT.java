package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A running simulated pipeline serves its gold layer to pgjdbc, and holds every query path to the statement timeout. */
class PgEndpointPipelineIT {
    private static final String RUNAWAY = "select count(*) from range(1000000000000) t(a), range(10) u(b)";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;

    @Test
    void pgjdbcQueriesConsumptionTradesWhileThePipelineRunsAndRunawayQueriesStopAtTheTimeout() throws Exception {
        ServingSettings serving = new ServingSettings(OptionalInt.of(0), 4, TIMEOUT, Optional.empty(), List.of());
        PipelineSettings settings = new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM,
                List.of("BTCUSDT", "ETHUSDT"), URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"),
                "stock_trades", CronSchedule.parse("* * * * *"), Path.of("../warehouse").toAbsolutePath().normalize(),
                new PipelineSettings.SimSettings(0, 200, 11, 2_000)).withServing(serving);
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(settings)) {
            pipeline.start();
            String url = "jdbc:postgresql://127.0.0.1:" + pipeline.pgPort().orElseThrow() + "/streaming_db?user=cryptopipe";
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(url, "select count(*) from consumption_trades") > 0);
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                List<String> views = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[]{"VIEW"})) {
                    while (rs.next()) {
                        views.add(rs.getString("TABLE_NAME"));
                    }
                }
                assertThat(views).contains("consumption_trades", "bronze_data");
                try (ResultSet rs = s.executeQuery("select ticker, sum(total_amount_usd) from STREAMING_DB.PUBLIC.CONSUMPTION_TRADES group by 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getBigDecimal(2)).isPositive();
                }
                long started = System.nanoTime();
                assertThatThrownBy(() -> s.executeQuery(RUNAWAY))
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(10));
            }

            long started = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(pipeline.httpUri().resolve("/api/sql")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"" + RUNAWAY + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(10));
            assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(response.body()).contains("statement timeout");
        }
    }

    private static long count(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
