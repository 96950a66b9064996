package io.cryptopipe.app.dbt;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code cryptopipe dbt <command>} as the user typed it. It runs in the CLI's own process, or, while a pipeline
 * holds the warehouse file, inside that pipeline through its API (as this record in JSON); both read the same
 * project from disk.
 *
 * @param exclude     {@code --exclude} selectors
 * @param fullRefresh {@code --full-refresh}
 * @param threads     {@code --threads}, or null for the profile's
 */
public record DbtInvocation(String command, Path projectDir, Path profilesDir, String target, List<String> select,
                            Map<String, Object> vars, Path targetPath, List<String> exclude, boolean fullRefresh,
                            Integer threads) {
    public static final List<String> COMMANDS = List.of("run", "seed", "snapshot", "test", "build", "compile", "ls");

    public DbtInvocation {
        Objects.requireNonNull(projectDir, "projectDir");
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("dbt command must be one of " + COMMANDS + ", got '" + command + "'");
        }
        select = select == null ? List.of() : List.copyOf(select);
        vars = vars == null ? Map.of() : Map.copyOf(vars);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    public DbtInvocation(String command, Path projectDir, Path profilesDir, String target, List<String> select,
                         Map<String, Object> vars, Path targetPath) {
        this(command, projectDir, profilesDir, target, select, vars, targetPath, List.of(), false, null);
    }
}
