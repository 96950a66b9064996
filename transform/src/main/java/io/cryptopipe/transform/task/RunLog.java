package io.cryptopipe.transform.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** dbt's console lines: {@code 1 of 2 START sql view model public.bronze_data ........ [RUN]}. */
final class RunLog {
    private static final Logger log = LoggerFactory.getLogger("io.cryptopipe.transform.run");
    private static final int WIDTH = 80;
    private final List<String> lines = new ArrayList<>();

    synchronized void info(String message) {
        lines.add(message);
        log.info(message);
    }

    synchronized void error(String message) {
        lines.add(message);
        log.error(message);
    }

    void node(int index, int total, String text, String status) {
        String head = index + " of " + total + " " + text + " ";
        info(head + ".".repeat(Math.max(3, WIDTH - head.length())) + " [" + status + "]");
    }

    /** Every line logged so far, for a caller that prints them (the CLI) rather than reading the log. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.2fs", elapsed.toNanos() / 1e9);
    }

    /** {@code 1 seed, 1 view model, 2 table models, 3 data tests}: kinds as {@code view model}, {@code seed}. */
    static String countByKind(Iterable<String> kinds) {
        Map<String, Long> counts = new TreeMap<>();
        kinds.forEach(m -> counts.merge(m, 1L, Long::sum));
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
    }

    static String finished(String kinds, Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return String.format(Locale.ROOT, "Finished running %s in %d hours %d minutes and %.2f seconds (%s).",
                kinds, seconds / 3600, (seconds % 3600) / 60, (elapsed.toNanos() % 60_000_000_000L) / 1e9,
                seconds(elapsed));
    }

}
