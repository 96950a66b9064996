package io.cryptopipe.ingest;

import io.cryptopipe.ingest.binance.BinanceStreamClient;
import io.cryptopipe.ingest.binance.BinanceTradeParser;
import io.cryptopipe.ingest.binance.StreamClientSettings;
import io.cryptopipe.ingest.feed.ReceivedFrame;
import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.feed.StreamStatus;
import io.cryptopipe.ingest.publish.ProducerProperties;
import io.cryptopipe.ingest.publish.PublishCounts;
import io.cryptopipe.ingest.publish.TopicInitializer;
import io.cryptopipe.ingest.publish.TradePublisher;
import io.cryptopipe.ingest.trade.TradeSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline for Binance spot trades: WebSocket, parse, publish to Kafka.
 *
 * <p>{@link #start()} returns at once; topics are created and the streams opened on a background thread.
 * {@link #close()} stops reading, publishes every frame already received and flushes the producer.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Duration TOPIC_SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final BinanceTradeParser parser = new BinanceTradeParser(TradeSource.WS);
    private final TradePublisher publisher;
    private final BinanceStreamClient client;
    private final Runnable topicSetup;
    private volatile String setupProblem;
    private Thread starter;
    private boolean closed;

    public IngestService(IngestConfig config) {
        this(config,
                createProducer(config),
                () -> new TopicInitializer(config.partitions(), config.replicationFactor())
                        .ensureTopics(adminProperties(config), List.of(config.topic(), config.dlqTopic()), TOPIC_SETUP_TIMEOUT));
    }

    /** For tests: any producer, any topic setup. */
    IngestService(IngestConfig config, Producer<byte[], byte[]> producer, Runnable topicSetup) {
        this.topicSetup = topicSetup;
        this.publisher = new TradePublisher(producer, config.topic(), config.dlqTopic(), this::publisherFailed);
        this.client = new BinanceStreamClient(
                StreamClientSettings.of(config.wsBaseUrl(), config.symbols(), config.stallTimeout()), this::onFrame);
    }

    public synchronized void start() {
        if (starter != null || closed) {
            return;
        }
        starter = new Thread(this::setUpAndConnect, "ingest-start");
        starter.setDaemon(true);
        starter.start();
    }

    public StreamStatus status() {
        Optional<String> fatal = publisher.fatalError();
        StreamStatus stream = client.status();
        if (fatal.isPresent()) {
            return new StreamStatus(StreamState.FAILED, 0, stream.totalConnections(), fatal.get());
        }
        if (stream.lastError() == null && setupProblem != null) {
            return new StreamStatus(stream.state(), stream.openConnections(), stream.totalConnections(), setupProblem);
        }
        return stream;
    }

    public IngestMetrics metrics() {
        PublishCounts counts = publisher.counts();
        return new IngestMetrics(client.framesReceived(), counts.tradesPublished(), counts.malformed(),
                counts.sendErrors(), client.reconnects());
    }

    @Override
    public void close() {
        Thread startup;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            startup = starter;
        }
        if (startup != null) {
            startup.interrupt();
            try {
                startup.join(TOPIC_SETUP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
        publisher.close(PRODUCER_CLOSE_TIMEOUT);
        LOG.info("Ingest stopped: {}", metrics());
    }

    private void setUpAndConnect() {
        try {
            topicSetup.run();
        } catch (RuntimeException e) {
            // The producer reports for itself whether the broker is really unusable; streaming still goes ahead.
            setupProblem = e.getMessage();
            LOG.warn("{}; streaming anyway", e.getMessage());
        }
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        client.start();
    }

    private void onFrame(ReceivedFrame frame) {
        publisher.publish(parser.parse(frame.text(), frame.receiveTimeMicros()), frame);
    }

    private void publisherFailed(String reason) {
        client.stopConnections();
    }

    private static Producer<byte[], byte[]> createProducer(IngestConfig config) {
        try {
            return new KafkaProducer<>(ProducerProperties.forTrades(config.bootstrapServers(), config.producerOverrides()));
        } catch (KafkaException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof ConfigException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            String key = cause.getMessage().contains(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) ? "bootstrapServers" : "producerOverrides";
            throw new InvalidConfigException(key, cause.getMessage());
        }
    }

    private static Map<String, Object> adminProperties(IngestConfig config) {
        Map<String, Object> props = new HashMap<>();
        config.producerOverrides().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "cryptopipe-ingest-admin");
        return props;
    }
}
