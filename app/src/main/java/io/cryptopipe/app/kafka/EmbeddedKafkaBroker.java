package io.cryptopipe.app.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node) running inside this JVM.
 * Its log lives under {@code logDir}, so topics and offsets survive a restart; the directory is formatted on first use.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    /**
     * After a crash the controller keeps the dead broker's registration for this long before it accepts the new one
     * (Kafka's 9 s default): heartbeats cross loopback inside this JVM, so only a stall of the whole process this long
     * fences the broker, and it unfences with its next heartbeat. On two cores shared with three other builds the
     * controller's own thread stalled 3.4 s, hence not less.
     */
    private static final int SESSION_TIMEOUT_MS = 5_000;
    private static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";

    private final BrokerSettings settings;
    private KafkaRaftServer server;
    private int boundPort;

    public EmbeddedKafkaBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    public void start() {
        try {
            Files.createDirectories(settings.logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka log directory " + settings.logDir(), e);
        }
        boundPort = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        // The controller listener is internal to this one node, so any free port will do on each start.
        int controllerPort = freePort(settings.host());
        Map<String, Object> props = brokerProperties(boundPort, controllerPort);
        KafkaConfig config = new KafkaConfig(props, false);
        if (stoppedUncleanly()) {
            log.info("The broker did not stop cleanly last time (crash or kill -9): recovering its log and waiting"
                    + " ~{} s for the dead broker's registration to expire ...", SESSION_TIMEOUT_MS / 1000);
        }
        formatIfNeeded(config);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.debug("Kafka broker listening on {}", bootstrapServers());
    }

    public String bootstrapServers() {
        return settings.host() + ":" + boundPort;
    }

    public int port() {
        return boundPort;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Map<String, Object> brokerProperties(int port, int controllerPort) {
        String host = settings.host();
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", settings.logDir().toAbsolutePath().toString());
        // One node: every internal topic can only have one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("broker.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS));
        // A refused registration is retried at this interval too (Kafka's default: 2 s).
        props.put("broker.heartbeat.interval.ms", "500");
        // Lets the embedded Connect worker use a short session (ConnectSettings), so a killed worker's membership
        // expires in seconds (Kafka's floor is 6 s).
        props.put("group.min.session.timeout.ms", "2000");
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "false");
        // Small, laptop-friendly footprint: the defaults are sized for dedicated servers.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        // The log cleaner keeps its key map on the heap: 128 MiB by default, a quarter of up's heap, for compacted
        // topics (Connect's and the consumer offsets) that hold a few thousand keys here. 8 MiB holds ~300k keys
        // (24 bytes each, filled to 90 %).
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("log.retention.hours", String.valueOf(settings.retentionHours()));
        props.putAll(settings.overrides());
        return props;
    }

    /**
     * Kafka writes this file on a clean shutdown and deletes it when it starts (its CleanShutdownFileHandler, in a
     * module we do not compile against); a formatted log without it crashed.
     */
    private boolean stoppedUncleanly() {
        Path logDir = settings.logDir();
        return Files.exists(logDir.resolve("meta.properties"))
                && !Files.exists(logDir.resolve(CLEAN_SHUTDOWN_FILE));
    }

    private void formatIfNeeded(KafkaConfig config) {
        if (Files.exists(settings.logDir().resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setIgnoreFormatted(true)
                    .setHasDynamicQuorum(false)
                    .addDirectory(settings.logDir().toAbsolutePath().toString())
                    .run();
            log.info("Formatted new Kafka log directory {}", settings.logDir());
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + settings.logDir() + ": " + e.getMessage(), e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }
}
