package io.cryptopipe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cryptopipe.app.http.GapsRoute;
import io.cryptopipe.ingest.gap.KafkaGapStore;
import io.cryptopipe.ingest.gap.OpenGap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "gaps", mixinStandardHelpOptions = true,
        description = {"List the gap ledger: ranges of trade ids that ingest missed and has not fetched yet, per",
                "exchange and symbol, with when each was found, its failed attempts, last error and next try.",
                "Every open gap is retried until its trades are in the topic, across restarts; trades are called",
                "lost only when the exchange's history goes on without them.",
                "Talks to the pipeline started by `up` with the same --data-dir and --http-port; for a standalone",
                "`ingest`, pass --bootstrap-servers to read the ledger topic (<topic>_gaps) from Kafka instead."},
        footer = {"", "Examples:", "  ./cryptopipe gaps", "  ./cryptopipe gaps --bootstrap-servers kafka:9092 --topic stock_trades"})
public final class GapsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineAddressOptions address;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Read the ledger topic from this Kafka instead of asking a running `up` (for a standalone ingest).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "stock_trades", description = "With --bootstrap-servers: the trades topic; its ledger is <topic>_gaps (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--json", description = "Print the ledger as JSON, as GET /api/gaps answers.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        JsonNode ledger = bootstrapServers == null ? RunningPipeline.require(address).get("/api/gaps") : fromKafka();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ledger));
            out.flush();
            return ExitCodes.OK;
        }
        out.printf("%d open gaps, %d trades to fetch%n", ledger.path("openGaps").asLong(), ledger.path("tradesPending").asLong());
        if (!ledger.path("gaps").isEmpty()) {
            out.printf("%-9s %-12s %14s %14s %8s %-20s %8s %-20s  %s%n", "EXCHANGE", "SYMBOL", "FROM_ID", "TO_ID", "TRADES",
                    "FOUND", "ATTEMPTS", "NEXT_TRY", "LAST_ERROR");
            for (JsonNode gap : ledger.path("gaps")) {
                out.printf("%-9s %-12s %14d %14d %8d %-20s %8d %-20s  %s%s%n", gap.path("exchange").asText(),
                        gap.path("symbol").asText(), gap.path("fromId").asLong(), gap.path("toId").asLong(),
                        gap.path("trades").asLong(), seconds(gap.path("foundAt")), gap.path("attempts").asInt(),
                        seconds(gap.path("nextTry")), gap.path("refused").asBoolean() ? "(refused) " : "", gap.path("lastError").asText());
            }
        }
        JsonNode lost = ledger.path("lost");
        if (!lost.isMissingNode() && !lost.isEmpty()) {
            out.println();
            out.println("Lost (the exchange's history goes on without them), most recent:");
            for (JsonNode range : lost) {
                out.printf("  %s ids %d..%d (%d trades): %s%n", range.path("symbol").asText(), range.path("fromId").asLong(),
                        range.path("toId").asLong(), range.path("trades").asLong(), range.path("reason").asText());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** An instant to the second: the ledger keeps nanoseconds, nobody reads them. */
    private static String seconds(JsonNode instant) {
        try {
            return Instant.parse(instant.asText()).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return instant.asText();
        }
    }

    /** The ledger as the compacted topic holds it; lost ranges are known only to a running ingest. */
    private JsonNode fromKafka() {
        List<OpenGap> gaps;
        try (KafkaGapStore store = new KafkaGapStore(Map.of("bootstrap.servers", bootstrapServers,
                "request.timeout.ms", "10000", "default.api.timeout.ms", "10000"), topic + "_gaps")) {
            gaps = store.load();
        } catch (RuntimeException e) {
            throw new UserError("cannot read the gap ledger topic " + topic + "_gaps from " + bootstrapServers + ": "
                    + e.getMessage() + " (is Kafka up, and is --topic the trades topic?)", ExitCodes.WORK_FAILED);
        }
        List<OpenGap> sorted = gaps.stream().sorted(Comparator.comparing(OpenGap::symbol).thenComparingLong(OpenGap::firstId)).toList();
        Map<String, Object> ledger = GapsRoute.json(sorted, List.of());
        return JSON.valueToTree(ledger);
    }
}
