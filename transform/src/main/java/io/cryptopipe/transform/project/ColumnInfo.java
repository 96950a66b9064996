package io.cryptopipe.transform.project;

/** A documented column of a model or source table; dataType is null when the YAML gives none. */
public record ColumnInfo(String name, String description, String dataType) {
}
