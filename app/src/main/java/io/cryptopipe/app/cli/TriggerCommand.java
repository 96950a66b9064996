package io.cryptopipe.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "trigger", mixinStandardHelpOptions = true,
        description = {"Start a manual run of the pipeline's DAG (seed, snapshot, run, test) now.",
                "It queues behind a run in progress; follow it in the web UI's Runs page or with GET /api/runs."})
public final class TriggerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PipelineAddressOptions address;

    @Override
    public Integer call() {
        RunningPipeline pipeline = RunningPipeline.require(address);
        pipeline.post("/api/runs", Map.of());
        spec.commandLine().getOut().println("Triggered a manual run of crypto_pipeline; see http://" + address.bindHost()
                + ":" + address.httpPort() + "/#runs");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
