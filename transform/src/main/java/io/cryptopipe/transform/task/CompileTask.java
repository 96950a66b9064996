package io.cryptopipe.transform.task;

import io.cryptopipe.transform.CompileResults;
import io.cryptopipe.transform.CompiledModel;
import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.NodeResult.Status;
import io.cryptopipe.transform.artifacts.ArtifactWriter;
import io.cryptopipe.transform.artifacts.NodeExecution;
import io.cryptopipe.transform.artifacts.Timing;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.render.ParsedModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code dbt compile}: renders the selected models, snapshots and tests to target/compiled without touching the
 * warehouse, as dbt does (seeds have no SQL to render).
 */
public final class CompileTask {
    private static final Set<ResourceType> COMPILED_TYPES = Set.of(ResourceType.MODEL, ResourceType.SNAPSHOT,
            ResourceType.TEST);
    private final Invocation invocation;
    private final RunLog log = new RunLog();

    public CompileTask(Invocation invocation) {
        this.invocation = invocation;
    }

    public CompileResults compile(List<String> select) {
        Instant started = Instant.now();
        ArtifactWriter artifacts = invocation.artifacts();
        List<NodeExecution> executions = new ArrayList<>();
        List<CompiledModel> compiled = new ArrayList<>();
        for (String id : invocation.select(select, List.of(), COMPILED_TYPES)) {
            ParsedModel model = invocation.graph().model(id);
            String relationName = invocation.dialect().render(invocation.relations().self(model));
            Instant start = Instant.now();
            NodeResult result;
            String sql = null;
            try {
                sql = invocation.renderer().compile(model, invocation.relations());
                Path path = artifacts.writeCompiled(model, sql);
                compiled.add(new CompiledModel(id, model.name(), sql, path));
                result = new NodeResult(id, model.name(), Status.SUCCESS, "compiled", Duration.between(start,
                        Instant.now()));
            } catch (DbtException e) {
                log.error(e.getMessage());
                result = new NodeResult(id, model.name(), Status.ERROR, e.getMessage(),
                        Duration.between(start, Instant.now()));
            }
            executions.add(new NodeExecution(model, relationName, result, sql, List.of(),
                    List.of(new Timing("compile", start, Instant.now()))));
        }
        Map<String, String> compiledSql = new HashMap<>();
        compiled.forEach(c -> compiledSql.put(c.uniqueId(), c.sql()));
        artifacts.writeRunResults("compile", select, executions, Duration.between(started, Instant.now()));
        artifacts.writeManifest(invocation.graph(), invocation.nodes(), invocation.naming(), invocation.dialect(),
                compiledSql);
        return new CompileResults(executions.stream().map(NodeExecution::result).toList(), compiled);
    }
}
