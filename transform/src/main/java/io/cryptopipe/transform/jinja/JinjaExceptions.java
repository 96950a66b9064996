package io.cryptopipe.transform.jinja;

import io.cryptopipe.transform.DbtCompilationException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** dbt's {@code exceptions} namespace: {@code raise_compiler_error} fails the render with the given message. */
public final class JinjaExceptions {
    private static final Logger log = LoggerFactory.getLogger("io.cryptopipe.transform.jinja.log");
    private final Consumer<RuntimeException> failures;

    JinjaExceptions(Consumer<RuntimeException> failures) {
        this.failures = failures;
    }

    public String raise_compiler_error(Object message) {
        DbtCompilationException e = new DbtCompilationException(String.valueOf(message));
        // Jinjava downgrades exceptions from methods to warnings; keep it so the render fails with it.
        failures.accept(e);
        throw e;
    }

    public String warn(Object message) {
        log.warn(String.valueOf(message));
        return "";
    }
}
