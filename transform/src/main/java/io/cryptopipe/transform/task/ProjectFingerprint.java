package io.cryptopipe.transform.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a project's parse was read from: every file under the project folder (but the folders dbt writes or installs
 * into) and the candidate profiles files, each by size and modification time. Two equal fingerprints mean no file a
 * parse reads has changed between them, as far as the file system can tell.
 */
record ProjectFingerprint(Map<Path, FileStamp> files) {
    /** Folders whose contents a parse never reads: artifacts, logs, installed packages, version control. */
    private static final Set<String> SKIPPED = Set.of("target", "logs", "dbt_packages", "dbt_modules", ".git");

    record FileStamp(long size, long modifiedNanos) {
    }

    static ProjectFingerprint of(Path projectDir, Collection<Path> skippedDirs, Collection<Path> extraFiles) {
        Map<Path, FileStamp> files = new TreeMap<>();
        Set<Path> skipped = skippedDirs.stream().map(p -> p.toAbsolutePath().normalize()).collect(java.util.stream.Collectors.toSet());
        try {
            Files.walkFileTree(projectDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skip = !dir.equals(projectDir) && (SKIPPED.contains(String.valueOf(dir.getFileName()))
                            || skipped.contains(dir.toAbsolutePath().normalize()));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    files.put(file, stamp(attrs));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A file deleted during the walk: the next fingerprint differs anyway.
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Path extra : extraFiles) {
                try {
                    files.put(extra, stamp(Files.readAttributes(extra, BasicFileAttributes.class)));
                } catch (NoSuchFileException absent) {
                    files.put(extra, new FileStamp(-1, -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the project folder " + projectDir, e);
        }
        return new ProjectFingerprint(Map.copyOf(files));
    }

    private static FileStamp stamp(BasicFileAttributes attrs) {
        return new FileStamp(attrs.size(), attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }
}
