package io.cryptopipe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for a benchmark's broker log and warehouse file, deleted when the JVM exits (a run leaves
 * gigabytes behind otherwise), unless {@value #KEEP} is set to look at them afterwards.
 */
public final class ScratchDirectory {
    public static final String KEEP = "cryptopipe.bench.keep";

    private ScratchDirectory() {
    }

    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        if (Boolean.getBoolean(KEEP)) {
            System.out.println("scratch data kept in " + dir);
        } else {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete-" + prefix));
        }
        return dir;
    }

    private static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
