package io.cryptopipe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.publish.ErrorHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service end to end from a loopback WebSocket to the producer; Kafka itself is Kafka's MockProducer. */
class IngestServiceIT {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String CONTROL_REPLY = "{\"result\":null,\"id\":1}";

    private final List<String> trades = fixtureLines();
    private final String malformed = trades.get(0).replace("\"p\":\"45746.58000000\"", "\"p\":\"45746.58e0\"");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicBoolean refuse = new AtomicBoolean();
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private IngestService service;

    @BeforeEach
    void startExchange() throws Exception {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container ->
                container.addMapping("/stream", (request, response, callback) -> {
                    if (refuse.get()) {
                        Response.writeError(request, response, callback, 451);
                        return null;
                    }
                    return new Greeter();
                })));
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (service != null) {
            service.close();
        }
        server.stop();
    }

    @Test
    void publishesEveryTradeAndDeadLettersTheMalformedFrameOnClose() {
        service = start();
        await().atMost(PATIENCE).until(() -> service.metrics().framesReceived() == trades.size() + 2);

        service.close();

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertThat(sent).filteredOn(r -> r.topic().equals("stock_trades")).hasSize(trades.size())
                .extracting(r -> utf8(r.key())).containsExactly("BTCUSDT", "BTCUSDT", "BTCUSDT", "BNBBTC", "BTCUSDT", "BNBBTC");
        assertThat(sent).filteredOn(r -> r.topic().equals("stock_trades_dlq")).singleElement().satisfies(record -> {
            assertThat(utf8(record.value())).isEqualTo(malformed);
            assertThat(utf8(record.headers().lastHeader(ErrorHeaders.REASON).value()))
                    .isEqualTo("field 'p' is not a plain non-negative decimal: \"45746.58e0\"");
            assertThat(utf8(record.headers().lastHeader(ErrorHeaders.SOURCE).value()))
                    .isEqualTo("ws://127.0.0.1:" + connector.getLocalPort() + "/stream");
        });
        assertThat(utf8(sent.get(4).value())).startsWith("{\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\","
                + "\"trade_id\":6720857582,\"price\":\"83034.29000000\",\"quantity\":\"0.00062000\",")
                .endsWith(",\"source\":\"ws\",\"base_asset\":\"BTC\",\"quote_asset\":\"USDT\"}");
        assertThat(service.metrics()).isEqualTo(new IngestMetrics(trades.size() + 2, trades.size(), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void whilePausedFramesAreDroppedAndNothingIsPublished() {
        service = start();
        service.pause("disk nearly full");
        await().atMost(PATIENCE).until(() -> service.metrics().framesReceived() == trades.size() + 2);

        assertThat(producer.history()).isEmpty();
        assertThat(service.pausedBecause()).contains("disk nearly full");
        service.resume();
        assertThat(service.pausedBecause()).isEmpty();
    }

    @Test
    void reportsStreamingWhileConnected() {
        service = start();

        await().atMost(PATIENCE).until(() -> service.status().state() == StreamState.STREAMING);
        assertThat(service.status().openConnections()).isEqualTo(1);
    }

    @Test
    void failsWithTheWayOutWhenBinanceRefusesTheLocation() {
        refuse.set(true);
        service = start();

        await().atMost(PATIENCE).until(() -> service.status().state() == StreamState.FAILED);
        assertThat(service.status().lastError()).startsWith("Binance refused the connection with HTTP 451 (restricted location)");
    }

    @Test
    void stopsStreamingWhenTheProducerFailsFatally() {
        service = start();
        await().atMost(PATIENCE).until(() -> producer.history().size() >= 1);

        producer.errorNext(new TopicAuthorizationException("Not authorized to access topics: [stock_trades]"));

        await().atMost(PATIENCE).until(() -> service.status().state() == StreamState.FAILED);
        assertThat(service.status().lastError()).isEqualTo("Kafka producer cannot continue (TopicAuthorizationException: "
                + "Not authorized to access topics: [stock_trades]); ingest stopped");
        assertThat(service.status().openConnections()).isZero();
    }

    private IngestService start() {
        IngestConfig config = IngestConfig.builder("127.0.0.1:9", List.of("BTCUSDT", "BNBBTC"))
                .wsBaseUrl(java.net.URI.create("ws://127.0.0.1:" + connector.getLocalPort()))
                .gapBackfill(false)
                .wsConnections(1) // the stand-in exchange greets every connection with the same frames
                .build();
        IngestService started = new IngestService(config, producer, () -> { }, (symbol, fromId, limit) -> List.of());
        started.start();
        return started;
    }

    /** Sends the recorded trades, then a subscription reply, then one broken trade. */
    public final class Greeter implements Session.Listener.AutoDemanding {
        @Override
        public void onWebSocketOpen(Session session) {
            trades.forEach(frame -> session.sendText(frame, Callback.NOOP));
            session.sendText(CONTROL_REPLY, Callback.NOOP);
            session.sendText(malformed, Callback.NOOP);
        }
    }

    private static List<String> fixtureLines() {
        try (InputStream in = IngestServiceIT.class.getResourceAsStream("/binance/spot_trade_messages.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
