package io.cryptopipe.ingest.gap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A gap store in memory, keeping every write so that tests can see the order of them. */
final class InMemoryGapStore implements GapStore {
    final Map<String, OpenGap> entries = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();

    @Override
    public synchronized List<OpenGap> load() {
        return new ArrayList<>(entries.values());
    }

    @Override
    public synchronized void put(OpenGap gap) {
        entries.put(gap.key(), gap);
        writes.add("put " + gap.key() + " " + gap.fromId() + ".." + gap.toId());
    }

    @Override
    public synchronized void remove(OpenGap gap) {
        entries.remove(gap.key());
        writes.add("remove " + gap.key());
    }

    @Override
    public void close() {
    }
}
