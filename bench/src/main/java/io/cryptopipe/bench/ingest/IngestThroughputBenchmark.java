package io.cryptopipe.bench.ingest;

import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.bench.IngestProducerProps;
import io.cryptopipe.bench.ScratchDirectory;
import io.cryptopipe.ingest.binance.BinanceTradeParser;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.gap.TradeSequencer;
import io.cryptopipe.ingest.publish.ProducerProperties;
import io.cryptopipe.ingest.publish.TopicInitializer;
import io.cryptopipe.ingest.publish.TradePublisher;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.TradeJson;
import io.cryptopipe.ingest.trade.TradeSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.tools.ProducerPerformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest's hot path, the work of its dispatch thread: Binance combined-stream frames parsed, sequenced (duplicate
 * and gap check per symbol) and published with the service's producer settings (idempotent, acks=all, lz4) to a
 * real embedded broker, until every record is acknowledged. The reference is Kafka's own ProducerPerformance in
 * the same JVM against the same broker, sending the very same values (so the same record size and
 * compressibility) with the same producer settings. The WebSocket itself is not in the loop: on loopback it
 * measures the simulator, not ingest.
 *
 * <p>Run (from the repository root): {@code mvn -B -q -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -DskipTests},
 * then
 * {@code java -Xmx3g -cp "bench/target/classes:$(cat bench/target/cp.txt)" io.cryptopipe.bench.ingest.IngestThroughputBenchmark 1000000}.
 * Argument: number of trades (default 1,000,000).
 */
public final class IngestThroughputBenchmark {
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT");
    private static final Pattern PERF_RESULT = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    private IngestThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trades = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = ScratchDirectory.create("cryptopipe-bench-ingest");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();
            String bootstrap = broker.bootstrapServers();
            new TopicInitializer(3, (short) 1).ensureTopics(Map.of("bootstrap.servers", bootstrap),
                    List.of("warmup", "warmup_dlq", "stock_trades", "stock_trades_dlq", "perf_reference"), Duration.ofSeconds(30));

            List<String> frames = frames(trades);
            ingest(bootstrap, "warmup", frames.subList(0, Math.min(frames.size(), 200_000)));
            parseOnly(frames.subList(0, Math.min(frames.size(), 200_000)));
            double parseRate = parseOnly(frames);
            double ingestRate = ingest(bootstrap, "stock_trades", frames);

            Path payloads = payloadFile(dir, frames);
            double averageBytes = (double) Files.size(payloads) / trades - 1;
            double perfRate = producerPerformance(bootstrap, payloads, trades);

            System.out.printf(Locale.ROOT, "%n== ingest throughput (%d trades, %.0f-byte values, %d cores) ==%n",
                    trades, averageBytes, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "machine load average:          %.1f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "ingest parse+sequence only:    %,.0f trades/s (no Kafka)%n", parseRate);
            System.out.printf(Locale.ROOT, "ingest parse+sequence+publish: %,.0f trades/s%n", ingestRate);
            System.out.printf(Locale.ROOT, "kafka ProducerPerformance:     %,.0f records/s%n", perfRate);
            System.out.printf(Locale.ROOT, "ratio:                         %.0f %%%n", 100 * ingestRate / perfRate);
            System.out.println("rerun: mvn -B -q -pl bench -am package dependency:build-classpath"
                    + " -Dmdep.outputFile=target/cp.txt -DskipTests && java -Xmx3g -cp"
                    + " \"bench/target/classes:$(cat bench/target/cp.txt)\" " + IngestThroughputBenchmark.class.getName()
                    + " " + trades);
        }
    }

    /** The recorded frames are contiguous: a gap would mean the benchmark measures something else. */
    private static void noGapExpected(String symbol, long fromId, long toId, BackfillFailed problem) {
        throw new IllegalStateException("the frames of " + symbol + " skip ids " + fromId + ".." + toId);
    }

    /** Parses and sequences every frame and serialises each trade's value, without sending; trades per second. */
    private static double parseOnly(List<String> frames) {
        BinanceTradeParser parser = new BinanceTradeParser(TradeSource.WS);
        TradeJson json = new TradeJson();
        long[] bytes = new long[1];
        TradeSequencer sequencer = new TradeSequencer((symbol, fromId, limit) -> List.of(),
                trade -> bytes[0] += json.toJsonBytes(trade).length, IngestThroughputBenchmark::noGapExpected);
        long start = System.nanoTime();
        for (String frame : frames) {
            sequencer.accept(((ParseResult.Parsed) parser.parse(frame, 1_790_649_901_913_000L)).trade());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (bytes[0] == 0) {
            throw new IllegalStateException("nothing serialised");
        }
        return frames.size() / seconds;
    }

    /** Parses, sequences and publishes every frame; returns trades per second until the last acknowledgement. */
    private static double ingest(String bootstrap, String topic, List<String> frames) {
        BinanceTradeParser parser = new BinanceTradeParser(TradeSource.WS);
        TradePublisher publisher = new TradePublisher(
                new KafkaProducer<>(ProducerProperties.forTrades(bootstrap, Map.of())), topic, topic + "_dlq", reason -> {
                    throw new IllegalStateException(reason);
                });
        TradeSequencer sequencer = new TradeSequencer((symbol, fromId, limit) -> List.of(), publisher::publishTrade,
                IngestThroughputBenchmark::noGapExpected);
        long start = System.nanoTime();
        for (String frame : frames) {
            ParseResult result = parser.parse(frame, 1_790_649_901_913_000L);
            if (!(result instanceof ParseResult.Parsed parsed)) {
                throw new IllegalStateException("benchmark frame did not parse: " + result);
            }
            sequencer.accept(parsed.trade());
        }
        publisher.close(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        long published = publisher.counts().tradesPublished();
        if (published != frames.size()) {
            throw new IllegalStateException("published " + published + " of " + frames.size() + " trades");
        }
        return frames.size() / seconds;
    }

    private static double producerPerformance(String bootstrap, Path payloads, int records) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<String> args = new ArrayList<>(List.of("--topic", "perf_reference", "--num-records",
                    Integer.toString(records), "--throughput", "-1", "--payload-file", payloads.toString(), "--producer-props"));
            args.addAll(IngestProducerProps.forPerfTool(bootstrap));
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(console);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher last = null;
        for (String line : output.lines().toList()) {
            Matcher m = PERF_RESULT.matcher(line);
            if (m.find()) {
                last = m;
            }
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no result:\n" + output);
        }
        return Double.parseDouble(last.group(2));
    }

    /** Combined-stream frames as Binance sends them, round-robin over the symbols, contiguous ids per symbol. */
    private static List<String> frames(int count) {
        List<String> frames = new ArrayList<>(count);
        long time = 1_790_649_901_913L;
        for (int i = 0; i < count; i++) {
            String symbol = SYMBOLS.get(i % SYMBOLS.size());
            long id = 6_720_857_582L + i / SYMBOLS.size();
            long priceCents = 8_303_429 + (i * 7919L) % 10_000;
            frames.add("{\"stream\":\"" + symbol.toLowerCase(Locale.ROOT) + "@trade\",\"data\":{\"e\":\"trade\",\"E\":"
                    + (time + i / 100) + ",\"s\":\"" + symbol + "\",\"t\":" + id + ",\"p\":\"" + priceCents / 100 + "."
                    + String.format(Locale.ROOT, "%02d", priceCents % 100) + "000000\",\"q\":\"0.00"
                    + (100 + i % 900) + "000\",\"T\":" + (time + i / 100) + ",\"m\":" + (i % 3 == 0) + ",\"M\":true}}");
        }
        return frames;
    }

    /** The values ingest publishes for these frames, one per line, for ProducerPerformance's --payload-file. */
    private static Path payloadFile(Path dir, List<String> frames) throws IOException {
        BinanceTradeParser parser = new BinanceTradeParser(TradeSource.WS);
        TradeJson json = new TradeJson();
        StringBuilder out = new StringBuilder(frames.size() * 260);
        for (String frame : frames) {
            out.append(json.toJson(((ParseResult.Parsed) parser.parse(frame, 1_790_649_901_913_000L)).trade())).append('\n');
        }
        Path file = dir.resolve("payloads.txt");
        Files.writeString(file, out);
        return file;
    }
}
