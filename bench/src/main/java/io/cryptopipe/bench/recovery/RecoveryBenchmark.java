package io.cryptopipe.bench.recovery;

import io.cryptopipe.bench.ScratchDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * How fast {@code ./cryptopipe up --source sim} loads again after a clean stop and after a kill -9, side by side on
 * one data directory: a first run fills the topic and the warehouse and stops cleanly; then each round starts the
 * pipeline (after that clean stop), lets it stream, kills it with SIGKILL, starts it again (after the crash), lets it
 * stream and stops it cleanly. Each start is timed from the spawn of its JVM to the first raw row it loaded, and to the
 * first row it also ingested (a trade fresh from the exchange, not one the dead run had left in the topic).
 */
public final class RecoveryBenchmark {
    /** Goals of issue 28: the clean start's goal after a crash too, and at most this much slower than a clean start. */
    private static final double GOAL_SECONDS = 15;
    private static final double GOAL_RATIO = 1.5;

    public record Options(int rounds, int streamSeconds, double rate, Path projectDir) {
    }

    /** One round's two starts, in seconds to the first raw row. */
    public record Round(ChildPipeline.FirstRows clean, ChildPipeline.FirstRows afterKill) {
        double ratio() {
            return afterKill.anySeconds() / clean.anySeconds();
        }
    }

    private final Options options;
    private final Consumer<String> out;

    public RecoveryBenchmark(Options options, Consumer<String> out) {
        this.options = options;
        this.out = out;
    }

    public List<Round> run() throws Exception {
        Path dataDir = ScratchDirectory.create("cryptopipe-recovery");
        ChildPipeline.Ports ports = new ChildPipeline.Ports(freePort(), freePort(), freePort());
        out.accept(String.format(Locale.ROOT, "recovery: %d round(s), %d s of streaming before each stop, sim rate %.0f"
                + " trades/s, data in %s", options.rounds(), options.streamSeconds(), options.rate(), dataDir));
        ChildPipeline first = start(dataDir, ports);
        ChildPipeline.FirstRows initial = first.awaitFirstRows();
        out.accept(String.format(Locale.ROOT, "first start (empty data dir): first raw row after %.1f s", initial.anySeconds()));
        streamThen(first).stopCleanly();

        List<Round> rounds = new ArrayList<>();
        List<String> cleanTimeline = List.of();
        List<String> crashTimeline = List.of();
        for (int round = 1; round <= options.rounds(); round++) {
            ChildPipeline clean = start(dataDir, ports);
            ChildPipeline.FirstRows afterStop = clean.awaitFirstRows();
            streamThen(clean).kill();
            cleanTimeline = clean.lines();

            ChildPipeline restarted = start(dataDir, ports);
            ChildPipeline.FirstRows afterKill = restarted.awaitFirstRows();
            streamThen(restarted).stopCleanly();
            crashTimeline = restarted.lines();

            Round result = new Round(afterStop, afterKill);
            rounds.add(result);
            out.accept(String.format(Locale.ROOT, "round %d: after a clean stop %.1f s (fresh trade %.1f s), after kill -9"
                    + " %.1f s (fresh trade %.1f s): %.2fx", round, afterStop.anySeconds(), afterStop.freshSeconds(),
                    afterKill.anySeconds(), afterKill.freshSeconds(), result.ratio()));
        }
        report(rounds, cleanTimeline, crashTimeline);
        return rounds;
    }

    private ChildPipeline start(Path dataDir, ChildPipeline.Ports ports) throws IOException {
        return ChildPipeline.start(dataDir, ports, options.rate(), options.projectDir());
    }

    private ChildPipeline streamThen(ChildPipeline pipeline) throws InterruptedException {
        Thread.sleep(options.streamSeconds() * 1000L);
        return pipeline;
    }

    private void report(List<Round> rounds, List<String> cleanTimeline, List<String> crashTimeline) {
        out.accept("");
        out.accept("last start after a clean stop, as its terminal showed it:");
        upTo(cleanTimeline).forEach(line -> out.accept("  " + line));
        out.accept("last start after kill -9:");
        upTo(crashTimeline).forEach(line -> out.accept("  " + line));
        out.accept("");
        double clean = median(rounds.stream().mapToDouble(r -> r.clean().anySeconds()).toArray());
        double crash = median(rounds.stream().mapToDouble(r -> r.afterKill().anySeconds()).toArray());
        double worstCrash = rounds.stream().mapToDouble(r -> r.afterKill().anySeconds()).max().orElse(0);
        double ratio = crash / clean;
        out.accept(String.format(Locale.ROOT, "%-44s %8s %8s", "seconds from spawn to first new raw row", "median", "worst"));
        out.accept(String.format(Locale.ROOT, "%-44s %8.1f %8.1f", "after a clean stop", clean,
                rounds.stream().mapToDouble(r -> r.clean().anySeconds()).max().orElse(0)));
        out.accept(String.format(Locale.ROOT, "%-44s %8.1f %8.1f", "after kill -9", crash, worstCrash));
        out.accept(String.format(Locale.ROOT, "after kill -9 vs clean (medians): %.2fx; goals: <= %.0f s (worst %s) and <= %.1fx (%s)",
                ratio, GOAL_SECONDS, worstCrash <= GOAL_SECONDS ? "met" : "MISSED", GOAL_RATIO,
                ratio <= GOAL_RATIO ? "met" : "MISSED"));
        out.accept(String.format(Locale.ROOT, "load average %.2f on %d cores",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors()));
    }

    /** The start-up part of a terminal: up to the line that says the pipeline is up. */
    private static List<String> upTo(List<String> timeline) {
        List<String> startUp = new ArrayList<>();
        for (String line : timeline) {
            startUp.add(line);
            if (line.contains("cryptopipe is up")) {
                break;
            }
        }
        return startUp;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
