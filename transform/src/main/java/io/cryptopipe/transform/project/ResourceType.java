package io.cryptopipe.transform.project;

/** dbt's resource types for nodes of the graph, with the name used in unique ids and log lines. */
public enum ResourceType {
    MODEL("model"), SEED("seed"), SNAPSHOT("snapshot"), TEST("test");

    private final String dbtName;

    ResourceType(String dbtName) {
        this.dbtName = dbtName;
    }

    public String dbtName() {
        return dbtName;
    }
}
