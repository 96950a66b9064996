package io.cryptopipe.transform.task;

import io.cryptopipe.transform.DbtCompilationException;
import io.cryptopipe.transform.graph.ModelGraph;
import io.cryptopipe.transform.project.ProjectNodes;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.render.RefCall;
import io.cryptopipe.transform.render.RelationNaming;
import io.cryptopipe.transform.render.RelationResolver;
import io.cryptopipe.transform.render.SourceCall;
import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.project.ResourceType;
import java.util.Optional;

/** Resolves refs and sources against the parsed graph, using each model's final config. */
record GraphRelations(ModelGraph graph, ProjectNodes nodes, RelationNaming naming) implements RelationResolver {
    @Override
    public Relation ref(RefCall ref) {
        return graph.models().stream()
                .filter(m -> m.name().equals(ref.name()) && m.resourceType() != ResourceType.TEST)
                .findFirst()
                .map(this::self)
                .orElseThrow(() -> new DbtCompilationException("ref('" + ref.name() + "') names no model"));
    }

    @Override
    public Optional<ParsedModel> ephemeral(RefCall ref) {
        return graph.models().stream()
                .filter(m -> m.name().equals(ref.name()) && m.config().materialized().equals("ephemeral"))
                .findFirst();
    }

    @Override
    public Relation source(SourceCall source) {
        return nodes.source(source.sourceName(), source.tableName())
                .map(naming::source)
                .orElseThrow(() -> new DbtCompilationException("source('" + source.sourceName() + "', '"
                        + source.tableName() + "') names no source table"));
    }

    @Override
    public Relation self(ParsedModel model) {
        return naming.model(model.node(), model.config());
    }
}
