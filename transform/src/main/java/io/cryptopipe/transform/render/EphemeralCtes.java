package io.cryptopipe.transform.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CTEs of ephemeral models a compiled query refers to, injected as dbt does: prepended to the query's own
 * {@code with} clause if it has one, else as a new one. Nested ephemerals come first, each once.
 */
final class EphemeralCtes {
    static final String PREFIX = "__dbt__cte__";
    private static final Pattern LEADING_WITH = Pattern.compile(
            "\\A(\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*)with\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final Map<String, String> ctes = new LinkedHashMap<>();

    boolean contains(String modelName) {
        return ctes.containsKey(modelName);
    }

    void add(String modelName, String sql) {
        ctes.putIfAbsent(modelName, sql.strip().replaceAll(";+$", ""));
    }

    String injectInto(String sql) {
        if (ctes.isEmpty()) {
            return sql;
        }
        StringBuilder head = new StringBuilder();
        ctes.forEach((name, body) -> head.append(PREFIX).append(name).append(" as (\n").append(body)
                .append("\n), "));
        Matcher with = LEADING_WITH.matcher(sql);
        if (with.find()) {
            return with.group(1) + "with " + head + sql.substring(with.end()).stripLeading();
        }
        return "with " + head.substring(0, head.length() - 2) + "\n" + sql;
    }
}
