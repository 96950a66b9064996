package io.cryptopipe.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * deploy/airflow/dags/crypto_pipeline.py, checked with the machine's python3 (skipped, saying so, where there is none).
 * Airflow itself is not installed here: the declaration is read against a stand-in of Airflow's DAG API
 * (src/test/resources/deploy/fake-airflow), so scheduling by a real Airflow is not verified.
 */
class AirflowDagTest {
    private static final Path DAG = RepoFiles.deploy().resolve("airflow/dags/crypto_pipeline.py");
    private static final Path RETENTION_DAG = RepoFiles.deploy().resolve("airflow/dags/crypto_raw_retention.py");
    private static String python;

    @TempDir
    Path pycache;

    @BeforeAll
    static void findPython() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Path.of(dir, "python3").toFile().canExecute()) {
                python = Path.of(dir, "python3").toString();
                return;
            }
        }
    }

    @Test
    void compilesWithPyCompile() throws Exception {
        Result result = run(List.of("-m", "py_compile", DAG.toString()), Map.of());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void runsSnapshotThenRunThenTestEveryMinuteOneRunAtATimeWithoutCatchUp() throws Exception {
        JsonNode dag = describe(Map.of());
        assertThat(dag.path("dag_id").asText()).isEqualTo("crypto_pipeline");
        assertThat(dag.path("schedule").asText()).isEqualTo("* * * * *");
        assertThat(dag.path("max_active_runs").asInt()).isEqualTo(1);
        assertThat(dag.path("catchup").isBoolean()).isTrue();
        assertThat(dag.path("catchup").asBoolean()).isFalse();
        JsonNode tasks = dag.path("tasks");
        assertThat(tasks).extracting(task -> task.path("task_id").asText()).containsExactly("dbt_snapshot", "dbt_run", "dbt_test");
        assertThat(tasks.get(0).path("downstream")).extracting(JsonNode::asText).containsExactly("dbt_run");
        assertThat(tasks.get(1).path("downstream")).extracting(JsonNode::asText).containsExactly("dbt_test");
        assertThat(tasks.get(2).path("downstream")).isEmpty();
    }

    @Test
    void callsTheCliWithTheTargetFromTheEnvironment() throws Exception {
        JsonNode defaults = describe(Map.of());
        assertThat(defaults.path("tasks").get(0).path("bash_command").asText())
                .isEqualTo("cryptopipe dbt snapshot --target prod --http-port 8080");

        JsonNode configured = describe(Map.of("CRYPTOPIPE_BIN", "/opt/cryptopipe/bin/cryptopipe", "CRYPTOPIPE_DBT_TARGET", "dev",
                "CRYPTOPIPE_HTTP_PORT", "18080", "CRYPTOPIPE_DBT_TARGET_PATH", "/var/dbt target"));
        assertThat(configured.path("tasks").get(1).path("bash_command").asText())
                .isEqualTo("/opt/cryptopipe/bin/cryptopipe dbt run --target dev --http-port 18080 --target-path '/var/dbt target'");
    }

    @Test
    void prunesRawRowsDailyWithTheProjectsOperationAndTheRetentionFromTheEnvironment() throws Exception {
        JsonNode dag = describe(RETENTION_DAG, Map.of("CRYPTOPIPE_RAW_RETENTION_SECONDS", "86400"));
        assertThat(dag.path("dag_id").asText()).isEqualTo("crypto_raw_retention");
        assertThat(dag.path("schedule").asText()).isEqualTo("@daily");
        assertThat(dag.path("catchup").asBoolean(true)).isFalse();
        assertThat(dag.path("tasks")).extracting(task -> task.path("bash_command").asText()).containsExactly(
                "cryptopipe dbt run-operation prune_raw_rows --args '{retention_seconds: 86400}' --target prod");
    }

    private JsonNode describe(Map<String, String> environment) throws Exception {
        return describe(DAG, environment);
    }

    private JsonNode describe(Path dagFile, Map<String, String> environment) throws Exception {
        Path fakeAirflow = resource("/deploy/fake-airflow");
        Map<String, String> env = new HashMap<>(environment);
        env.put("PYTHONPATH", fakeAirflow.toString());
        Result result = run(List.of(fakeAirflow.resolve("describe_dag.py").toString(), dagFile.toString()), env);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return new ObjectMapper().readTree(result.output());
    }

    private Result run(List<String> arguments, Map<String, String> environment) throws IOException, InterruptedException {
        if (python == null) {
            abort("python3 is not on the PATH, so the Airflow DAG cannot be checked here");
        }
        List<String> command = new ArrayList<>();
        command.add(python);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CRYPTOPIPE_") || name.startsWith("PYTHON"));
        // Byte code goes to a temporary folder, never beside the DAG in the repository.
        builder.environment().put("PYTHONPYCACHEPREFIX", pycache.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AirflowDagTest.class.getResource(name).toURI());
    }

    private record Result(int exitCode, String output) {
    }
}
