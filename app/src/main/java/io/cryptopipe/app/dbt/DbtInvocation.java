package io.cryptopipe.app.dbt;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code cryptopipe dbt <command>} as the user typed it. It runs in the CLI's own process, or, while a pipeline
 * holds the warehouse file, inside that pipeline through its API; both read the same project from disk.
 */
public record DbtInvocation(String command, Path projectDir, Path profilesDir, String target, List<String> select,
                            Map<String, Object> vars, Path targetPath) {
    public static final List<String> COMMANDS = List.of("run", "compile", "ls");

    public DbtInvocation {
        Objects.requireNonNull(projectDir, "projectDir");
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("dbt command must be one of " + COMMANDS + ", got '" + command + "'");
        }
        select = select == null ? List.of() : List.copyOf(select);
        vars = vars == null ? Map.of() : Map.copyOf(vars);
    }
}
