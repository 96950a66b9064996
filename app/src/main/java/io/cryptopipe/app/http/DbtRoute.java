package io.cryptopipe.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.transform.DbtException;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code POST /api/dbt} with a {@link DbtInvocation} as JSON: runs {@code cryptopipe dbt …} inside the pipeline, which
 * is the only process that can open the warehouse file while it runs. It runs the pipeline's own project with its
 * own profiles, artifacts going to the project's target path: a request never chooses a folder to read or write, and
 * one that names another is refused.
 */
public final class DbtRoute implements JsonRoute {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DbtInvoker invoker;
    private final Path projectDir;

    /** @param projectDir the project the pipeline runs */
    public DbtRoute(DbtInvoker invoker, Path projectDir) {
        this.invoker = invoker;
        this.projectDir = projectDir.toAbsolutePath().normalize();
    }

    @Override
    public Object handle(ApiRequest request) {
        if (!"POST".equals(request.method())) {
            throw new UserError("use POST with a JSON body such as {\"command\":\"run\",\"select\":[\"silver_trades\"]}");
        }
        DbtInvocation invocation;
        try {
            JsonNode body = JSON.readTree(request.body());
            if (!(body instanceof ObjectNode fields)) {
                throw new UserError("invalid dbt request: the body must be a JSON object such as {\"command\":\"run\"}");
            }
            requireOwnProject(fields.path("projectDir"));
            refusePath(fields.path("profilesDir"), "profilesDir", "--profiles-dir",
                    "it reads its own profiles (DBT_PROFILES_DIR, the project dir, then ~/.dbt, as dbt does)");
            refusePath(fields.path("targetPath"), "targetPath", "--target-path",
                    "its artifacts go to the project's target-path");
            fields.put("projectDir", projectDir.toString());
            invocation = JSON.treeToValue(fields, DbtInvocation.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("invalid dbt request: " + e.getMessage().lines().findFirst().orElse(""));
        }
        try {
            return invoker.invoke(invocation);
        } catch (DbtException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void requireOwnProject(JsonNode requested) {
        if (requested.isMissingNode() || requested.isNull()) {
            return;
        }
        Path path;
        try {
            // As a DbtInvocation arrives: a plain path or a file: URI, which is how Jackson writes a Path.
            path = JSON.treeToValue(requested, Path.class).toAbsolutePath().normalize();
        } catch (IOException | InvalidPathException e) {
            path = null;
        }
        if (!projectDir.equals(path)) {
            throw new UserError("the running pipeline runs only its own project " + projectDir + ", not "
                    + requested.asText() + ": leave out --project-dir (projectDir), or stop `up` to run another project");
        }
    }

    private static void refusePath(JsonNode requested, String field, String flag, String why) {
        if (!requested.isMissingNode() && !requested.isNull()) {
            throw new UserError("the running pipeline does not take " + field + " (" + flag + ") from a request: " + why
                    + "; leave it out, or stop `up` to run dbt with it");
        }
    }
}
