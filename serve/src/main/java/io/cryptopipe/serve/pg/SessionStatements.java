package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.StatementKind;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the statements clients send to set up a session, without touching the warehouse: SET, RESET, DISCARD,
 * transaction control (no-ops: every statement reads the latest committed data) and SHOW of PostgreSQL settings
 * (DuckDB's own SHOW, such as SHOW TABLES, runs as a query).
 */
final class SessionStatements {
    private static final Pattern SHOW = Pattern.compile("(?is)\\s*show\\s+(.+?)\\s*;?\\s*");
    private final Map<String, String> settings;

    /** What a session statement produces: a command tag and, for SHOW, one row of one column. */
    record Answer(String tag, String column, String value) {
        boolean hasRow() {
            return column != null;
        }
    }

    SessionStatements(String applicationName, long timeoutSeconds, int maxConnections) {
        settings = new LinkedHashMap<>();
        settings.put("server_version", PgServer.SERVER_VERSION);
        settings.put("server_version_num", PgServer.SERVER_VERSION_NUM);
        settings.put("server_encoding", "UTF8");
        settings.put("client_encoding", "UTF8");
        settings.put("datestyle", "ISO, MDY");
        settings.put("timezone", "UTC");
        settings.put("intervalstyle", "postgres");
        settings.put("integer_datetimes", "on");
        settings.put("standard_conforming_strings", "on");
        settings.put("transaction_isolation", "read committed");
        settings.put("default_transaction_isolation", "read committed");
        settings.put("transaction_read_only", "on");
        settings.put("default_transaction_read_only", "on");
        settings.put("search_path", "public");
        settings.put("application_name", applicationName);
        settings.put("is_superuser", "off");
        settings.put("session_authorization", "cryptopipe");
        settings.put("max_identifier_length", "63");
        settings.put("statement_timeout", timeoutSeconds + "s");
        settings.put("max_connections", Integer.toString(maxConnections));
        settings.put("lc_collate", "C");
        settings.put("lc_ctype", "C");
        settings.put("bytea_output", "hex");
        settings.put("extra_float_digits", "3");
        settings.put("in_hot_standby", "off");
    }

    /** The ParameterStatus values sent after authentication, with PostgreSQL's spelling of their names. */
    Map<String, String> parameterStatus() {
        Map<String, String> status = new LinkedHashMap<>();
        status.put("server_version", settings.get("server_version"));
        status.put("server_encoding", "UTF8");
        status.put("client_encoding", "UTF8");
        status.put("DateStyle", settings.get("datestyle"));
        status.put("TimeZone", "UTC");
        status.put("IntervalStyle", "postgres");
        status.put("integer_datetimes", "on");
        status.put("standard_conforming_strings", "on");
        status.put("is_superuser", "off");
        status.put("session_authorization", "cryptopipe");
        status.put("application_name", settings.get("application_name"));
        status.put("default_transaction_read_only", "on");
        status.put("in_hot_standby", "off");
        return status;
    }

    /** @return the answer for a session statement or a SHOW of a PostgreSQL setting; empty for anything else */
    Optional<Answer> answer(String sql) {
        String keyword = StatementKind.leadingKeyword(sql);
        return switch (keyword) {
            case "set" -> Optional.of(new Answer("SET", null, null));
            case "reset" -> Optional.of(new Answer("RESET", null, null));
            case "discard" -> Optional.of(new Answer("DISCARD ALL", null, null));
            case "begin" -> Optional.of(new Answer("BEGIN", null, null));
            case "start" -> Optional.of(new Answer("START TRANSACTION", null, null));
            case "commit", "end" -> Optional.of(new Answer("COMMIT", null, null));
            case "rollback", "abort" -> Optional.of(new Answer("ROLLBACK", null, null));
            case "savepoint" -> Optional.of(new Answer("SAVEPOINT", null, null));
            case "release" -> Optional.of(new Answer("RELEASE", null, null));
            case "deallocate" -> Optional.of(new Answer("DEALLOCATE", null, null));
            case "unlisten" -> Optional.of(new Answer("UNLISTEN", null, null));
            case "show" -> show(sql);
            default -> Optional.empty();
        };
    }

    private Optional<Answer> show(String sql) {
        Matcher show = SHOW.matcher(sql);
        if (!show.matches()) {
            return Optional.empty();
        }
        String name = show.group(1).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("\"", "");
        if (name.equals("transaction isolation level")) {
            name = "transaction_isolation";
        }
        String value = settings.get(name);
        return value == null ? Optional.empty() : Optional.of(new Answer("SHOW", name, value));
    }
}
