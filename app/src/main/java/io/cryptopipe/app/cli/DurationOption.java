package io.cryptopipe.app.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration flag's value as people write it: {@code 90s}, {@code 10m}, {@code 12h}, {@code 7d}, or {@code 0}. */
public final class DurationOption {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhd])");

    private DurationOption() {
    }

    /** @throws UserError naming {@code option} when {@code text} is not such a duration */
    public static Duration parse(String option, String text) {
        String value = text == null ? "" : text.strip();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            throw new UserError(option + " must be a duration such as 90s, 10m, 12h or 7d (or 0), got '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
