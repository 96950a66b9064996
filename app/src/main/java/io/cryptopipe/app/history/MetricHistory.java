package io.cryptopipe.app.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent past of every metric, in memory: one ring buffer per metric holding one point per {@code resolution}
 * (the latest value seen in that slot) for the last {@code span}, so memory stays bounded however long the pipeline
 * runs. Thread-safe: the monitor writes while HTTP requests read.
 */
public final class MetricHistory {
    private final long resolutionMs;
    private final int capacity;
    private final Map<String, Ring> series = new LinkedHashMap<>();

    public MetricHistory(Duration resolution, Duration span) {
        if (resolution.toMillis() <= 0 || span.compareTo(resolution) < 0) {
            throw new IllegalArgumentException("resolution must be positive and no longer than span");
        }
        this.resolutionMs = resolution.toMillis();
        this.capacity = (int) Math.min(1_000_000, span.toMillis() / resolutionMs);
    }

    /**
     * Records one value; a value in the same resolution slot as the series' last point replaces it, a value older
     * than that point is dropped (series only move forward).
     */
    public synchronized void record(String name, Instant at, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return;
        }
        series.computeIfAbsent(name, n -> new Ring(capacity)).add(at.toEpochMilli() / resolutionMs, at.toEpochMilli(), value);
    }

    /** Every series' points at or after {@code from}, oldest first, as {@code [epoch_ms, value]}. */
    public synchronized Map<String, List<List<Number>>> since(Instant from) {
        Map<String, List<List<Number>>> result = new LinkedHashMap<>();
        series.forEach((name, ring) -> result.put(name, ring.since(from.toEpochMilli())));
        return result;
    }

    /** Fixed-size circular storage of one series' points. */
    private static final class Ring {
        private final long[] slots;
        private final long[] times;
        private final double[] values;
        private int newest = -1;
        private int size;

        Ring(int capacity) {
            slots = new long[capacity];
            times = new long[capacity];
            values = new double[capacity];
        }

        void add(long slot, long timeMs, double value) {
            if (size > 0 && slot < slots[newest]) {
                return;
            }
            if (size == 0 || slot > slots[newest]) {
                newest = (newest + 1) % slots.length;
                size = Math.min(size + 1, slots.length);
            }
            slots[newest] = slot;
            times[newest] = timeMs;
            values[newest] = value;
        }

        List<List<Number>> since(long fromMs) {
            List<List<Number>> points = new ArrayList<>();
            for (int i = size - 1; i >= 0; i--) {
                int index = Math.floorMod(newest - i, slots.length);
                if (times[index] >= fromMs) {
                    points.add(List.of(times[index], values[index]));
                }
            }
            return points;
        }
    }
}
