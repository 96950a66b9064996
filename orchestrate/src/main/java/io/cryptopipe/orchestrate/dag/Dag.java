package io.cryptopipe.orchestrate.dag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A named set of tasks and their dependencies, validated once: unique ids, known upstreams, no cycle. */
public final class Dag {
    private final String id;
    private final List<TaskSpec> order;

    public Dag(String id, List<TaskSpec> tasks) {
        this.id = id;
        Map<String, TaskSpec> byId = new LinkedHashMap<>();
        for (TaskSpec task : tasks) {
            if (byId.put(task.id(), task) != null) {
                throw new IllegalArgumentException("DAG " + id + ": task id '" + task.id() + "' is used twice");
            }
        }
        for (TaskSpec task : tasks) {
            for (String upstream : task.upstream()) {
                if (!byId.containsKey(upstream)) {
                    throw new IllegalArgumentException("DAG " + id + ": task '" + task.id() + "' depends on unknown task '" + upstream + "'");
                }
            }
        }
        this.order = topologicalOrder(byId);
    }

    public String id() {
        return id;
    }

    /** Tasks in an order where every task comes after its upstreams (declaration order among equals). */
    public List<TaskSpec> tasks() {
        return order;
    }

    private List<TaskSpec> topologicalOrder(Map<String, TaskSpec> byId) {
        Map<String, Integer> pending = new HashMap<>();
        byId.values().forEach(t -> pending.put(t.id(), t.upstream().size()));
        Deque<TaskSpec> ready = new ArrayDeque<>();
        byId.values().stream().filter(t -> t.upstream().isEmpty()).forEach(ready::add);
        List<TaskSpec> sorted = new ArrayList<>();
        while (!ready.isEmpty()) {
            TaskSpec task = ready.poll();
            sorted.add(task);
            for (TaskSpec candidate : byId.values()) {
                if (candidate.upstream().contains(task.id()) && pending.merge(candidate.id(), -1, Integer::sum) == 0) {
                    ready.add(candidate);
                }
            }
        }
        if (sorted.size() != byId.size()) {
            List<String> cyclic = byId.keySet().stream().filter(k -> pending.get(k) > 0).toList();
            throw new IllegalArgumentException("DAG " + id + " has a cycle among tasks " + cyclic);
        }
        return List.copyOf(sorted);
    }
}
