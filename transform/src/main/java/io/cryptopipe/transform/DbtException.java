package io.cryptopipe.transform;

/** Base of every error the engine reports; the message is one line a user can act on. */
public class DbtException extends RuntimeException {
    public DbtException(String message) {
        super(message);
    }

    public DbtException(String message, Throwable cause) {
        super(message, cause);
    }
}
