package io.cryptopipe.transform.project;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One output of a profile in profiles.yml, rendered. {@code settings} keeps every key of the output so a dialect
 * can read its own (DuckDB: {@code path}); {@code source} is the profiles.yml it came from, for error messages.
 */
public record WarehouseTarget(String profileName, String name, String type, String schema, int threads,
                              Map<String, Object> settings, Path source) {
    public WarehouseTarget {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).map(String::valueOf);
    }

    /** Where error messages point: {@code profiles.yml: 'cryptopipe.outputs.dev.<key>'}. */
    public String keyPath(String key) {
        return profileName + ".outputs." + name + "." + key;
    }
}
