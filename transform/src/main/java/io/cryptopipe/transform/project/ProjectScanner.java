package io.cryptopipe.transform.project;

import io.cryptopipe.transform.DbtConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the models ({@code *.sql}) and properties files ({@code *.yml}) under the project's model paths. */
public final class ProjectScanner {
    private static final Logger log = LoggerFactory.getLogger(ProjectScanner.class);

    public ProjectNodes scan(DbtProject project) {
        Map<String, ConfigMap> modelProperties = new LinkedHashMap<>();
        List<SourceTable> sources = new ArrayList<>();
        for (Path file : files(project, ".yml", ".yaml")) {
            ConfigMap yaml = YamlFiles.read(file);
            for (ConfigMap model : yaml.mapList("models")) {
                String name = model.requiredString("name");
                if (modelProperties.putIfAbsent(name, model) != null) {
                    throw model.error("name", "'" + name + "' is described twice (also in "
                            + modelProperties.get(name).file() + ")");
                }
            }
            for (ConfigMap source : yaml.mapList("sources")) {
                sources.addAll(sourceTables(project, source));
            }
        }
        List<ModelNode> models = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files(project, ".sql")) {
            String name = stripExtension(file.getFileName().toString());
            Path previous = seen.putIfAbsent(name, file);
            if (previous != null) {
                throw new DbtConfigException(file + ": a model named '" + name + "' already exists at " + previous
                        + "; model names must be unique");
            }
            ModelNode node = model(project, file, name, modelProperties.remove(name));
            if (node.config().enabled()) {
                models.add(node);
            }
        }
        modelProperties.values().forEach(p -> log.warn("{}: properties for model '{}' but no such model exists",
                p.file(), p.values().get("name")));
        return new ProjectNodes(models, sources);
    }

    private ModelNode model(DbtProject project, Path file, String name, ConfigMap properties) {
        Path modelRoot = modelRootOf(project, file);
        List<String> fqn = new ArrayList<>();
        fqn.add(project.name());
        for (Path folder : modelRoot.relativize(file.getParent())) {
            if (!folder.toString().isEmpty()) {
                fqn.add(folder.toString());
            }
        }
        fqn.add(name);
        ModelConfig config = project.modelConfigs().resolve(fqn);
        String description = "";
        Map<String, ColumnInfo> columns = Map.of();
        if (properties != null) {
            config = config.overriddenBy(properties.map("config").values());
            description = properties.string("description", "");
            columns = columns(properties);
        }
        String rawSql;
        try {
            rawSql = Files.readString(file);
        } catch (IOException e) {
            throw new DbtConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return new ModelNode(ModelNode.uniqueId(project.name(), name), name, project.name(),
                relativePath(project, file), fqn, rawSql, description, columns, config);
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
                    columns(table), relativePath(project, source.file())));
        }
        return tables;
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

    private static List<Path> files(DbtProject project, String... extensions) {
        List<Path> out = new ArrayList<>();
        for (String modelPath : project.modelPaths()) {
            Path root = project.projectDir().resolve(modelPath);
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

    private static Path modelRootOf(DbtProject project, Path file) {
        return project.modelPaths().stream()
                .map(p -> project.projectDir().resolve(p).normalize())
                .filter(file::startsWith)
                .findFirst()
                .orElseThrow();
    }

    private static String relativePath(DbtProject project, Path file) {
        return project.projectDir().relativize(file).toString().replace('\\', '/');
    }

    private static String stripExtension(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }
}
