package io.cryptopipe.app.dbt;

import io.cryptopipe.app.warehouse.WarehouseFile;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a {@code --full-refresh} that would rebuild silver from a raw table that {@code --raw-retention} has pruned:
 * rebuilt from raw, silver would hold only the trades raw still has, and every model after it would follow. Pruning
 * deletes whole row groups from the front of raw and keeps the row ids of the rest, so silver holds pruned trades
 * exactly when its lowest raw row id is below raw's. Everything after silver can still be rebuilt from silver.
 */
final class SilverRebuildGuard {
    /** The models built from raw's rows rather than from silver. */
    static final Set<String> FROM_RAW = Set.of("silver_trades", "silver_rejects");
    /** {@code --vars '{allow_silver_rebuild: true}'}: rebuild anyway, e.g. after restoring raw from a backup. */
    static final String OVERRIDE = "allow_silver_rebuild";

    private final WarehouseFile warehouse;

    SilverRebuildGuard(WarehouseFile warehouse) {
        this.warehouse = warehouse;
    }

    /** Why this invocation must not run, given the names of the models it selects; empty if it may. */
    Optional<String> refusal(DbtInvocation invocation, List<String> selectedModels) {
        if (!invocation.fullRefresh() || Boolean.TRUE.equals(invocation.vars().get(OVERRIDE))
                || !Files.exists(warehouse.path())) {
            return Optional.empty();
        }
        List<String> fromRaw = selectedModels.stream().filter(FROM_RAW::contains).sorted().toList();
        if (fromRaw.isEmpty()) {
            return Optional.empty();
        }
        long pruned = prunedTradesSilverHolds();
        if (pruned == 0) {
            return Optional.empty();
        }
        return Optional.of("--full-refresh would rebuild " + String.join(" and ", fromRaw) + " from stock_trades_raw,"
                + " whose first " + pruned + " rows --raw-retention has deleted after silver read them: silver and"
                + " everything after it would lose those trades. Rebuild what follows silver instead (--select"
                + " silver_trades+ --exclude silver_trades silver_rejects), or pass --vars '{" + OVERRIDE
                + ": true}' to rebuild from what raw still has.");
    }

    /** Raw row ids below raw's first remaining row that silver or its rejects hold; 0 when nothing was pruned. */
    private long prunedTradesSilverHolds() {
        String schema = WarehouseFile.SCHEMA;
        String sql = "select greatest(0, (select min(rowid) from " + schema + ".stock_trades_raw)"
                + " - least((select min(raw_row_id) from " + schema + ".silver_trades),"
                + " (select min(raw_row_id) from " + schema + ".silver_rejects)))";
        // Read-write like every other open in this process: DuckDB refuses a second open with other settings.
        try (Connection connection = warehouse.open(false); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException | RuntimeException e) {
            // No raw or silver table yet (a new warehouse): nothing to lose.
            return 0;
        }
    }
}
