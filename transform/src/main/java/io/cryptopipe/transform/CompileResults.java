package io.cryptopipe.transform;

import java.util.List;
import java.util.Optional;

/** Results of {@link DbtEngine#compile}: a status per selected model and the SQL of those that compiled. */
public record CompileResults(List<NodeResult> results, List<CompiledModel> compiled) {
    public CompileResults {
        results = List.copyOf(results);
        compiled = List.copyOf(compiled);
    }

    public boolean success() {
        return results.stream().noneMatch(r -> r.status() == NodeResult.Status.ERROR);
    }

    public Optional<CompiledModel> model(String name) {
        return compiled.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
