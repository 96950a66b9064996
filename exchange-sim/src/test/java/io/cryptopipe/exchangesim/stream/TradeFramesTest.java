package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.exchangesim.SimTrade;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TradeFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SimTrade TRADE =
            new SimTrade("BTCUSDT", 6_720_857_582L, "83034.29000000", "0.00062000", 1_790_649_901_913L, true);

    /** The post-2024 combined frame recorded from Binance: no b/a order ids. */
    private static String recordedCombinedFrame() throws IOException {
        try (InputStream in = TradeFramesTest.class.getResourceAsStream("/binance/spot_trade_messages.jsonl")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            return lines.stream().filter(l -> l.contains("6720857582")).findFirst().orElseThrow();
        }
    }

    @Test
    void combinedFrameIsByteForByteWhatBinanceSent() throws IOException {
        assertThat(TradeFrames.frame("btcusdt@trade", TRADE, 1_790_649_901_913L, false, false))
                .isEqualTo(recordedCombinedFrame());
    }

    @Test
    void rawFrameIsTheCombinedFramesData() throws IOException {
        JsonNode recordedData = JSON.readTree(recordedCombinedFrame()).get("data");

        assertThat(JSON.readTree(TradeFrames.raw(TRADE, 1_790_649_901_913L))).isEqualTo(recordedData);
    }

    @Test
    void sellerAggressorTradeCarriesMakerFlagFalse() throws IOException {
        SimTrade buy = new SimTrade("ETHUSDT", 1, "3000.01000000", "0.10000000", 2L, false);

        JsonNode frame = JSON.readTree(TradeFrames.raw(buy, 3L));
        assertThat(frame.get("m").asBoolean()).isFalse();
        assertThat(frame.get("E").asLong()).isEqualTo(3L);
        assertThat(frame.get("T").asLong()).isEqualTo(2L);
    }

    @Test
    void streamNamesAreLowerCaseSymbolAtTrade() {
        assertThat(TradeStreams.of("BTCUSDT")).isEqualTo("btcusdt@trade");
    }

    @Test
    void orderIdsSitWhereBinanceSentThemBefore2024() throws IOException {
        String recorded2021;
        try (InputStream in = TradeFramesTest.class.getResourceAsStream("/binance/spot_trade_messages.jsonl")) {
            recorded2021 = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("{\"e\":\"trade\"") && l.contains("\"b\":")).findFirst().orElseThrow();
        }

        JsonNode simulated = JSON.readTree(TradeFrames.raw(TRADE, 1_790_649_901_913L, false, true));

        assertThat(simulated.fieldNames()).toIterable().containsExactlyElementsOf(() -> fieldNamesOf(recorded2021));
    }

    @Test
    void microsecondModeStampsBothTimesInMicroseconds() throws IOException {
        JsonNode frame = JSON.readTree(TradeFrames.raw(TRADE, 1_790_649_901_913L, true, false));

        assertThat(frame.get("E").asLong()).isEqualTo(1_790_649_901_913_000L);
        assertThat(frame.get("T").asLong()).isEqualTo(1_790_649_901_913_000L);
    }

    private static Iterator<String> fieldNamesOf(String frame) {
        try {
            return JSON.readTree(frame).fieldNames();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
