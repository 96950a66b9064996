package io.cryptopipe.app.connect;

import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Kafka Connect worker in distributed mode running inside this JVM: its REST API, its connector
 * configurations (kept in Kafka topics, so they survive restarts) and its task threads are stock Kafka Connect.
 * Distributed mode is what a Connect cluster runs in production, so the embedded default exercises the same path.
 */
public final class EmbeddedConnectWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedConnectWorker.class);

    /** How long a killed worker's membership holds up the next worker's join of the group. */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

    private final ConnectSettings settings;
    private Connect<DistributedHerder> connect;

    public EmbeddedConnectWorker(ConnectSettings settings) {
        this.settings = settings;
    }

    public void start() {
        // Connect's CLI exits the JVM when the worker fails to start; in an embedded worker that must be an error instead.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka Connect worker failed to start (exit " + status + ")"
                    + (message == null ? "" : ": " + message));
        });
        // Connect also registers its own JVM shutdown hook, which would stop the worker while the pipeline is still
        // draining into it; the pipeline stops the worker itself, in order.
        Exit.setShutdownHookAdder((name, hook) -> { });
        try {
            connect = new ConnectDistributed().startConnect(workerProperties());
        } finally {
            Exit.resetExitProcedure();
            Exit.resetShutdownHookAdder();
        }
        log.debug("Kafka Connect worker REST API at {}", restUri());
    }

    public URI restUri() {
        return connect.rest().advertisedUrl();
    }

    @Override
    public void close() {
        if (connect != null) {
            connect.stop();
            connect.awaitStop();
            connect = null;
        }
    }

    private Map<String, String> workerProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", settings.bootstrapServers());
        props.put("group.id", settings.groupId());
        props.put("listeners", "http://" + settings.host() + ":" + settings.port());
        props.put("rest.advertised.host.name", settings.host());
        props.put("config.storage.topic", settings.storagePrefix() + "-configs");
        props.put("offset.storage.topic", settings.storagePrefix() + "-offsets");
        props.put("status.storage.topic", settings.storagePrefix() + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        // Plugins are found through their service-loader manifests; scanning the whole fat jar would cost seconds.
        props.put("plugin.discovery", "service_load");
        // A restarted worker gets a new member id; without this its own old tasks would wait minutes to be reassigned.
        props.put("scheduled.rebalance.max.delay.ms", "0");
        // A killed worker stays a member of the worker group until its session expires (Connect's default: 10 s), and a
        // worker joining that group waits for it; StaleGroupMembers has a restart join another group instead. Heartbeats
        // have their own thread inside this JVM, so only a stall of the whole process this long costs a rebalance.
        // Needs the broker's group.min.session.timeout.ms.
        props.put("session.timeout.ms", String.valueOf(SESSION_TIMEOUT.toMillis()));
        props.put("heartbeat.interval.ms", "1000");
        // Sink tasks are polled at least this often, which bounds how long a tail of buffered records waits.
        props.put("offset.flush.interval.ms", "1000");
        props.putAll(settings.overrides());
        return props;
    }
}
