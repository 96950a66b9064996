package io.cryptopipe.serve.guard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadOnlyQueryTest {
    @Test
    void acceptsSelectAndWithAndDropsTrailingSemicolons() {
        assertThat(new ReadOnlyQuery(" select count(*) from bronze_data ;; ").sql()).isEqualTo("select count(*) from bronze_data");
        assertThat(new ReadOnlyQuery("WITH t AS (select 1) select * from t").sql()).startsWith("WITH");
        assertThat(new ReadOnlyQuery("describe stock_trades_raw").sql()).isEqualTo("describe stock_trades_raw");
        assertThat(new ReadOnlyQuery("select ';' as semicolon").sql()).isEqualTo("select ';' as semicolon");
    }

    @Test
    void rejectsWritesNamingTheStatementKind() {
        assertThatThrownBy(() -> new ReadOnlyQuery("drop table stock_trades_raw"))
                .isInstanceOf(QueryRefused.class)
                .hasMessageContaining("read-only")
                .hasMessageContaining("'DROP'")
                .satisfies(e -> assertThat(((QueryRefused) e).sqlState()).isEqualTo(SqlState.READ_ONLY_TRANSACTION));
    }

    @Test
    void rejectsSeveralStatements() {
        assertThatThrownBy(() -> new ReadOnlyQuery("select 1; delete from stock_trades_raw"))
                .isInstanceOf(QueryRefused.class)
                .hasMessageContaining("one statement");
    }

    @Test
    void rejectsAnEmptyQuery() {
        assertThatThrownBy(() -> new ReadOnlyQuery("  ;")).isInstanceOf(QueryRefused.class).hasMessageContaining("empty query");
    }
}
