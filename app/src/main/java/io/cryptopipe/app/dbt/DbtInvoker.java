package io.cryptopipe.app.dbt;

import io.cryptopipe.transform.BuildRequest;
import io.cryptopipe.transform.CompileResults;
import io.cryptopipe.transform.DbtEngine;
import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.RunResults;
import io.cryptopipe.transform.project.ResourceType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
    }

    public DbtOutcome invoke(DbtInvocation invocation) {
        // The profile finds the warehouse file through this variable, so --data-dir and real dbt agree.
        Map<String, String> env = Map.of("CRYPTOPIPE_DATA_DIR", dataDir.toAbsolutePath().toString());
        DbtEngine engine = new DbtEngine(new EngineOptions(invocation.projectDir(), invocation.profilesDir(),
                invocation.target(), env, invocation.vars(), invocation.targetPath()));
        buildLock.lock();
        try {
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
