package io.cryptopipe.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.history.MetricHistory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryRouteTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final MetricHistory history = new MetricHistory(Duration.ofSeconds(5), Duration.ofHours(6));
    private final HistoryRoute route = new HistoryRoute(history, Clock.fixed(NOW, ZoneOffset.UTC), 360);

    @Test
    void answersTheSeriesOfTheLastMinutesAsEpochMillisecondAndValuePairs() throws Exception {
        history.record("sinkLag", NOW.minusSeconds(30 * 60), 7);
        history.record("sinkLag", NOW.minusSeconds(60), 3);

        String json = new ObjectMapper().writeValueAsString(route.handle(get("/api/history?minutes=15")));

        assertThat(json).isEqualTo("{\"series\":{\"sinkLag\":[[" + NOW.minusSeconds(60).toEpochMilli() + ",3.0]]}}");
    }

    @Test
    void refusesMinutesThatAreNotAWholeNumberInRangeNamingTheParameter() {
        for (String bad : List.of("abc", "0", "361", "1.5")) {
            assertThatThrownBy(() -> route.handle(get("/api/history?minutes=" + bad)))
                    .isInstanceOf(UserError.class).hasMessageContaining("minutes").hasMessageContaining("1 to 360");
        }
    }

    private static ApiRequest get(String path) {
        return new ApiRequest("GET", URI.create("http://127.0.0.1" + path), "");
    }
}
