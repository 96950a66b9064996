package io.cryptopipe.serve.pg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The statements clients send on connect are answered without touching the warehouse. */
class SessionStatementsTest {
    private final SessionStatements statements = new SessionStatements("DBeaver", 60, 16);

    @Test
    void setAndTransactionControlAreAcknowledgedWithTheirTags() {
        assertThat(statements.answer("SET extra_float_digits = 3")).hasValueSatisfying(a -> assertThat(a.tag()).isEqualTo("SET"));
        assertThat(statements.answer("BEGIN")).hasValueSatisfying(a -> assertThat(a.tag()).isEqualTo("BEGIN"));
        assertThat(statements.answer("commit")).hasValueSatisfying(a -> assertThat(a.tag()).isEqualTo("COMMIT"));
        assertThat(statements.answer("DISCARD ALL")).hasValueSatisfying(a -> assertThat(a.tag()).isEqualTo("DISCARD ALL"));
    }

    @Test
    void showOfAPostgresSettingAnswersOneRow() {
        assertThat(statements.answer("SHOW TRANSACTION ISOLATION LEVEL")).hasValueSatisfying(a -> {
            assertThat(a.column()).isEqualTo("transaction_isolation");
            assertThat(a.value()).isEqualTo("read committed");
        });
        assertThat(statements.answer("show standard_conforming_strings")).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo("on"));
        assertThat(statements.answer("show application_name")).hasValueSatisfying(a -> assertThat(a.value()).isEqualTo("DBeaver"));
    }

    @Test
    void duckDbsOwnShowAndQueriesAreNotSessionStatements() {
        assertThat(statements.answer("SHOW TABLES")).isEmpty();
        assertThat(statements.answer("select 1")).isEmpty();
    }

    @Test
    void parameterStatusCarriesWhatDriversCheck() {
        assertThat(statements.parameterStatus()).containsEntry("server_version", "16.0").containsEntry("client_encoding", "UTF8")
                .containsEntry("DateStyle", "ISO, MDY").containsEntry("TimeZone", "UTC").containsEntry("integer_datetimes", "on")
                .containsEntry("standard_conforming_strings", "on");
    }
}
