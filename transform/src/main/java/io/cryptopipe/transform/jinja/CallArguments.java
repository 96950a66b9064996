package io.cryptopipe.transform.jinja;

import io.cryptopipe.transform.DbtCompilationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Positional and keyword arguments of one template call, read the way Python binds them; values may be None. */
public record CallArguments(String function, List<Object> positional, Map<String, Object> keywords) {
    public CallArguments {
        positional = Collections.unmodifiableList(new ArrayList<>(positional));
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** The argument at {@code index}, or else the keyword {@code name}, unless absent or None. */
    public Optional<Object> find(int index, String name) {
        return Optional.ofNullable(index < positional.size() ? positional.get(index) : keywords.get(name));
    }

    /** Whether the caller passed this argument at all, even as None. */
    public boolean has(int index, String name) {
        return index < positional.size() || keywords.containsKey(name);
    }

    public String requiredString(int index, String name) {
        return find(index, name).map(String::valueOf)
                .orElseThrow(() -> new DbtCompilationException(function + "() is missing argument '" + name + "'"));
    }

    public void expectAtMost(int count) {
        if (positional.size() > count) {
            throw new DbtCompilationException(function + "() takes at most " + count + " positional arguments, got "
                    + positional.size());
        }
    }
}
