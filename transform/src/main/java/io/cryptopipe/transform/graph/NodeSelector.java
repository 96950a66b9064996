package io.cryptopipe.transform.graph;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.render.ParsedModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * dbt's node selection for models: space-separated (or repeated) selectors are a union, comma-joined ones an
 * intersection; each is a name or fqn path ({@code bronze}), {@code tag:x}, {@code path:models/bronze} or
 * {@code fqn:x}, optionally with {@code +} before (ancestors) and/or after (descendants).
 */
public final class NodeSelector {
    private final ModelGraph graph;

    public NodeSelector(ModelGraph graph) {
        this.graph = graph;
    }

    /**
     * The node ids of the given resource types that the selectors pick and the exclusions do not, in build order.
     * Tests are also picked (and excluded) indirectly with the nodes they test, as dbt's eager indirect selection.
     */
    public List<String> select(List<String> selectors, List<String> exclude, Set<ResourceType> types) {
        Set<String> chosen = withTests(new LinkedHashSet<>(select(selectors)), selectors);
        if (exclude != null && !exclude.isEmpty()) {
            chosen.removeAll(withTests(new LinkedHashSet<>(select(exclude)), exclude));
        }
        return graph.order().stream().filter(chosen::contains)
                .filter(id -> types.contains(graph.model(id).resourceType()))
                .toList();
    }

    private Set<String> withTests(Set<String> picked, List<String> selectors) {
        if (selectors == null || selectors.stream().allMatch(String::isBlank)) {
            return picked;
        }
        for (ParsedModel node : graph.models()) {
            if (node.resourceType() == ResourceType.TEST
                    && graph.parents(node.uniqueId()).stream().anyMatch(picked::contains)) {
                picked.add(node.uniqueId());
            }
        }
        return picked;
    }

    /** The selected node ids in build order; no selectors selects every node. */
    public List<String> select(List<String> selectors) {
        List<String> terms = selectors == null ? List.of() : selectors.stream()
                .flatMap(s -> List.of(s.trim().split("\\s+")).stream())
                .filter(s -> !s.isEmpty())
                .toList();
        if (terms.isEmpty()) {
            return graph.order();
        }
        Set<String> selected = new LinkedHashSet<>();
        for (String term : terms) {
            Set<String> intersection = null;
            for (String part : term.split(",")) {
                Set<String> matched = matchWithGraphOperators(part.trim());
                if (intersection == null) {
                    intersection = matched;
                } else {
                    intersection.retainAll(matched);
                }
            }
            selected.addAll(intersection);
        }
        return graph.order().stream().filter(selected::contains).toList();
    }

    private Set<String> matchWithGraphOperators(String selector) {
        boolean ancestors = selector.startsWith("+");
        boolean descendants = selector.endsWith("+") && selector.length() > 1;
        String criterion = selector.substring(ancestors ? 1 : 0, selector.length() - (descendants ? 1 : 0));
        if (criterion.isEmpty()) {
            throw new DbtConfigException("--select '" + selector + "' selects nothing: give a model name, "
                    + "tag:<tag>, path:<path> or fqn:<path>");
        }
        Set<String> out = new LinkedHashSet<>();
        for (ParsedModel model : graph.models()) {
            if (matches(criterion, model)) {
                out.add(model.uniqueId());
                if (ancestors) {
                    out.addAll(graph.ancestors(model.uniqueId()));
                }
                if (descendants) {
                    out.addAll(graph.descendants(model.uniqueId()));
                }
            }
        }
        return out;
    }

    private static boolean matches(String criterion, ParsedModel model) {
        int colon = criterion.indexOf(':');
        if (colon < 0) {
            return matchesFqn(criterion, model);
        }
        String method = criterion.substring(0, colon);
        if (method.startsWith("config.")) {
            return matchesConfig(method.substring("config.".length()) + "=" + criterion.substring(colon + 1), model);
        }
        String value = criterion.substring(colon + 1);
        return switch (method) {
            case "tag" -> model.config().tags().contains(value);
            case "path" -> matchesPath(value, model.node().originalFilePath());
            case "fqn" -> matchesFqn(value, model);
            case "resource_type" -> model.resourceType().dbtName().equals(value);
            case "test_name" -> value.equals(model.config().get("test_name").orElse(null));
            default -> throw new DbtConfigException("--select '" + criterion + "': unknown selector method '"
                    + method + "'; supported: tag, path, fqn, resource_type, test_name, config.<key> (or a plain name)");
        };
    }

    private static boolean matchesConfig(String keyValue, ParsedModel model) {
        int eq = keyValue.indexOf('=');
        String key = keyValue.substring(0, Math.max(eq, 0));
        String wanted = keyValue.substring(eq + 1);
        return model.config().get(key).map(v -> v instanceof Iterable<?> items
                ? java.util.stream.StreamSupport.stream(items.spliterator(), false).anyMatch(i -> wanted.equals(String.valueOf(i)))
                : wanted.equals(String.valueOf(v))).orElse(false);
    }

    private static boolean matchesPath(String path, String modelPath) {
        String wanted = path.replace('\\', '/').replaceAll("^\\./", "").replaceAll("/+$", "");
        return modelPath.equals(wanted) || modelPath.startsWith(wanted + "/");
    }

    /** dbt's default method: the model name, or a dotted prefix of its fqn with or without the project name. */
    private static boolean matchesFqn(String value, ParsedModel model) {
        if (value.equals(model.name())) {
            return true;
        }
        List<String> fqn = model.node().fqn();
        List<String> wanted = List.of(value.split("\\."));
        return startsWith(fqn, wanted) || startsWith(fqn.subList(1, fqn.size()), wanted);
    }

    private static boolean startsWith(List<String> fqn, List<String> prefix) {
        return prefix.size() <= fqn.size() && fqn.subList(0, prefix.size()).equals(prefix);
    }
}
