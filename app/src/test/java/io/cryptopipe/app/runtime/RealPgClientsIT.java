package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * The SQL clients users bring, from Debian and npm, against a running simulated pipeline with a password (so over
 * SCRAM-SHA-256): psql's meta-commands and Ctrl-C, psycopg2 with pandas.read_sql, SQLAlchemy's inspector, and
 * node-postgres. Each client's script lives in test resources {@code pg-clients/}; a client that is not installed is
 * skipped with the command that installs it ({@code .ci/run} installs them all).
 */
class RealPgClientsIT {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path NODE_MODULES = Path.of("target/node-clients/node_modules").toAbsolutePath();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path workDir;
    private static EmbeddedPipeline pipeline;

    @BeforeAll
    static void startPipeline() {
        ServingSettings serving = new ServingSettings(OptionalInt.of(0), 8, Duration.ofSeconds(60), Optional.of(PASSWORD), List.of());
        pipeline = new EmbeddedPipeline(new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM,
                List.of("BTCUSDT", "ETHUSDT"), URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"),
                "stock_trades", CronSchedule.parse("* * * * *"), Path.of("../warehouse").toAbsolutePath().normalize(),
                new PipelineSettings.SimSettings(0, 200, 5, 2_000)).withServing(serving));
        pipeline.start();
        String url = "jdbc:postgresql://127.0.0.1:" + pipeline.pgPort().orElseThrow() + "/streaming_db?user=cryptopipe&password=" + PASSWORD;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> goldRows(url) > 0);
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void psqlBrowsesTheCatalogQueriesGoldAndCancelsWithCtrlC() throws Exception {
        assumeTrue(onPath("psql"), "psql not installed (apt-get install postgresql-client)");
        String output = run(List.of("bash", script("psql.sh")));
        assertThat(output).contains("List of databases", "streaming_db", "public", "fact_trades", "consumption_trades",
                "numeric(38,8)", "BTCUSDT", "canceling statement due to user request", "--- done");
    }

    @Test
    void psycopg2WithPandasAndSqlAlchemysInspectorReadTheWarehouse() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && exitCode(List.of(PYTHON.toString(), "-c", "import psycopg2, pandas, sqlalchemy")) == 0,
                "psycopg2, pandas or SQLAlchemy missing (apt-get install python3-psycopg2 python3-pandas python3-sqlalchemy)");
        String output = run(List.of(PYTHON.toString(), script("python_clients.py")));
        assertThat(output).contains("pandas rows 100", "psycopg2 write refused 25006", "sqlalchemy views ['", "consumption_trades",
                "total_amount_usd:NUMERIC(38, ", "done");
    }

    @Test
    void nodePostgresRunsSimpleAndParameterisedQueries() throws Exception {
        assumeTrue(onPath("node") && Files.isDirectory(NODE_MODULES.resolve("pg")),
                "node or node-postgres missing (install nodejs, then: npm install --prefix app/target/node-clients pg)");
        String output = run(List.of("node", script("node_pg.js")));
        assertThat(output).contains("node simple rows", "node prepared rows 5", "node write refused 25006", "done");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", Integer.toString(pipeline.pgPort().orElseThrow()));
        env.put("PGUSER", "cryptopipe");
        env.put("PGDATABASE", "streaming_db");
        env.put("PGPASSWORD", PASSWORD);
        env.put("PGCONNECT_TIMEOUT", "10");
        env.put("NODE_PATH", NODE_MODULES.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exited with this output:%n%s", command, text).isZero();
        return text;
    }

    private static int exitCode(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean onPath(String program) {
        return exitCode(List.of("sh", "-c", "command -v " + program)) == 0;
    }

    private static String script(String name) throws URISyntaxException {
        return Path.of(RealPgClientsIT.class.getResource("/pg-clients/" + name).toURI()).toString();
    }

    private static long goldRows(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from consumption_trades")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
