package io.cryptopipe.transform;

/** A project that loads but cannot be compiled: bad Jinja, unknown ref or source, missing var, dependency cycle. */
public class DbtCompilationException extends DbtException {
    public DbtCompilationException(String message) {
        super(message);
    }
}
