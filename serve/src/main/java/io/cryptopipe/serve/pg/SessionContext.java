package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.ServeSettings;
import io.cryptopipe.serve.WarehouseConnections;
import io.cryptopipe.serve.guard.QueryGuard;

/** What every session of one server shares. */
record SessionContext(ServeSettings settings, WarehouseConnections warehouse, StartupHandshake handshake,
                      QueryGuard guard, CatalogRewriter rewriter, CatalogSetup catalog, QueryLimits limits,
                      StartupHandshake.CancelRequests cancels) {
}
