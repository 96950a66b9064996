package io.cryptopipe.transform.render;

import io.cryptopipe.transform.warehouse.Relation;
import java.util.Optional;

/** What {@code adapter.get_relation} asks of the warehouse: whether a relation exists. */
@FunctionalInterface
public interface RelationCatalog {
    /** The catalog of a render without a warehouse (parse, compile): like dbt at parse time, nothing exists. */
    RelationCatalog NONE = relation -> Optional.empty();

    /** @throws io.cryptopipe.transform.DbtException if the warehouse cannot be asked */
    Optional<Relation> find(Relation relation);
}
