package io.cryptopipe.transform.materialize;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * dbt's seed type inference (agate with dbt's type tester): a column takes the first of integer, number, date,
 * datetime, ISO datetime, boolean, text that every non-null cell parses as; {@code ""} and {@code null} are NULL.
 * The SQL types are those of dbt's SQL adapters: integer, float8, date, timestamp without time zone, boolean, text.
 */
final class SeedTypes {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SeedTypes() {
    }

    static boolean isNull(String cell) {
        return cell == null || cell.isEmpty() || cell.equalsIgnoreCase("null");
    }

    static String infer(List<String> cells) {
        List<String> values = cells.stream().filter(c -> !isNull(c)).map(String::strip).toList();
        if (values.isEmpty()) {
            return "integer";
        }
        if (all(values, v -> INTEGER.matcher(v).matches())) {
            return "integer";
        }
        if (all(values, v -> NUMBER.matcher(v).matches())) {
            return "float8";
        }
        if (all(values, v -> parses(() -> LocalDate.parse(v)))) {
            return "date";
        }
        if (all(values, v -> parses(() -> LocalDateTime.parse(v, DATE_TIME)) || isoDateTime(v))) {
            return "timestamp without time zone";
        }
        if (all(values, v -> List.of("true", "false").contains(v.toLowerCase(Locale.ROOT)))) {
            return "boolean";
        }
        return "text";
    }

    private static boolean isoDateTime(String value) {
        return parses(() -> LocalDateTime.parse(value)) || parses(() -> OffsetDateTime.parse(value));
    }

    private static boolean all(List<String> values, Predicate<String> test) {
        return values.stream().allMatch(test);
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
