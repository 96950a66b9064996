package io.cryptopipe.app.cli;

/**
 * An error the user can fix: printed as one line (cause and fix), never as a stack trace.
 * Exit code 2 for bad usage or configuration, 1 when the work itself failed.
 */
public final class UserError extends RuntimeException {
    private final int exitCode;

    public UserError(String message) {
        this(message, ExitCodes.USAGE);
    }

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
