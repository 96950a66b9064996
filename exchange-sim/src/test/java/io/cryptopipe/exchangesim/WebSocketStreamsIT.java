package io.cryptopipe.exchangesim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.cryptopipe.exchangesim.StreamClient.keys;
import static io.cryptopipe.exchangesim.StreamClient.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebSocketStreamsIT {

    private static final List<String> TRADE_KEYS = List.of("e", "E", "s", "t", "p", "q", "T", "m", "M");
    private static final String DECIMAL = "[0-9]+\\.[0-9]{8}";

    private final HttpClient http = HttpClient.newHttpClient();
    private ExchangeSimulator simulator;

    private ExchangeSimulator trading(double tradesPerSecond) {
        simulator = new ExchangeSimulator(new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT", "ETHUSDT"),
                tradesPerSecond, 42, 0));
        simulator.start();
        simulator.startTrading();
        return simulator;
    }

    private URI uri(String pathAndQuery) {
        return URI.create(simulator.wsBaseUri() + pathAndQuery);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void rawStreamSendsBareTradeEventsInBinanceLayout() {
        trading(200);
        try (StreamClient client = StreamClient.connect(http, uri("/ws/btcusdt@trade"))) {
            JsonNode trade = client.nextJson();

            assertThat(keys(trade)).isEqualTo(TRADE_KEYS);
            assertThat(trade.get("e").asText()).isEqualTo("trade");
            assertThat(trade.get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(trade.get("t").isIntegralNumber()).isTrue();
            assertThat(trade.get("p").asText()).matches(DECIMAL);
            assertThat(trade.get("q").asText()).matches(DECIMAL);
            assertThat(trade.get("E").asLong()).isGreaterThanOrEqualTo(trade.get("T").asLong());
            assertThat(trade.get("m").isBoolean()).isTrue();
            assertThat(trade.get("M").asBoolean()).isTrue();
        }
    }

    @Test
    void streamedTradesAreTheOnesInHistory() {
        trading(200);
        try (StreamClient client = StreamClient.connect(http, uri("/ws/btcusdt@trade"))) {
            JsonNode event = client.nextJson();

            SimTrade recorded = simulator.history("BTCUSDT").stream()
                    .filter(trade -> trade.id() == event.get("t").asLong()).findFirst().orElseThrow();
            assertThat(recorded).isEqualTo(new SimTrade("BTCUSDT", event.get("t").asLong(), event.get("p").asText(),
                    event.get("q").asText(), event.get("T").asLong(), event.get("m").asBoolean()));
        }
    }

    @Test
    void combinedStreamWrapsEachEventWithItsStreamName() {
        trading(400);
        try (StreamClient client = StreamClient.connect(http, uri("/stream?streams=btcusdt@trade/ethusdt@trade"))) {
            List<JsonNode> frames = client.nextJson(20);

            assertThat(frames).allSatisfy(frame -> {
                assertThat(keys(frame)).containsExactly("stream", "data");
                assertThat(keys(frame.get("data"))).isEqualTo(TRADE_KEYS);
                assertThat(frame.get("stream").asText())
                        .isEqualTo(frame.get("data").get("s").asText().toLowerCase() + "@trade");
            });
            assertThat(frames).extracting(frame -> frame.get("stream").asText())
                    .contains("btcusdt@trade", "ethusdt@trade");
        }
    }

    @Test
    void rawPathWithSeveralStreamsCarriesEachWithContiguousIds() {
        trading(1_000);
        try (StreamClient client = StreamClient.connect(http, uri("/ws/btcusdt@trade/ethusdt@trade"))) {
            Map<String, List<Long>> idsBySymbol = client.nextJson(200).stream().collect(Collectors.groupingBy(
                    trade -> trade.get("s").asText(), Collectors.mapping(trade -> trade.get("t").asLong(), Collectors.toList())));

            assertThat(idsBySymbol).containsOnlyKeys("BTCUSDT", "ETHUSDT");
            idsBySymbol.values().forEach(ids -> {
                for (int i = 1; i < ids.size(); i++) {
                    assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
                }
            });
        }
    }

    @Test
    void subscribeOnBareConnectionConfirmsThenStartsDelivery() {
        trading(200);
        try (StreamClient client = StreamClient.connect(http, uri("/ws"))) {
            assertThat(simulator.subscriberCount()).isZero();

            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":1}");

            assertThat(client.next()).isEqualTo("{\"result\":null,\"id\":1}");
            assertThat(keys(client.nextJson())).isEqualTo(TRADE_KEYS);
            assertThat(simulator.subscriberCount()).isEqualTo(1);
        }
    }

    @Test
    void unsubscribeConfirmsAndStopsDelivery() {
        trading(500);
        try (StreamClient client = StreamClient.connect(http, uri("/ws/btcusdt@trade"))) {
            client.nextJson();

            client.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":312}");

            assertThat(client.replyTo(312).toString()).isEqualTo("{\"result\":null,\"id\":312}");
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
            assertThat(client.replyTo(3).toString()).isEqualTo("{\"result\":[],\"id\":3}");
            client.discardReceived();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(client::receivedNothing);
            assertThat(simulator.subscriberCount()).isZero();
        }
    }

    @Test
    void listSubscriptionsNamesUrlAndSubscribedStreams() {
        trading(50);
        try (StreamClient client = StreamClient.connect(http, uri("/ws/btcusdt@trade"))) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@trade\"],\"id\":1}");
            client.replyTo(1);

            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}");

            assertThat(client.replyTo(2).toString()).isEqualTo("{\"result\":[\"btcusdt@trade\",\"ethusdt@trade\"],\"id\":2}");
        }
    }

    @Test
    void subscribingToAStreamThatDoesNotTradeHereIsAnInvalidRequest() {
        trading(50);
        try (StreamClient client = StreamClient.connect(http, uri("/ws"))) {
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"dogeusdt@trade\"],\"id\":5}");

            JsonNode reply = client.nextJson();
            assertThat(keys(reply)).containsExactly("error", "id");
            assertThat(keys(reply.get("error"))).containsExactly("code", "msg");
            assertThat(reply.get("error").get("code").asInt()).isEqualTo(2);
            assertThat(reply.get("error").get("msg").asText()).startsWith("Invalid request");
            assertThat(reply.get("id").asInt()).isEqualTo(5);
            assertThat(simulator.subscriberCount()).isZero();
        }
    }

    @Test
    void malformedControlMessagesGetBinanceErrorCodes() {
        trading(50);
        try (StreamClient client = StreamClient.connect(http, uri("/ws"))) {
            client.send("{not json");
            JsonNode invalidJson = client.nextJson();
            client.send("{\"method\":\"TRADE\",\"id\":7}");
            JsonNode unknownMethod = client.nextJson();
            client.send("{\"params\":[\"btcusdt@trade\"],\"id\":8}");
            JsonNode missingMethod = client.nextJson();
            client.send("{\"method\":\"SUBSCRIBE\",\"params\":\"btcusdt@trade\",\"id\":9}");
            JsonNode paramsNotArray = client.nextJson();

            assertThat(invalidJson.get("error").get("code").asInt()).isEqualTo(3);
            assertThat(invalidJson.get("id").isNull()).isTrue();
            assertThat(List.of(unknownMethod, missingMethod, paramsNotArray))
                    .extracting(reply -> reply.get("error").get("code").asInt()).containsOnly(2);
            assertThat(List.of(unknownMethod, missingMethod, paramsNotArray))
                    .extracting(reply -> reply.get("id").asInt()).containsExactly(7, 8, 9);
        }
    }

    @Test
    void unknownStreamInUrlIsAcceptedButCarriesNothing() {
        trading(500);
        try (StreamClient client = StreamClient.connect(http, uri("/ws/dogeusdt@trade"))) {
            client.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");

            assertThat(client.next()).isEqualTo("{\"result\":[\"dogeusdt@trade\"],\"id\":1}");
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(client::receivedNothing);
        }
    }

    @Test
    void combinedPropertySwitchesARawConnectionToWrappedEvents() {
        trading(200);
        try (StreamClient client = StreamClient.connect(http, uri("/ws/btcusdt@trade"))) {
            client.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":5}");
            client.replyTo(5);
            client.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":6}");

            assertThat(client.replyTo(6).toString()).isEqualTo("{\"result\":true,\"id\":6}");
            assertThat(keys(client.nextJson())).containsExactly("stream", "data");
        }
    }

    @Test
    void slowConsumerIsDisconnectedWhileOthersKeepReceiving() {
        trading(20_000);
        StreamClient stalled = StreamClient.connectWithoutReading(http, uri("/ws/btcusdt@trade/ethusdt@trade"));
        try (StreamClient healthy = StreamClient.connect(http, uri("/ws/btcusdt@trade"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> simulator.subscriberCount() == 1);

            healthy.discardReceived();
            long before = parse(healthy.next()).get("t").asLong();
            long after = parse(healthy.next()).get("t").asLong();
            assertThat(after).isEqualTo(before + 1);
        } finally {
            stalled.close();
        }
    }
}
