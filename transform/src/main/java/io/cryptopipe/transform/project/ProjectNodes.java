package io.cryptopipe.transform.project;

import io.cryptopipe.transform.jinja.MacroFile;
import java.util.List;
import java.util.Optional;

/**
 * Every enabled node of a project: buildable nodes (models, seeds, snapshots) in path order, data tests, source
 * tables and macro files.
 */
public record ProjectNodes(List<ModelNode> models, List<SourceTable> sources, List<ModelNode> tests,
                           List<MacroFile> macros) {
    public ProjectNodes {
        models = List.copyOf(models);
        sources = List.copyOf(sources);
        tests = List.copyOf(tests);
        macros = List.copyOf(macros);
    }

    public ProjectNodes(List<ModelNode> models, List<SourceTable> sources) {
        this(models, sources, List.of(), List.of());
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
