package io.cryptopipe.app.dbt;

import java.util.List;

/**
 * What a dbt command reported and whether its work succeeded.
 *
 * @param lines   the failures as {@code <STATUS> <node>: <message>}, then dbt's summary line last (ls and compile:
 *                their output)
 * @param console every line dbt prints while it runs (START/OK/FAIL per node, summary), for a caller in another
 *                process, who does not see this process's log
 */
public record DbtOutcome(boolean success, List<String> lines, List<String> console) {
    public DbtOutcome {
        lines = List.copyOf(lines);
        console = console == null ? List.of() : List.copyOf(console);
    }

    public DbtOutcome(boolean success, List<String> lines) {
        this(success, lines, List.of());
    }
}
