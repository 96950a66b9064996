package io.cryptopipe.transform.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.TestProject;
import io.cryptopipe.transform.jinja.EnvVars;
import io.cryptopipe.transform.jinja.TemplateEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {
    private static final String PROFILE = """
            shop:
              target: dev
              outputs:
                dev:
                  type: duckdb
                  path: "{{ env_var('CRYPTOPIPE_TEST_DATA_DIR_UNSET', 'data') }}/streaming_db.duckdb"
                  schema: public
                  threads: 4
                prod:
                  type: duckdb
                  path: /srv/prod.duckdb
            """;

    @TempDir
    Path dir;

    private WarehouseTarget load(Map<String, String> env, Path profilesDir, String target) {
        TemplateEngine templates = new TemplateEngine();
        EnvVars envVars = new EnvVars(env);
        DbtProject project = new DbtProjectLoader(templates, envVars).load(dir.resolve("project"), Map.of());
        return new ProfileLoader(templates, envVars, dir.resolve("home")).load(project, profilesDir, target, Map.of());
    }

    private TestProject projectWithProfile(String profiles) {
        return TestProject.duckDb(dir.resolve("project")).file("profiles.yml", profiles);
    }

    @Test
    void envVarDefaultAppliesWhenTheVariableIsUnset() {
        projectWithProfile(PROFILE);

        WarehouseTarget target = load(Map.of(), null, null);

        assertThat(target.setting("path")).contains("data/streaming_db.duckdb");
        assertThat(target.name()).isEqualTo("dev");
        assertThat(target.schema()).isEqualTo("public");
        assertThat(target.threads()).isEqualTo(4);
    }

    @Test
    void injectedEnvOverridesTheDefault() {
        projectWithProfile(PROFILE);

        WarehouseTarget target = load(Map.of("CRYPTOPIPE_TEST_DATA_DIR_UNSET", "/tmp/x"), null, null);

        assertThat(target.setting("path")).contains("/tmp/x/streaming_db.duckdb");
    }

    @Test
    void targetOverrideSelectsAnotherOutputWithDbtDefaults() {
        projectWithProfile(PROFILE);

        WarehouseTarget target = load(Map.of(), null, "prod");

        assertThat(target.name()).isEqualTo("prod");
        assertThat(target.setting("path")).contains("/srv/prod.duckdb");
        assertThat(target.schema()).isEqualTo("main");
        assertThat(target.threads()).isEqualTo(1);
    }

    @Test
    void unknownTargetListsTheAvailableOnes() {
        projectWithProfile(PROFILE);

        assertThatThrownBy(() -> load(Map.of(), null, "staging"))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("profiles.yml: 'shop.outputs.staging' not found")
                .hasMessageContaining("available targets: dev, prod");
    }

    @Test
    void missingTypeIsAnErrorNamingTheKey() {
        projectWithProfile("""
                shop:
                  target: dev
                  outputs:
                    dev:
                      path: x.duckdb
                """);

        assertThatThrownBy(() -> load(Map.of(), null, null))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("'shop.outputs.dev.type' is required");
    }

    @Test
    void missingTargetKeyAsksForTargetFlag() {
        projectWithProfile("""
                shop:
                  outputs:
                    dev:
                      type: duckdb
                """);

        assertThatThrownBy(() -> load(Map.of(), null, null))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("'shop.target' is required (or pass --target)");
    }

    @Test
    void nonPositiveThreadsIsRejected() {
        projectWithProfile("""
                shop:
                  target: dev
                  outputs:
                    dev:
                      type: duckdb
                      threads: 0
                """);

        assertThatThrownBy(() -> load(Map.of(), null, null))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("'shop.outputs.dev.threads' must be a positive integer");
    }

    @Test
    void envVarWithoutDefaultMustBeSet() {
        projectWithProfile(PROFILE.replace("'CRYPTOPIPE_TEST_DATA_DIR_UNSET', 'data'", "'CRYPTOPIPE_TEST_UNSET'"));

        assertThatThrownBy(() -> load(Map.of(), null, null))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("'shop.outputs.dev.path'")
                .hasMessageContaining("Env var required but not provided: 'CRYPTOPIPE_TEST_UNSET'");
    }

    @Test
    void explicitProfilesDirWinsOverEnvAndProjectDir() {
        projectWithProfile(PROFILE);
        TestProject.duckDb(dir.resolve("explicit")).file("profiles.yml", PROFILE.replace("threads: 4", "threads: 2"));
        TestProject.duckDb(dir.resolve("fromenv")).file("profiles.yml", PROFILE.replace("threads: 4", "threads: 3"));

        WarehouseTarget target = load(Map.of("DBT_PROFILES_DIR", dir.resolve("fromenv").toString()),
                dir.resolve("explicit"), null);

        assertThat(target.threads()).isEqualTo(2);
    }

    @Test
    void dbtProfilesDirWinsOverProjectDir() {
        projectWithProfile(PROFILE);
        TestProject.duckDb(dir.resolve("fromenv")).file("profiles.yml", PROFILE.replace("threads: 4", "threads: 3"));

        WarehouseTarget target = load(Map.of("DBT_PROFILES_DIR", dir.resolve("fromenv").toString()), null, null);

        assertThat(target.threads()).isEqualTo(3);
    }

    @Test
    void homeDotDbtIsTheLastResort() {
        TestProject.duckDb(dir.resolve("project"));
        assertThat(dir.resolve("project/profiles.yml").toFile().delete()).isTrue();
        TestProject.duckDb(dir.resolve("home/.dbt")).file("profiles.yml", PROFILE);

        assertThat(load(Map.of(), null, null).threads()).isEqualTo(4);
    }

    @Test
    void missingProfilesFileListsWhereItLooked() {
        TestProject.duckDb(dir.resolve("project"));
        assertThat(dir.resolve("project/profiles.yml").toFile().delete()).isTrue();

        assertThatThrownBy(() -> load(Map.of(), null, null))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("profiles.yml not found; looked in")
                .hasMessageContaining(dir.resolve("home/.dbt").toString());
    }
}
