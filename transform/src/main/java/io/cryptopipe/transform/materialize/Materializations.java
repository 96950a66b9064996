package io.cryptopipe.transform.materialize;

import java.util.List;
import java.util.Optional;

/** The materializations the engine knows, looked up by config name. */
public final class Materializations {
    private final List<Materialization> all;

    public Materializations(List<Materialization> all) {
        this.all = List.copyOf(all);
    }

    public static Materializations builtIn() {
        return new Materializations(List.of(new ViewMaterialization(), new TableMaterialization(),
                new IncrementalMaterialization(), new SeedMaterialization(), new SnapshotMaterialization()));
    }

    public Optional<Materialization> find(String name) {
        return all.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return all.stream().map(Materialization::name).toList();
    }
}
