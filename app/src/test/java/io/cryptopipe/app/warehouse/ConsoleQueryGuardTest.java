package io.cryptopipe.app.warehouse;

import io.cryptopipe.app.cli.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL console reads the warehouse and nothing else. */
class ConsoleQueryGuardTest {
    private Connection connection;
    private final ConsoleQueryGuard guard = new ConsoleQueryGuard();

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

    private void check(String sql) {
        guard.check(connection, new ReadOnlyQuery(sql));
    }

    @Test
    void tablesViewsJoinsCtesAndRangeAreAllowed() {
        assertThatCode(() -> check("with t as (select * from trades) select * from t join trades using (trade_id)")).doesNotThrowAnyException();
        assertThatCode(() -> check("select * from range(3)")).doesNotThrowAnyException();
        assertThatCode(() -> check("select * from STREAMING_DB.PUBLIC.CONSUMPTION_TRADES")).doesNotThrowAnyException();
    }

    @Test
    void fileReadingTableFunctionsAreRefused() {
        assertThatThrownBy(() -> check("select * from read_csv('/etc/passwd')"))
                .isInstanceOf(UserError.class).hasMessageContaining("read_csv");
        assertThatThrownBy(() -> check("select * from read_parquet('s3://bucket/x.parquet')"))
                .isInstanceOf(UserError.class).hasMessageContaining("read_parquet");
    }

    @Test
    void aFileFunctionHiddenInASubqueryIsRefused() {
        assertThatThrownBy(() -> check("select * from trades where trade_id in (select 1 from read_text('/etc/hosts'))"))
                .isInstanceOf(UserError.class).hasMessageContaining("read_text");
    }

    @Test
    void aFilePathAsTableIsRefused() {
        assertThatThrownBy(() -> check("select * from '/etc/passwd'"))
                .isInstanceOf(UserError.class).hasMessageContaining("cannot read files");
        assertThatThrownBy(() -> check("select * from 'data.csv'")).isInstanceOf(UserError.class);
    }

    @Test
    void environmentFunctionsAreRefused() {
        assertThatThrownBy(() -> check("select getenv('HOME')")).isInstanceOf(UserError.class).hasMessageContaining("getenv");
    }

    @Test
    void writesNeverReachTheGuard() {
        assertThatThrownBy(() -> check("copy trades to '/tmp/x.csv'")).isInstanceOf(UserError.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> check("attach '/tmp/other.duckdb'")).isInstanceOf(UserError.class).hasMessageContaining("read-only");
    }

    @Test
    void queryRunnerAppliesTheGuard() {
        assertThatThrownBy(() -> new QueryRunner(10).run(connection, new ReadOnlyQuery("select * from read_csv('/etc/passwd')")))
                .isInstanceOf(UserError.class);
        assertThat(new QueryRunner(10).run(connection, new ReadOnlyQuery("select count(*) from trades")).rows()).hasSize(1);
    }
}
