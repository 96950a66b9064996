package io.cryptopipe.transform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What one engine invocation works on.
 *
 * @param projectDir  folder holding dbt_project.yml
 * @param profilesDir folder holding profiles.yml, or null to search DBT_PROFILES_DIR, the project dir, then ~/.dbt
 * @param target      profile output to use, or null for the profile's {@code target:}
 * @param env         variables {@code env_var()} sees before the process environment (the CLI injects
 *                    CRYPTOPIPE_DATA_DIR here instead of mutating the process environment)
 * @param vars        {@code --vars}; override the project's {@code vars:}
 * @param targetPath  where artifacts go, or null for the project's {@code target-path}
 */
public record EngineOptions(Path projectDir, Path profilesDir, String target,
                            Map<String, String> env, Map<String, Object> vars, Path targetPath) {
    public EngineOptions {
        Objects.requireNonNull(projectDir, "projectDir");
        env = env == null ? Map.of() : Map.copyOf(env);
        vars = vars == null ? Map.of() : Map.copyOf(vars);
    }
}
