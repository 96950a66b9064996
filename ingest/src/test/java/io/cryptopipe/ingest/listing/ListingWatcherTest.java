package io.cryptopipe.ingest.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ListingWatcherTest {
    private final AtomicReference<List<String>> exchange = new AtomicReference<>(List.of("BTCUSDT", "ETHUSDT"));
    private final Streams streams = new Streams(List.of("BTCUSDT", "ETHUSDT"));
    private final ListingWatcher watcher = new ListingWatcher(() -> {
        List<String> now = exchange.get();
        if (now == null) {
            throw new IllegalStateException("cannot list symbols: HTTP 503");
        }
        return now;
    }, streams);

    @Test
    void nothingChangesWhileTheListingsAreTheSame() {
        watcher.check();

        assertThat(streams.listed).isEmpty();
        assertThat(streams.delisted).isEmpty();
    }

    @Test
    void aNewListingIsStreamedOnce() {
        exchange.set(List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"));

        watcher.check();
        watcher.check();

        assertThat(streams.listed).containsExactly(List.of("SOLUSDT"));
        assertThat(watcher.listingsAdded()).isEqualTo(1);
    }

    @Test
    void aDelistingIsReportedOnceAndARelistingStreamsItAgain() {
        exchange.set(List.of("BTCUSDT"));
        watcher.check();
        watcher.check();
        assertThat(streams.delisted).containsExactly(Set.of("ETHUSDT"));
        assertThat(watcher.listingsRemoved()).isEqualTo(1);

        exchange.set(List.of("BTCUSDT", "ETHUSDT"));
        watcher.check();
        assertThat(streams.listed).containsExactly(List.of("ETHUSDT"));
    }

    @Test
    void anExchangeThatCannotBeAskedChangesNothing() {
        exchange.set(null);

        watcher.check();

        assertThat(streams.listed).isEmpty();
        assertThat(streams.delisted).isEmpty();
    }

    /** Keeps what is streamed the way the client does: a delisted symbol's connection may go on carrying it. */
    private static final class Streams implements ListingWatcher.Target {
        final Set<String> streamed;
        final List<List<String>> listed = new ArrayList<>();
        final List<Set<String>> delisted = new ArrayList<>();

        Streams(List<String> initial) {
            streamed = new LinkedHashSet<>(initial);
        }

        @Override
        public List<String> streamed() {
            return List.copyOf(streamed);
        }

        @Override
        public void listed(List<String> added) {
            listed.add(added);
            streamed.addAll(added);
        }

        @Override
        public void delisted(Set<String> removed) {
            delisted.add(removed);
        }
    }
}
