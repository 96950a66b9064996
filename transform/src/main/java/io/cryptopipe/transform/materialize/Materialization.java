package io.cryptopipe.transform.materialize;

import java.sql.SQLException;

/** How a model's SELECT becomes a relation, named as in {@code config(materialized=...)}. */
public interface Materialization {
    String name();

    /** Builds the relation; returns dbt's adapter message for the log line ("OK"). */
    String build(ModelBuild build) throws SQLException;
}
