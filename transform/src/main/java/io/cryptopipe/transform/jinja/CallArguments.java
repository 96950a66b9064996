package io.cryptopipe.transform.jinja;

import io.cryptopipe.transform.DbtCompilationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Positional and keyword arguments of one template call, read the way Python binds them. */
public record CallArguments(String function, List<Object> positional, Map<String, Object> keywords) {
    public CallArguments {
        positional = List.copyOf(positional.stream().map(CallArguments::nullSafe).toList());
        keywords = Map.copyOf(keywords);
    }

    private static Object nullSafe(Object value) {
        return value == null ? NullArgument.INSTANCE : value;
    }

    /** The argument at {@code index}, or the keyword {@code name}, if the caller gave one. */
    public Optional<Object> find(int index, String name) {
        if (index < positional.size()) {
            Object value = positional.get(index);
            return value == NullArgument.INSTANCE ? Optional.empty() : Optional.of(value);
        }
        return Optional.ofNullable(keywords.get(name));
    }

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

    /** Stands in for a null positional argument, which List.copyOf cannot hold. */
    private enum NullArgument { INSTANCE }
}
