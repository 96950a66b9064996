package io.cryptopipe.app.cli;

import io.cryptopipe.app.runtime.ServingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The CLI's contract with users: --help everywhere, and one clear line with exit code 2 for their mistakes. */
class CommandLineTest {
    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = CommandLineFactory.create(new CryptopipeCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][]{{"--help"}, {"up", "--help"}, {"sim", "--help"}, {"ingest", "--help"},
                {"dbt", "--help"}, {"dbt", "run", "--help"}, {"dbt", "compile", "--help"}, {"dbt", "ls", "--help"}, {"sql", "--help"},
                {"status", "--help"}, {"trigger", "--help"}}) {
            assertThat(run(command)).as(String.join(" ", command)).isZero();
        }
        assertThat(out.toString()).contains("Usage: cryptopipe up", "--source", "Usage: cryptopipe sql");
    }

    @Test
    void anUnknownFlagIsOneLineWithExitCode2() {
        assertThat(run("up", "--sauce", "sim")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("error: Unknown options: '--sauce', 'sim'").doesNotContain("Exception");
    }

    @Test
    void anUnknownSourceNamesTheChoices() {
        assertThat(run("up", "--source", "kraken", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("error: --source must be binance or sim, got 'kraken'");
    }

    @Test
    void aBadScheduleNamesTheFlag() {
        assertThat(run("up", "--source", "sim", "--schedule", "every minute", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("error: --schedule: invalid cron expression 'every minute'");
    }

    @Test
    void aBadWarehouseMemoryNamesTheFlagAndTheForm() {
        assertThat(run("up", "--source", "sim", "--warehouse-memory", "lots", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("error: --warehouse-memory must be a size such as 256MB or 2GB, got 'lots'");
    }

    @Test
    void aBadRefreshIntervalNamesTheFlagAndTheForms() {
        assertThat(run("up", "--source", "sim", "--refresh-interval", "often", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("error: --refresh-interval must be a duration such as 5s, 2s or 500ms (0 for off), got 'often'");
    }

    @Test
    void aBadConnectionCountNamesTheFlagAndTheRange() {
        assertThat(run("ingest", "--symbols", "BTCUSDT", "--ws-connections", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("up", "--source", "sim", "--ws-connections", "65", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip().lines()).containsExactly("error: --ws-connections must be between 1 and 64, got 0",
                "error: --ws-connections must be between 1 and 64, got 65");
    }

    @Test
    void aBadSymbolNamesTheFlag() {
        assertThat(run("up", "--symbols", "BTC/USDT", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("error: --symbols has an invalid symbol 'BTC/USDT'");
    }

    @Test
    void theAllSelectorNeedsTheRealExchange() {
        assertThat(run("up", "--source", "sim", "--symbols", "all:USDT", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).startsWith("error: --symbols all:USDT lists the exchange's symbols: it needs --source binance");
    }

    @Test
    void aBackfillDateThatIsNotADateNamesTheFlagAndTheForms() {
        assertThat(run("backfill", "--symbol", "BTCUSDT", "--from-date", "yesterday", "--to-date", "2025-01-02",
                "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("error: --from-date must be a date like 2025-01-01 or an instant like"
                + " 2025-01-01T12:30:00Z, got 'yesterday'");
    }

    @Test
    void sqlOnAMissingWarehouseSaysHowToGetOne() {
        assertThat(run("sql", "select 1", "--data-dir", dataDir.toString(), "--http-port", "1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("error: no warehouse at").contains("./cryptopipe up");
    }

    @Test
    void sqlRejectsAWriteBeforeTouchingAnything() {
        assertThat(run("sql", "delete from stock_trades_raw", "--data-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("only read-only queries");
    }

    @Test
    void statusAndTriggerWithoutARunningPipelineSayHowToStartOne() {
        assertThat(run("status", "--data-dir", dataDir.toString(), "--http-port", "1")).isEqualTo(ExitCodes.WORK_FAILED);
        assertThat(run("trigger", "--data-dir", dataDir.toString(), "--http-port", "1")).isEqualTo(ExitCodes.WORK_FAILED);
        assertThat(err.toString()).contains("no pipeline answers on port 1").contains("./cryptopipe up");
    }

    @Test
    void dbtWithoutAProjectSaysWhereItLooked() {
        assertThat(run("dbt", "run", "--project-dir", dataDir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("has no dbt_project.yml");
    }

    @Test
    void upBeyondLoopbackWithoutAPasswordIsOneLineNamingTheVariableWithExitCode2AndStartsNothing() throws Exception {
        assumeTrue(System.getenv(ServingSettings.PASSWORD_VARIABLE) == null, "this test needs CRYPTOPIPE_PASSWORD unset");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path data = dataDir.resolve("never-created");
        assertThat(run("up", "--bind", "0.0.0.0", "--source", "sim", "--data-dir", data.toString(),
                "--project-dir", "../warehouse", "--http-port", String.valueOf(port))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines()).singleElement().asString()
                .contains("--bind 0.0.0.0", "CRYPTOPIPE_PASSWORD", "127.0.0.1");
        assertThat(data).doesNotExist();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
    }
}
