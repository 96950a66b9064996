package io.cryptopipe.app.cli;

import io.cryptopipe.transform.DbtEngine;
import io.cryptopipe.transform.DbtException;
import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.RunResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "dbt", mixinStandardHelpOptions = true,
        description = "The dbt-format engine: runs the dbt project in warehouse/ against the warehouse, no Python needed.",
        subcommands = {DbtCommand.Run.class, DbtCommand.Compile.class, DbtCommand.Ls.class})
public final class DbtCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options dbt itself takes, with the same names. */
    static final class DbtOptions {
        @Mixin
        PipelineAddressOptions address;

        @Option(names = "--project-dir", description = "Folder with dbt_project.yml (default: ./warehouse, else the installation's).")
        Path projectDir;

        @Option(names = "--profiles-dir", description = "Folder with profiles.yml (default: DBT_PROFILES_DIR, the project dir, ~/.dbt).")
        Path profilesDir;

        @Option(names = "--target", description = "Profile target (default: the profile's target).")
        String target;

        @Option(names = {"--select", "-s"}, split = "[ ,]", description = "Nodes to include: name, +name, name+, tag:x, path:models/x.")
        List<String> select = new ArrayList<>();

        @Option(names = "--vars", description = "Project variables as YAML, e.g. '{key: value}'.")
        String vars;

        @Option(names = "--target-path", description = "Where artifacts go (default: the project's target-path).")
        Path targetPath;

        DbtEngine engine() {
            Map<String, String> env = new LinkedHashMap<>();
            // The profile finds the warehouse file through this variable, so --data-dir and real dbt agree.
            env.put("CRYPTOPIPE_DATA_DIR", address.dataDir().toString());
            return new DbtEngine(new EngineOptions(ProjectDirs.resolve(projectDir), profilesDir, target, env,
                    VarsOption.parse(vars), targetPath));
        }
    }

    abstract static class EngineCommand implements java.util.concurrent.Callable<Integer> {
        @Mixin
        DbtOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                return execute(options.engine());
            } catch (DbtException e) {
                throw new UserError(e.getMessage(), ExitCodes.USAGE);
            }
        }

        abstract int execute(DbtEngine engine);
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Build the selected models in dependency order.")
    static final class Run extends EngineCommand {
        @Override
        int execute(DbtEngine engine) {
            RunResults results = engine.run(options.select);
            spec.commandLine().getOut().println(results.summary());
            return results.success() ? ExitCodes.OK : ExitCodes.WORK_FAILED;
        }
    }

    @Command(name = "compile", mixinStandardHelpOptions = true, description = "Render the selected models' SQL into the target path.")
    static final class Compile extends EngineCommand {
        @Override
        int execute(DbtEngine engine) {
            engine.compile(options.select);
            return ExitCodes.OK;
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the selected nodes.")
    static final class Ls extends EngineCommand {
        @Override
        int execute(DbtEngine engine) {
            engine.ls(options.select).forEach(spec.commandLine().getOut()::println);
            return ExitCodes.OK;
        }
    }
}
