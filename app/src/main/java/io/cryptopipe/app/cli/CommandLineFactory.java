package io.cryptopipe.app.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Builds the picocli command line with cryptopipe's error policy: a mistake the user can fix is one line on stderr
 * with exit code 2 (usage) or 1 (the work failed); only a bug shows a stack trace, and only with CRYPTOPIPE_DEBUG=1.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    public static CommandLine create(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof UserError userError) {
                err.println("error: " + userError.getMessage());
                return userError.exitCode();
            }
            if (ex instanceof IllegalArgumentException) {
                err.println("error: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            if ("1".equals(System.getenv("CRYPTOPIPE_DEBUG"))) {
                ex.printStackTrace(err);
            } else {
                err.println("(set CRYPTOPIPE_DEBUG=1 for the stack trace)");
            }
            return ExitCodes.WORK_FAILED;
        });
        return commandLine;
    }
}
