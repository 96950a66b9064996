package io.cryptopipe.transform.materialize;

import io.cryptopipe.transform.warehouse.Relation;
import io.cryptopipe.transform.warehouse.RelationType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds into {@code <name>__dbt_tmp} outside any transaction, then drops the old relation and renames the new one
 * in one short transaction, so readers see the old table or the new one and never a missing relation.
 */
public final class TableMaterialization implements Materialization {
    static final String TEMP_SUFFIX = "__dbt_tmp";

    @Override
    public String name() {
        return "table";
    }

    @Override
    public String build(ModelBuild build) throws SQLException {
        Relation target = build.relation();
        Relation temp = target.withIdentifier(target.identifier() + TEMP_SUFFIX);
        build.ensureSchema();
        build.execute(build.dialect().dropIfExists(temp, RelationType.TABLE));
        build.execute(build.dialect().createTableAs(temp, build.selectSql()));
        try {
            Optional<RelationType> existing = build.dialect().find(build.connection(), target);
            List<String> swap = new ArrayList<>();
            existing.ifPresent(type -> swap.add(build.dialect().drop(target, type)));
            swap.add(build.dialect().rename(temp, RelationType.TABLE, target.identifier()));
            build.inTransaction(swap);
        } catch (SQLException | RuntimeException e) {
            dropQuietly(build, temp, e);
            throw e;
        }
        return "OK";
    }

    private static void dropQuietly(ModelBuild build, Relation temp, Exception failure) {
        try {
            build.execute(build.dialect().dropIfExists(temp, RelationType.TABLE));
        } catch (SQLException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }
}
