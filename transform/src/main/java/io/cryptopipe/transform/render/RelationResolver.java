package io.cryptopipe.transform.render;

import io.cryptopipe.transform.warehouse.Relation;
import java.util.Optional;

/** Where {@code ref()} and {@code source()} point once every model's config is known. */
public interface RelationResolver {
    Relation ref(RefCall ref);

    Relation source(SourceCall source);

    Relation self(ParsedModel model);

    /** The referenced model when it is ephemeral, so its SQL is inlined as a CTE instead of referenced. */
    default Optional<ParsedModel> ephemeral(RefCall ref) {
        return Optional.empty();
    }
}
