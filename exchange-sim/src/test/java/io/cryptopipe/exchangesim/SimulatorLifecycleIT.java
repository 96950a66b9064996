package io.cryptopipe.exchangesim;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SimulatorLifecycleIT {

    private static SimulatorConfig config(long seed, long maxTradesPerSymbol) {
        return new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT", "ETHUSDT"), 5_000, seed, maxTradesPerSymbol);
    }

    /** Everything but the wall-clock time, which differs between runs by design. */
    private static List<SimTrade> timeless(List<SimTrade> trades) {
        return trades.stream().map(t -> new SimTrade(t.symbol(), t.id(), t.price(), t.quantity(), 0, t.buyerMaker())).toList();
    }

    @Test
    void startListensButDoesNotTradeUntilTold() {
        try (ExchangeSimulator simulator = new ExchangeSimulator(config(1, 0))) {
            simulator.start();

            assertThat(simulator.port()).isPositive();
            assertThat(simulator.wsBaseUri()).isEqualTo(URI.create("ws://127.0.0.1:" + simulator.port()));
            assertThat(simulator.restBaseUri()).isEqualTo(URI.create("http://127.0.0.1:" + simulator.port()));
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> simulator.history("BTCUSDT").isEmpty());
        }
    }

    @Test
    void tradesExecuteWithNobodyListening() {
        try (ExchangeSimulator simulator = new ExchangeSimulator(config(1, 0))) {
            simulator.start();
            simulator.startTrading();
            simulator.startTrading();

            await().atMost(Duration.ofSeconds(10)).until(() -> simulator.history("ETHUSDT").size() >= 100);
            assertThat(simulator.subscriberCount()).isZero();
            assertThat(simulator.finished()).isFalse();
        }
    }

    @Test
    void maxTradesPerSymbolStopsTheClockAndFinishes() {
        try (ExchangeSimulator simulator = new ExchangeSimulator(config(1, 300))) {
            simulator.start();
            simulator.startTrading();

            await().atMost(Duration.ofSeconds(10)).until(simulator::finished);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> simulator.history("BTCUSDT").size() == 300 && simulator.history("ETHUSDT").size() == 300);
        }
    }

    @Test
    void sameSeedGivesTheSameTradesRunAfterRun() {
        List<SimTrade> first;
        try (ExchangeSimulator simulator = new ExchangeSimulator(config(99, 500))) {
            simulator.start();
            simulator.startTrading();
            await().atMost(Duration.ofSeconds(10)).until(simulator::finished);
            first = simulator.history("BTCUSDT");
        }
        try (ExchangeSimulator simulator = new ExchangeSimulator(config(99, 500).withTradesPerSecond(20_000))) {
            simulator.start();
            simulator.startTrading();
            await().atMost(Duration.ofSeconds(10)).until(simulator::finished);

            assertThat(timeless(simulator.history("BTCUSDT"))).isEqualTo(timeless(first));
        }
    }

    @Test
    void historyIsBoundedToTheConfiguredLimit() {
        try (ExchangeSimulator simulator = new ExchangeSimulator(config(1, 1_000).withHistoryLimit(100))) {
            simulator.start();
            simulator.startTrading();
            await().atMost(Duration.ofSeconds(10)).until(simulator::finished);

            List<SimTrade> history = simulator.history("BTCUSDT");
            assertThat(history).hasSize(100);
            assertThat(history.get(99).id() - history.get(0).id()).isEqualTo(99);
        }
    }

    @Test
    void historyOfASymbolNotTradedHereIsRefused() {
        try (ExchangeSimulator simulator = new ExchangeSimulator(config(1, 0))) {
            assertThatThrownBy(() -> simulator.history("DOGEUSDT"))
                    .hasMessage("symbol DOGEUSDT is not traded here; configured: [BTCUSDT, ETHUSDT]");
        }
    }

    @Test
    void closeEndsEveryStreamWithGoingAwayAndReleasesThePort() throws Exception {
        ExchangeSimulator simulator = new ExchangeSimulator(config(1, 0));
        simulator.start();
        simulator.startTrading();
        int port = simulator.port();
        StreamClient client = StreamClient.connect(HttpClient.newHttpClient(), URI.create(simulator.wsBaseUri() + "/ws/btcusdt@trade"));
        client.next();

        simulator.close();

        assertThat(client.closeStatus().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void portInUseFailsNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ExchangeSimulator simulator = new ExchangeSimulator(config(1, 0).withPort(taken.getLocalPort()))) {
            assertThatThrownBy(simulator::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("exchange simulator cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
