package io.cryptopipe.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.dbt.DbtInvocation;
import io.cryptopipe.app.dbt.DbtInvoker;
import io.cryptopipe.transform.DbtException;

import java.io.IOException;

/**
 * {@code POST /api/dbt} with a {@link DbtInvocation} as JSON: runs {@code cryptopipe dbt …} inside the pipeline, which
 * is the only process that can open the warehouse file while it runs.
 */
public final class DbtRoute implements JsonRoute {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DbtInvoker invoker;

    public DbtRoute(DbtInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public Object handle(ApiRequest request) {
        if (!"POST".equals(request.method())) {
            throw new UserError("use POST with a JSON body such as {\"command\":\"run\",\"projectDir\":\"/path/warehouse\"}");
        }
        DbtInvocation invocation;
        try {
            invocation = JSON.readValue(request.body(), DbtInvocation.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("invalid dbt request: " + e.getMessage().lines().findFirst().orElse(""));
        }
        try {
            return invoker.invoke(invocation);
        } catch (DbtException e) {
            throw new UserError(e.getMessage());
        }
    }
}
