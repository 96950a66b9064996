package io.cryptopipe.app.sink;

import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink's exactly-once promise against the harshest failure Connect has: the worker's JVM is SIGKILLed mid-stream
 * (no task stop, no final commit, possibly in the middle of a warehouse transaction) and started again, several times.
 */
class WorkerCrashIT {
    private static final String TOPIC = "stock_trades";
    private static final int PARTITIONS = 3;
    private static final String CONNECTOR = "crash-sink";
    private static final int KILLS = 3;
    private static final Pattern RESUMING = Pattern.compile("Resuming \\[.*\\] from warehouse offsets \\{(.*)\\}");
    private static final Pattern PARTITION_OFFSET = Pattern.compile(TOPIC + "-(\\d+)=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void rawTableHoldsEachTopicOffsetExactlyOnceAfterRepeatedWorkerKills() throws Exception {
        String warehouseUrl = "jdbc:duckdb:" + dir.resolve("streaming_db.duckdb");
        String classpath = System.getProperty("java.class.path");
        Random random = new Random(4);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             KafkaTopics topics = startedWithTopic(broker)) {
            Map<Integer, Long> ends;
            List<Map<Integer, Long>> committedAtKill = new ArrayList<>();
            List<Map<Integer, Long>> resumedAfterKill = new ArrayList<>();
            try (SteadyProducer producer = new SteadyProducer(broker.bootstrapServers(), TOPIC, 20)) {
                long loadedBefore = 0;
                for (int run = 1; run <= KILLS; run++) {
                    try (ChildConnectWorker worker = ChildConnectWorker.start(dir.resolve("workers"), "run-" + run,
                            classpath, broker.bootstrapServers(), "crash-connect", ChildConnectWorker.FAST_FAILOVER)) {
                        if (run == 1) {
                            new ConnectorRegistrar(worker.restUri()).register(CONNECTOR, sinkConfig(warehouseUrl));
                        } else {
                            resumedAfterKill.add(resumedFrom(worker));
                        }
                        long before = loadedBefore;
                        // This worker's task is loading once the sink's reported offsets move past the last run's.
                        await("run " + run + " loading").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                                .until(() -> KafkaTopics.total(topics.sinkCommitted(CONNECTOR, TOPIC)) > before);
                        Thread.sleep(random.nextInt(1_500));
                        Map<Integer, Long> committed = topics.sinkCommitted(CONNECTOR, TOPIC);
                        worker.kill();
                        committedAtKill.add(committed);
                        loadedBefore = KafkaTopics.total(committed);
                    }
                }
            }
            ends = topics.endOffsets(TOPIC, PARTITIONS);

            ChildConnectWorker last = ChildConnectWorker.start(dir.resolve("workers"), "final", classpath,
                    broker.bootstrapServers(), "crash-connect", ChildConnectWorker.FAST_FAILOVER);
            try (last) {
                resumedAfterKill.add(resumedFrom(last));
                await("final run loads the rest").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                        .until(() -> topics.sinkCommitted(CONNECTOR, TOPIC).equals(ends));
                // The warehouse file is only opened here once the worker's JVM has exited and released it.
                last.stop();
            }

            List<String> loaded = RawTableOffsets.loaded(warehouseUrl, TOPIC);
            assertThat(KafkaTopics.total(ends)).as("records produced").isGreaterThan(1_000);
            assertThat(loaded).as("(partition:offset) of every raw row").hasSize((int) KafkaTopics.total(ends))
                    .containsExactlyElementsOf(RawTableOffsets.expected(ends));
            // The case that needs the warehouse offsets: rows committed after Kafka's last offset commit, which a
            // sink trusting Kafka's offsets would have loaded a second time.
            assertThat(IntStream.range(0, KILLS).filter(kill ->
                    KafkaTopics.total(resumedAfterKill.get(kill)) > KafkaTopics.total(committedAtKill.get(kill))))
                    .as("kills after which the warehouse was ahead of Kafka's committed offsets; Kafka %s, warehouse %s",
                            committedAtKill, resumedAfterKill)
                    .isNotEmpty();
        }
    }

    /** @return the warehouse offsets the restarted task rewound to, as its open() logged them */
    private static Map<Integer, Long> resumedFrom(ChildConnectWorker worker) {
        Matcher line = worker.awaitLogLine(RESUMING, Duration.ofSeconds(90));
        Map<Integer, Long> offsets = new TreeMap<>();
        Matcher offset = PARTITION_OFFSET.matcher(line.group(1));
        while (offset.find()) {
            offsets.put(Integer.parseInt(offset.group(1)), Long.parseLong(offset.group(2)));
        }
        return offsets;
    }

    private static KafkaTopics startedWithTopic(EmbeddedKafkaBroker broker) throws Exception {
        broker.start();
        KafkaTopics topics = new KafkaTopics(broker.bootstrapServers());
        topics.create(TOPIC, PARTITIONS);
        return topics;
    }

    /** Small, frequent transactions, so a kill is likely to land in the middle of one. */
    private static Map<String, String> sinkConfig(String warehouseUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.cryptopipe.sink.WarehouseSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("warehouse.url", warehouseUrl);
        config.put("buffer.count.records", "200");
        config.put("buffer.flush.time", "0");
        return config;
    }
}
