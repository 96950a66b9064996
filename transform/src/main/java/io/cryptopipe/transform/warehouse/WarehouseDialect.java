package io.cryptopipe.transform.warehouse;

import io.cryptopipe.transform.project.WarehouseTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What differs between warehouses: how to connect, how names are quoted, and the DDL materializations issue.
 * Statements are returned as SQL text so materializations own the order and the transactions.
 */
public interface WarehouseDialect {
    /** The profile {@code type:} this dialect serves, e.g. {@code duckdb}. */
    String type();

    /** Fails with a {@code DbtConfigException} naming the profiles.yml key when the target is unusable. */
    void validate(WarehouseTarget target);

    String jdbcUrl(WarehouseTarget target);

    Connection connect(WarehouseTarget target) throws SQLException;

    /** Another connection to the same warehouse as {@code first}, for a second build thread. */
    default Connection connectAnother(Connection first, WarehouseTarget target) throws SQLException {
        return connect(target);
    }

    /** The database (catalog) relations live in unless a source names another. */
    String database(WarehouseTarget target);

    String quote(String identifier);

    default String render(Relation relation) {
        return quote(relation.database()) + "." + quote(relation.schema()) + "." + quote(relation.identifier());
    }

    String createSchemaIfNotExists(String database, String schema);

    default String createOrReplaceView(Relation view, String selectSql) {
        return "create or replace view " + render(view) + " as (\n" + selectSql + "\n)";
    }

    String createTableAs(Relation table, String selectSql);

    /**
     * Where an incremental build stages its new rows, given the staging table dbt would put beside the model
     * ({@code <identifier>__dbt_tmp}): by default that one, created with {@link #createStagingTableAs}.
     */
    default Relation stagingTable(Relation besideModel) {
        return besideModel;
    }

    /**
     * Whether an incremental append whose columns match the model's may insert the model's SELECT straight into it
     * (one statement, one transaction) instead of staging the rows first.
     */
    default boolean appendsWithoutStaging() {
        return false;
    }

    default String createStagingTableAs(Relation staged, String selectSql) {
        return createTableAs(staged, selectSql);
    }

    default String drop(Relation relation, RelationType type) {
        return "drop " + keyword(type) + " " + render(relation);
    }

    default String dropIfExists(Relation relation, RelationType type) {
        return "drop " + keyword(type) + " if exists " + render(relation);
    }

    /** The SQL word for a relation type in DDL. */
    default String keyword(RelationType type) {
        return type == RelationType.VIEW ? "view" : "table";
    }

    /** Renames within the relation's schema. */
    String rename(Relation relation, RelationType type, String newIdentifier);

    String beginTransaction();

    String commit();

    String rollback();

    Optional<RelationType> find(Connection connection, Relation relation) throws SQLException;

    /** Column names of a relation in their order, empty when it does not exist. */
    List<String> columns(Connection connection, Relation relation) throws SQLException;

    /** {@code alter table ... add column}. */
    String addColumn(Relation table, String column, String dataType);

    /** {@code merge into} target using source on the key columns: update every column when matched, else insert. */
    String merge(Relation target, Relation source, List<String> uniqueKey, List<String> columns);

    /** The SQL literal of a UTC instant as a timestamp without time zone. */
    String timestampLiteral(java.time.Instant instant);

    /** md5 over the texts of the expressions joined by '|', NULLs as empty text, as dbt's snapshot_hash_arguments. */
    String hashArguments(List<String> expressions);
}
