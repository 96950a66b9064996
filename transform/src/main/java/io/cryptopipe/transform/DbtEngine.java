package io.cryptopipe.transform;

import io.cryptopipe.transform.jinja.TemplateEngine;
import io.cryptopipe.transform.materialize.Materializations;
import io.cryptopipe.transform.task.CompileTask;
import io.cryptopipe.transform.task.Invocation;
import io.cryptopipe.transform.task.OperationTask;
import io.cryptopipe.transform.task.ParsedProjectCache;
import io.cryptopipe.transform.task.RunTask;
import io.cryptopipe.transform.warehouse.WarehouseDialects;
import java.nio.file.Path;
import io.cryptopipe.transform.project.ResourceType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dbt-format engine's entry point for the CLI and the scheduler. The constructor loads the project and
 * profile once so configuration errors surface immediately, and the first command works on that load; every later
 * command re-reads the project so a long-lived engine sees edits, as a fresh {@code dbt} process would.
 */
public final class DbtEngine {
    private final EngineOptions options;
    private final TemplateEngine templates = new TemplateEngine();
    private final WarehouseDialects dialects;
    private final Materializations materializations;
    private final Path homeDir;
    /** Two builds of one project at once would race on the same relations; dbt never overlaps them either. */
    private final ReentrantLock buildLock = new ReentrantLock();
    /**
     * The constructor's load, until the first command takes it: when the first command loaded and parsed the project
     * again, the two loads were a third of a gold refresh at zero new rows (docs/BENCHMARKS.md, gold refresh).
     */
    private final AtomicReference<Invocation> unused;
    private final ParsedProjectCache cache;

    /**
     * @throws DbtConfigException      if dbt_project.yml, profiles.yml or a properties file is missing or invalid
     * @throws DbtCompilationException if a model cannot be parsed (bad Jinja, unknown ref or source, a cycle)
     */
    public DbtEngine(EngineOptions options) {
        this(options, WarehouseDialects.builtIn(), Materializations.builtIn(),
                Path.of(System.getProperty("user.home")));
    }

    public DbtEngine(EngineOptions options, WarehouseDialects dialects, Materializations materializations,
                     Path homeDir) {
        this(options, dialects, materializations, homeDir, null);
    }

    /**
     * An engine whose commands reuse {@code cache}'s parse of an unchanged project, for a caller that creates an
     * engine per command.
     */
    public DbtEngine(EngineOptions options, ParsedProjectCache cache) {
        this(options, WarehouseDialects.builtIn(), Materializations.builtIn(), Path.of(System.getProperty("user.home")),
                cache);
    }

    private DbtEngine(EngineOptions options, WarehouseDialects dialects, Materializations materializations,
                      Path homeDir, ParsedProjectCache cache) {
        this.options = options;
        this.dialects = dialects;
        this.materializations = materializations;
        this.homeDir = homeDir;
        this.cache = cache;
        this.unused = new AtomicReference<>(load());
    }

    /** Builds the selected models (all when {@code select} is empty); writes run_results.json and manifest.json. */
    public RunResults run(List<String> select) {
        return run(BuildRequest.of(select));
    }

    /** {@code dbt run}: the selected models. */
    public RunResults run(BuildRequest request) {
        return execute("run", EnumSet.of(ResourceType.MODEL), request);
    }

    /** {@code dbt seed}: loads the selected seed CSVs. */
    public RunResults seed(BuildRequest request) {
        return execute("seed", EnumSet.of(ResourceType.SEED), request);
    }

    /** {@code dbt snapshot}: records the selected snapshots' changes. */
    public RunResults snapshot(BuildRequest request) {
        return execute("snapshot", EnumSet.of(ResourceType.SNAPSHOT), request);
    }

    /** {@code dbt test}: the selected data tests and those of the selected nodes. */
    public RunResults test(BuildRequest request) {
        return execute("test", EnumSet.of(ResourceType.TEST), request);
    }

    /** {@code dbt build}: seeds, models, snapshots and tests in DAG order, each test right after its parents. */
    public RunResults build(BuildRequest request) {
        return execute("build", EnumSet.allOf(ResourceType.class), request);
    }

    private RunResults execute(String command, Set<ResourceType> types, BuildRequest request) {
        buildLock.lock();
        try {
            return new RunTask(invocation(), materializations, command, types).run(request);
        } finally {
            buildLock.unlock();
        }
    }

    /**
     * {@code dbt run-operation}: calls the project's macro with the keyword arguments; each {@code run_query} in it
     * runs on the target, committing on its own. Never at the same time as a build.
     *
     * @throws DbtException if the macro is unknown, does not render or one of its statements fails
     */
    public OperationResult runOperation(String macro, Map<String, Object> args) {
        buildLock.lock();
        try {
            return new OperationTask(invocation()).run(macro, args);
        } finally {
            buildLock.unlock();
        }
    }

    /** Renders the selected models, snapshots and tests to {@code <target>/compiled/<project>/...} without touching the warehouse. */
    public CompileResults compile(List<String> select) {
        return new CompileTask(invocation()).compile(select);
    }

    /** The selected models as dbt ls prints them: their fqn joined by dots, in build order. */
    public List<String> ls(List<String> select) {
        return ls(select, List.of(), EnumSet.of(ResourceType.MODEL));
    }

    /** The selected nodes of the given types, as dbt ls prints them. */
    public List<String> ls(List<String> select, List<String> exclude, Set<ResourceType> types) {
        Invocation invocation = invocation();
        return invocation.select(select, exclude, types).stream()
                .map(id -> String.join(".", invocation.graph().model(id).node().fqn()))
                .toList();
    }

    private Invocation invocation() {
        Invocation loaded = unused.getAndSet(null);
        return loaded != null ? loaded : load();
    }

    private Invocation load() {
        if (cache != null) {
            return cache.load(options, () -> Invocation.load(options, templates, dialects, homeDir));
        }
        return Invocation.load(options, templates, dialects, homeDir);
    }
}
