package io.cryptopipe.transform.warehouse;

/** A table or view in the warehouse, by its three-part name (unquoted). */
public record Relation(String database, String schema, String identifier) {
    public Relation withIdentifier(String newIdentifier) {
        return new Relation(database, schema, newIdentifier);
    }

    /** {@code schema.identifier}, as dbt's log lines show a relation. */
    public String displayName() {
        return schema + "." + identifier;
    }
}
