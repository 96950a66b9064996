package io.cryptopipe.transform.artifacts;

import io.cryptopipe.transform.NodeResult;
import io.cryptopipe.transform.render.ParsedModel;
import java.util.List;

/**
 * Everything recorded about one node of an invocation.
 *
 * @param relationName the quoted relation the node builds
 * @param compiledSql null when compilation failed or the node was skipped
 */
public record NodeExecution(ParsedModel model, String relationName, NodeResult result, String compiledSql,
                            List<String> executedSql, List<Timing> timing) {
    public NodeExecution {
        executedSql = List.copyOf(executedSql);
        timing = List.copyOf(timing);
    }
}
