package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.gap.GapLedger;
import io.cryptopipe.ingest.publish.ProducerProperties;
import io.cryptopipe.ingest.publish.TopicInitializer;
import io.cryptopipe.ingest.publish.TradePublisher;
import io.cryptopipe.ingest.trade.Trade;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The trades topic as the backfill commands write it: the same idempotent producer settings as ingest, each trade
 * marked as a gap fill (its ids are older than the topic's tail), and a {@link #makeDurable()} to call before
 * recording progress, so progress never runs ahead of the topic.
 */
final class BackfillTopic implements GapLedger.FillOutput, AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final TradePublisher publisher;
    private final AtomicReference<String> fatal = new AtomicReference<>();

    BackfillTopic(String bootstrapServers, String topic) {
        new TopicInitializer(3, (short) 1).ensureTopics(Map.of("bootstrap.servers", bootstrapServers),
                List.of(topic, topic + "_dlq"), Duration.ofSeconds(30));
        producer = new KafkaProducer<>(ProducerProperties.forTrades(bootstrapServers, Map.of()));
        publisher = new TradePublisher(producer, topic, topic + "_dlq", fatal::set);
    }

    @Override
    public void publish(Trade trade) {
        publisher.publishGapFill(trade);
    }

    /** Waits until everything published so far is acknowledged; fails the command if the producer gave up. */
    @Override
    public void makeDurable() {
        producer.flush();
        if (fatal.get() != null) {
            throw new UserError(fatal.get(), ExitCodes.WORK_FAILED);
        }
    }

    @Override
    public void close() {
        publisher.close(Duration.ofSeconds(30));
    }
}
