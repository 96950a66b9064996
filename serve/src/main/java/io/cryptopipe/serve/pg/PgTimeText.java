package io.cryptopipe.serve.pg;

import java.time.LocalDateTime;
import java.time.LocalTime;

/** Dates and times in PostgreSQL's ISO output style: {@code 2026-12-07 16:05:01.25}, fractions without trailing zeros. */
final class PgTimeText {
    private PgTimeText() {
    }

    static String timestamp(LocalDateTime value) {
        return value.toLocalDate() + " " + time(value.toLocalTime());
    }

    static String time(LocalTime value) {
        StringBuilder text = new StringBuilder(15);
        two(text, value.getHour()).append(':');
        two(text, value.getMinute()).append(':');
        two(text, value.getSecond());
        int micros = value.getNano() / 1000;
        if (micros > 0) {
            String fraction = Integer.toString(1_000_000 + micros).substring(1);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.toString();
    }

    private static StringBuilder two(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
