package io.cryptopipe.app.dbt;

import java.util.List;

/** What a dbt command printed and whether its work succeeded. */
public record DbtOutcome(boolean success, List<String> lines) {
    public DbtOutcome {
        lines = List.copyOf(lines);
    }
}
