package io.cryptopipe.app.cli;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code up --refresh-interval}: how often the incremental models refresh between the minute's DAG runs. */
final class RefreshIntervalOption {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    @Option(names = "--refresh-interval", defaultValue = "2s", paramLabel = "DURATION",
            description = "Refresh silver, the facts and the candles this often between the scheduled DAG runs (seed,"
                    + " snapshot and tests keep --schedule), so a trade reaches consumption_trades within seconds;"
                    + " e.g. 5s, 2s, 500ms; 0 refreshes only at the scheduled runs (default: ${DEFAULT-VALUE}).")
    String interval;

    /** The interval, zero for off, or a one-line error naming the flag and the forms it takes. */
    Duration value() {
        Duration parsed = parse(interval);
        if (parsed == null) {
            throw new UserError("--refresh-interval must be a duration such as 5s, 2s or 500ms (0 for off), got '"
                    + interval + "'");
        }
        return parsed;
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a bare {@code 0}; null for anything else. */
    static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        if (unit == null) {
            return amount == 0 ? Duration.ZERO : null;
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
