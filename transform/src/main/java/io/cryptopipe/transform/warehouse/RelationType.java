package io.cryptopipe.transform.warehouse;

/** What an existing relation is, which decides how a materialization replaces it. */
public enum RelationType {
    TABLE, VIEW
}
