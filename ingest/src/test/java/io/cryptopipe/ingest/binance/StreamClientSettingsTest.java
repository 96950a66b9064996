package io.cryptopipe.ingest.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StreamClientSettingsTest {
    private static final URI WS = URI.create("wss://stream.binance.com:9443");

    @Test
    void spreadsSymbolsEvenlyOverTheConnectionsAsked() {
        StreamClientSettings settings = settings(symbols(50)).spreadOver(4);

        assertThat(settings.shards()).extracting(List::size).containsExactly(13, 13, 13, 11);
    }

    @Test
    void opensNoMoreConnectionsThanThereAreSymbols() {
        StreamClientSettings settings = settings(symbols(2)).spreadOver(4);

        assertThat(settings.shards()).extracting(List::size).containsExactly(1, 1);
    }

    @Test
    void opensMoreConnectionsWhenBinancesStreamLimitRequiresIt() {
        StreamClientSettings settings = settings(symbols(3000)).spreadOver(2);

        assertThat(settings.shards()).extracting(List::size).containsExactly(1024, 1024, 952);
    }

    private static StreamClientSettings settings(List<String> symbols) {
        return StreamClientSettings.of(WS, symbols, Duration.ofSeconds(30));
    }

    private static List<String> symbols(int count) {
        return IntStream.range(0, count).mapToObj(i -> "S%04dUSDT".formatted(i)).toList();
    }
}
