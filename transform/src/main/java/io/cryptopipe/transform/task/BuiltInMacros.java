package io.cryptopipe.transform.task;

import io.cryptopipe.transform.jinja.MacroFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The macros the engine ships (dbt's generic tests); project macros load after them and so override them. */
final class BuiltInMacros {
    private static final String GENERIC_TESTS = "/io/cryptopipe/transform/macros/generic_tests.sql";

    private BuiltInMacros() {
    }

    static List<MacroFile> files() {
        try (InputStream in = BuiltInMacros.class.getResourceAsStream(GENERIC_TESTS)) {
            if (in == null) {
                throw new IllegalStateException(GENERIC_TESTS + " is missing from the transform jar");
            }
            return List.of(new MacroFile("<built-in>/generic_tests.sql",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
