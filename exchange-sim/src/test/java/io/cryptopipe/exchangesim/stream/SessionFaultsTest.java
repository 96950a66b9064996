package io.cryptopipe.exchangesim.stream;

import io.cryptopipe.exchangesim.FaultPlan;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionFaultsTest {

    private final StreamSession session = new StreamSession(null, null, List.of(), true, 10);

    @Test
    void sendsEveryFrameOnceWithoutFaults() {
        assertThat(framesFor(FaultPlan.NONE, 4)).containsExactly("f1", "f2", "f3", "f4");
    }

    @Test
    void dropsEveryNthFrameButNeverTheFirst() {
        assertThat(framesFor(FaultPlan.NONE.withDropEveryNth(3), 7)).containsExactly("f1", "f2", "f4", "f5", "f7");
    }

    @Test
    void duplicatesEveryNthFrame() {
        assertThat(framesFor(FaultPlan.NONE.withDuplicateEveryNth(2), 4)).containsExactly("f1", "f2", "f2", "f3", "f4", "f4");
    }

    @Test
    void followsEveryNthFrameWithABrokenOne() {
        List<String> sent = framesFor(FaultPlan.NONE.withMalformedEveryNth(2), 4);

        assertThat(sent).hasSize(6).startsWith("f1", "f2").contains("f3", "f4");
        assertThat(sent.get(2)).isIn(TradeFrames.MALFORMED);
        assertThat(sent.get(5)).isIn(TradeFrames.MALFORMED).isNotEqualTo(sent.get(2));
    }

    @Test
    void refusesDroppingEveryFrame() {
        assertThatThrownBy(() -> FaultPlan.NONE.withDropEveryNth(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dropEveryNth must be 0 (off) or at least 2");
    }

    @Test
    void announcesServerShutdownInTheConnectionsFormat() {
        assertThat(TradeFrames.serverShutdown(1700000000000L, true))
                .isEqualTo("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1700000000000}}");
        assertThat(TradeFrames.serverShutdown(1700000000000L, false)).isEqualTo("{\"e\":\"serverShutdown\",\"E\":1700000000000}");
    }

    private List<String> framesFor(FaultPlan plan, int count) {
        SessionFaults faults = new SessionFaults(plan, null, () -> 0L);
        faults.opened(session);
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            sent.addAll(faults.framesFor(session, "f" + i));
        }
        return sent;
    }
}
