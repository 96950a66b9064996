package io.cryptopipe.transform;

import java.time.Duration;

/** Outcome of one node of a run, as dbt reports it in run_results.json. */
public record NodeResult(String uniqueId, String name, Status status, String message, Duration elapsed) {
    public enum Status {
        SUCCESS("success"), ERROR("error"), SKIPPED("skipped");

        private final String dbtName;

        Status(String dbtName) {
            this.dbtName = dbtName;
        }

        /** The status string dbt writes to run_results.json. */
        public String dbtName() {
            return dbtName;
        }
    }
}
