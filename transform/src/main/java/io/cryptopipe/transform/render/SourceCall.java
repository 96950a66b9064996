package io.cryptopipe.transform.render;

/** One {@code source()} in a model. */
public record SourceCall(String sourceName, String tableName) {
    public String displayName() {
        return sourceName + "." + tableName;
    }
}
