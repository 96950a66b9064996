package io.cryptopipe.transform.graph;

import io.cryptopipe.transform.DbtCompilationException;
import io.cryptopipe.transform.project.ProjectNodes;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.project.SourceTable;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.render.RefCall;
import io.cryptopipe.transform.render.SourceCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Models and the refs between them, checked for unknown names and cycles, in a build order. */
public final class ModelGraph {
    private final Map<String, ParsedModel> models = new LinkedHashMap<>();
    private final Map<String, Set<String>> parents = new HashMap<>();
    private final Map<String, Set<String>> children = new HashMap<>();
    private final Map<String, Set<String>> sources = new HashMap<>();
    private final List<String> order;

    /** @throws DbtCompilationException on a ref or source that names nothing, or on a cycle */
    public ModelGraph(String projectName, List<ParsedModel> parsed, ProjectNodes nodes) {
        Map<String, ParsedModel> byName = new HashMap<>();
        parsed.forEach(m -> {
            models.put(m.uniqueId(), m);
            if (m.resourceType() != ResourceType.TEST) {
                byName.put(m.name(), m);
            }
            parents.put(m.uniqueId(), new LinkedHashSet<>());
            children.put(m.uniqueId(), new LinkedHashSet<>());
            sources.put(m.uniqueId(), new LinkedHashSet<>());
        });
        for (ParsedModel model : parsed) {
            for (RefCall ref : model.refs()) {
                if (ref.packageName() != null && !ref.packageName().equals(projectName)) {
                    throw new DbtCompilationException("Compilation Error in " + model.label() + ": ref('"
                            + ref.packageName() + "', '" + ref.name() + "') names package '" + ref.packageName()
                            + "', which is not installed (only '" + projectName + "' is)");
                }
                ParsedModel parent = byName.get(ref.name());
                if (parent == null) {
                    throw new DbtCompilationException("Compilation Error in " + model.label()
                            + ": depends on a node named '" + ref.name() + "' which was not found");
                }
                parents.get(model.uniqueId()).add(parent.uniqueId());
                children.get(parent.uniqueId()).add(model.uniqueId());
            }
            for (SourceCall call : model.sources()) {
                SourceTable table = nodes.source(call.sourceName(), call.tableName())
                        .orElseThrow(() -> new DbtCompilationException("Compilation Error in " + model.label()
                                + ": depends on a source named '" + call.displayName() + "' which was not found"));
                sources.get(model.uniqueId()).add(table.uniqueId());
            }
        }
        order = topologicalOrder();
    }

    public ParsedModel model(String uniqueId) {
        return models.get(uniqueId);
    }

    public Collection<ParsedModel> models() {
        return Collections.unmodifiableCollection(models.values());
    }

    /** Every node, parents before children, tests right after their parents; ties keep the path order. */
    public List<String> order() {
        return order;
    }

    public Set<String> parents(String uniqueId) {
        return Collections.unmodifiableSet(parents.get(uniqueId));
    }

    public Set<String> children(String uniqueId) {
        return Collections.unmodifiableSet(children.get(uniqueId));
    }

    public Set<String> sources(String uniqueId) {
        return Collections.unmodifiableSet(sources.get(uniqueId));
    }

    public Set<String> ancestors(String uniqueId) {
        return reach(uniqueId, parents::get);
    }

    public Set<String> descendants(String uniqueId) {
        return reach(uniqueId, children::get);
    }

    private static Set<String> reach(String start, Function<String, Set<String>> next) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(next.apply(start));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(next.apply(id));
            }
        }
        return seen;
    }

    private List<String> topologicalOrder() {
        Map<String, Integer> waitingOn = new HashMap<>();
        parents.forEach((id, ps) -> waitingOn.put(id, ps.size()));
        List<String> out = new ArrayList<>();
        Set<String> ready = new LinkedHashSet<>();
        models.keySet().stream().filter(id -> waitingOn.get(id) == 0).forEach(ready::add);
        while (!ready.isEmpty()) {
            // a test runs as soon as its parents are built, before anything downstream of them (dbt build)
            String id = ready.stream().filter(r -> models.get(r).resourceType() == ResourceType.TEST).findFirst()
                    .orElse(ready.iterator().next());
            ready.remove(id);
            out.add(id);
            for (String child : children.get(id)) {
                if (waitingOn.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (out.size() < models.size()) {
            throw new DbtCompilationException("Found a cycle: " + String.join(" --> ", findCycle(out)));
        }
        return List.copyOf(out);
    }

    /** A cycle among the models Kahn's algorithm could not order, written start to start. */
    private List<String> findCycle(List<String> ordered) {
        Set<String> stuck = new LinkedHashSet<>(models.keySet());
        ordered.forEach(stuck::remove);
        // every stuck model has a stuck parent, so walking parents must revisit a model
        List<String> path = new ArrayList<>();
        String current = stuck.iterator().next();
        while (!path.contains(current)) {
            path.add(current);
            current = parents.get(current).stream().filter(stuck::contains).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return cycle;
    }
}
