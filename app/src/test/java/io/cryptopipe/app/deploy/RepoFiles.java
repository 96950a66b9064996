package io.cryptopipe.app.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's files as the deploy checks see them: found from the module folder Maven runs tests in. */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path deploy() {
        return root().resolve("deploy");
    }
}
