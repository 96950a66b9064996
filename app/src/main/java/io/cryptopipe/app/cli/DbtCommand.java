package io.cryptopipe.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.app.dbt.DbtOutcome;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.transform.DbtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

@Command(name = "dbt", mixinStandardHelpOptions = true,
        description = {"Run the dbt project in warehouse/ with the built-in dbt-format engine.",
                "No Python needed. While `up` runs, the command runs inside that pipeline (same --data-dir and --http-port)."},
        subcommands = {DbtCommand.Run.class, DbtCommand.Seed.class, DbtCommand.Snapshot.class, DbtCommand.Test.class,
                DbtCommand.Build.class, DbtCommand.Compile.class, DbtCommand.Ls.class, DbtCommand.RunOperation.class})
public final class DbtCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Which project, profile and warehouse a dbt command works on: shared by the build commands and run-operation. */
    static final class DbtProjectOptions {
        @Mixin
        PipelineAddressOptions address;

        @Option(names = "--project-dir", description = "Folder with dbt_project.yml (default: ./warehouse, else the installation's).")
        Path projectDir;

        @Option(names = "--profiles-dir", description = "Folder with profiles.yml (default: DBT_PROFILES_DIR, the project dir, ~/.dbt).")
        Path profilesDir;

        @Option(names = "--target", description = "Profile target (default: the profile's target).")
        String target;

        Path resolvedProjectDir() {
            return ProjectDirs.resolve(projectDir);
        }

        Path absoluteProfilesDir() {
            return DbtOptions.absolute(profilesDir);
        }
    }

    /** The options dbt itself takes, with the same names. */
    static final class DbtOptions {
        @Mixin
        DbtProjectOptions project;

        @Option(names = {"--select", "-s"}, split = "[ ,]", description = "Nodes to include: name, +name, name+, tag:x, path:models/x.")
        List<String> select = new ArrayList<>();

        @Option(names = "--exclude", split = "[ ,]", description = "Nodes to leave out, same syntax as --select (space = union).")
        List<String> exclude = new ArrayList<>();

        @Option(names = "--full-refresh", description = "Rebuild incremental models from scratch and recreate seed tables.")
        boolean fullRefresh;

        @Option(names = "--threads", description = "How many nodes build at once (default: the profile's threads).")
        Integer threads;

        @Option(names = "--vars", description = "Project variables as YAML, e.g. '{key: value}'.")
        String vars;

        @Option(names = "--target-path", description = "Where artifacts go (default: the project's target-path).")
        Path targetPath;

        DbtInvocation invocation(String command) {
            if (threads != null && threads < 1) {
                throw new UserError("--threads must be at least 1, got " + threads, ExitCodes.USAGE);
            }
            return new DbtInvocation(command, project.resolvedProjectDir(), project.absoluteProfilesDir(), project.target, select,
                    VarsOption.parse(vars), absolute(targetPath), exclude, fullRefresh, threads);
        }

        static Path absolute(Path path) {
            return path == null ? null : path.toAbsolutePath().normalize();
        }
    }

    /**
     * Runs locally, or inside the running pipeline when one holds this --data-dir's warehouse (DuckDB lets only one
     * process open the file).
     */
    abstract static class EngineCommand implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Mixin
        DbtOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            // The subcommand's name is the dbt command it runs.
            DbtInvocation invocation = options.invocation(spec.name());
            WarehouseFile warehouse = WarehouseFile.in(options.project.address.dataDir());
            var pipeline = RunningPipeline.find(options.project.address, warehouse);
            DbtOutcome outcome = pipeline
                    .map(p -> JSON.convertValue(p.post("/api/dbt", pipelineRequest(invocation)), DbtOutcome.class))
                    .orElseGet(() -> invokeHere(invocation));
            // From a running pipeline the per-node lines arrive only in the outcome; run here, they already
            // reached the terminal through the dbt run logger, so only the failures and summary follow.
            List<String> lines = pipeline.isPresent() && !outcome.console().isEmpty() ? outcome.console()
                    : outcome.lines();
            lines.forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return outcome.success() ? ExitCodes.OK : ExitCodes.WORK_FAILED;
        }

        /**
         * The running pipeline runs its own project, so the project goes along only when the user named one (the
         * pipeline refuses any other than its own, as it refuses --profiles-dir and --target-path).
         */
        private ObjectNode pipelineRequest(DbtInvocation invocation) {
            ObjectNode request = JSON.valueToTree(invocation);
            if (options.project.projectDir == null) {
                request.remove("projectDir");
            }
            return request;
        }

        private DbtOutcome invokeHere(DbtInvocation invocation) {
            try {
                return new DbtInvoker(options.project.address.dataDir(), new ReentrantLock()).invoke(invocation);
            } catch (DbtException e) {
                throw new UserError(e.getMessage(), ExitCodes.USAGE);
            }
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Build the selected models in dependency order.")
    static final class Run extends EngineCommand {
    }

    @Command(name = "seed", mixinStandardHelpOptions = true, description = "Load the seed CSVs into tables.")
    static final class Seed extends EngineCommand {
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Record changes of the snapshotted tables (type-2 history).")
    static final class Snapshot extends EngineCommand {
    }

    @Command(name = "test", mixinStandardHelpOptions = true, description = "Run the data tests of the selected nodes.")
    static final class Test extends EngineCommand {
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Seeds, models, snapshots and tests in DAG order; a failure skips everything downstream.")
    static final class Build extends EngineCommand {
    }

    @Command(name = "compile", mixinStandardHelpOptions = true, description = "Render the selected models' SQL into the target path.")
    static final class Compile extends EngineCommand {
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the selected nodes.")
    static final class Ls extends EngineCommand {
    }

    /**
     * Always in this process: production's Airflow runs it against Snowflake; against the local warehouse a running
     * pipeline holds the file, and prunes raw rows itself (up --raw-retention).
     */
    @Command(name = "run-operation", mixinStandardHelpOptions = true,
            description = "Call a macro of the project, e.g. prune_raw_rows --args '{retention_seconds: 604800}'; its run_query statements run on the target.")
    static final class RunOperation implements Callable<Integer> {
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "MACRO", description = "The macro to call.")
        String macro;

        @Option(names = "--args", description = "The macro's keyword arguments as YAML, e.g. '{retention_seconds: 604800}'.")
        String args;

        @Mixin
        DbtProjectOptions project;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DbtOutcome outcome = new DbtInvoker(project.address.dataDir(), new ReentrantLock()).runOperation(
                    project.resolvedProjectDir(), project.absoluteProfilesDir(), project.target, null, macro,
                    VarsOption.parse(args));
            outcome.lines().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return outcome.success() ? ExitCodes.OK : ExitCodes.WORK_FAILED;
        }
    }
}
