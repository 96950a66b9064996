package io.cryptopipe.serve.guard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Readers' queries read the warehouse and nothing else, on every path. */
class QueryGuardTest {
    private Connection connection;
    private final QueryGuard guard = new QueryGuard();

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
        guard.check(connection, sql);
    }

    private static String sqlState(Throwable e) {
        return ((QueryRefused) e).sqlState();
    }

    @Test
    void tablesViewsJoinsCtesRangeAndDescribeAreAllowed() {
        assertThatCode(() -> check("with t as (select * from trades) select * from t join trades using (trade_id)")).doesNotThrowAnyException();
        assertThatCode(() -> check("select * from range(3)")).doesNotThrowAnyException();
        assertThatCode(() -> check("select * from STREAMING_DB.PUBLIC.CONSUMPTION_TRADES")).doesNotThrowAnyException();
        assertThatCode(() -> check("describe trades")).doesNotThrowAnyException();
        assertThatCode(() -> check("explain analyze select * from trades")).doesNotThrowAnyException();
        assertThatCode(() -> check("select * from trades where trade_id = $1")).doesNotThrowAnyException();
    }

    @Test
    void fileReadingTableFunctionsAreRefusedWith42501() {
        assertThatThrownBy(() -> check("select * from read_csv('/etc/passwd')"))
                .isInstanceOf(QueryRefused.class).hasMessageContaining("read_csv")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(SqlState.INSUFFICIENT_PRIVILEGE));
        assertThatThrownBy(() -> check("select * from read_parquet('s3://bucket/x.parquet')"))
                .isInstanceOf(QueryRefused.class).hasMessageContaining("read_parquet");
    }

    @Test
    void aFileFunctionHiddenInASubqueryOrExplainIsRefused() {
        assertThatThrownBy(() -> check("select * from trades where trade_id in (select 1 from read_text('/etc/hosts'))"))
                .isInstanceOf(QueryRefused.class).hasMessageContaining("read_text");
        assertThatThrownBy(() -> check("explain select * from read_csv('/etc/passwd')"))
                .isInstanceOf(QueryRefused.class).hasMessageContaining("read_csv");
    }

    @Test
    void aFilePathAsTableIsRefused() {
        assertThatThrownBy(() -> check("select * from '/etc/passwd'"))
                .isInstanceOf(QueryRefused.class).hasMessageContaining("cannot read files");
        assertThatThrownBy(() -> check("select * from 'data.csv'")).isInstanceOf(QueryRefused.class);
    }

    @Test
    void environmentFunctionsAreRefused() {
        assertThatThrownBy(() -> check("select getenv('HOME')")).isInstanceOf(QueryRefused.class).hasMessageContaining("getenv");
    }

    @Test
    void statementsDuckDbCannotReadAsAQueryAreWritesRefusedWith25006() {
        assertThatThrownBy(() -> check("copy trades to '/tmp/x.csv'"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(SqlState.READ_ONLY_TRANSACTION))
                .hasMessageContaining("read-only");
        assertThatThrownBy(() -> check("attach '/tmp/other.duckdb'"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(SqlState.READ_ONLY_TRANSACTION));
    }

    @Test
    void aTypoIsASyntaxError() {
        assertThatThrownBy(() -> check("selec 1")).satisfies(e -> assertThat(sqlState(e)).isEqualTo(SqlState.SYNTAX_ERROR));
    }
}
