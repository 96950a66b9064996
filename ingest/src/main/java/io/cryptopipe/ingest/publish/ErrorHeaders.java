package io.cryptopipe.ingest.publish;

/** Header names on dead-letter records; consumers of the DLQ read them. */
public final class ErrorHeaders {
    public static final String REASON = "cryptopipe.error.reason";
    public static final String SOURCE = "cryptopipe.source";

    private ErrorHeaders() {
    }
}
