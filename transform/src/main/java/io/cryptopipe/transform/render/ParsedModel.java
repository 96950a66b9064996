package io.cryptopipe.transform.render;

import io.cryptopipe.transform.project.ModelConfig;
import io.cryptopipe.transform.project.ModelNode;
import java.util.List;

/** A model after the parse render: its final config and what it refers to. */
public record ParsedModel(ModelNode node, ModelConfig config, List<RefCall> refs, List<SourceCall> sources) {
    public ParsedModel {
        refs = List.copyOf(refs);
        sources = List.copyOf(sources);
    }

    public String uniqueId() {
        return node.uniqueId();
    }

    public io.cryptopipe.transform.project.ResourceType resourceType() {
        return node.resourceType();
    }

    public String name() {
        return node.name();
    }

    /** How errors name the model, like dbt: {@code model bronze_data (models/bronze/bronze_data.sql)}. */
    public String label() {
        return describe(node);
    }

    public static String describe(ModelNode node) {
        return node.resourceType().dbtName() + " " + node.name() + " (" + node.originalFilePath() + ")";
    }
}
