package io.cryptopipe.transform.project;

import java.util.List;
import java.util.Optional;

/** Every enabled model and every source table of a project, models in path order. */
public record ProjectNodes(List<ModelNode> models, List<SourceTable> sources) {
    public ProjectNodes {
        models = List.copyOf(models);
        sources = List.copyOf(sources);
    }

    public Optional<ModelNode> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public Optional<SourceTable> source(String sourceName, String tableName) {
        return sources.stream()
                .filter(s -> s.sourceName().equals(sourceName) && s.name().equals(tableName))
                .findFirst();
    }
}
