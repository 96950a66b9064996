package io.cryptopipe.app.http;

/** A refusal a route answers with its own HTTP status, e.g. 429 when a limit is reached. */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
