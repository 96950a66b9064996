package io.cryptopipe.transform.render;

import io.cryptopipe.transform.project.ModelConfig;
import java.util.function.Supplier;

/** The {@code config} object of a model template: {@code config.get('materialized')}. */
public final class JinjaConfig {
    private final Supplier<ModelConfig> config;

    JinjaConfig(Supplier<ModelConfig> config) {
        this.config = config;
    }

    public Object get(String key) {
        return get(key, null);
    }

    public Object get(String key, Object defaultValue) {
        return config.get().get(key).orElse(defaultValue);
    }
}
