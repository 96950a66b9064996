package io.cryptopipe.transform.warehouse;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.WarehouseTarget;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Snowflake, configured like dbt-snowflake ({@code account user password role database warehouse schema}).
 * Like dbt-snowflake, relation names are not quoted, so Snowflake folds them to upper case; tables are
 * {@code transient}. The SQL is unit-tested as text only: no Snowflake account is reachable from this build.
 */
public final class SnowflakeDialect implements WarehouseDialect {
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final List<String> REQUIRED = List.of("account", "user", "database", "warehouse");

    private final SnowflakeDriverLocator drivers;
    /**
     * The driver logs failures with stack traces through java.util.logging's console handler; the one-line error
     * built in {@link #connect} says it all, so its logger is kept quiet (held here so the setting is not collected).
     */
    private final java.util.logging.Logger driverLog = java.util.logging.Logger.getLogger("net.snowflake");

    public SnowflakeDialect() {
        this(SnowflakeDriverLocator.forApp());
    }

    SnowflakeDialect(SnowflakeDriverLocator drivers) {
        this.drivers = drivers;
    }

    @Override
    public String type() {
        return "snowflake";
    }

    @Override
    public void validate(WarehouseTarget target) {
        for (String key : REQUIRED) {
            if (target.setting(key).filter(v -> !v.isBlank()).isEmpty()) {
                throw new DbtConfigException(target.source() + ": '" + target.keyPath(key) + "' is required for a "
                        + "snowflake target");
            }
        }
    }

    @Override
    public String jdbcUrl(WarehouseTarget target) {
        return new SnowflakeConnectionSettings(target).url();
    }

    /** Through Snowflake's JDBC driver, which the app build copies beside its jar (see docs/DEPLOY.md). */
    @Override
    public Connection connect(WarehouseTarget target) throws SQLException {
        SnowflakeConnectionSettings settings = new SnowflakeConnectionSettings(target);
        Driver driver = drivers.driver();
        driverLog.setLevel(java.util.logging.Level.OFF);
        try {
            Connection connection = driver.connect(settings.url(), settings.properties());
            if (connection == null) {
                throw new SQLException(driver.getClass().getName() + " does not accept " + settings.url());
            }
            return connection;
        } catch (SQLException e) {
            String cause = Optional.ofNullable(e.getMessage()).flatMap(m -> m.lines().findFirst()).orElse(e.toString());
            throw new SQLException("cannot connect to " + settings.describe() + " within "
                    + settings.connectTimeoutSeconds() + " s: " + cause, e.getSQLState(), e);
        }
    }

    @Override
    public String database(WarehouseTarget target) {
        return target.setting("database").orElseThrow();
    }

    /** Plain names stay unquoted (dbt-snowflake's default {@code quoting: false}); others must be quoted. */
    @Override
    public String quote(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Unquoted, as dbt-snowflake renders relations by default, so Snowflake's case folding applies. */
    @Override
    public String render(Relation relation) {
        return relation.database() + "." + relation.schema() + "." + relation.identifier();
    }

    @Override
    public String createSchemaIfNotExists(String database, String schema) {
        return "create schema if not exists " + database + "." + schema;
    }


    @Override
    public String createTableAs(Relation table, String selectSql) {
        return "create or replace transient table " + render(table) + " as (\n" + selectSql + "\n)";
    }



    @Override
    public String rename(Relation relation, RelationType type, String newIdentifier) {
        return "alter " + keyword(type) + " " + render(relation) + " rename to "
                + render(relation.withIdentifier(newIdentifier));
    }

    @Override
    public String beginTransaction() {
        return "begin";
    }

    @Override
    public String commit() {
        return "commit";
    }

    @Override
    public String rollback() {
        return "rollback";
    }

    @Override
    public Optional<RelationType> find(Connection connection, Relation relation) throws SQLException {
        String sql = "select table_type from " + relation.database() + ".information_schema.tables "
                + "where table_schema = upper(?) and table_name = upper(?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, relation.schema());
            statement.setString(2, relation.identifier());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of("VIEW".equalsIgnoreCase(rows.getString(1)) ? RelationType.VIEW : RelationType.TABLE);
            }
        }
    }

    @Override
    public List<String> columns(Connection connection, Relation relation) throws SQLException {
        String sql = "select column_name from " + relation.database() + ".information_schema.columns "
                + "where table_schema = upper(?) and table_name = upper(?) order by ordinal_position";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, relation.schema());
            statement.setString(2, relation.identifier());
            List<String> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
            return out;
        }
    }

    @Override
    public String addColumn(Relation table, String column, String dataType) {
        return "alter table " + render(table) + " add column " + column + " " + dataType;
    }

    @Override
    public String merge(Relation target, Relation source, List<String> uniqueKey, List<String> columns) {
        String on = uniqueKey.isEmpty() ? "FALSE" : uniqueKey.stream()
                .map(k -> "DBT_INTERNAL_DEST." + k + " = DBT_INTERNAL_SOURCE." + k).collect(Collectors.joining(" and "));
        String set = columns.stream().map(c -> "DBT_INTERNAL_DEST." + c + " = DBT_INTERNAL_SOURCE." + c)
                .collect(Collectors.joining(", "));
        String names = String.join(", ", columns);
        String values = columns.stream().map(c -> "DBT_INTERNAL_SOURCE." + c).collect(Collectors.joining(", "));
        return "merge into " + render(target) + " as DBT_INTERNAL_DEST using " + render(source)
                + " as DBT_INTERNAL_SOURCE on (" + on + ")"
                + (uniqueKey.isEmpty() ? "" : " when matched then update set " + set)
                + " when not matched then insert (" + names + ") values (" + values + ")";
    }

    @Override
    public String timestampLiteral(Instant instant) {
        return "'" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'::timestamp_ntz";
    }

    @Override
    public String hashArguments(List<String> expressions) {
        return "md5(" + expressions.stream().map(e -> "coalesce(cast(" + e + " as varchar), '')")
                .collect(Collectors.joining(" || '|' || ")) + ")";
    }

}
