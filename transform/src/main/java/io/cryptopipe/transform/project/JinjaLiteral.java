package io.cryptopipe.transform.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes YAML values as Jinja literals, so a test's arguments can be passed to its macro in template text. */
final class JinjaLiteral {
    /** dbt renders test arguments such as {@code to: ref('customers')} as Jinja, not as text. */
    private static final Pattern RELATION_CALL = Pattern.compile("\\s*(ref|source)\\s*\\(.*\\)\\s*", Pattern.DOTALL);

    private JinjaLiteral() {
    }

    static String argument(Object value) {
        if (value instanceof String text && RELATION_CALL.matcher(text).matches()) {
            return text.strip();
        }
        return of(value);
    }

    static String of(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return String.valueOf(value);
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(of(String.valueOf(k)) + ": " + argument(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        if (value instanceof Iterable<?> items) {
            List<String> out = new ArrayList<>();
            items.forEach(item -> out.add(argument(item)));
            return "[" + String.join(", ", out) + "]";
        }
        return "'" + String.valueOf(value).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
