package io.cryptopipe.transform.jinja;

import java.util.Map;
import java.util.Optional;

/** Environment seen by {@code env_var()}: injected values first, then the process environment. */
public record EnvVars(Map<String, String> injected) {
    public EnvVars {
        injected = Map.copyOf(injected);
    }

    public Optional<String> get(String name) {
        String value = injected.get(name);
        return Optional.ofNullable(value != null ? value : System.getenv(name));
    }
}
