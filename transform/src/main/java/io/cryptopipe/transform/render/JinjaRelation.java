package io.cryptopipe.transform.render;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.WarehouseDialect;
import java.io.IOException;

/** A relation as templates see it: prints as the quoted name, exposes {@code .database .schema .identifier}. */
public final class JinjaRelation implements PyishSerializable {
    private final Relation relation;
    private final WarehouseDialect dialect;

    private final boolean cte;

    public JinjaRelation(Relation relation, WarehouseDialect dialect) {
        this(relation, dialect, false);
    }

    private JinjaRelation(Relation relation, WarehouseDialect dialect, boolean cte) {
        this.relation = relation;
        this.dialect = dialect;
        this.cte = cte;
    }

    /** An ephemeral model as its referrers see it: the name of the CTE dbt injects, {@code __dbt__cte__<name>}. */
    static JinjaRelation cte(String modelName, WarehouseDialect dialect) {
        return new JinjaRelation(new Relation(null, null, EphemeralCtes.PREFIX + modelName), dialect, true);
    }

    public String getDatabase() {
        return relation.database();
    }

    public String getSchema() {
        return relation.schema();
    }

    public String getIdentifier() {
        return relation.identifier();
    }

    public String getName() {
        return relation.identifier();
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
        appendable.append(toString());
        return appendable;
    }

    @Override
    public String toString() {
        return cte ? relation.identifier() : dialect.render(relation);
    }
}
