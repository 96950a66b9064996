package io.cryptopipe.transform;

import java.nio.file.Path;

/** One model's compiled SQL and the file under target/compiled it was written to. */
public record CompiledModel(String uniqueId, String name, String sql, Path path) {
}
