package io.cryptopipe.transform.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** dbt_project.yml, with dbt's defaults applied and paths relative to {@link #projectDir}. */
public record DbtProject(Path projectDir, String name, String profile, List<String> modelPaths,
                         List<String> seedPaths, List<String> snapshotPaths, List<String> macroPaths,
                         List<String> testPaths, String targetPath, Map<String, Object> vars,
                         FolderConfigTree modelConfigs, FolderConfigTree seedConfigs,
                         FolderConfigTree snapshotConfigs, FolderConfigTree testConfigs) {
    public static final String FILE_NAME = "dbt_project.yml";

    public DbtProject {
        modelPaths = List.copyOf(modelPaths);
        seedPaths = List.copyOf(seedPaths);
        snapshotPaths = List.copyOf(snapshotPaths);
        macroPaths = List.copyOf(macroPaths);
        testPaths = List.copyOf(testPaths);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }
}
