package io.cryptopipe.transform.render;

import io.cryptopipe.transform.warehouse.WarehouseDialect;

/**
 * The {@code adapter} object of templates, for what needs no database round trip ({@code adapter.dispatch} is
 * rewritten into a call before Jinjava sees it, see {@code JinjaDialect}).
 */
public final class JinjaAdapter {
    private final WarehouseDialect dialect;

    JinjaAdapter(WarehouseDialect dialect) {
        this.dialect = dialect;
    }

    public String quote(Object identifier) {
        return dialect.quote(String.valueOf(identifier));
    }

    public String type() {
        return dialect.type();
    }
}
