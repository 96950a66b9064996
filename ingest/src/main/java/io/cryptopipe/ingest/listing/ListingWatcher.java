package io.cryptopipe.ingest.listing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares what the exchange lists now with what is streamed, and tells the {@link Target} about the difference:
 * new listings to start streaming, symbols no longer listed (delisted or halted) to stop where possible. A failed
 * lookup changes nothing and is retried at the next check.
 */
public final class ListingWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ListingWatcher.class);

    /** What is streamed, and how it changes. */
    public interface Target {
        List<String> streamed();

        void listed(List<String> added);

        void delisted(Set<String> removed);
    }

    private final Supplier<List<String>> listings;
    private final Target target;
    private final LongAdder added = new LongAdder();
    private final LongAdder removed = new LongAdder();
    /** Symbols reported delisted whose connection still carries them; not reported again. */
    private final Set<String> knownGone = new HashSet<>();

    /** @param listings the symbols the exchange lists now; throws a RuntimeException when it cannot be asked */
    public ListingWatcher(Supplier<List<String>> listings, Target target) {
        this.listings = listings;
        this.target = target;
    }

    /** One comparison; called periodically from a single thread. */
    public synchronized void check() {
        List<String> now;
        try {
            now = listings.get();
        } catch (RuntimeException e) {
            LOG.warn("Cannot check the exchange's listings ({}); trying again later", e.getMessage());
            return;
        }
        Set<String> listed = new LinkedHashSet<>(now);
        Set<String> streamed = new LinkedHashSet<>(target.streamed());
        streamed.removeAll(knownGone);
        List<String> fresh = new ArrayList<>();
        for (String symbol : listed) {
            if (!streamed.contains(symbol)) {
                fresh.add(symbol);
            }
        }
        knownGone.removeAll(listed);
        Set<String> gone = new LinkedHashSet<>(streamed);
        gone.removeAll(listed);
        if (!fresh.isEmpty()) {
            LOG.info("New listing(s): {}; streaming them", fresh);
            added.add(fresh.size());
            target.listed(fresh);
        }
        if (!gone.isEmpty()) {
            LOG.info("No longer trading: {}; their streams stop", gone);
            removed.add(gone.size());
            knownGone.addAll(gone);
            target.delisted(gone);
        }
    }

    public long listingsAdded() {
        return added.sum();
    }

    public long listingsRemoved() {
        return removed.sum();
    }
}
