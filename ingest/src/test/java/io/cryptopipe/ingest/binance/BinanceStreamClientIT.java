package io.cryptopipe.ingest.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptopipe.ingest.feed.Backoff;
import io.cryptopipe.ingest.feed.FrameHandler;
import io.cryptopipe.ingest.feed.ReceivedFrame;
import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.feed.StreamStatus;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceStreamClientIT {
    private static final long RECEIVED_AT = 1790649901950123L;
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Backoff FAST_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    private static final List<String> COMBINED_FRAMES = Fixtures.combinedSpotTradeFrames();

    private final List<ReceivedFrame> received = new CopyOnWriteArrayList<>();
    private final List<BinanceStreamClient> clients = new ArrayList<>();
    private FakeBinanceServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeBinanceServer().start();
        server.greetEachConnectionWith(COMBINED_FRAMES);
    }

    @AfterEach
    void stopAll() {
        clients.forEach(BinanceStreamClient::close);
        server.close();
    }

    @Test
    void connectsToTheCombinedStreamPathWithEveryStream() {
        BinanceStreamClient client = start(settings(List.of("BTCUSDT", "BNBBTC")));

        await().atMost(PATIENCE).until(() -> client.status().state() == StreamState.STREAMING);
        assertThat(server.upgradeRequests()).containsExactly("/stream?streams=btcusdt@trade/bnbbtc@trade");
        assertThat(client.status()).isEqualTo(new StreamStatus(StreamState.STREAMING, 1, 1, null));
    }

    @Test
    void handsEveryFrameToTheHandlerWithItsReceiveTimeAndSource() {
        BinanceStreamClient client = start(settings(List.of("BTCUSDT", "BNBBTC")));

        await().atMost(PATIENCE).until(() -> received.size() == COMBINED_FRAMES.size());
        assertThat(received).extracting(ReceivedFrame::text).containsExactlyElementsOf(COMBINED_FRAMES);
        assertThat(received).allSatisfy(frame -> {
            assertThat(frame.receiveTimeMicros()).isEqualTo(RECEIVED_AT);
            assertThat(frame.source()).isEqualTo(URI.create(server.wsBase() + "/stream"));
        });
        assertThat(client.framesReceived()).isEqualTo(COMBINED_FRAMES.size());
    }

    @Test
    void reassemblesAMessageSentInFragments() throws Exception {
        server.greetEachConnectionWith(List.of());
        BinanceStreamClient client = start(settings(List.of("BTCUSDT")));
        await().atMost(PATIENCE).until(() -> client.status().state() == StreamState.STREAMING);
        String frame = COMBINED_FRAMES.get(COMBINED_FRAMES.size() - 1);

        server.sendFragmentedToAll(frame, 5);

        await().atMost(PATIENCE).until(() -> received.size() == 1);
        assertThat(received.get(0).text()).isEqualTo(frame);
    }

    @Test
    void reconnectsAndResubscribesAfterTheServerDropsTheConnection() {
        BinanceStreamClient client = start(settings(List.of("BTCUSDT", "BNBBTC")));
        await().atMost(PATIENCE).until(() -> received.size() == COMBINED_FRAMES.size());

        server.dropAll();

        await().atMost(PATIENCE).until(() -> received.size() == 2 * COMBINED_FRAMES.size());
        assertThat(server.upgradeRequests()).containsExactly(
                "/stream?streams=btcusdt@trade/bnbbtc@trade", "/stream?streams=btcusdt@trade/bnbbtc@trade");
        assertThat(client.reconnects()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> client.status().state() == StreamState.STREAMING);
        assertThat(client.status().lastError()).startsWith("Binance stream " + server.wsBase() + "/stream ");
    }

    @Test
    void reconnectsWhenTheStreamGoesSilent() {
        BinanceStreamClient client = start(settings(List.of("BTCUSDT")).withBackoff(FAST_BACKOFF));
        StreamClientSettings silentAfterGreeting = new StreamClientSettings(server.wsBase(), List.of("ETHUSDT"),
                Duration.ofMillis(300), FAST_BACKOFF, 16, 1024, Duration.ofSeconds(5));
        BinanceStreamClient stallWatched = start(silentAfterGreeting);

        await().atMost(PATIENCE).until(() -> server.upgradeRequests().stream().filter(path -> path.contains("ethusdt")).count() >= 3);
        assertThat(stallWatched.reconnects()).isGreaterThanOrEqualTo(2);
        assertThat(stallWatched.status().lastError())
                .startsWith("Binance stream " + server.wsBase() + "/stream sent no data for 300 ms; reconnecting in ");
        assertThat(server.upgradeRequests()).filteredOn(path -> path.contains("ethusdt")).containsOnly("/stream?streams=ethusdt@trade");
        assertThat(client.reconnects()).as("a client with the default 30 s stall timeout").isZero();
    }

    @Test
    void answersPingsWithPongs() {
        BinanceStreamClient client = start(settings(List.of("BTCUSDT")));
        await().atMost(PATIENCE).until(() -> client.status().state() == StreamState.STREAMING);

        server.pingAll("binance-keepalive");

        await().atMost(PATIENCE).until(() -> server.pongsReceived().contains("binance-keepalive"));
    }

    @Test
    void stopsWithTheWayOutWhenBinanceRefusesTheLocation() {
        server.refuseUpgradesWith(451);
        BinanceStreamClient client = start(settings(List.of("BTCUSDT")).withBackoff(FAST_BACKOFF));

        await().atMost(PATIENCE).until(() -> client.status().state() == StreamState.FAILED);
        assertThat(client.status()).isEqualTo(new StreamStatus(StreamState.FAILED, 0, 1,
                "Binance refused the connection with HTTP 451 (restricted location) at " + server.wsBase() + "/stream: "
                        + "use --binance-ws-url wss://stream.binance.us:9443 or another host, "
                        + "or --source sim for the offline simulator"));
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> server.upgradeRequests().size() == 1);
    }

    @Test
    void retriesOtherUpgradeRefusals() {
        server.refuseUpgradesWith(503);
        BinanceStreamClient client = start(settings(List.of("BTCUSDT")).withBackoff(FAST_BACKOFF));

        await().atMost(PATIENCE).until(() -> server.upgradeRequests().size() >= 3);
        assertThat(client.status().state()).isEqualTo(StreamState.RETRYING);
        assertThat(client.status().lastError()).startsWith("Cannot reach Binance at " + server.wsBase()
                + "/stream: the WebSocket upgrade was answered with HTTP 503; retrying in ");

        server.refuseUpgradesWith(0);
        await().atMost(PATIENCE).until(() -> client.status().state() == StreamState.STREAMING);
    }

    @Test
    void keepsRetryingAnUnreachableEndpointNamingItAndTheOfflineAlternative() throws Exception {
        URI closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = URI.create("ws://127.0.0.1:" + socket.getLocalPort());
        }
        BinanceStreamClient client = start(StreamClientSettings.of(closedPort, List.of("BTCUSDT"), Duration.ofSeconds(30))
                .withBackoff(FAST_BACKOFF));

        await().atMost(PATIENCE).until(() -> client.reconnects() >= 2);
        StreamStatus status = client.status();
        assertThat(status.state()).isEqualTo(StreamState.RETRYING);
        assertThat(status.openConnections()).isZero();
        assertThat(status.lastError())
                .startsWith("Cannot reach Binance at " + closedPort + "/stream: connection refused or closed; retrying in ")
                .endsWith(" (offline? --source sim runs the built-in simulator)");
    }

    @Test
    void spreadsStreamsOverConnectionsWhenThereAreMoreThanOneConnectionTakes() {
        BinanceStreamClient client = start(settings(List.of("BTCUSDT", "ETHUSDT", "BNBBTC")).withMaxStreamsPerConnection(2));

        await().atMost(PATIENCE).until(() -> client.status().openConnections() == 2);
        assertThat(server.upgradeRequests()).containsExactlyInAnyOrder(
                "/stream?streams=btcusdt@trade/ethusdt@trade", "/stream?streams=bnbbtc@trade");
        assertThat(client.status().state()).isEqualTo(StreamState.STREAMING);
        await().atMost(PATIENCE).until(() -> received.size() == 2 * COMBINED_FRAMES.size());
    }

    @Test
    void eachConnectionIsHandledOnItsOwnThreadSoOneSlowHandlerCallHoldsUpOnlyItsConnection() {
        server.greetEachConnectionWith(COMBINED_FRAMES);
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        start(settings(List.of("BTCUSDT", "BNBBTC")).spreadOver(2), frame -> {
            if (first.getAndSet(false)) {
                awaitQuietly(stuck);
            }
            received.add(frame);
        });

        await().atMost(PATIENCE).until(() -> received.size() == COMBINED_FRAMES.size());
        stuck.countDown();
        await().atMost(PATIENCE).until(() -> received.size() == 2 * COMBINED_FRAMES.size());
    }

    @Test
    void stopsReadingWhileTheHandlerFallsBehindAndLosesNothing() throws Exception {
        server.greetEachConnectionWith(List.of());
        CountDownLatch slowConsumer = new CountDownLatch(1);
        BinanceStreamClient client = start(settings(List.of("BTCUSDT")).withQueueCapacity(1), frame -> {
            awaitQuietly(slowConsumer);
            received.add(frame);
        });
        await().atMost(PATIENCE).until(() -> client.status().state() == StreamState.STREAMING);
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(COMBINED_FRAMES.get(0).replace("\"t\":935421409", "\"t\":" + (935421409 + i)));
        }

        burst.forEach(server::sendToAll);

        // One frame in the handler, one in the queue, one parked by the socket: nothing more is read.
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> client.framesReceived() <= 3);
        slowConsumer.countDown();
        await().atMost(PATIENCE).until(() -> received.size() == burst.size());
        assertThat(received).extracting(ReceivedFrame::text).containsExactlyElementsOf(burst);
    }

    @Test
    void closeHandsOverFramesAlreadyReceivedAndReportsStopped() {
        CountDownLatch slowConsumer = new CountDownLatch(1);
        BinanceStreamClient client = start(settings(List.of("BTCUSDT", "BNBBTC")), frame -> {
            awaitQuietly(slowConsumer);
            received.add(frame);
        });
        await().atMost(PATIENCE).until(() -> client.framesReceived() == COMBINED_FRAMES.size());

        slowConsumer.countDown();
        client.close();

        assertThat(received).hasSize(COMBINED_FRAMES.size());
        assertThat(client.status().state()).isEqualTo(StreamState.STOPPED);
        await().atMost(PATIENCE).until(() -> server.openConnections() == 0);
    }

    private StreamClientSettings settings(List<String> symbols) {
        return StreamClientSettings.of(server.wsBase(), symbols, Duration.ofSeconds(30)).withBackoff(FAST_BACKOFF);
    }

    private BinanceStreamClient start(StreamClientSettings settings) {
        return start(settings, received::add);
    }

    private BinanceStreamClient start(StreamClientSettings settings, FrameHandler handler) {
        BinanceStreamClient client = new BinanceStreamClient(settings, handler, () -> RECEIVED_AT);
        clients.add(client);
        client.start();
        return client;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
