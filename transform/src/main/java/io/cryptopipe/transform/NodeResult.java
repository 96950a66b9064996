package io.cryptopipe.transform;

import java.time.Duration;

/**
 * Outcome of one node of a run, as dbt reports it in run_results.json.
 *
 * @param failures for tests, the number of failing rows (fail_calc); null for other nodes
 */
public record NodeResult(String uniqueId, String name, Status status, String message, Duration elapsed,
                         Long failures) {
    public NodeResult(String uniqueId, String name, Status status, String message, Duration elapsed) {
        this(uniqueId, name, status, message, elapsed, null);
    }

    public enum Status {
        SUCCESS("success"), ERROR("error"), SKIPPED("skipped"), PASS("pass"), FAIL("fail"), WARN("warn");

        private final String dbtName;

        Status(String dbtName) {
            this.dbtName = dbtName;
        }

        /** The status string dbt writes to run_results.json. */
        public String dbtName() {
            return dbtName;
        }

        /** Whether this outcome makes the command fail (dbt exits 1). */
        public boolean failed() {
            return this == ERROR || this == FAIL || this == SKIPPED;
        }
    }
}
