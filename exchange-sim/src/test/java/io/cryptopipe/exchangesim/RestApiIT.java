package io.cryptopipe.exchangesim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.cryptopipe.exchangesim.StreamClient.JSON;
import static io.cryptopipe.exchangesim.StreamClient.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One finished market shared by every test: REST is read-only, and a fixed history makes windows exact. */
class RestApiIT {

    private static final int TRADES_PER_SYMBOL = 1_200;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ExchangeSimulator simulator;

    @BeforeAll
    static void tradeUntilFinished() {
        simulator = new ExchangeSimulator(new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT", "ETHBTC"),
                20_000, 42, TRADES_PER_SYMBOL));
        simulator.start();
        simulator.startTrading();
        await().atMost(Duration.ofSeconds(20)).until(simulator::finished);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private record Reply(int status, JsonNode body) {
    }

    private static Reply get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(simulator.restBaseUri() + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 404) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
        }
        return new Reply(response.statusCode(), response.statusCode() == 404 ? null : JSON.readTree(response.body()));
    }

    private static List<Long> ids(JsonNode trades) {
        List<Long> ids = new ArrayList<>();
        trades.forEach(trade -> ids.add(trade.get("id").asLong()));
        return ids;
    }

    @Test
    void pingAnswersAnEmptyObject() throws Exception {
        assertThat(get("/api/v3/ping")).isEqualTo(new Reply(200, JSON.readTree("{}")));
    }

    @Test
    void timeAnswersTheServerClock() throws Exception {
        long before = System.currentTimeMillis();
        JsonNode body = get("/api/v3/time").body();

        assertThat(keys(body)).containsExactly("serverTime");
        assertThat(body.get("serverTime").asLong()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void exchangeInfoListsTheConfiguredSymbolsWithTheirAssets() throws Exception {
        JsonNode body = get("/api/v3/exchangeInfo").body();

        assertThat(body.get("timezone").asText()).isEqualTo("UTC");
        assertThat(body.get("serverTime").isIntegralNumber()).isTrue();
        List<String> symbols = new ArrayList<>();
        body.get("symbols").forEach(s -> symbols.add(
                s.get("symbol").asText() + " " + s.get("status").asText() + " " + s.get("baseAsset").asText() + "/" + s.get("quoteAsset").asText()));
        assertThat(symbols).containsExactly("BTCUSDT TRADING BTC/USDT", "ETHBTC TRADING ETH/BTC");
    }

    @Test
    void historicalTradesHaveTheShapeOfARealBinanceResponse() throws Exception {
        JsonNode recorded;
        try (InputStream in = getClass().getResourceAsStream("/binance/spot_market_historical_trades.json")) {
            recorded = JSON.readTree(in).get(0);
        }

        JsonNode served = get("/api/v3/historicalTrades?symbol=BTCUSDT&limit=3").body().get(0);

        assertThat(keys(served)).isEqualTo(keys(recorded));
        for (String key : keys(recorded)) {
            assertThat(served.get(key).getNodeType()).as(key).isEqualTo(recorded.get(key).getNodeType());
        }
        assertThat(served.get("isBestMatch").asBoolean()).isTrue();
    }

    @Test
    void historicalTradesFromIdServesThatWindowOfHistory() throws Exception {
        List<SimTrade> history = simulator.history("BTCUSDT");
        SimTrade first = history.get(100);

        JsonNode trades = get("/api/v3/historicalTrades?symbol=BTCUSDT&fromId=" + first.id() + "&limit=20").body();

        assertThat(trades).hasSize(20);
        for (int i = 0; i < 20; i++) {
            SimTrade expected = history.get(100 + i);
            JsonNode trade = trades.get(i);
            assertThat(new SimTrade("BTCUSDT", trade.get("id").asLong(), trade.get("price").asText(), trade.get("qty").asText(),
                    trade.get("time").asLong(), trade.get("isBuyerMaker").asBoolean())).isEqualTo(expected);
            assertThat(new BigDecimal(trade.get("quoteQty").asText()))
                    .isEqualByComparingTo(new BigDecimal(expected.price()).multiply(new BigDecimal(expected.quantity())));
            assertThat(trade.get("quoteQty").asText()).matches("[0-9]+\\.[0-9]{8}");
        }
    }

    @Test
    void historicalTradesFromBeyondTheLastIdIsEmpty() throws Exception {
        List<SimTrade> history = simulator.history("ETHBTC");

        JsonNode trades = get("/api/v3/historicalTrades?symbol=ETHBTC&fromId=" + (history.get(history.size() - 1).id() + 1)).body();

        assertThat(trades).isEmpty();
    }

    @Test
    void historicalTradesWithoutFromIdServesTheMostRecent() throws Exception {
        List<SimTrade> history = simulator.history("BTCUSDT");

        JsonNode latestFive = get("/api/v3/historicalTrades?symbol=BTCUSDT&limit=5").body();
        JsonNode defaultLimit = get("/api/v3/historicalTrades?symbol=BTCUSDT").body();

        assertThat(ids(latestFive)).isEqualTo(history.subList(TRADES_PER_SYMBOL - 5, TRADES_PER_SYMBOL).stream().map(SimTrade::id).toList());
        assertThat(ids(defaultLimit)).hasSize(500).endsWith(history.get(TRADES_PER_SYMBOL - 1).id());
    }

    @Test
    void recentTradesServeTheLatestUpToTheMaximumLimit() throws Exception {
        List<SimTrade> history = simulator.history("ETHBTC");

        JsonNode trades = get("/api/v3/trades?symbol=ETHBTC&limit=1000").body();

        assertThat(ids(trades)).isEqualTo(history.subList(TRADES_PER_SYMBOL - 1000, TRADES_PER_SYMBOL).stream().map(SimTrade::id).toList());
    }

    @Test
    void unknownSymbolIsRejectedWithInvalidSymbol() throws Exception {
        JsonNode invalidSymbol = JSON.readTree("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");

        assertThat(get("/api/v3/historicalTrades?symbol=DOGEUSDT")).isEqualTo(new Reply(400, invalidSymbol));
        assertThat(get("/api/v3/trades?symbol=btcusdt")).isEqualTo(new Reply(400, invalidSymbol));
        assertThat(get("/api/v3/exchangeInfo?symbol=DOGEUSDT")).isEqualTo(new Reply(400, invalidSymbol));
    }

    @Test
    void badParametersAreRejectedWithBinanceCodes() throws Exception {
        assertThat(get("/api/v3/trades").body().get("code").asInt()).isEqualTo(-1102);
        assertThat(get("/api/v3/trades?symbol=BTCUSDT&limit=ten").body().get("code").asInt()).isEqualTo(-1100);
        assertThat(get("/api/v3/trades?symbol=BTCUSDT&limit=1001").body().get("code").asInt()).isEqualTo(-1130);
        assertThat(get("/api/v3/trades?symbol=BTCUSDT&limit=0").body().get("code").asInt()).isEqualTo(-1130);
        Reply negativeFromId = get("/api/v3/historicalTrades?symbol=BTCUSDT&fromId=-1");
        assertThat(negativeFromId.status()).isEqualTo(400);
        assertThat(negativeFromId.body().get("msg").asText()).startsWith("Illegal characters found in parameter 'fromId'");
    }

    @Test
    void aRestOutageAnswers503FromItsStartPastTheMarketsOpeningForItsLength() throws Exception {
        try (ExchangeSimulator down = new ExchangeSimulator(new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT"), 100, 1, 0)
                .withFaults(FaultPlan.NONE.withRestOutage(Duration.ZERO, Duration.ofSeconds(5))))) {
            down.start();
            URI ping = URI.create(down.restBaseUri() + "/api/v3/ping");
            assertThat(status(ping)).as("before the market opens").isEqualTo(200);

            down.startTrading();
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(down.restBaseUri()
                    + "/api/v3/historicalTrades?symbol=BTCUSDT&fromId=0")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).get("msg").asText()).contains("REST outage");

            await().atMost(Duration.ofSeconds(30)).until(() -> status(ping) == 200);
        }
    }

    private static int status(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertThat(get("/api/v3/depth?symbol=BTCUSDT").status()).isEqualTo(404);
    }
}
