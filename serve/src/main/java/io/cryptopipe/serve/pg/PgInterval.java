package io.cryptopipe.serve.pg;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An interval as PostgreSQL's binary format carries it, read from DuckDB's text ("1 year 2 months 3 days 04:05:06.5"). */
record PgInterval(int months, int days, long micros) {
    private static final Pattern PART = Pattern.compile(
            "(-?\\d+) (year|years|mon|mons|month|months|day|days)|(-)?(\\d+):(\\d{2}):(\\d{2})(?:\\.(\\d{1,6}))?");

    static PgInterval parse(String text) {
        int months = 0;
        int days = 0;
        long micros = 0;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                int n = Integer.parseInt(m.group(1));
                switch (m.group(2)) {
                    case "year", "years" -> months += 12 * n;
                    case "mon", "mons", "month", "months" -> months += n;
                    default -> days += n;
                }
            } else {
                String fraction = m.group(7) == null ? "0" : (m.group(7) + "00000").substring(0, 6);
                long value = ((Long.parseLong(m.group(4)) * 60 + Long.parseLong(m.group(5))) * 60
                        + Long.parseLong(m.group(6))) * 1_000_000 + Long.parseLong(fraction);
                micros += m.group(3) != null ? -value : value;
            }
        }
        return new PgInterval(months, days, micros);
    }
}
