package io.cryptopipe.serve.guard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementKindTest {
    @Test
    void sessionStatementsAreTheOnesClientsSendOnConnect() {
        assertThat(StatementKind.of("SET extra_float_digits = 3")).isEqualTo(StatementKind.SESSION);
        assertThat(StatementKind.of("BEGIN")).isEqualTo(StatementKind.SESSION);
        assertThat(StatementKind.of("/* driver */ DISCARD ALL")).isEqualTo(StatementKind.SESSION);
        assertThat(StatementKind.of("rollback")).isEqualTo(StatementKind.SESSION);
    }

    @Test
    void writesAndOutsideAccessAreWrites() {
        assertThat(StatementKind.of("insert into t values (1)")).isEqualTo(StatementKind.WRITE);
        assertThat(StatementKind.of("  -- comment\n COPY t TO '/tmp/x'")).isEqualTo(StatementKind.WRITE);
        assertThat(StatementKind.of("attach '/tmp/x.duckdb'")).isEqualTo(StatementKind.WRITE);
        assertThat(StatementKind.of("pragma enable_profiling")).isEqualTo(StatementKind.WRITE);
    }

    @Test
    void everythingElseIsAReadForTheParserToJudge() {
        assertThat(StatementKind.of("(select 1)")).isEqualTo(StatementKind.READ);
        assertThat(StatementKind.of("with t as (select 1) select * from t")).isEqualTo(StatementKind.READ);
        assertThat(StatementKind.of("selec 1")).isEqualTo(StatementKind.READ);
        assertThat(StatementKind.of("  ")).isEqualTo(StatementKind.EMPTY);
    }
}
