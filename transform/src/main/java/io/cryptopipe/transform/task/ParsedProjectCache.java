package io.cryptopipe.transform.task;

import io.cryptopipe.transform.EngineOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the last parse of a project for the next command with the same options, while no file the parse read has
 * changed: a long-lived caller refreshing a few models every few seconds (the pipeline's gold refresh) spent a
 * fifth of each refresh loading and parsing an unchanged project. Each command still gets its own invocation id and
 * run start time ({@link Invocation#forNextCommand}), as a fresh {@code dbt} process would.
 */
public final class ParsedProjectCache {
    private record Entry(EngineOptions options, ProjectFingerprint fingerprint, Invocation invocation) {
    }

    private final Path homeDir;
    private Entry last;

    /** @param homeDir where {@code ~/.dbt/profiles.yml} is looked for, as the engine does */
    public ParsedProjectCache(Path homeDir) {
        this.homeDir = homeDir;
    }

    /** The cached parse for these options if nothing changed since it was read, else {@code loader}'s, kept. */
    public synchronized Invocation load(EngineOptions options, Supplier<Invocation> loader) {
        ProjectFingerprint now = fingerprint(options);
        if (last != null && last.options().equals(options) && last.fingerprint().equals(now)) {
            return last.invocation().forNextCommand();
        }
        Invocation loaded = loader.get();
        // A file changed while it was read makes the next command read it again: the stamp is taken before the read.
        last = new Entry(options, now, loaded);
        return loaded;
    }

    private ProjectFingerprint fingerprint(EngineOptions options) {
        List<Path> profiles = new ArrayList<>();
        if (options.profilesDir() != null) {
            profiles.add(options.profilesDir().resolve("profiles.yml"));
        }
        String fromEnvironment = options.env().getOrDefault("DBT_PROFILES_DIR", System.getenv("DBT_PROFILES_DIR"));
        if (fromEnvironment != null) {
            profiles.add(Path.of(fromEnvironment).resolve("profiles.yml"));
        }
        profiles.add(homeDir.resolve(".dbt").resolve("profiles.yml"));
        List<Path> skipped = options.targetPath() == null ? List.of() : List.of(options.targetPath());
        return ProjectFingerprint.of(options.projectDir(), skipped, profiles);
    }
}
