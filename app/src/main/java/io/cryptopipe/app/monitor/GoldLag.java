package io.cryptopipe.app.monitor;

import io.cryptopipe.app.warehouse.WarehouseFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trade → gold lag: right after each {@code dbt run} that may have added facts commits (a refresh, the minute's run,
 * one started by hand), for every trade it added to {@code fact_trades}, and so to {@code consumption_trades}, the
 * time from the trade's {@code trade_time} (the exchange's clock) to that commit. Kept for the last minute, in 10 ms
 * buckets counted by the warehouse, so that a measurement moves counts, not rows.
 *
 * <p>The facts grow in raw row order, so the trades a run added are those past the highest {@code raw_row_id} the
 * previous measurement saw. The first measurement after a start, and the one after a full refresh, only take that
 * position: the trades they would count became visible before this process was there to see it.
 */
public final class GoldLag {
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final long BUCKET_MS = 10;
    private static final long UNKNOWN = Long.MIN_VALUE;
    private static final Logger log = LoggerFactory.getLogger(GoldLag.class);

    private final WarehouseFile warehouse;
    private final Clock clock;
    private final Deque<Measurement> measurements = new ArrayDeque<>();
    private long position = UNKNOWN;

    public GoldLag(WarehouseFile warehouse, Clock clock) {
        this.warehouse = warehouse;
        this.clock = clock;
    }

    /**
     * Counts the trades the run that just committed added; call it before any other writer can add facts.
     *
     * @param rebuilt the run rebuilt the facts (a full refresh): take the new position, count nothing
     */
    public synchronized void afterRun(boolean rebuilt) {
        Instant visibleAt = clock.instant();
        try (Connection connection = warehouse.open(false)) {
            if (rebuilt || position == UNKNOWN) {
                position = highestRawRow(connection);
                return;
            }
            LagBuckets added = LagBuckets.after(connection, "fact_trades", visibleAt.toEpochMilli() * 1000 + " - epoch_us(trade_time)",
                    "raw_row_id", position);
            Map<Long, Long> buckets = added.counts();
            position = added.highestRow();
            if (!buckets.isEmpty()) {
                measurements.addLast(new Measurement(visibleAt, buckets));
            }
        } catch (SQLException | RuntimeException e) {
            // Before the first build there are no facts to measure; the next run tries again.
            log.debug("Gold lag not measured: {}", e.getMessage());
        }
        dropOlderThan(visibleAt.minus(WINDOW));
    }

    /** The lag of the trades that became visible in gold over the last minute. */
    public synchronized Percentiles lastMinute() {
        dropOlderThan(clock.instant().minus(WINDOW));
        TreeMap<Long, Long> merged = new TreeMap<>();
        measurements.forEach(m -> m.buckets().forEach((bucket, count) -> merged.merge(bucket, count, Long::sum)));
        return Percentiles.of(merged);
    }

    private void dropOlderThan(Instant cutoff) {
        while (!measurements.isEmpty() && measurements.peekFirst().visibleAt().isBefore(cutoff)) {
            measurements.removeFirst();
        }
    }

    private static long highestRawRow(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select coalesce(max(raw_row_id), -1) from fact_trades")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Measurement(Instant visibleAt, Map<Long, Long> buckets) {
    }

    /**
     * @param trades how many trades the figures are over; 0 when none became visible in the window (then the
     *               seconds are null)
     * @param p50Seconds the upper edge of the 10 ms bucket that holds the median, likewise p99 and max
     */
    public record Percentiles(long trades, Double p50Seconds, Double p99Seconds, Double maxSeconds) {
        public static Percentiles none() {
            return new Percentiles(0, null, null, null);
        }

        /** @param buckets trades by 10 ms bucket of lag ({@link #BUCKET_MS}) */
        static Percentiles of(TreeMap<Long, Long> buckets) {
            long trades = buckets.values().stream().mapToLong(Long::longValue).sum();
            if (trades == 0) {
                return none();
            }
            return new Percentiles(trades, at(buckets, trades, 0.50), at(buckets, trades, 0.99),
                    seconds(buckets.lastKey()));
        }

        private static Double at(TreeMap<Long, Long> buckets, long trades, double fraction) {
            long rank = Math.max(1, (long) Math.ceil(fraction * trades));
            long seen = 0;
            for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
                seen += bucket.getValue();
                if (seen >= rank) {
                    return seconds(bucket.getKey());
                }
            }
            return seconds(buckets.lastKey());
        }

        private static double seconds(long bucket) {
            return (bucket + 1) * BUCKET_MS / 1000.0;
        }
    }
}
