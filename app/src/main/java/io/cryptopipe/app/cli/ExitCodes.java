package io.cryptopipe.app.cli;

/** The CLI's exit codes, as DESIGN.md fixes them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int WORK_FAILED = 1;
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
