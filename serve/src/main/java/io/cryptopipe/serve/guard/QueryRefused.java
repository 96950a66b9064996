package io.cryptopipe.serve.guard;

/** A reader's statement that is not run, with the SQLSTATE a PostgreSQL client expects for the reason. */
public final class QueryRefused extends RuntimeException {
    private final String sqlState;

    public QueryRefused(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }
}
