package io.cryptopipe.app.runtime;

import io.cryptopipe.app.connect.ConnectSettings;
import io.cryptopipe.app.connect.ConnectorRegistrar;
import io.cryptopipe.app.connect.EmbeddedConnectWorker;
import io.cryptopipe.app.connect.SinkCatchUp;
import io.cryptopipe.app.connect.StaleGroupMembers;
import io.cryptopipe.app.connect.WarehouseSinkRegistration;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.app.http.ApiServer;
import io.cryptopipe.app.http.ConcurrencyLimit;
import io.cryptopipe.app.http.DbtRoute;
import io.cryptopipe.app.http.EventsRoute;
import io.cryptopipe.app.http.GapsRoute;
import io.cryptopipe.app.http.HistoryRoute;
import io.cryptopipe.app.http.MarketRoute;
import io.cryptopipe.app.http.MetricsRoute;
import io.cryptopipe.app.http.PipelineRoute;
import io.cryptopipe.app.http.RelationsRoute;
import io.cryptopipe.app.http.RequestGuard;
import io.cryptopipe.app.http.StaticAssets;
import io.cryptopipe.app.monitor.DiskWatch;
import io.cryptopipe.app.monitor.GoldFreshness;
import io.cryptopipe.app.monitor.GoldLag;
import io.cryptopipe.app.history.HistoryRecorder;
import io.cryptopipe.app.history.MetricHistory;
import io.cryptopipe.app.history.RecentEvents;
import io.cryptopipe.app.monitor.PipelineMonitor;
import io.cryptopipe.app.http.RunsRoute;
import io.cryptopipe.app.http.JsonRoute;
import io.cryptopipe.app.http.SqlRoute;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.TopicRetention;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.app.warehouse.WarehouseInvalidation;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.SimulatorConfig;
import io.cryptopipe.exchangesim.stream.CoinbaseStreams;
import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestService;
import io.cryptopipe.ingest.gap.TopicResumePoints;
import io.cryptopipe.ingest.publish.TopicInitializer;
import io.cryptopipe.orchestrate.dag.DagRunner;
import io.cryptopipe.orchestrate.dag.JdbcRunHistory;
import io.cryptopipe.orchestrate.schedule.PipelineScheduler;
import io.cryptopipe.serve.ServeSettings;
import io.cryptopipe.serve.pg.PgServer;
import org.duckdb.DuckDBConnection;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The whole pipeline in one JVM: Kafka broker, Connect worker with the warehouse sink, optional exchange simulator,
 * ingest, the dbt schedule and the HTTP API. Stages start in dependency order, each logging one line, and stop in
 * reverse order so that everything already received is published, loaded and committed.
 */
public final class EmbeddedPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPipeline.class);

    /**
     * Kafka, Connect's REST API and the simulator listen here whatever --bind says: Connect's API can create
     * connectors, and neither it nor the broker asks for a password.
     */
    public static final String INTERNAL_HOST = "127.0.0.1";
    /** Console and API queries running at once; more are refused until one ends. */
    static final int MAX_CONSOLE_QUERIES = 3;
    /** The Pipeline page's charts reach back 6 hours at 5-second steps: 4,320 points per series at most. */
    static final Duration HISTORY_RESOLUTION = Duration.ofSeconds(5);
    static final Duration HISTORY_SPAN = Duration.ofHours(6);
    static final int RECENT_EVENTS = 50;

    private final PipelineSettings settings;
    private final WarehouseFile warehouse;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Runnable beforeWarehouseOpens;
    private EmbeddedKafkaBroker broker;
    private EmbeddedConnectWorker connect;
    private ExchangeSimulator simulator;
    private IngestService ingest;
    private ApiServer api;
    private Connection warehouseKeeper;
    private PgServer pgServer;

    public EmbeddedPipeline(PipelineSettings settings) {
        this(settings, () -> { });
    }

    /**
     * @param beforeWarehouseOpens runs on the starting thread just before the pipeline first opens the warehouse (before
     *                             the Connect worker, whose sink opens it), the broker having started meanwhile: `up`
     *                             checks the file there
     *                             (DuckDB replays a killed run's write-ahead log on that open), so the check and the
     *                             broker's own recovery overlap
     */
    public EmbeddedPipeline(PipelineSettings settings, Runnable beforeWarehouseOpens) {
        this.settings = settings;
        this.warehouse = WarehouseFile.in(settings.dataDir());
        this.beforeWarehouseOpens = beforeWarehouseOpens;
    }

    public void start() {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + settings.dataDir(), e);
        }
        try {
            startStages();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startStages() {
        String host = settings.bindHost();

        TopicRetention topicRetention = new TopicRetention(settings.retention().kafka(), settings.retention().kafkaBytes());
        BrokerSettings brokerSettings = BrokerSettings.of(INTERNAL_HOST, settings.kafkaPort(), settings.dataDir().resolve("kafka"));
        brokerSettings = new BrokerSettings(brokerSettings.host(), brokerSettings.port(), brokerSettings.logDir(),
                brokerSettings.retentionHours(), topicRetention.brokerConfigs());
        broker = track(new EmbeddedKafkaBroker(brokerSettings));
        broker.start();
        log.info("Kafka broker (KRaft) on {}, log in {}", broker.bootstrapServers(), settings.dataDir().resolve("kafka"));
        // Created before the sink starts, so that its dead-letter reporter finds the topic rather than racing ingest.
        new TopicInitializer(IngestConfig.DEFAULT_PARTITIONS, IngestConfig.DEFAULT_REPLICATION_FACTOR).ensureTopics(
                Map.of("bootstrap.servers", broker.bootstrapServers()), List.of(settings.topic(), settings.dlqTopic()),
                Duration.ofSeconds(30));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            topicRetention.applyTo(admin, List.of(settings.topic(), settings.dlqTopic()), Duration.ofSeconds(30));
        }
        log.info("Topics {} and {} keep records for {}{}", settings.topic(), settings.dlqTopic(),
                settings.retention().kafka(), settings.retention().kafkaBytes() == 0 ? ""
                        : " and at most " + settings.retention().kafkaBytes() + " bytes a partition");

        ConnectSettings connectSettings = ConnectSettings.of(broker.bootstrapServers(), INTERNAL_HOST, settings.connectPort());
        connectSettings = connectSettings.inGroup(new StaleGroupMembers(broker.bootstrapServers())
                .release(connectSettings.groupId(), WarehouseSinkRegistration.NAME, Duration.ofSeconds(30)));
        // A worker starts the connectors registered in its config topic at once, and the sink opens the warehouse.
        beforeWarehouseOpens.run();
        connect = track(new EmbeddedConnectWorker(connectSettings));
        connect.start();
        log.info("Kafka Connect worker REST API on {}", connect.restUri());

        warehouseKeeper = track(openWarehouse());
        WarehouseSinkRegistration sink = new WarehouseSinkRegistration(settings.topic(), settings.dlqTopic(), warehouse);
        ConnectorRegistrar registrar = new ConnectorRegistrar(connect.restUri());
        registrar.register(sink.name(), sink.config());
        registrar.awaitRunning(sink.name(), Duration.ofSeconds(60));
        log.info("Sink connector {} running: topic {} -> {} table {}.{}", sink.name(), settings.topic(),
                warehouse.path(), WarehouseFile.SCHEMA, WarehouseSinkRegistration.RAW_TABLE);
        // Runs on close after ingest has stopped and before the worker does (components close in reverse order).
        SinkCatchUp catchUp = new SinkCatchUp(broker.bootstrapServers(), settings.topic(), warehouse);
        track(() -> catchUp.await(Duration.ofSeconds(15)));

        URI wsUrl = settings.binanceWsUrl();
        URI restUrl = settings.binanceRestUrl();
        Map<String, IngestConfig.VenueUrls> venueUrls = new HashMap<>(settings.venueUrls());
        if (settings.source() == PipelineSettings.Source.SIM) {
            PipelineSettings.SimSettings sim = settings.sim();
            // The simulated exchange continues the ids already in the topic, as Binance's keep growing while we
            // are down; ingest resumes after them and would otherwise take a new session's lower ids for repeats.
            Map<String, Long> lastIds = new TopicResumePoints().lastIds(Map.of("bootstrap.servers", broker.bootstrapServers()),
                    settings.topic(), settings.symbols(), Duration.ofSeconds(30));
            simulator = track(new ExchangeSimulator(new SimulatorConfig(INTERNAL_HOST, sim.port(), settings.symbols(),
                    sim.tradesPerSecond(), sim.seed(), sim.maxTradesPerSymbol(),
                    PipelineSettings.SimSettings.historyPerSymbol(settings.symbols().size())), lastIds, sim.rampUp()));
            simulator.start();
            wsUrl = simulator.wsBaseUri();
            restUrl = simulator.restBaseUri();
            for (String venue : IngestConfig.VENUES.keySet()) {
                // The simulator serves each venue under /<exchange>, as CoinbaseStreams.PATH is for Coinbase.
                venueUrls.put(venue, new IngestConfig.VenueUrls(URI.create(wsUrl + "/" + venue), URI.create(restUrl + "/" + venue)));
            }
            log.info("Exchange simulator on {} ({} symbols, {} trades/s)", wsUrl, settings.symbols().size(), sim.tradesPerSecond());
        }

        IngestConfig.Builder ingestConfig = IngestConfig.builder(broker.bootstrapServers(), settings.symbols())
                .topic(settings.topic())
                .dlqTopic(settings.dlqTopic())
                .wsBaseUrl(wsUrl)
                .restBaseUrl(restUrl)
                .wsConnections(settings.wsConnections());
        venueUrls.forEach((exchange, urls) -> ingestConfig.venueUrls(exchange, urls.wsUrl(), urls.restUrl()));
        settings.listingSelector().ifPresent(selector -> ingestConfig.followListings(selector, IngestConfig.DEFAULT_LISTING_REFRESH));
        ingest = track(new IngestService(ingestConfig.build()));
        ingest.start();
        if (simulator != null) {
            awaitSubscribers(simulator, ingest.status().totalConnections(), Duration.ofSeconds(30));
            simulator.startTrading();
        }
        log.info("Ingest streaming {} symbols from {} to topic {}", settings.symbols().size(), wsUrl, settings.topic());

        GoldLag goldLag = new GoldLag(warehouse, Clock.systemUTC());
        DbtInvoker dbtInvoker = new DbtInvoker(settings.dataDir(), new ReentrantLock(),
                invocation -> goldLag.afterRun(invocation.fullRefresh()));
        JdbcRunHistory history = new JdbcRunHistory(() -> warehouse.open(false));
        history.failRunsLeftRunning(Instant.now());
        DagRunner dag = new DagRunner(CryptoPipelineDag.create(dbtInvoker, settings.projectDir(), settings.dataDir(),
                new AppendedTablesProbe(warehouse), settings.retention().raw()), history);
        Optional<GoldRefresh> refresh = goldRefresh(dbtInvoker);
        PipelineScheduler scheduler = track(new PipelineScheduler(settings.schedule(), trigger -> {
            try {
                dag.run(trigger);
            } finally {
                // Refreshes begin once the first run (on a fresh warehouse, the first build) has made the models.
                refresh.ifPresent(GoldRefresh::start);
            }
        }, Clock.systemDefaultZone()));
        scheduler.start();
        scheduler.triggerNow();
        log.info("DAG {} ({}) of {} scheduled '{}': first run now, then next at {}", CryptoPipelineDag.ID,
                dag.tasks().stream().map(t -> t.id()).collect(java.util.stream.Collectors.joining(" -> ")),
                settings.projectDir(), settings.schedule(), scheduler.nextFireTime().toLocalTime());
        Supplier<GoldFreshness> gold = goldFreshness(refresh, goldLag);

        DiskWatch disk = track(new DiskWatch(settings.dataDir(), settings.retention().minFreeDisk(), ingest::pause,
                ingest::resume, Clock.systemUTC()));
        disk.start();
        MetricHistory metricHistory = new MetricHistory(HISTORY_RESOLUTION, HISTORY_SPAN);
        RecentEvents events = new RecentEvents(RECENT_EVENTS);
        PipelineMonitor monitor = track(new PipelineMonitor(ingest, broker.bootstrapServers(), settings.topic(),
                settings.dlqTopic(), warehouse, Clock.systemUTC(), disk::latest,
                new HistoryRecorder(metricHistory, events, history, CryptoPipelineDag.ID, gold)));
        monitor.start(Duration.ofSeconds(2));
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("source", settings.source().name().toLowerCase());
        about.put("symbols", settings.symbols());
        about.put("kafka", broker.bootstrapServers());
        about.put("topic", settings.topic());
        about.put("connect", connect.restUri().toString());
        about.put("warehouse", Map.of("file", warehouse.path().toString()));
        about.put("dataDir", settings.dataDir().toAbsolutePath().toString());
        about.put("schedule", settings.schedule().toString());
        about.put("goldRefresh", settings.refreshInterval().isZero() ? "with the DAG runs only" : "every " + inWords(settings.refreshInterval()));
        about.put("retention", retention(settings.retention()));
        if (settings.httpPort() != 0) {
            about.put("http", "http://" + host + ":" + settings.httpPort() + "/");
        }
        startPgServer().ifPresent(uri -> about.put("postgres", uri));
        PipelineRoute pipelineRoute = new PipelineRoute(monitor, history, scheduler, CryptoPipelineDag.ID, about, gold);

        Map<String, JsonRoute> routes = new LinkedHashMap<>();
        routes.put("/api/sql", new ConcurrencyLimit(new SqlRoute(warehouse, settings.serving().queryTimeout()), MAX_CONSOLE_QUERIES, "console/API queries"));
        routes.put("/api/dbt", new DbtRoute(dbtInvoker, settings.projectDir()));
        routes.put("/api/runs", new RunsRoute(CryptoPipelineDag.ID, history, scheduler));
        routes.put("/api/pipeline", pipelineRoute);
        routes.put("/api/relations", new RelationsRoute(warehouse));
        routes.put("/api/market", new MarketRoute(warehouse));
        routes.put("/api/gaps", new GapsRoute(ingest));
        routes.put("/api/history", new HistoryRoute(metricHistory, Clock.systemUTC(), (int) HISTORY_SPAN.toMinutes()));
        routes.put("/api/events", new EventsRoute(events));
        routes.put("/metrics", new MetricsRoute(monitor, history, CryptoPipelineDag.ID, gold));
        routes.put("/health", request -> request.trusted() ? pipelineRoute.health() : pipelineRoute.healthStatus());
        routes.put("/", new StaticAssets());
        api = track(new ApiServer(new InetSocketAddress(host, settings.httpPort()), routes,
                RequestGuard.of(host, settings.serving())));
        api.start();
        log.info("Web UI and JSON API on {}/ (or: ./cryptopipe sql \"select count(*) from bronze_data\")", api.uri());
    }

    /** What the data directory keeps, for the Pipeline page's configuration list. */
    private static Map<String, Object> retention(RetentionSettings retention) {
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("rawRows", retention.prunesRaw() ? inWords(retention.raw()) : "all");
        kept.put("kafkaLog", inWords(retention.kafka()));
        if (retention.kafkaBytes() > 0) {
            kept.put("kafkaLogPerPartitionBytes", retention.kafkaBytes());
        }
        kept.put("minFreeDiskBytes", retention.minFreeDisk());
        return kept;
    }

    /** "7 days", "24 hours", "2 s": the largest whole unit. */
    static String inWords(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
        }
        if (seconds > 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + (seconds == 3_600 ? " hour" : " hours");
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return duration.toMillis() % 1000 == 0 ? seconds + " s" : duration.toMillis() / 1000.0 + " s";
    }

    /** The refresh of the incremental models, not started yet, unless its interval is zero. */
    private Optional<GoldRefresh> goldRefresh(DbtInvoker dbtInvoker) {
        if (settings.refreshInterval().isZero()) {
            log.info("Gold (silver, facts, candles) refreshes with the DAG runs only (--refresh-interval 0)");
            return Optional.empty();
        }
        GoldRefresh refresh = track(new GoldRefresh(dbtInvoker, settings.projectDir(),
                settings.dataDir().resolve("dbt").resolve("refresh"), settings.refreshInterval(), Clock.systemUTC()));
        log.info("Gold refresh ({}) every {} between the DAG runs, from the end of the first", String.join(", ", GoldRefresh.MODELS),
                settings.refreshInterval().toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        return Optional.of(refresh);
    }

    private static Supplier<GoldFreshness> goldFreshness(Optional<GoldRefresh> refresh, GoldLag goldLag) {
        return refresh.<Supplier<GoldFreshness>>map(r -> () -> {
            GoldRefresh.Status status = r.status();
            return new GoldFreshness(status.interval(), status.refreshes(), status.failures(), status.lastEnd(),
                    status.lastSeconds(), status.lastError(), goldLag.lastMinute());
        }).orElse(() -> GoldFreshness.withoutRefresh(goldLag.lastMinute()));
    }

    /**
     * Serves the warehouse over the PostgreSQL protocol when {@code --pg-port} is on. Its connections duplicate the
     * keeper's, so they share the one DuckDB instance (and its memory bound) that the sink and the scheduler use.
     */
    private Optional<String> startPgServer() {
        ServingSettings serving = settings.serving();
        if (serving.pgPort().isEmpty()) {
            return Optional.empty();
        }
        DuckDBConnection keeper;
        try {
            keeper = warehouseKeeper.unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException("the warehouse connection is not DuckDB's", e);
        }
        pgServer = track(new PgServer(new ServeSettings(settings.bindHost(), serving.pgPort().getAsInt(),
                serving.pgMaxConnections(), serving.queryTimeout(), serving.password(),
                ServeSettings.defaultMaxRunningQueries(Runtime.getRuntime().availableProcessors())), keeper::duplicate));
        pgServer.start();
        log.info("PostgreSQL endpoint (read-only) on {}:{}: psql {}{}", settings.bindHost(), pgServer.port(), pgServer.connectionUri(),
                serving.password().isPresent() ? " (password: $" + ServingSettings.PASSWORD_VARIABLE + ")" : "");
        return Optional.of(pgServer.connectionUri());
    }

    /** @return the PostgreSQL endpoint's port, when it runs */
    public Optional<Integer> pgPort() {
        return Optional.ofNullable(pgServer).map(PgServer::port);
    }

    /**
     * A fresh symbol starts at the first trade ingest sees, so the market opens only once every stream connection
     * is subscribed: trades made before a connection subscribed would otherwise never be fetched.
     */
    private static void awaitSubscribers(ExchangeSimulator simulator, int connections, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (simulator.subscriberCount() < Math.max(1, connections)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingest did not connect to the exchange simulator at "
                        + simulator.wsBaseUri() + " within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ingest to connect", e);
            }
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public URI connectUri() {
        return connect.restUri();
    }

    public URI httpUri() {
        return api.uri();
    }

    /** @return DuckDB's reason if it has given up on the warehouse, which only a restart mends; else null */
    public String warehouseInvalidation() {
        return warehouseKeeper == null ? null : WarehouseInvalidation.of(warehouseKeeper);
    }

    public WarehouseFile warehouse() {
        return warehouse;
    }

    public Optional<ExchangeSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    public IngestService ingest() {
        return ingest;
    }

    /**
     * Opens the DuckDB instance every component of this process shares (sink, scheduler, API) and bounds its
     * memory, with as many threads as that memory carries, and checkpoints less often than DuckDB's default. The
     * connection stays open until shutdown, so the instance, and the bound, outlive any one
     * component's reconnects.
     */
    private Connection openWarehouse() {
        Connection keeper = warehouse.open(false);
        int threads = settings.warehouseThreads(Runtime.getRuntime().availableProcessors());
        try (Statement statement = keeper.createStatement()) {
            statement.execute("SET memory_limit = '" + settings.warehouseMemory() + "'");
            statement.execute("SET threads = " + threads);
            statement.execute("SET checkpoint_threshold = '" + PipelineSettings.WAREHOUSE_CHECKPOINT_THRESHOLD + "'");
        } catch (SQLException e) {
            try {
                keeper.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw new IllegalStateException("the warehouse did not take memory limit " + settings.warehouseMemory() + ": "
                    + e.getMessage());
        }
        log.info("Warehouse {} open, DuckDB memory limit {}, {} thread(s), checkpoint every {} of WAL", warehouse.path(),
                settings.warehouseMemory(), threads, PipelineSettings.WAREHOUSE_CHECKPOINT_THRESHOLD);
        return keeper;
    }

    private <T extends AutoCloseable> T track(T component) {
        started.push(component);
        return component;
    }

    /** Stops the stages in reverse order; safe to call twice and after a failed start. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
