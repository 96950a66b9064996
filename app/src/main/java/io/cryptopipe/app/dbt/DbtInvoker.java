package io.cryptopipe.app.dbt;

import io.cryptopipe.transform.BuildRequest;
import io.cryptopipe.transform.CompileResults;
import io.cryptopipe.transform.DbtEngine;
import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.OperationResult;
import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.RunResults;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.task.ParsedProjectCache;
import io.cryptopipe.app.warehouse.WarehouseFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * Runs dbt commands against one data directory's warehouse. The lock keeps a hand-started run from overlapping the
 * scheduled ones in the same process (two builds swapping the same tables would race).
 */
public final class DbtInvoker {
    private final Path dataDir;
    private final Lock buildLock;
    private final Consumer<DbtInvocation> afterBuild;
    private final SilverRebuildGuard silverRebuildGuard;
    private final ParsedProjectCache parsedProjects = new ParsedProjectCache(Path.of(System.getProperty("user.home")));

    public DbtInvoker(Path dataDir, Lock buildLock) {
        this(dataDir, buildLock, invocation -> { });
    }

    /**
     * @param afterBuild called after every {@code run} and {@code build}, whether or not each model built, before the
     *                   lock is released: what it reads of the models no other command has changed since
     */
    public DbtInvoker(Path dataDir, Lock buildLock, Consumer<DbtInvocation> afterBuild) {
        this.dataDir = dataDir;
        this.buildLock = buildLock;
        this.afterBuild = afterBuild;
        this.silverRebuildGuard = new SilverRebuildGuard(WarehouseFile.in(dataDir));
    }

    public DbtOutcome invoke(DbtInvocation invocation) {
        DbtEngine engine = engine(invocation.projectDir(), invocation.profilesDir(), invocation.target(),
                invocation.vars(), invocation.targetPath());
        buildLock.lock();
        try {
            if (invocation.fullRefresh() && (invocation.command().equals("run") || invocation.command().equals("build"))) {
                Optional<String> refusal = silverRebuildGuard.refusal(invocation, modelNames(engine, invocation));
                if (refusal.isPresent()) {
                    return new DbtOutcome(false, List.of("ERROR " + refusal.get()));
                }
            }
            BuildRequest request = new BuildRequest(invocation.select(), invocation.exclude(),
                    invocation.fullRefresh(), invocation.threads());
            if (invocation.command().equals("run") || invocation.command().equals("build")) {
                try {
                    return outcomeOf(invocation.command().equals("run") ? engine.run(request) : engine.build(request));
                } finally {
                    afterBuild.accept(invocation);
                }
            }
            return switch (invocation.command()) {
                case "seed" -> outcomeOf(engine.seed(request));
                case "snapshot" -> outcomeOf(engine.snapshot(request));
                case "test" -> outcomeOf(engine.test(request));
                case "compile" -> outcomeOf(engine.compile(invocation.select()));
                default -> new DbtOutcome(true, engine.ls(invocation.select(), invocation.exclude(),
                        EnumSet.allOf(ResourceType.class)));
            };
        } finally {
            buildLock.unlock();
        }
    }

    /**
     * {@code dbt run-operation <macro> --args <args>} on the project's default target; the outcome's one line says
     * how many rows its statements changed, or why it failed.
     */
    public DbtOutcome runOperation(Path projectDir, Path targetPath, String macro, Map<String, Object> args) {
        return runOperation(projectDir, null, null, targetPath, macro, args);
    }

    /** @param profilesDir and {@code target} as {@code dbt --profiles-dir --target}; null for the defaults */
    public DbtOutcome runOperation(Path projectDir, Path profilesDir, String target, Path targetPath, String macro,
                                   Map<String, Object> args) {
        DbtEngine engine;
        try {
            engine = engine(projectDir, profilesDir, target, Map.of(), targetPath);
        } catch (DbtException e) {
            return new DbtOutcome(false, List.of("ERROR " + macro + ": " + e.getMessage()));
        }
        buildLock.lock();
        try {
            OperationResult result = engine.runOperation(macro, args);
            return new DbtOutcome(true, List.of("Operation " + macro + ": " + result.totalRowsChanged()
                    + " row(s) changed in " + result.elapsed().toMillis() + " ms"));
        } catch (DbtException e) {
            return new DbtOutcome(false, List.of("ERROR " + macro + ": " + e.getMessage()));
        } finally {
            buildLock.unlock();
        }
    }

    private DbtEngine engine(Path projectDir, Path profilesDir, String target, Map<String, Object> vars,
                             Path targetPath) {
        // The profile finds the warehouse file through this variable, so --data-dir and real dbt agree.
        Map<String, String> env = Map.of("CRYPTOPIPE_DATA_DIR", dataDir.toAbsolutePath().toString());
        return new DbtEngine(new EngineOptions(projectDir, profilesDir, target, env, vars, targetPath), parsedProjects);
    }

    /** The names of the models the invocation selects, as {@code dbt ls} finds them. */
    private static List<String> modelNames(DbtEngine engine, DbtInvocation invocation) {
        return engine.ls(invocation.select(), invocation.exclude(), EnumSet.of(ResourceType.MODEL)).stream()
                .map(fqn -> fqn.substring(fqn.lastIndexOf('.') + 1)).toList();
    }

    private static DbtOutcome outcomeOf(RunResults results) {
        List<String> lines = new ArrayList<>(failureLines(results.failures()));
        lines.add(results.summary());
        return new DbtOutcome(results.success(), lines, results.lines());
    }

    private static DbtOutcome outcomeOf(CompileResults results) {
        List<String> lines = new ArrayList<>(failureLines(results.results().stream()
                .filter(r -> r.status() != NodeResult.Status.SUCCESS).toList()));
        lines.add("Compiled " + results.compiled().size() + " node(s): models, snapshots and tests");
        return new DbtOutcome(results.success(), lines);
    }

    private static List<String> failureLines(List<NodeResult> failures) {
        return failures.stream().map(f -> f.status().dbtName().toUpperCase() + " " + f.name() + ": " + f.message()).toList();
    }
}
