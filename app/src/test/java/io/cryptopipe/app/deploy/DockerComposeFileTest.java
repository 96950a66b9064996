package io.cryptopipe.app.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline checks of deploy/docker-compose.yml and the Dockerfile it builds: everything a service names (images,
 * build stages, files, variables) exists, so `docker compose up -d --build` fails for no reason we could have seen here.
 * No Docker engine runs in these tests; pulling, building and starting the stack is not verified by them.
 */
class DockerComposeFileTest {
    private static final Pattern STAGE = Pattern.compile("(?im)^FROM\\s+\\S+\\s+AS\\s+(\\S+)\\s*$");

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;
    private static String dockerfile;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(RepoFiles.deploy().resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
        dockerfile = Files.readString(RepoFiles.deploy().resolve("Dockerfile"));
    }

    @Test
    void everyServiceIsPulledOrBuiltFromAStageThatExists() throws IOException {
        Set<String> stages = new TreeSet<>();
        Matcher matcher = STAGE.matcher(dockerfile);
        while (matcher.find()) {
            stages.add(matcher.group(1));
        }
        assertThat(services).containsOnlyKeys("kafka", "connect", "ingest", "airflow", "kafka-ui");
        for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> service = entry.getValue();
            if (service.containsKey("build")) {
                Map<?, ?> build = (Map<?, ?>) service.get("build");
                Path context = RepoFiles.deploy().resolve((String) build.get("context")).normalize();
                assertThat(context).as(name + " build context").isEqualTo(RepoFiles.root());
                assertThat(context.resolve((String) build.get("dockerfile"))).as(name + " dockerfile").isRegularFile();
                assertThat(stages).as(name + " build target").contains((String) build.get("target"));
            } else {
                // A pinned tag, so every machine runs the same image.
                assertThat(EnvExample.interpolate((String) service.get("image"))).as(name + " image")
                        .matches("[a-z0-9./-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
            }
        }
    }

    @Test
    void everyVariableItUsesIsListedInEnvExample() throws IOException {
        Set<String> used = EnvExample.referencedIn(RepoFiles.deploy().resolve("docker-compose.yml"));
        assertThat(used).contains("KAFKA_CLUSTER_ID", "SNOWFLAKE_ACCOUNT", "SNOWFLAKE_PRIVATE_KEY_FILE");
        assertThat(EnvExample.variables().keySet()).containsAll(used);
    }

    @Test
    void everyEnvExampleVariableIsUsedByComposeOrTheConnectorTemplate() throws IOException {
        Set<String> used = new TreeSet<>(EnvExample.referencedIn(RepoFiles.deploy().resolve("docker-compose.yml")));
        used.addAll(EnvExample.referencedIn(RepoFiles.deploy().resolve("snowflake/connector_config.json")));
        assertThat(used).containsAll(EnvExample.variables().keySet());
    }

    @Test
    void kafkaRunsInKRaftModeWithoutZooKeeper() {
        assertThat(services.values()).noneMatch(service -> String.valueOf(service.get("image")).contains("zookeeper"));
        Map<String, Object> kafka = services.get("kafka");
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        Map<String, Object> environment = map(kafka.get("environment"));
        assertThat(environment.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(environment.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@kafka:9093");
        assertThat(environment).containsKey("CLUSTER_ID").doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
    }

    @Test
    void ingestPublishesToTheBrokerOfTheStack() {
        assertThat(list(services.get("ingest").get("command"))).startsWith("ingest", "--bootstrap-servers", "kafka:9092");
    }

    @Test
    void everyServiceRestartsAndEveryServerReportsItsHealth() {
        services.forEach((name, service) -> assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped"));
        for (String server : List.of("kafka", "connect", "airflow", "kafka-ui")) {
            assertThat(map(services.get(server).get("healthcheck"))).as(server).containsKey("test");
        }
        services.forEach((name, service) -> {
            if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
                dependencies.forEach((dependency, condition) -> {
                    assertThat(services).as(name + " depends on").containsKey((String) dependency);
                    if ("service_healthy".equals(((Map<?, ?>) condition).get("condition"))) {
                        assertThat(services.get(dependency).get("healthcheck")).as(dependency + " healthcheck").isNotNull();
                    }
                });
            }
        });
    }

    @Test
    void bindMountedFilesExistAndTheKeyFileIsNeverCommitted() throws IOException {
        for (Map<String, Object> service : services.values()) {
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(RepoFiles.deploy().resolve(source)).as(volume.toString()).exists();
                }
            }
        }
        Path keyFile = RepoFiles.deploy().resolve(EnvExample.variables().get("SNOWFLAKE_PRIVATE_KEY_FILE")).normalize();
        assertThat(keyFile.getParent()).isDirectory();
        assertThat(keyFile.getFileName().toString()).endsWith(".p8");
        assertThat(Files.readAllLines(RepoFiles.deploy().resolve(".gitignore"))).contains("*.p8", ".env", "*.local.json");
    }

    @Test
    void dockerfileCopiesOnlyFilesOfTheRepository() {
        List<String> sources = new ArrayList<>();
        for (String instruction : dockerfile.replace("\\\n", " ").split("\n")) {
            String[] words = instruction.trim().split("\\s+");
            if (words[0].equals("COPY") && !instruction.contains("--from=")) {
                List<String> arguments = new ArrayList<>();
                for (int i = 1; i < words.length; i++) {
                    if (!words[i].startsWith("--")) {
                        arguments.add(words[i]);
                    }
                }
                sources.addAll(arguments.subList(0, arguments.size() - 1));
            }
        }
        assertThat(sources).contains("pom.xml", "app/src", "warehouse", "deploy/docker/cryptopipe",
                "deploy/connect/connect-distributed.properties");
        sources.forEach(source -> assertThat(RepoFiles.root().resolve(source)).as(source).exists());
    }

    @Test
    void appImageRunsAsNonRootWithTheInstallationHomeSet() {
        String app = stage("app");
        assertThat(app).contains("FROM eclipse-temurin:17-jre AS app", "CRYPTOPIPE_HOME=/opt/cryptopipe",
                "/opt/cryptopipe/app/target/cryptopipe.jar", "/opt/cryptopipe/warehouse", "USER cryptopipe");
        assertThat(stage("build")).contains("FROM maven:3.9-eclipse-temurin-17 AS build", "package -pl app -am");
    }

    @Test
    void connectWorkerHasBothConnectorsOnItsPluginPath() throws IOException {
        assertThat(Files.readString(RepoFiles.root().resolve("sink/pom.xml"))).as("sink's plugin folder is target/plugin")
                .contains("<finalName>plugin</finalName>");
        Properties worker = new Properties();
        try (Reader reader = Files.newBufferedReader(RepoFiles.deploy().resolve("connect/connect-distributed.properties"))) {
            worker.load(reader);
        }
        assertThat(worker.getProperty("bootstrap.servers")).isEqualTo("kafka:9092");
        String pluginPath = worker.getProperty("plugin.path");
        // sink/target/plugin/ is the folder the sink module's package phase lays out (src/assembly/plugin-dir.xml).
        assertThat(stage("connect")).contains(pluginPath + "/snowflake-kafka-connector/",
                "/src/sink/target/plugin/ " + pluginPath + "/cryptopipe-warehouse-sink/",
                "snowflake-kafka-connector-${SNOWFLAKE_CONNECTOR_VERSION}.jar", "connect-distributed.sh");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return (List<Object>) yaml;
    }

    private static String stage(String name) {
        int start = dockerfile.indexOf(" AS " + name + "\n");
        assertThat(start).as("stage " + name).isPositive();
        int begin = dockerfile.lastIndexOf("FROM ", start);
        int next = dockerfile.indexOf("\nFROM ", start);
        return dockerfile.substring(begin, next < 0 ? dockerfile.length() : next);
    }
}
