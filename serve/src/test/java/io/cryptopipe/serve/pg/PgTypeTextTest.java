package io.cryptopipe.serve.pg;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** How DuckDB's types map to PostgreSQL's and how times and intervals are written. */
class PgTypeTextTest {
    @Test
    void duckDbTypesMapToThePostgresTypesOurTablesUse() {
        assertThat(PgType.ofDuckDb("DECIMAL(38,8)")).isEqualTo(PgType.NUMERIC);
        assertThat(PgType.ofDuckDb("TIMESTAMP WITH TIME ZONE")).isEqualTo(PgType.TIMESTAMPTZ);
        assertThat(PgType.ofDuckDb("BIGINT")).isEqualTo(PgType.INT8);
        assertThat(PgType.ofDuckDb("VARCHAR")).isEqualTo(PgType.VARCHAR);
        assertThat(PgType.ofDuckDb("BLOB")).isEqualTo(PgType.BYTEA);
        assertThat(PgType.ofDuckDb("INTEGER[]")).isEqualTo(PgType.TEXT);
        assertThat(PgType.ofDuckDb("HUGEINT")).isEqualTo(PgType.NUMERIC);
    }

    @Test
    void timestampsUseIsoStyleWithoutTrailingZeros() {
        assertThat(PgTimeText.timestamp(LocalDateTime.of(2026, 12, 7, 16, 5, 1, 250_000_000))).isEqualTo("2026-12-07 16:05:01.25");
        assertThat(PgTimeText.time(LocalTime.of(9, 0))).isEqualTo("09:00:00");
        assertThat(PgTimeText.time(LocalTime.of(9, 0, 0, 123_456_000))).isEqualTo("09:00:00.123456");
    }

    @Test
    void intervalsParseIntoMonthsDaysAndMicroseconds() {
        assertThat(PgInterval.parse("1 year 2 months 3 days 04:05:06.5")).isEqualTo(new PgInterval(14, 3, 14_706_500_000L));
        assertThat(PgInterval.parse("01:30:00")).isEqualTo(new PgInterval(0, 0, 5_400_000_000L));
        assertThat(PgInterval.parse("-2 days -00:00:01")).isEqualTo(new PgInterval(0, -2, -1_000_000L));
    }

    @Test
    void byteaTextIsHex() {
        assertThat(PgValueWriter.hex(new byte[]{0, (byte) 0xAB, 0x10})).isEqualTo("\\x00ab10");
    }
}
