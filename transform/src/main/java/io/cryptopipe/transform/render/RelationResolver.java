package io.cryptopipe.transform.render;

import io.cryptopipe.transform.warehouse.Relation;

/** Where {@code ref()} and {@code source()} point once every model's config is known. */
public interface RelationResolver {
    Relation ref(RefCall ref);

    Relation source(SourceCall source);

    Relation self(ParsedModel model);
}
