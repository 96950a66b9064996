package io.cryptopipe.app;

import io.cryptopipe.app.cli.CommandLineFactory;
import io.cryptopipe.app.cli.CryptopipeCommand;

import java.nio.file.Path;

/** Entry point of {@code ./cryptopipe}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Must precede the first logger: the log file lives in the data directory the command works on.
        System.setProperty("cryptopipe.logDir", dataDir(args).resolve("logs").toString());
        if (args.length > 0 && args[0].equals("up")) {
            // A minutely schedule would flood the terminal with per-model lines; the summary line is enough there.
            System.setProperty("cryptopipe.dbtConsoleLevel", "WARN");
        }
        System.exit(CommandLineFactory.create(new CryptopipeCommand()).execute(args));
    }

    private static Path dataDir(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]).toAbsolutePath();
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length())).toAbsolutePath();
            }
        }
        String env = System.getenv("CRYPTOPIPE_DATA_DIR");
        return Path.of(env == null || env.isBlank() ? "data" : env).toAbsolutePath();
    }
}
