package io.cryptopipe.transform.warehouse;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.WarehouseTarget;
import java.util.List;

/** Picks the dialect for a profile's {@code type:} and validates the target with it. */
public final class WarehouseDialects {
    private final List<WarehouseDialect> dialects;

    public WarehouseDialects(List<WarehouseDialect> dialects) {
        this.dialects = List.copyOf(dialects);
    }

    public static WarehouseDialects builtIn() {
        return new WarehouseDialects(List.of(new DuckDbDialect(), new SnowflakeDialect()));
    }

    public WarehouseDialect forTarget(WarehouseTarget target) {
        WarehouseDialect dialect = dialects.stream()
                .filter(d -> d.type().equalsIgnoreCase(target.type()))
                .findFirst()
                .orElseThrow(() -> new DbtConfigException(target.source() + ": '" + target.keyPath("type")
                        + "' is '" + target.type() + "', which is not supported; supported: "
                        + String.join(", ", dialects.stream().map(WarehouseDialect::type).toList())));
        dialect.validate(target);
        return dialect;
    }
}
