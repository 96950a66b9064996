package io.cryptopipe.transform.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.TestProject;
import io.cryptopipe.transform.jinja.EnvVars;
import io.cryptopipe.transform.jinja.TemplateEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbtProjectLoaderTest {
    @TempDir
    Path dir;

    private DbtProject load(Map<String, Object> cliVars) {
        return new DbtProjectLoader(new TemplateEngine(), new EnvVars(Map.of())).load(dir, cliVars);
    }

    @Test
    void appliesDbtDefaultsForOmittedKeys() {
        TestProject.duckDb(dir);

        DbtProject project = load(Map.of());

        assertThat(project.name()).isEqualTo("shop");
        assertThat(project.profile()).isEqualTo("shop");
        assertThat(project.modelPaths()).containsExactly("models");
        assertThat(project.seedPaths()).containsExactly("seeds");
        assertThat(project.snapshotPaths()).containsExactly("snapshots");
        assertThat(project.macroPaths()).containsExactly("macros");
        assertThat(project.targetPath()).isEqualTo("target");
    }

    @Test
    void missingNameIsAnErrorNamingTheFileAndKey() {
        TestProject.duckDb(dir).file("dbt_project.yml", "profile: shop\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining(dir.resolve("dbt_project.yml").toString())
                .hasMessageContaining("'name' is required");
    }

    @Test
    void wrongTypeIsAnErrorNamingTheKey() {
        TestProject.duckDb(dir).file("dbt_project.yml", """
                name: shop
                profile: shop
                model-paths: {a: b}
                """);

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("'model-paths' must be a list of strings");
    }

    @Test
    void missingProjectFileTellsWhereToPoint() {
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("dbt_project.yml: not found")
                .hasMessageContaining("--project-dir");
    }

    @Test
    void invalidYamlReportsTheLine() {
        TestProject.duckDb(dir).file("dbt_project.yml", "name: shop\nprofile: [unclosed\n");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("invalid YAML at line");
    }

    @Test
    void cliVarsOverrideProjectVars() {
        TestProject.duckDb(dir).file("dbt_project.yml", """
                name: shop
                profile: shop
                vars:
                  window_days: 7
                  region: eu
                """);

        DbtProject project = load(Map.of("window_days", 30));

        assertThat(project.vars()).containsEntry("window_days", 30).containsEntry("region", "eu");
    }

    @Test
    void folderConfigIsInheritedAndOverriddenDownTheTree() {
        TestProject.duckDb(dir).file("dbt_project.yml", """
                name: shop
                profile: shop
                models:
                  shop:
                    +materialized: table
                    +tags: [nightly]
                    bronze:
                      +materialized: view
                      +tags: raw
                    silver:
                      +schema: curated
                """);
        FolderConfigTree tree = load(Map.of()).modelConfigs();

        ModelConfig bronze = tree.resolve(List.of("shop", "bronze", "bronze_data"));
        ModelConfig silver = tree.resolve(List.of("shop", "silver", "silver_trades"));

        assertThat(bronze.materialized()).isEqualTo("view");
        assertThat(bronze.tags()).containsExactly("nightly", "raw");
        assertThat(silver.materialized()).isEqualTo("table");
        assertThat(silver.schema()).contains("curated");
    }
}
