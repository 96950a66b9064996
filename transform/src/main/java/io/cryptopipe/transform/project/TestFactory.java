package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtConfigException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns {@code data_tests:} entries into test nodes the way dbt does: the node's SQL is a call of the test's macro
 * ({@code test_<name>}) with {@code model} and {@code column_name} bound, and its name follows dbt's
 * {@code <test>_<model>_<column>__<args>} scheme (hashed past 64 characters).
 */
final class TestFactory {
    /** Keys of a test entry that configure the test instead of being passed to its macro. */
    static final Set<String> CONFIG_KEYS = Set.of("severity", "warn_if", "error_if", "where", "limit",
            "store_failures", "store_failures_as", "fail_calc", "tags", "enabled", "meta", "schema", "alias",
            "database");

    private final DbtProject project;

    TestFactory(DbtProject project) {
        this.project = project;
    }

    List<ModelNode> generic(ResourceType attachedTo, String modelName, String relationExpression,
                            String originalFilePath, List<Object> modelTests,
                            Map<String, List<Object>> columnTests) {
        List<ModelNode> out = new ArrayList<>();
        for (Object entry : modelTests) {
            out.add(genericTest(modelName, relationExpression, originalFilePath, null, entry));
        }
        columnTests.forEach((column, tests) -> tests.forEach(entry ->
                out.add(genericTest(modelName, relationExpression, originalFilePath, column, entry))));
        return out;
    }

    ModelNode singular(Path file, String name, String sql, String originalFilePath) {
        List<String> fqn = List.of(project.name(), name);
        return new ModelNode("test." + project.name() + "." + name, name, project.name(), originalFilePath, fqn,
                sql, "", Map.of(), defaults(fqn), ResourceType.TEST, file, List.of(), Map.of());
    }

    private ModelNode genericTest(String modelName, String relationExpression, String originalFilePath,
                                  String column, Object entry) {
        String testName;
        Map<String, Object> args = new LinkedHashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        String customName = null;
        if (entry instanceof String name) {
            testName = name;
        } else if (entry instanceof Map<?, ?> map && map.size() == 1 && !map.containsKey("test_name")) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            testName = String.valueOf(only.getKey());
            if (only.getValue() instanceof Map<?, ?> given) {
                readArguments(given, args, config);
            } else if (only.getValue() != null) {
                throw new DbtConfigException(originalFilePath + ": test '" + testName + "' on '" + modelName
                        + "' must map to its arguments");
            }
        } else if (entry instanceof Map<?, ?> map && map.containsKey("test_name")) {
            testName = String.valueOf(map.get("test_name"));
            customName = map.get("name") == null ? null : String.valueOf(map.get("name"));
            Map<Object, Object> rest = new LinkedHashMap<>(map);
            rest.remove("test_name");
            rest.remove("name");
            readArguments(rest, args, config);
        } else {
            throw new DbtConfigException(originalFilePath + ": a data test on '" + modelName
                    + "' must be a test name or a mapping of one test name to its arguments, got " + entry);
        }
        String macroName = testName.contains(".") ? testName.substring(testName.lastIndexOf('.') + 1) : testName;
        Map<String, Object> named = new TreeMap<>(args);
        if (column != null) {
            named.put("column_name", column);
        }
        String name = customName != null ? customName : generatedName(macroName, modelName, named);
        List<String> fqn = List.of(project.name(), name);
        StringBuilder call = new StringBuilder("{{ test_" + macroName + "(model=get_where_subquery("
                + relationExpression + ")");
        if (column != null) {
            call.append(", column_name=").append(JinjaLiteral.of(column));
        }
        args.forEach((k, v) -> call.append(", ").append(k).append("=").append(JinjaLiteral.argument(v)));
        call.append(") }}");
        ModelConfig resolved = defaults(fqn).overriddenBy(config);
        return new ModelNode("test." + project.name() + "." + name + "." + md5(call.toString()).substring(0, 10),
                name, project.name(), originalFilePath, fqn, call.toString(), "", Map.of(),
                resolved.overriddenBy(Map.of("test_name", macroName)), ResourceType.TEST, null, List.of(),
                column == null ? Map.of() : Map.of(column, List.of()));
    }

    private ModelConfig defaults(List<String> fqn) {
        return ModelConfig.empty()
                .overriddenBy(Map.of("materialized", "test", "severity", "ERROR", "warn_if", "!= 0",
                        "error_if", "!= 0", "fail_calc", "count(*)"))
                .overriddenBy(project.testConfigs().resolve(fqn).values());
    }

    private static void readArguments(Map<?, ?> given, Map<String, Object> args, Map<String, Object> config) {
        given.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.equals("config") && v instanceof Map<?, ?> nested) {
                nested.forEach((ck, cv) -> config.put(String.valueOf(ck), cv));
            } else if (key.equals("arguments") && v instanceof Map<?, ?> nested) {
                nested.forEach((ak, av) -> args.put(String.valueOf(ak), av));
            } else if (CONFIG_KEYS.contains(key)) {
                config.put(key, v);
            } else {
                args.put(key, v);
            }
        });
    }

    /** dbt's synthesize_generic_test_names. */
    static String generatedName(String testName, String modelName, Map<String, Object> sortedArgs) {
        List<String> flat = new ArrayList<>();
        sortedArgs.values().forEach(v -> flatten(v, flat));
        String identifier = testName + "_" + modelName;
        String full = identifier + "_" + flat.stream().map(a -> a.replaceAll("[^0-9a-zA-Z_]+", "_"))
                .collect(Collectors.joining("__"));
        if (full.length() >= 64) {
            return identifier.substring(0, Math.min(30, identifier.length())) + "_" + md5(full);
        }
        return full;
    }

    private static void flatten(Object value, List<String> out) {
        if (value instanceof Iterable<?> items) {
            items.forEach(item -> flatten(item, out));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> flatten(item, out));
        } else {
            out.add(String.valueOf(value));
        }
    }

    static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
