package io.cryptopipe.app.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged plugin (sink/target/plugin/, built by {@code mvn package} in sink)
 * works in a worker that finds it only through {@code plugin.path}: the worker's classpath has neither the sink
 * nor the DuckDB driver, so both must come from the plugin directory.
 */
class PluginPathIT {
    private static final Path PLUGIN_DIR = Path.of("../sink/target/plugin").toAbsolutePath().normalize();
    private static final String CONNECTOR_CLASS = "io.cryptopipe.sink.WarehouseSinkConnector";
    private static final String TOPIC = "stock_trades";

    @TempDir
    Path dir;

    @Test
    void stockWorkerLoadsThePackagedPluginFromPluginPathAndItLoadsRows() throws Exception {
        Path pluginPath = packagedPluginPath();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isSinkOrDuckDb(entry))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classpath).doesNotContain("duckdb").doesNotContain("sink/target");

        String warehouseUrl = "jdbc:duckdb:" + dir.resolve("streaming_db.duckdb");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             KafkaTopics topics = startedWithFiveRecords(broker)) {
            Map<String, String> worker = new HashMap<>(ChildConnectWorker.FAST_FAILOVER);
            worker.put("plugin.path", pluginPath.toString());
            ChildConnectWorker child = ChildConnectWorker.start(dir.resolve("worker"), "plugin-path", classpath,
                    broker.bootstrapServers(), "plugin-connect", worker);
            try (child) {
                assertThat(connectorPlugins(child)).as("GET /connector-plugins").contains(CONNECTOR_CLASS);

                new ConnectorRegistrar(child.restUri()).register("plugin-sink", Map.of(
                        "connector.class", CONNECTOR_CLASS, "topics", TOPIC, "warehouse.url", warehouseUrl,
                        "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> topics.sinkCommitted("plugin-sink", TOPIC).equals(Map.of(0, 5L)));
                child.stop();
            }
            assertThat(RawTableOffsets.loaded(warehouseUrl, TOPIC)).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
        }
    }

    /**
     * A plugin.path holding only the packaged plugin, laid out as deploy/ installs it
     * ({@code <plugin.path>/cryptopipe-sink/lib/*.jar}); sink/target itself also holds the bare jar and classes.
     */
    private Path packagedPluginPath() throws IOException {
        assertThat(PLUGIN_DIR.resolve("lib")).as("the packaged plugin; run `mvn package` in sink first")
                .isDirectoryContaining("glob:**/duckdb_jdbc-*.jar").isDirectoryContaining("glob:**/sink-*.jar");
        Path pluginPath = Files.createDirectories(dir.resolve("plugins"));
        Files.createSymbolicLink(pluginPath.resolve("cryptopipe-sink"), PLUGIN_DIR);
        return pluginPath;
    }

    private static boolean isSinkOrDuckDb(String entry) {
        String normalized = entry.replace(File.separatorChar, '/');
        return normalized.contains("/sink/target/") || normalized.matches(".*/sink-[^/]*\\.jar")
                || normalized.contains("duckdb");
    }

    private static KafkaTopics startedWithFiveRecords(EmbeddedKafkaBroker broker) throws Exception {
        broker.start();
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
        topics.create(TOPIC, 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "BTCUSDT", "{\"trade_id\":" + i + "}")).get();
            }
        }
        return topics;
    }

    private static List<String> connectorPlugins(ChildConnectWorker worker) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(worker.restUri().resolve("/connector-plugins")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode plugins = new ObjectMapper().readTree(response.body());
        return StreamSupport.stream(plugins.spliterator(), false)
                .map(plugin -> plugin.path("class").asText()).toList();
    }
}
