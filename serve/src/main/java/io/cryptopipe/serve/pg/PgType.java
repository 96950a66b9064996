package io.cryptopipe.serve.pg;

import java.util.Locale;

/**
 * The PostgreSQL types the warehouse's columns are sent as, with their pg_type oids and lengths. DuckDB types without a
 * PostgreSQL counterpart here (lists, structs, maps, enums, ...) are sent as text in their DuckDB rendering.
 */
enum PgType {
    BOOL(16, 1, "bool"),
    BYTEA(17, -1, "bytea"),
    INT8(20, 8, "int8"),
    INT2(21, 2, "int2"),
    INT4(23, 4, "int4"),
    TEXT(25, -1, "text"),
    JSON(114, -1, "json"),
    FLOAT4(700, 4, "float4"),
    FLOAT8(701, 8, "float8"),
    VARCHAR(1043, -1, "varchar"),
    DATE(1082, 4, "date"),
    TIME(1083, 8, "time"),
    TIMESTAMP(1114, 8, "timestamp"),
    TIMESTAMPTZ(1184, 8, "timestamptz"),
    INTERVAL(1186, 16, "interval"),
    NUMERIC(1700, -1, "numeric"),
    UUID(2950, 16, "uuid");

    private final int oid;
    private final int length;
    private final String pgName;

    PgType(int oid, int length, String pgName) {
        this.oid = oid;
        this.length = length;
        this.pgName = pgName;
    }

    int oid() {
        return oid;
    }

    int length() {
        return length;
    }

    String pgName() {
        return pgName;
    }

    /** @param duckDbType the type as DuckDB's JDBC metadata names it, e.g. {@code DECIMAL(38,8)} */
    static PgType ofDuckDb(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL") || type.startsWith("NUMERIC")) {
            return NUMERIC;
        }
        if (type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")
                || type.startsWith("ENUM")) {
            return TEXT;
        }
        return switch (type) {
            case "BOOLEAN" -> BOOL;
            case "TINYINT", "SMALLINT", "UTINYINT" -> INT2;
            case "INTEGER", "USMALLINT" -> INT4;
            case "BIGINT", "UINTEGER" -> INT8;
            case "HUGEINT", "UBIGINT", "UHUGEINT", "BIGNUM", "VARINT" -> NUMERIC;
            case "FLOAT" -> FLOAT4;
            case "DOUBLE" -> FLOAT8;
            case "VARCHAR" -> VARCHAR;
            case "DATE" -> DATE;
            case "TIME" -> TIME;
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_S", "DATETIME" -> TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> TIMESTAMPTZ;
            case "INTERVAL" -> INTERVAL;
            case "BLOB" -> BYTEA;
            case "JSON" -> JSON;
            case "UUID" -> UUID;
            default -> TEXT;
        };
    }

    /** The type a client's parameter oid names, or null for "unspecified" and types we take as text. */
    static PgType ofOid(int oid) {
        for (PgType type : values()) {
            if (type.oid == oid) {
                return type;
            }
        }
        return null;
    }
}
