package io.cryptopipe.app.runtime;

import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.app.sink.KafkaTopics;
import io.cryptopipe.app.sink.RawTableOffsets;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.ingest.IngestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code up --source sim} killed with SIGKILL again and again at random moments (while it starts, while it streams,
 * during a DAG run) and started again each time, as a crash loop does: every start that is let run loads new rows,
 * and once it finally stops cleanly the raw table holds every offset of the topic exactly once.
 */
class CrashLoopIT {
    /** Patience for a start to load, not a speed goal: `bench recovery` measures that. A loaded CI machine is slow. */
    private static final Duration LOADS_WITHIN = Duration.ofMinutes(2);
    private static final String TOPIC = IngestConfig.DEFAULT_TOPIC;

    /** When a kill lands. */
    private enum Moment { STARTING, STREAMING, DAG_RUN }

    private static final List<Moment> PATTERN = List.of(Moment.STREAMING, Moment.STARTING, Moment.DAG_RUN,
            Moment.STARTING, Moment.STREAMING);
    /**
     * Five kills keep {@code mvn verify} near two minutes; the ten run with {@code -Dcrashloop.kills=10}
     * (docs/BENCHMARKS.md, recovery).
     */
    private static final int KILLS = Integer.getInteger("crashloop.kills", PATTERN.size());

    @TempDir
    Path dir;

    @Test
    void everyStartLoadsAgainAndRawHoldsEachTopicOffsetOnceAfterRepeatedKills() throws Exception {
        Random random = new Random(28);
        Path dataDir = dir.resolve("data");
        ChildUp.Ports ports = new ChildUp.Ports(freePort(), freePort(), freePort());
        for (int run = 1; run <= KILLS; run++) {
            Moment moment = PATTERN.get((run - 1) % PATTERN.size());
            try (ChildUp up = ChildUp.start(dataDir, ports, dir.resolve("run-" + run + ".log"))) {
                switch (moment) {
                    case STARTING -> Thread.sleep(1_000 + random.nextInt(7_000));
                    case STREAMING -> {
                        awaitLoading(up, "run " + run);
                        Thread.sleep(random.nextInt(8_000));
                    }
                    case DAG_RUN -> {
                        awaitLoading(up, "run " + run);
                        awaitDagRun(up, "run " + run);
                    }
                }
                up.kill();
            }
        }

        try (ChildUp last = ChildUp.start(dataDir, ports, dir.resolve("last.log"))) {
            awaitLoading(last, "the start after the last kill");
            Thread.sleep(2_000);
            last.stopCleanly();
            assertThat(last.tail()).as("the last run's terminal").contains("Stopped cleanly.");
        }

        Map<Integer, Long> ends = topicEnds(dataDir);
        List<String> loaded = RawTableOffsets.loaded(WarehouseFile.in(dataDir).jdbcUrl(), TOPIC);
        assertThat(KafkaTopics.total(ends)).as("trades published over all runs").isGreaterThan(200);
        assertThat(loaded).as("(partition:offset) of every raw row").hasSize((int) KafkaTopics.total(ends))
                .containsExactlyElementsOf(RawTableOffsets.expected(ends));
    }

    private static void awaitLoading(ChildUp up, String run) {
        await(run + " loads new rows").atMost(LOADS_WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> up.rowsLoadedSinceStart().orElse(0L) > 0);
        System.out.printf(Locale.ROOT, "%s loads %.1f s after its start%n", run, up.secondsSinceStart());
    }

    /** The run {@code up} starts with may be over by now: another is triggered then, and the kill lands inside it. */
    private static void awaitDagRun(ChildUp up, String run) throws Exception {
        if (!up.dagRunInProgress().orElse(false)) {
            up.triggerDagRun();
        }
        await(run + " runs its DAG").atMost(LOADS_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> up.dagRunInProgress().orElse(false));
    }

    /** The topic's end offsets, read from the stopped pipeline's own log by a broker started on it here. */
    private static Map<Integer, Long> topicEnds(Path dataDir) throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dataDir.resolve("kafka")))) {
            broker.start();
            try (KafkaTopics topics = new KafkaTopics(broker.bootstrapServers())) {
                return topics.endOffsets(TOPIC, IngestConfig.DEFAULT_PARTITIONS);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
