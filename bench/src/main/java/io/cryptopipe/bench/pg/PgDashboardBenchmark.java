package io.cryptopipe.bench.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.connect.WarehouseSinkRegistration;
import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.orchestrate.schedule.CronSchedule;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dashboards beside the sink: the embedded pipeline loads the simulator's trades at a steady rate while N pgjdbc
 * clients each run a candles query over the PostgreSQL endpoint every second. Reports the sink's latency from each
 * trade's exchange time to the first poll (every 100 ms) that sees it in the raw table, the sink task's state, and the
 * clients' query count, errors and latency; the reference, in the same run, is the sink's latency over a window of
 * the same length just before, without the clients.
 */
public final class PgDashboardBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String CANDLES = "select symbol, candle_minute, open, high, low, close, volume, vwap, trade_count"
            + " from candles_1m where candle_minute >= (select max(candle_minute) from candles_1m) - interval 30 minute"
            + " order by symbol, candle_minute";

    private PgDashboardBenchmark() {
    }

    /** A window's rows loaded into raw and their sorted trade-to-raw latencies. */
    public record Window(double seconds, long rawRows, long[] toRawMillis) {
    }

    public record Figures(double rate, int clients, Window alone, Window beside, String sinkState,
                          long queries, long queryErrors, long[] queryMillis, List<String> errorSamples, double loadAverage) {
        long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 10_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Path project = Path.of(args.length > 3 ? args[3] : "warehouse").toAbsolutePath().normalize();
        Figures f = run(rate, clients, seconds, project);
        System.out.printf(Locale.ROOT, "bench pg dashboards: %d clients x 1 candles query/s while loading %,.0f trades/s, %.0f s"
                + " (load average %.1f, %d cores)%n", f.clients(), f.rate(), f.beside().seconds(), f.loadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  sink: %,d rows into raw (%,.0f/s); trade -> raw p50 %,d ms, p99 %,d ms, max %,d ms; sink task %s%n",
                f.beside().rawRows(), f.beside().rawRows() / f.beside().seconds(), f.percentile(f.beside().toRawMillis(), 0.5),
                f.percentile(f.beside().toRawMillis(), 0.99), f.percentile(f.beside().toRawMillis(), 1.0), f.sinkState());
        System.out.printf(Locale.ROOT, "  reference, the window before without clients: %,d rows into raw (%,.0f/s); trade -> raw p50 %,d ms,"
                + " p99 %,d ms, max %,d ms%n", f.alone().rawRows(), f.alone().rawRows() / f.alone().seconds(),
                f.percentile(f.alone().toRawMillis(), 0.5), f.percentile(f.alone().toRawMillis(), 0.99), f.percentile(f.alone().toRawMillis(), 1.0));
        System.out.printf(Locale.ROOT, "  clients: %,d queries, %,d errors; query p50 %,d ms, p99 %,d ms, max %,d ms%n",
                f.queries(), f.queryErrors(), f.percentile(f.queryMillis(), 0.5), f.percentile(f.queryMillis(), 0.99),
                f.percentile(f.queryMillis(), 1.0));
        f.errorSamples().forEach(e -> System.out.println("  error: " + e));
        boolean met = f.percentile(f.beside().toRawMillis(), 0.99) <= 1000 && f.queryErrors() == 0 && "RUNNING".equals(f.sinkState());
        System.out.printf(Locale.ROOT, "  goal: sink p99 <= 1 s, no sink error, no query error: %s%n", met ? "met" : "missed");
        System.out.printf(Locale.ROOT, "rerun: ./cryptopipe bench pg --dashboards --rate %.0f --clients %d --duration %d%n",
                rate, clients, seconds);
    }

    public static Figures run(double rate, int clients, int seconds, Path projectDir) throws Exception {
        Path dataDir = ScratchDirectory.create("cryptopipe-bench-pg-dashboards");
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            symbols.add(String.format(Locale.ROOT, "S%03dUSDT", i));
        }
        PipelineSettings settings = new PipelineSettings(dataDir, "127.0.0.1", 0, 0, 0, PipelineSettings.Source.SIM,
                symbols, URI.create("ws://unused.invalid"), URI.create("http://unused.invalid"), "stock_trades",
                CronSchedule.parse("* * * * *"), projectDir,
                new PipelineSettings.SimSettings(0, rate, 42, 0, Duration.ofSeconds(10)), Optional.empty(),
                PipelineSettings.DEFAULT_WAREHOUSE_MEMORY)
                .withServing(ServingSettings.withoutPgEndpoint().withPgPort(0));
        try (EmbeddedPipeline pipeline = new EmbeddedPipeline(settings)) {
            pipeline.start();
            String url = "jdbc:postgresql://127.0.0.1:" + pipeline.pgPort().orElseThrow() + "/streaming_db?user=cryptopipe";
            System.out.println("waiting for the first candles and the ramp-up (10 s) ...");
            awaitCandles(url);
            Thread.sleep(15_000);
            try (Connection c = pipeline.warehouse().open(false)) {
                System.out.println("waiting until the sink has caught up with the start-up backlog ...");
                awaitCaughtUp(c, rate);
                System.out.printf(Locale.ROOT, "reference window: %d s without clients ...%n", seconds);
                Window alone = measure(c, seconds);
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong queries = new AtomicLong();
                ConcurrentLinkedQueue<Long> queryMillis = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    Thread thread = new Thread(() -> dashboard(url, running, queries, queryMillis, errors), "dashboard-" + i);
                    thread.start();
                    threads.add(thread);
                }
                System.out.printf(Locale.ROOT, "measured window: %d s with %d clients ...%n", seconds, clients);
                Window beside = measure(c, seconds);
                running.set(false);
                for (Thread thread : threads) {
                    thread.join(Duration.ofMinutes(2).toMillis());
                }
                String sinkState = sinkState(pipeline.connectUri());
                long[] queryLatencies = queryMillis.stream().mapToLong(Long::longValue).sorted().toArray();
                List<String> samples = errors.stream().distinct().limit(5).toList();
                return new Figures(rate, clients, alone, beside, sinkState, queries.get(), errors.size(),
                        queryLatencies, samples, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    private static Window measure(Connection c, int seconds) throws SQLException, InterruptedException {
        List<Long> toRaw = new ArrayList<>();
        long started = System.nanoTime();
        long lastRowId = maxRowId(c);
        long firstRowId = lastRowId;
        long end = started + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(POLL.toMillis());
            lastRowId = observe(c, lastRowId, toRaw);
        }
        return new Window((System.nanoTime() - started) / 1e9, lastRowId - firstRowId,
                toRaw.stream().mapToLong(Long::longValue).sorted().toArray());
    }
    private static void dashboard(String url, AtomicBoolean running, AtomicLong queries, ConcurrentLinkedQueue<Long> millis,
                                  ConcurrentLinkedQueue<String> errors) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            long next = System.nanoTime();
            while (running.get()) {
                long started = System.nanoTime();
                try (ResultSet rs = s.executeQuery(CANDLES)) {
                    while (rs.next()) {
                        rs.getBigDecimal("close");
                    }
                    queries.incrementAndGet();
                    millis.add((System.nanoTime() - started) / 1_000_000);
                } catch (SQLException e) {
                    errors.add(e.getSQLState() + " " + e.getMessage());
                }
                next += 1_000_000_000L;
                long sleep = (next - System.nanoTime()) / 1_000_000;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
        } catch (SQLException e) {
            errors.add("connect: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCandles(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from candles_1m")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            } catch (SQLException e) {
                // the first DAG run has not built candles_1m yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no candles within 5 minutes");
    }

    /**
     * The sink has worked off the start-up backlog once rows reach raw no faster than they are offered (within 10 %)
     * over two 5 s spans in a row; catching up runs faster. The windows then measure the steady state.
     */
    private static void awaitCaughtUp(Connection c, double rate) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        int steadySpans = 0;
        long rows = maxRowId(c);
        while (System.nanoTime() < deadline && steadySpans < 2) {
            Thread.sleep(5_000);
            long now = maxRowId(c);
            steadySpans = (now - rows) / 5.0 <= rate * 1.1 ? steadySpans + 1 : 0;
            rows = now;
        }
    }

    private static long maxRowId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(rowid), -1) from public.stock_trades_raw")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Adds each new raw row's latency from its trade time to now; returns the new last row id. */
    private static long observe(Connection c, long afterRowId, List<Long> latencies) throws SQLException {
        long nowMicros = System.currentTimeMillis() * 1000;
        long last = afterRowId;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select rowid, cast(RECORD_CONTENT->>'trade_time_us' as bigint)"
                     + " from public.stock_trades_raw where rowid > " + afterRowId)) {
            while (rs.next()) {
                last = Math.max(last, rs.getLong(1));
                latencies.add(Math.max(0, (nowMicros - rs.getLong(2)) / 1000));
            }
        }
        return last;
    }

    private static String sinkState(URI connect) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                connect.resolve("/connectors/" + WarehouseSinkRegistration.NAME + "/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode status = new ObjectMapper().readTree(response.body());
        List<String> states = new ArrayList<>();
        status.path("tasks").forEach(task -> states.add(task.path("state").asText()));
        return states.stream().allMatch("RUNNING"::equals) && !states.isEmpty() ? "RUNNING" : Arrays.toString(states.toArray());
    }
}
