package io.cryptopipe.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the dbt project: an explicit {@code --project-dir}, else {@code ./warehouse}, else the {@code warehouse/}
 * folder of the installation the launcher runs from ({@code CRYPTOPIPE_HOME}).
 */
final class ProjectDirs {
    private ProjectDirs() {
    }

    static Path resolve(Path explicit) {
        if (explicit != null) {
            return requireProject(explicit, "--project-dir");
        }
        Path local = Path.of("warehouse");
        if (Files.isRegularFile(local.resolve("dbt_project.yml"))) {
            return local.toAbsolutePath().normalize();
        }
        String home = System.getenv("CRYPTOPIPE_HOME");
        if (home != null) {
            return requireProject(Path.of(home, "warehouse"), "CRYPTOPIPE_HOME");
        }
        throw new UserError("no dbt project found: run from the cryptopipe folder, or pass --project-dir <folder with dbt_project.yml>");
    }

    private static Path requireProject(Path dir, String origin) {
        if (!Files.isRegularFile(dir.resolve("dbt_project.yml"))) {
            throw new UserError(origin + " points to " + dir.toAbsolutePath() + ", which has no dbt_project.yml");
        }
        return dir.toAbsolutePath().normalize();
    }
}
