package io.cryptopipe.transform.artifacts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.graph.ModelGraph;
import io.cryptopipe.transform.project.ColumnInfo;
import io.cryptopipe.transform.project.ProjectNodes;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.project.SourceTable;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.render.RefCall;
import io.cryptopipe.transform.render.RelationNaming;
import io.cryptopipe.transform.render.SourceCall;
import io.cryptopipe.transform.warehouse.WarehouseDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes dbt's artifacts under the target path: {@code compiled/} and {@code run/} SQL per model,
 * {@code run_results.json} and {@code manifest.json}, in dbt's schemas (the subset this engine fills in).
 */
public final class ArtifactWriter {
    /** The dbt-core release whose artifact schemas these files follow. */
    static final String DBT_VERSION = "1.9.0";
    private static final String RUN_RESULTS_SCHEMA = "https://schemas.getdbt.com/dbt/run-results/v6.json";
    private static final String MANIFEST_SCHEMA = "https://schemas.getdbt.com/dbt/manifest/v12.json";

    private static final Pattern MACRO_NAME = Pattern.compile("\\{%-?\\s*(macro|test)\\s+(\\w+)");

    private final ObjectMapper json = new ObjectMapper();
    private final Path targetDir;
    private final String projectName;
    private final String invocationId;

    public ArtifactWriter(Path targetDir, String projectName, String invocationId) {
        this.targetDir = targetDir;
        this.projectName = projectName;
        this.invocationId = invocationId;
    }

    public Path writeCompiled(ParsedModel model, String sql) {
        return write(targetDir.resolve("compiled").resolve(projectName).resolve(nodePath(model)), sql);
    }

    public Path writeRun(ParsedModel model, List<String> statements) {
        return write(targetDir.resolve("run").resolve(projectName).resolve(nodePath(model)),
                String.join(";\n\n", statements) + ";\n");
    }

    /** Where a node's SQL goes: its file, or for a test defined in YAML {@code <yml>/<test>.sql}, as dbt does. */
    private static String nodePath(ParsedModel model) {
        String path = model.node().originalFilePath();
        if (model.resourceType() == ResourceType.TEST && !path.endsWith(".sql")) {
            return path + "/" + model.name() + ".sql";
        }
        if (model.resourceType() == ResourceType.SEED) {
            return path.replaceAll("\\.csv$", ".sql");
        }
        return path;
    }

    public void writeRunResults(String command, List<String> select, List<NodeExecution> executions,
                                Duration elapsed) {
        ObjectNode root = json.createObjectNode();
        root.set("metadata", metadata(RUN_RESULTS_SCHEMA));
        ArrayNode results = root.putArray("results");
        for (NodeExecution execution : executions) {
            ObjectNode result = results.addObject();
            result.put("status", execution.result().status().dbtName());
            ArrayNode timing = result.putArray("timing");
            execution.timing().forEach(t -> timing.addObject().put("name", t.name())
                    .put("started_at", t.startedAt().toString()).put("completed_at", t.completedAt().toString()));
            result.put("thread_id", "Thread-1");
            result.put("execution_time", seconds(execution.result().elapsed()));
            result.putObject("adapter_response").put("_message", execution.result().message());
            result.put("message", execution.result().message());
            if (execution.result().failures() == null) {
                result.putNull("failures");
            } else {
                result.put("failures", execution.result().failures());
            }
            result.put("unique_id", execution.result().uniqueId());
            result.put("compiled", execution.compiledSql() != null);
            result.put("compiled_code", execution.compiledSql());
            result.put("relation_name", execution.relationName());
        }
        root.put("elapsed_time", seconds(elapsed));
        ObjectNode args = root.putObject("args");
        args.put("which", command);
        args.set("select", json.valueToTree(select == null ? List.of() : select));
        writeJson("run_results.json", root);
    }

    public void writeManifest(ModelGraph graph, ProjectNodes nodes, RelationNaming naming, WarehouseDialect dialect,
                              Map<String, String> compiledSql) {
        ObjectNode root = json.createObjectNode();
        ObjectNode metadata = metadata(MANIFEST_SCHEMA);
        metadata.put("project_name", projectName);
        metadata.put("adapter_type", dialect.type());
        root.set("metadata", metadata);
        ObjectNode modelNodes = root.putObject("nodes");
        ObjectNode parentMap = json.createObjectNode();
        ObjectNode childMap = json.createObjectNode();
        for (String id : graph.order()) {
            ParsedModel model = graph.model(id);
            ObjectNode node = modelNodes.putObject(id);
            var relation = naming.model(model.node(), model.config());
            node.put("database", relation.database());
            node.put("schema", relation.schema());
            node.put("name", model.name());
            node.put("resource_type", model.resourceType().dbtName());
            node.put("package_name", projectName);
            List<String> fqn = model.node().fqn();
            node.put("path", model.resourceType() == ResourceType.TEST ? model.name() + ".sql"
                    : String.join("/", fqn.subList(1, fqn.size())) + ".sql");
            node.put("original_file_path", model.node().originalFilePath());
            node.put("unique_id", id);
            node.set("fqn", json.valueToTree(fqn));
            node.put("alias", relation.identifier());
            ObjectNode config = node.putObject("config");
            config.put("enabled", true);
            config.put("materialized", model.config().materialized());
            config.set("tags", json.valueToTree(model.config().tags()));
            model.config().values().forEach((key, value) -> {
                if (!config.has(key)) {
                    config.set(key, json.valueToTree(value));
                }
            });
            node.set("tags", json.valueToTree(model.config().tags()));
            node.put("description", model.node().description());
            node.set("columns", columns(model.node().columns()));
            ArrayNode dependsOn = node.putObject("depends_on").putArray("nodes");
            graph.sources(id).forEach(dependsOn::add);
            graph.parents(id).forEach(dependsOn::add);
            ((ObjectNode) node.get("depends_on")).putArray("macros");
            ArrayNode refs = node.putArray("refs");
            for (RefCall ref : model.refs()) {
                refs.addObject().put("name", ref.name()).put("package", ref.packageName()).putNull("version");
            }
            ArrayNode sources = node.putArray("sources");
            for (SourceCall source : model.sources()) {
                sources.addArray().add(source.sourceName()).add(source.tableName());
            }
            node.put("language", "sql");
            node.put("raw_code", model.node().rawSql());
            node.put("relation_name", model.resourceType() == ResourceType.TEST
                    || model.config().materialized().equals("ephemeral") ? null : dialect.render(relation));
            if (model.resourceType() == ResourceType.TEST) {
                model.config().get("test_name").ifPresent(name -> node.putObject("test_metadata")
                        .put("name", String.valueOf(name)).put("namespace", (String) null));
                model.node().columnTests().keySet().stream().findFirst()
                        .ifPresent(column -> node.put("column_name", column));
                graph.parents(id).stream().findFirst().ifPresent(parent -> node.put("attached_node", parent));
            }
            String compiled = compiledSql.get(id);
            node.put("compiled", compiled != null);
            node.put("compiled_code", compiled);
            parentMap.set(id, dependsOn.deepCopy());
            childMap.set(id, json.valueToTree(graph.children(id)));
        }
        ObjectNode sourceNodes = root.putObject("sources");
        for (SourceTable table : nodes.sources()) {
            ObjectNode source = sourceNodes.putObject(table.uniqueId());
            var relation = naming.source(table);
            source.put("database", relation.database());
            source.put("schema", relation.schema());
            source.put("name", table.name());
            source.put("resource_type", "source");
            source.put("package_name", projectName);
            source.put("path", table.originalFilePath());
            source.put("original_file_path", table.originalFilePath());
            source.put("unique_id", table.uniqueId());
            source.set("fqn", json.valueToTree(List.of(projectName, table.sourceName(), table.name())));
            source.put("source_name", table.sourceName());
            source.put("identifier", table.identifier());
            source.put("description", table.description());
            source.set("columns", columns(table.columns()));
            source.put("relation_name", dialect.render(relation));
            parentMap.putArray(table.uniqueId());
            ArrayNode children = childMap.putArray(table.uniqueId());
            graph.order().stream().filter(id -> graph.sources(id).contains(table.uniqueId())).forEach(children::add);
        }
        ObjectNode macros = root.putObject("macros");
        for (var file : nodes.macros()) {
            Matcher macro = MACRO_NAME.matcher(file.source());
            while (macro.find()) {
                String name = (macro.group(1).equals("test") ? "test_" : "") + macro.group(2);
                macros.putObject("macro." + projectName + "." + name).put("name", name)
                        .put("unique_id", "macro." + projectName + "." + name)
                        .put("package_name", projectName).put("original_file_path", file.name())
                        .put("macro_sql", file.source());
            }
        }
        for (String empty : List.of("docs", "exposures", "metrics", "groups", "selectors", "disabled",
                "semantic_models", "saved_queries", "unit_tests", "group_map")) {
            root.putObject(empty);
        }
        root.set("parent_map", parentMap);
        root.set("child_map", childMap);
        writeJson("manifest.json", root);
    }

    private ObjectNode columns(Map<String, ColumnInfo> columns) {
        ObjectNode out = json.createObjectNode();
        columns.values().forEach(c -> out.putObject(c.name()).put("name", c.name())
                .put("description", c.description()).put("data_type", c.dataType()));
        return out;
    }

    private ObjectNode metadata(String schema) {
        ObjectNode metadata = json.createObjectNode();
        metadata.put("dbt_schema_version", schema);
        metadata.put("dbt_version", DBT_VERSION);
        metadata.put("generated_at", Instant.now().toString());
        metadata.put("invocation_id", invocationId);
        metadata.putObject("env");
        return metadata;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1_000_000_000.0;
    }

    private void writeJson(String fileName, ObjectNode root) {
        try {
            write(targetDir.resolve(fileName), json.writeValueAsString(root));
        } catch (IOException e) {
            throw new DbtException("cannot serialise " + fileName + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new DbtException("cannot write " + file + ": " + e.getMessage()
                    + "; check the target path is writable", e);
        }
    }
}
