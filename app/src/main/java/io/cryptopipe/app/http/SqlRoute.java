package io.cryptopipe.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.warehouse.QueryRunner;
import io.cryptopipe.serve.guard.ReadOnlyQuery;
import io.cryptopipe.app.warehouse.WarehouseFile;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * {@code POST /api/sql} with {@code {"sql": "..."}} (or {@code GET /api/sql?q=...}): one read-only query against the
 * running pipeline's warehouse, which no other process can open while the pipeline holds it.
 */
public final class SqlRoute implements JsonRoute {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int MAX_ROWS = 10_000;

    private final WarehouseFile warehouse;
    private final Duration queryTimeout;

    public SqlRoute(WarehouseFile warehouse, Duration queryTimeout) {
        this.warehouse = warehouse;
        this.queryTimeout = queryTimeout;
    }

    @Override
    public Object handle(ApiRequest request) {
        JsonNode body = bodyOf(request);
        ReadOnlyQuery query = QueryRunner.readOnly(body.path("sql").asText(""));
        int maxRows = Math.min(MAX_ROWS, Math.max(1, body.path("maxRows").asInt(MAX_ROWS)));
        try (Connection connection = warehouse.open(false)) {
            return new QueryRunner(maxRows, queryTimeout).run(connection, query);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close warehouse connection", e);
        }
    }

    private static JsonNode bodyOf(ApiRequest request) {
        if ("GET".equals(request.method())) {
            String sql = request.queryParameter("q").orElseThrow(() -> new UserError("missing query parameter q"));
            return JSON.createObjectNode().put("sql", sql);
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.hasNonNull("sql")) {
                throw new UserError("the request body must be {\"sql\": \"<query>\"}");
            }
            return body;
        } catch (IOException e) {
            throw new UserError("the request body must be JSON: {\"sql\": \"<query>\"}");
        }
    }
}
