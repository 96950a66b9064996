package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.warehouse.RelationType;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@code create or replace view}; a table in the way is dropped in the same transaction. */
public final class ViewMaterialization implements Materialization {
    @Override
    public String name() {
        return "view";
    }

    @Override
    public String build(ModelBuild build) throws SQLException {
        build.ensureSchema();
        Optional<RelationType> existing = build.dialect().find(build.connection(), build.relation());
        String create = build.dialect().createOrReplaceView(build.relation(), build.selectSql());
        if (existing.equals(Optional.of(RelationType.TABLE))) {
            build.inTransaction(List.of(build.dialect().drop(build.relation(), RelationType.TABLE), create));
        } else {
            build.execute(create);
        }
        return "OK";
    }
}
