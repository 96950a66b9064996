package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.jinja.EnvVars;
import io.cryptopipe.transform.jinja.TemplateEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds profiles.yml (explicit dir, then DBT_PROFILES_DIR, then the project dir, then ~/.dbt) and resolves the
 * project's profile to one rendered target.
 */
public final class ProfileLoader {
    public static final String FILE_NAME = "profiles.yml";
    static final String DEFAULT_SCHEMA = "main";

    private final TemplateEngine templates;
    private final EnvVars env;
    private final Path homeDir;

    public ProfileLoader(TemplateEngine templates, EnvVars env, Path homeDir) {
        this.templates = templates;
        this.env = env;
        this.homeDir = homeDir;
    }

    /**
     * @param profilesDir    explicit {@code --profiles-dir}, or null to search
     * @param targetOverride {@code --target}, or null for the profile's {@code target:}
     */
    public WarehouseTarget load(DbtProject project, Path profilesDir, String targetOverride,
                                Map<String, Object> cliVars) {
        Path file = locate(project.projectDir(), profilesDir);
        ConfigMap profiles = YamlFiles.read(file);
        String profileName = project.profile();
        if (!profiles.has(profileName)) {
            throw new DbtConfigException(file + ": profile '" + profileName + "' (named by dbt_project.yml "
                    + "'profile') not found; profiles here: " + String.join(", ", profileNames(profiles)));
        }
        ConfigMap profile = new TemplatedYaml(templates, env, cliVars).render(profiles.map(profileName));
        String targetName = Optional.ofNullable(targetOverride).filter(t -> !t.isBlank())
                .orElseGet(() -> profile.optionalString("target").orElseThrow(() ->
                        profile.error("target", "is required (or pass --target)")));
        ConfigMap outputs = profile.map("outputs");
        if (!outputs.has(targetName)) {
            throw outputs.error(targetName, "not found: no such target; available targets: "
                    + String.join(", ", outputs.values().keySet()));
        }
        ConfigMap output = outputs.map(targetName);
        return new WarehouseTarget(profileName, targetName, output.requiredString("type"),
                output.string("schema", DEFAULT_SCHEMA), output.positiveInt("threads", 1), output.values(), file);
    }

    private Path locate(Path projectDir, Path explicitDir) {
        if (explicitDir != null) {
            Path file = explicitDir.resolve(FILE_NAME).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new DbtConfigException(file + ": not found (given by --profiles-dir)");
            }
            return file;
        }
        List<Path> candidates = new ArrayList<>();
        env.get("DBT_PROFILES_DIR").filter(d -> !d.isBlank()).ifPresent(d -> candidates.add(Path.of(d)));
        candidates.add(projectDir);
        candidates.add(homeDir.resolve(".dbt"));
        return candidates.stream()
                .map(dir -> dir.resolve(FILE_NAME).toAbsolutePath().normalize())
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new DbtConfigException(FILE_NAME + " not found; looked in "
                        + String.join(", ", candidates.stream().map(Path::toString).toList())
                        + "; pass --profiles-dir or set DBT_PROFILES_DIR"));
    }

    private static List<String> profileNames(ConfigMap profiles) {
        return profiles.values().keySet().stream().filter(k -> !k.equals("config")).toList();
    }
}
