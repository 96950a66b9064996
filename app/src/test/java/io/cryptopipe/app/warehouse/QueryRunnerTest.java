package io.cryptopipe.app.warehouse;

import io.cryptopipe.app.cli.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console's path (UI, `sql`, API): the shared read-only guard and the statement timeout. */
class QueryRunnerTest {
    private Connection connection;

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table trades as select 1 as trade_id");
        }
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void theGuardRefusesFileReadsAsAUserError() {
        QueryRunner runner = new QueryRunner(10, Duration.ofSeconds(60));
        assertThatThrownBy(() -> runner.run(connection, QueryRunner.readOnly("select * from read_csv('/etc/passwd')")))
                .isInstanceOf(UserError.class).hasMessageContaining("read_csv");
        assertThat(runner.run(connection, QueryRunner.readOnly("select count(*) from trades")).rows()).hasSize(1);
    }

    @Test
    void writesAndSeveralStatementsAreUserErrors() {
        assertThatThrownBy(() -> QueryRunner.readOnly("drop table trades")).isInstanceOf(UserError.class)
                .hasMessageContaining("'DROP'");
        assertThatThrownBy(() -> QueryRunner.readOnly("select 1; select 2")).isInstanceOf(UserError.class)
                .hasMessageContaining("one statement");
    }

    @Test
    void aRunawayQueryIsInterruptedAtTheStatementTimeout() {
        QueryRunner runner = new QueryRunner(10, Duration.ofSeconds(1));
        long started = System.nanoTime();
        assertThatThrownBy(() -> runner.run(connection,
                QueryRunner.readOnly("select count(*) from range(1000000000000) t(a), range(10) u(b)")))
                .isInstanceOf(UserError.class).hasMessageContaining("statement timeout of 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1 + 10));
    }
}
