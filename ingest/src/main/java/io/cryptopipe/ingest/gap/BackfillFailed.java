package io.cryptopipe.ingest.gap;

/** The history could not be fetched at all (network, server errors, repeated rate limiting), as opposed to missing. */
public final class BackfillFailed extends Exception {
    private static final long serialVersionUID = 1L;

    public BackfillFailed(String reason) {
        super(reason, null, false, false);
    }
}
