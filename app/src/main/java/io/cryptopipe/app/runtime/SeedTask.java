package io.cryptopipe.app.runtime;

import io.cryptopipe.orchestrate.dag.PipelineTask;
import io.cryptopipe.orchestrate.dag.TaskResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code dbt seed}, but only when a seed CSV changed since the last successful load: the fingerprint of the seed
 * files is kept next to the scheduled runs' artifacts. A run without changes succeeds without touching the tables.
 */
final class SeedTask implements PipelineTask {
    private final PipelineTask seed;
    private final Path seedDir;
    private final Path fingerprintFile;

    SeedTask(PipelineTask seed, Path seedDir, Path fingerprintFile) {
        this.seed = seed;
        this.seedDir = seedDir;
        this.fingerprintFile = fingerprintFile;
    }

    @Override
    public TaskResult execute() throws Exception {
        String fingerprint = fingerprint();
        if (Files.exists(fingerprintFile) && Files.readString(fingerprintFile).equals(fingerprint)) {
            return TaskResult.ok("seeds unchanged since the last load");
        }
        TaskResult result = seed.execute();
        if (result.success()) {
            Files.createDirectories(fingerprintFile.getParent());
            Files.writeString(fingerprintFile, fingerprint);
        }
        return result;
    }

    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (Files.isDirectory(seedDir)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(seedDir)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    digest.update(seedDir.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed files under " + seedDir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
