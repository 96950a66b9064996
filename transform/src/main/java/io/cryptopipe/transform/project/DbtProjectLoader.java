package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.jinja.EnvVars;
import io.cryptopipe.transform.jinja.TemplateEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Loads dbt_project.yml. */
public final class DbtProjectLoader {
    private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final TemplateEngine templates;
    private final EnvVars env;

    public DbtProjectLoader(TemplateEngine templates, EnvVars env) {
        this.templates = templates;
        this.env = env;
    }

    /** @param cliVars {@code --vars}, which win over the project's {@code vars:} */
    public DbtProject load(Path projectDir, Map<String, Object> cliVars) {
        Path dir = projectDir.toAbsolutePath().normalize();
        Path file = dir.resolve(DbtProject.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new DbtConfigException(file + ": not found; point --project-dir at the folder holding "
                    + DbtProject.FILE_NAME);
        }
        ConfigMap raw = YamlFiles.read(file);
        // vars are needed to render the rest, so they are read (unrendered) first
        Map<String, Object> vars = new HashMap<>(raw.map("vars").values());
        vars.putAll(cliVars);
        ConfigMap yaml = new TemplatedYaml(templates, env, vars).render(raw);

        String name = yaml.requiredString("name");
        if (!PROJECT_NAME.matcher(name).matches()) {
            throw yaml.error("name", "must be letters, digits and underscores, not starting with a digit; got '"
                    + name + "'");
        }
        return new DbtProject(dir, name, yaml.requiredString("profile"),
                yaml.stringList("model-paths", List.of("models")),
                yaml.stringList("seed-paths", List.of("seeds")),
                yaml.stringList("snapshot-paths", List.of("snapshots")),
                yaml.stringList("macro-paths", List.of("macros")),
                yaml.stringList("test-paths", List.of("tests")),
                yaml.string("target-path", "target"),
                vars,
                new FolderConfigTree(yaml.map("models")),
                new FolderConfigTree(yaml.map("seeds")),
                new FolderConfigTree(yaml.map("snapshots")),
                new FolderConfigTree(yaml.has("data_tests") ? yaml.map("data_tests") : yaml.map("tests")));
    }
}
