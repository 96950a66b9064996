package io.cryptopipe.serve.guard;

/** The PostgreSQL error codes (SQLSTATE) with which readers' statements are refused, as clients test for them. */
public final class SqlState {
    public static final String READ_ONLY_TRANSACTION = "25006";
    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String SYNTAX_ERROR = "42601";
    public static final String QUERY_CANCELED = "57014";
    public static final String INVALID_PASSWORD = "28P01";
    public static final String INVALID_AUTHORIZATION = "28000";
    public static final String TOO_MANY_CONNECTIONS = "53300";
    public static final String INVALID_CATALOG_NAME = "3D000";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    public static final String INVALID_CURSOR_NAME = "34000";
    public static final String IN_FAILED_TRANSACTION = "25P02";
    public static final String INTERNAL_ERROR = "XX000";
    public static final String UNDEFINED_COLUMN = "42703";
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    public static final String OUT_OF_MEMORY = "53200";
    public static final String SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION = "42000";

    private SqlState() {
    }
}
