package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.jinja.MacroFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a project's nodes on disk: models ({@code *.sql}) and properties files ({@code *.yml}) under the model
 * paths, seeds ({@code *.csv}), snapshots ({@code {% snapshot %}} blocks and YAML {@code snapshots:} with a
 * {@code relation}), singular tests ({@code *.sql} under the test paths), data tests declared in properties,
 * and macro files (macro paths, and {@code generic/} under the test paths).
 */
public final class ProjectScanner {
    private static final Logger log = LoggerFactory.getLogger(ProjectScanner.class);
    private static final Pattern SNAPSHOT_BLOCK = Pattern.compile(
            "\\{%-?\\s*snapshot\\s+(\\w+)\\s*-?%}(.*?)\\{%-?\\s*endsnapshot\\s*-?%}", Pattern.DOTALL);

    public ProjectNodes scan(DbtProject project) {
        Properties properties = new Properties();
        List<SourceTable> sources = new ArrayList<>();
        List<ConfigMap> yamlSnapshots = new ArrayList<>();
        List<Path> yamlFiles = new ArrayList<>();
        yamlFiles.addAll(files(project, project.modelPaths(), ".yml", ".yaml"));
        yamlFiles.addAll(files(project, project.seedPaths(), ".yml", ".yaml"));
        yamlFiles.addAll(files(project, project.snapshotPaths(), ".yml", ".yaml"));
        for (Path file : yamlFiles) {
            ConfigMap yaml = YamlFiles.read(file);
            yaml.mapList("models").forEach(m -> properties.add("model", m));
            yaml.mapList("seeds").forEach(m -> properties.add("seed", m));
            for (ConfigMap snapshot : yaml.mapList("snapshots")) {
                if (snapshot.has("relation")) {
                    yamlSnapshots.add(snapshot);
                } else {
                    properties.add("snapshot", snapshot);
                }
            }
            for (ConfigMap source : yaml.mapList("sources")) {
                sources.addAll(sourceTables(project, source));
            }
        }
        List<ModelNode> nodes = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files(project, project.modelPaths(), ".sql")) {
            String name = stripExtension(file.getFileName().toString());
            checkUnique(seen, name, file);
            nodes.add(node(project, ResourceType.MODEL, project.modelPaths(), project.modelConfigs(), file, name,
                    read(file), properties.take("model", name)));
        }
        for (Path file : files(project, project.seedPaths(), ".csv")) {
            String name = stripExtension(file.getFileName().toString());
            checkUnique(seen, name, file);
            nodes.add(node(project, ResourceType.SEED, project.seedPaths(), project.seedConfigs(), file, name, "",
                    properties.take("seed", name)));
        }
        for (Path file : files(project, project.snapshotPaths(), ".sql")) {
            Matcher block = SNAPSHOT_BLOCK.matcher(read(file));
            while (block.find()) {
                String name = block.group(1);
                checkUnique(seen, name, file);
                nodes.add(node(project, ResourceType.SNAPSHOT, project.snapshotPaths(), project.snapshotConfigs(),
                        file, name, block.group(2), properties.take("snapshot", name)));
            }
        }
        for (ConfigMap snapshot : yamlSnapshots) {
            String name = snapshot.requiredString("name");
            checkUnique(seen, name, snapshot.file());
            nodes.add(node(project, ResourceType.SNAPSHOT, project.snapshotPaths(), project.snapshotConfigs(),
                    snapshot.file(), name, "select * from {{ " + snapshot.requiredString("relation") + " }}",
                    snapshot));
        }
        properties.leftOver().forEach(p -> log.warn("{}: properties for '{}' but no such node exists",
                p.file(), p.values().get("name")));
        List<ModelNode> enabled = nodes.stream().filter(n -> n.config().enabled()).toList();

        TestFactory tests = new TestFactory(project);
        List<ModelNode> testNodes = new ArrayList<>();
        for (ModelNode node : enabled) {
            testNodes.addAll(tests.generic(node.resourceType(), node.name(), "ref('" + node.name() + "')",
                    properties.declaredIn(node.resourceType().dbtName(), node.name())
                            .map(file -> relativePath(project, file)).orElse(node.originalFilePath()),
                    node.propertiesTests(), node.columnTests()));
        }
        for (SourceTable table : sources) {
            testNodes.addAll(tests.generic(null, table.sourceName() + "_" + table.name(),
                    "source('" + table.sourceName() + "', '" + table.name() + "')", table.originalFilePath(),
                    table.tests(), table.columnTests()));
        }
        for (Path file : files(project, project.testPaths(), ".sql")) {
            if (!isGenericTestFile(project, file)) {
                testNodes.add(tests.singular(file, stripExtension(file.getFileName().toString()), read(file),
                        relativePath(project, file)));
            }
        }
        return new ProjectNodes(enabled, sources,
                testNodes.stream().filter(t -> t.config().enabled()).toList(), macroFiles(project));
    }

    private List<MacroFile> macroFiles(DbtProject project) {
        List<MacroFile> out = new ArrayList<>();
        for (Path file : files(project, project.macroPaths(), ".sql")) {
            out.add(new MacroFile(relativePath(project, file), read(file)));
        }
        for (Path file : files(project, project.testPaths(), ".sql")) {
            if (isGenericTestFile(project, file)) {
                out.add(new MacroFile(relativePath(project, file), read(file)));
            }
        }
        return out;
    }

    /** dbt reads {@code tests/generic/} as test definitions, not as singular tests. */
    private static boolean isGenericTestFile(DbtProject project, Path file) {
        return project.testPaths().stream()
                .map(p -> project.projectDir().resolve(p).resolve("generic").normalize())
                .anyMatch(file::startsWith);
    }

    private static void checkUnique(Map<String, Path> seen, String name, Path file) {
        Path previous = seen.putIfAbsent(name, file);
        if (previous != null) {
            throw new DbtConfigException(file + ": a node named '" + name + "' already exists at " + previous
                    + "; model, seed and snapshot names must be unique");
        }
    }

    private ModelNode node(DbtProject project, ResourceType type, List<String> roots, FolderConfigTree tree,
                           Path file, String name, String rawSql, ConfigMap properties) {
        Path root = rootOf(project, roots, file);
        List<String> fqn = new ArrayList<>();
        fqn.add(project.name());
        for (Path folder : root.relativize(file.getParent())) {
            if (!folder.toString().isEmpty()) {
                fqn.add(folder.toString());
            }
        }
        fqn.add(name);
        ModelConfig config = tree.resolve(fqn);
        if (type != ResourceType.MODEL) {
            config = config.overriddenBy(Map.of("materialized", type.dbtName()));
        }
        String description = "";
        Map<String, ColumnInfo> columns = Map.of();
        if (properties != null) {
            config = config.overriddenBy(properties.map("config").values());
            description = properties.string("description", "");
            columns = columns(properties);
        }
        return new ModelNode(type.dbtName() + "." + project.name() + "." + name, name, project.name(),
                relativePath(project, file), fqn, rawSql, description, columns, config, type, file,
                properties == null ? List.of() : testsOf(properties), properties == null ? Map.of()
                : columnTests(properties));
    }

    private List<SourceTable> sourceTables(DbtProject project, ConfigMap source) {
        String sourceName = source.requiredString("name");
        String schema = source.string("schema", sourceName);
        String database = source.optionalString("database").orElse(null);
        List<SourceTable> tables = new ArrayList<>();
        for (ConfigMap table : source.mapList("tables")) {
            String name = table.requiredString("name");
            tables.add(new SourceTable(SourceTable.uniqueId(project.name(), sourceName, name), sourceName, name,
                    database, schema, table.string("identifier", name), table.string("description", ""),
                    columns(table), relativePath(project, source.file()), testsOf(table), columnTests(table)));
        }
        return tables;
    }

    private static List<Object> testsOf(ConfigMap owner) {
        Object tests = owner.values().get(owner.has("data_tests") ? "data_tests" : "tests");
        if (tests == null) {
            return List.of();
        }
        if (!(tests instanceof List<?> list)) {
            throw owner.error("data_tests", "must be a list");
        }
        return List.copyOf(list);
    }

    private static Map<String, List<Object>> columnTests(ConfigMap owner) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (ConfigMap column : owner.mapList("columns")) {
            List<Object> tests = testsOf(column);
            if (!tests.isEmpty()) {
                out.put(column.requiredString("name"), tests);
            }
        }
        return out;
    }

    private static Map<String, ColumnInfo> columns(ConfigMap owner) {
        Map<String, ColumnInfo> columns = new LinkedHashMap<>();
        for (ConfigMap column : owner.mapList("columns")) {
            String name = column.requiredString("name");
            columns.put(name, new ColumnInfo(name, column.string("description", ""),
                    column.optionalString("data_type").orElse(null)));
        }
        return columns;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new DbtConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static List<Path> files(DbtProject project, List<String> roots, String... extensions) {
        List<Path> out = new ArrayList<>();
        for (String relative : roots) {
            Path root = project.projectDir().resolve(relative);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> Stream.of(extensions).anyMatch(ext -> p.getFileName().toString().endsWith(ext)))
                        .sorted()
                        .forEach(out::add);
            } catch (IOException e) {
                throw new DbtConfigException(root + ": cannot list (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    private static Path rootOf(DbtProject project, List<String> roots, Path file) {
        return roots.stream()
                .map(p -> project.projectDir().resolve(p).normalize())
                .filter(file::startsWith)
                .findFirst()
                .orElse(file.getParent());
    }

    static String relativePath(DbtProject project, Path file) {
        return project.projectDir().relativize(file).toString().replace('\\', '/');
    }

    private static String stripExtension(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    /** Properties entries by resource type and name, removed as nodes claim them. */
    private static final class Properties {
        private final Map<String, ConfigMap> byKey = new LinkedHashMap<>();
        private final Map<String, Path> claimedFrom = new HashMap<>();

        void add(String type, ConfigMap entry) {
            String name = entry.requiredString("name");
            ConfigMap previous = byKey.putIfAbsent(type + ":" + name, entry);
            if (previous != null) {
                throw entry.error("name", "'" + name + "' is described twice (also in " + previous.file() + ")");
            }
        }

        ConfigMap take(String type, String name) {
            ConfigMap taken = byKey.remove(type + ":" + name);
            if (taken != null) {
                claimedFrom.put(type + ":" + name, taken.file());
            }
            return taken;
        }

        /**
         * The properties file that described a claimed node. dbt files the node's generic tests under it
         * ({@code models/x/schema.yml/<test>.sql}), never under the node's own .sql path.
         */
        Optional<Path> declaredIn(String type, String name) {
            return Optional.ofNullable(claimedFrom.get(type + ":" + name));
        }

        List<ConfigMap> leftOver() {
            return List.copyOf(byKey.values());
        }
    }
}
