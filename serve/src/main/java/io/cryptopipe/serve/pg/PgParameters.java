package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns Bind's parameter values into Java values for DuckDB. Text values of untyped or textual parameters stay strings,
 * which DuckDB casts to the type the query gives the parameter.
 */
final class PgParameters {
    private static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

    private PgParameters() {
    }

    static Object decode(int oid, boolean binary, byte[] value) {
        if (value == null) {
            return null;
        }
        PgType type = PgType.ofOid(oid);
        try {
            return binary ? binary(type, oid, value) : text(type, new String(value, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new QueryRefused(SqlState.INVALID_TEXT_REPRESENTATION, "invalid value for parameter of type " + (type == null ? oid : type.pgName())
                    + ": " + e.getMessage());
        }
    }

    private static Object text(PgType type, String text) {
        if (type == null) {
            return text;
        }
        return switch (type) {
            case BOOL -> text.startsWith("t") || text.startsWith("T") || text.equals("1") || text.equalsIgnoreCase("on")
                    || text.equalsIgnoreCase("yes");
            case INT2, INT4 -> Integer.parseInt(text.strip());
            case INT8 -> Long.parseLong(text.strip());
            case FLOAT4, FLOAT8 -> Double.parseDouble(text.strip());
            case NUMERIC -> new BigDecimal(text.strip());
            default -> text;
        };
    }

    private static Object binary(PgType type, int oid, byte[] value) {
        if (type == null) {
            throw new QueryRefused(SqlState.FEATURE_NOT_SUPPORTED, "binary parameters of type oid " + oid
                    + " are not supported: send it as text");
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return switch (type) {
            case BOOL -> value[0] != 0;
            case INT2 -> (int) buffer.getShort();
            case INT4 -> buffer.getInt();
            case INT8 -> buffer.getLong();
            case FLOAT4 -> (double) buffer.getFloat();
            case FLOAT8 -> buffer.getDouble();
            case NUMERIC -> PgNumeric.read(new PgMessage('n', buffer));
            case DATE -> LocalDate.of(2000, 1, 1).plusDays(buffer.getInt());
            case TIMESTAMP -> PG_EPOCH.plusNanos(buffer.getLong() * 1000);
            case TIMESTAMPTZ -> OffsetDateTime.of(PG_EPOCH.plusNanos(buffer.getLong() * 1000), ZoneOffset.UTC);
            case BYTEA -> value;
            case UUID -> new UUID(buffer.getLong(), buffer.getLong()).toString();
            case TEXT, VARCHAR, JSON -> new String(value, StandardCharsets.UTF_8);
            default -> throw new QueryRefused(SqlState.FEATURE_NOT_SUPPORTED, "binary parameters of type "
                    + type.pgName() + " are not supported: send it as text");
        };
    }
}
