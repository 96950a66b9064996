package io.cryptopipe.serve.pg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Writes one column value of the current row, length-prefixed, in PostgreSQL's text or binary format. */
final class PgValueWriter {
    private static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final LocalDateTime PG_EPOCH = PG_EPOCH_DATE.atStartOfDay();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PgValueWriter() {
    }

    static void write(ResultSet rs, int index, PgType type, boolean binary, PgBuffer out) throws SQLException {
        switch (type) {
            case BOOL -> {
                boolean value = rs.getBoolean(index);
                if (rs.wasNull()) {
                    out.int32(-1);
                } else if (binary) {
                    out.int32(1).int8(value ? 1 : 0);
                } else {
                    out.int32(1).int8(value ? 't' : 'f');
                }
            }
            case INT2, INT4, INT8 -> {
                long value = rs.getLong(index);
                if (rs.wasNull()) {
                    out.int32(-1);
                } else if (!binary) {
                    out.lengthPrefixedText(Long.toString(value));
                } else if (type == PgType.INT2) {
                    out.int32(2).int16((int) value);
                } else if (type == PgType.INT4) {
                    out.int32(4).int32((int) value);
                } else {
                    out.int32(8).int64(value);
                }
            }
            case FLOAT4 -> {
                float value = rs.getFloat(index);
                if (rs.wasNull()) {
                    out.int32(-1);
                } else if (binary) {
                    out.int32(4).int32(Float.floatToIntBits(value));
                } else {
                    out.lengthPrefixedText(Float.toString(value));
                }
            }
            case FLOAT8 -> {
                double value = rs.getDouble(index);
                if (rs.wasNull()) {
                    out.int32(-1);
                } else if (binary) {
                    out.int32(8).int64(Double.doubleToLongBits(value));
                } else {
                    out.lengthPrefixedText(Double.toString(value));
                }
            }
            case NUMERIC -> {
                Object value = rs.getObject(index);
                if (value == null) {
                    out.int32(-1);
                } else {
                    BigDecimal decimal = value instanceof BigDecimal d ? d
                            : value instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(value.toString());
                    if (binary) {
                        PgNumeric.write(decimal, out);
                    } else {
                        out.lengthPrefixedText(decimal.toPlainString());
                    }
                }
            }
            case DATE -> {
                LocalDate value = rs.getObject(index, LocalDate.class);
                if (value == null) {
                    out.int32(-1);
                } else if (binary) {
                    out.int32(4).int32((int) ChronoUnit.DAYS.between(PG_EPOCH_DATE, value));
                } else {
                    out.lengthPrefixedText(value.toString());
                }
            }
            case TIME -> {
                LocalTime value = rs.getObject(index, LocalTime.class);
                if (value == null) {
                    out.int32(-1);
                } else if (binary) {
                    out.int32(8).int64(value.toNanoOfDay() / 1000);
                } else {
                    out.lengthPrefixedText(PgTimeText.time(value));
                }
            }
            case TIMESTAMP -> {
                LocalDateTime value = rs.getObject(index, LocalDateTime.class);
                if (value == null) {
                    out.int32(-1);
                } else if (binary) {
                    out.int32(8).int64(ChronoUnit.MICROS.between(PG_EPOCH, value));
                } else {
                    out.lengthPrefixedText(PgTimeText.timestamp(value));
                }
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
                if (value == null) {
                    out.int32(-1);
                } else {
                    LocalDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
                    if (binary) {
                        out.int32(8).int64(ChronoUnit.MICROS.between(PG_EPOCH, utc));
                    } else {
                        out.lengthPrefixedText(PgTimeText.timestamp(utc) + "+00");
                    }
                }
            }
            case INTERVAL -> {
                String value = rs.getString(index);
                if (value == null) {
                    out.int32(-1);
                } else if (binary) {
                    PgInterval interval = PgInterval.parse(value);
                    out.int32(16).int64(interval.micros()).int32(interval.days()).int32(interval.months());
                } else {
                    out.lengthPrefixedText(value);
                }
            }
            case BYTEA -> {
                byte[] value = rs.getBytes(index);
                if (value == null) {
                    out.int32(-1);
                } else if (binary) {
                    out.int32(value.length).bytes(value);
                } else {
                    out.lengthPrefixedText(hex(value));
                }
            }
            case UUID -> {
                String value = rs.getString(index);
                if (value == null) {
                    out.int32(-1);
                } else if (binary) {
                    UUID uuid = java.util.UUID.fromString(value);
                    out.int32(16).int64(uuid.getMostSignificantBits()).int64(uuid.getLeastSignificantBits());
                } else {
                    out.lengthPrefixedText(value);
                }
            }
            default -> {
                String value = rs.getString(index);
                if (value == null) {
                    out.int32(-1);
                } else {
                    out.lengthPrefixedText(value);
                }
            }
        }
    }


    static String hex(byte[] value) {
        StringBuilder text = new StringBuilder(2 + value.length * 2).append("\\x");
        for (byte b : value) {
            text.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return text.toString();
    }
}
