package io.cryptopipe.serve.guard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlTextTest {
    @Test
    void splitsOnTopLevelSemicolonsOnly() {
        assertThat(SqlText.split("select ';' as a; select \"x;y\" from t; -- c;\n select $$a;b$$; /* ; */"))
                .containsExactly("select ';' as a", "select \"x;y\" from t", "-- c;\n select $$a;b$$");
    }

    @Test
    void blankStatementsAreDropped() {
        assertThat(SqlText.split(" ; ;select 1;;")).containsExactly("select 1");
        assertThat(SqlText.split("")).isEmpty();
    }

    @Test
    void positionalParametersAreNotDollarQuotes() {
        assertThat(SqlText.split("select $1; select $2")).containsExactly("select $1", "select $2");
    }

    @Test
    void escapeStringsMayHoldQuotesAfterABackslash() {
        assertThat(SqlText.split("select E'it\\'s;'; select 2")).containsExactly("select E'it\\'s;'", "select 2");
    }
}
