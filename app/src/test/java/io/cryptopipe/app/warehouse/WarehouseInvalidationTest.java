package io.cryptopipe.app.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseInvalidationTest {

    /** As DuckDB 1.5.6 and 2.0.0.1 said it to every statement after a rollback ran out of memory (SinkUnderMemoryPressure). */
    private static final String INVALIDATED = "FATAL Error: Failed: database has been invalidated because of a previous"
            + " fatal error. The database must be restarted prior to being used again.\n"
            + "Original error: \"Failed to rollback transaction. Cannot continue operation.";

    @TempDir
    Path dir;

    @Test
    void aWorkingWarehouseIsNotInvalidated() throws SQLException {
        try (Connection connection = WarehouseFile.in(dir).open(false)) {
            assertThat(WarehouseInvalidation.of(connection)).isNull();
        }
    }

    @Test
    void duckDbsInvalidationIsReportedByItsFirstLine() {
        assertThat(WarehouseInvalidation.of(new SQLException(INVALIDATED))).isEqualTo("FATAL Error: Failed: database has"
                + " been invalidated because of a previous fatal error. The database must be restarted prior to being used again.");
    }

    @Test
    void aPassingErrorIsNotAnInvalidation() {
        assertThat(WarehouseInvalidation.of(new SQLException("Out of Memory Error: failed to pin block of size 256.0 KiB"
                + " (38.2 MiB/38.1 MiB used)"))).isNull();
    }
}
