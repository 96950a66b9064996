package io.cryptopipe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show health, rates, lag and freshness of every stage of a running pipeline.",
                "Talks to the pipeline started by `up` with the same --data-dir and --http-port."})
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PipelineAddressOptions address;

    @Override
    public Integer call() {
        RunningPipeline pipeline = RunningPipeline.require(address);
        JsonNode status = pipeline.get("/api/pipeline");
        PrintWriter out = spec.commandLine().getOut();
        boolean healthy = true;
        out.printf("%-14s %-10s %12s %10s  %s%n", "STAGE", "STATE", "RATE/S", "LAG", "DETAIL");
        for (JsonNode stage : status.path("stages")) {
            String state = stage.path("state").asText();
            healthy &= !state.equals("FAILED") && !state.equals("DOWN");
            out.printf("%-14s %-10s %12s %10s  %s%n", stage.path("name").asText(), state,
                    text(stage.path("ratePerSecond")), text(stage.path("lag")), detail(stage));
        }
        out.flush();
        return healthy ? ExitCodes.OK : ExitCodes.WORK_FAILED;
    }

    private static String detail(JsonNode stage) {
        StringBuilder detail = new StringBuilder();
        if (!stage.path("error").isNull() && !stage.path("error").isMissingNode()) {
            detail.append("error: ").append(stage.path("error").asText()).append("; ");
        }
        JsonNode fields = stage.path("detail");
        JsonNode counters = fields.path("counters");
        Iterator<Map.Entry<String, JsonNode>> it = counters.isObject() ? counters.fields() : fields.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isObject()) {
                detail.append(field.getKey()).append('=').append(field.getValue().asText()).append(' ');
            }
        }
        return detail.toString().strip();
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }
}
