package io.cryptopipe.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.ingest.feed.ReceivedFrame;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TradePublisherTest {
    private static final URI SOURCE = URI.create("wss://stream.binance.com:9443/stream");
    private static final String FRAME = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1790649901913,"
            + "\"s\":\"BTCUSDT\",\"t\":6720857582,\"p\":\"83034.29000000\",\"q\":\"0.00062000\",\"T\":1790649901913,"
            + "\"m\":true,\"M\":true}}";
    private static final Trade TRADE = new Trade("binance", "BTCUSDT", 6720857582L, "83034.29000000", "0.00062000",
            true, 1790649901913000L, 1790649901913000L, 1790649901950123L, TradeSource.WS);

    private final List<String> fatalReasons = new CopyOnWriteArrayList<>();

    @Test
    void publishesATradeKeyedBySymbolAsItsJson() {
        MockProducer<byte[], byte[]> producer = producer(true);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);

        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));

        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("stock_trades");
        assertThat(utf8(record.key())).isEqualTo("BTCUSDT");
        assertThat(utf8(record.value())).isEqualTo("{\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\","
                + "\"trade_id\":6720857582,\"price\":\"83034.29000000\",\"quantity\":\"0.00062000\","
                + "\"is_buyer_maker\":true,\"trade_time_us\":1790649901913000,\"event_time_us\":1790649901913000,"
                + "\"ingest_time_us\":1790649901950123,\"source\":\"ws\"}");
        assertThat(publisher.counts()).isEqualTo(new PublishCounts(1, 0, 0, 0));
    }

    @Test
    void sendsAMalformedFrameToTheDeadLetterTopicWithItsReasonAndSource() {
        MockProducer<byte[], byte[]> producer = producer(true);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);
        String broken = FRAME.replace("\"83034.29000000\"", "83034.29");

        publisher.publish(new ParseResult.Malformed("field 'p' must be a string"), frame(broken));

        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("stock_trades_dlq");
        assertThat(record.key()).isNull();
        assertThat(utf8(record.value())).isEqualTo(broken);
        assertThat(header(record, ErrorHeaders.REASON)).isEqualTo("field 'p' must be a string");
        assertThat(header(record, ErrorHeaders.SOURCE)).isEqualTo("wss://stream.binance.com:9443/stream");
        assertThat(publisher.counts()).isEqualTo(new PublishCounts(0, 0, 1, 0));
    }

    @Test
    void countsIgnoredMessagesWithoutSendingThem() {
        MockProducer<byte[], byte[]> producer = producer(true);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);

        publisher.publish(new ParseResult.Ignored("control reply"), frame("{\"result\":null,\"id\":1}"));

        assertThat(producer.history()).isEmpty();
        assertThat(publisher.counts()).isEqualTo(new PublishCounts(0, 1, 0, 0));
    }

    @Test
    void countsTradesOnlyOnceTheBrokerAcknowledgesThem() {
        MockProducer<byte[], byte[]> producer = producer(false);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);

        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));
        assertThat(publisher.counts().tradesPublished()).isZero();

        producer.completeNext();
        assertThat(publisher.counts().tradesPublished()).isEqualTo(1);
    }

    @Test
    void countsAFailedSendAndKeepsPublishing() {
        MockProducer<byte[], byte[]> producer = producer(false);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);

        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for stock_trades-0"));
        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));
        producer.completeNext();

        assertThat(publisher.counts()).isEqualTo(new PublishCounts(1, 0, 0, 1));
        assertThat(publisher.fatalError()).isEmpty();
        assertThat(fatalReasons).isEmpty();
    }

    @Test
    void reportsAFatalProducerErrorOnceAndDropsLaterFrames() {
        MockProducer<byte[], byte[]> producer = producer(false);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);

        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));
        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));
        producer.errorNext(new TopicAuthorizationException("Not authorized to access topics: [stock_trades]"));
        producer.errorNext(new TopicAuthorizationException("Not authorized to access topics: [stock_trades]"));
        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));

        assertThat(fatalReasons).containsExactly("Kafka producer cannot continue (TopicAuthorizationException: "
                + "Not authorized to access topics: [stock_trades]); ingest stopped");
        assertThat(publisher.fatalError()).contains(fatalReasons.get(0));
        assertThat(producer.history()).hasSize(2);
        assertThat(publisher.counts().sendErrors()).isEqualTo(3);
    }

    @Test
    void treatsSendingOnAClosedProducerAsFatal() {
        MockProducer<byte[], byte[]> producer = producer(true);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);
        producer.close();

        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));

        assertThat(fatalReasons).hasSize(1);
        assertThat(fatalReasons.get(0)).startsWith("Kafka producer cannot continue (IllegalStateException");
    }

    @Test
    void closeFlushesTheProducerAndIsIdempotent() {
        MockProducer<byte[], byte[]> producer = producer(false);
        TradePublisher publisher = new TradePublisher(producer, "stock_trades", "stock_trades_dlq", fatalReasons::add);
        publisher.publish(new ParseResult.Parsed(TRADE), frame(FRAME));

        publisher.close();
        publisher.close();

        assertThat(producer.closed()).isTrue();
        assertThat(publisher.counts().tradesPublished()).isEqualTo(1);
    }

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ReceivedFrame frame(String text) {
        return new ReceivedFrame(text, 1790649901950123L, SOURCE);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return utf8(header.value());
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
