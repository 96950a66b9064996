package io.cryptopipe.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptopipe.app.warehouse.QueryResult;
import io.cryptopipe.app.warehouse.QueryRunner;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.serve.guard.ReadOnlyQuery;
import io.cryptopipe.app.warehouse.WarehouseFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run one read-only query against the warehouse.",
                "Goes through the running pipeline's API when `up` runs (same --data-dir and --http-port), else reads the",
                "warehouse file directly. Unqualified names resolve in schema public."})
public final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PipelineAddressOptions address;

    @Option(names = "--format", defaultValue = "table", description = "Output format: table, csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--max-rows", defaultValue = "1000", description = "Most rows to print (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"select count(*) from bronze_data\"")
    String sql;

    @Override
    public Integer call() {
        ReadOnlyQuery query = QueryRunner.readOnly(sql);
        WarehouseFile warehouse = WarehouseFile.in(address.dataDir());
        QueryResult result = RunningPipeline.find(address, warehouse)
                .map(pipeline -> toResult(pipeline.post("/api/sql", Map.of("sql", query.sql(), "maxRows", maxRows))))
                .orElseGet(() -> onFile(query, warehouse));
        spec.commandLine().getOut().print(format.render(result));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private QueryResult onFile(ReadOnlyQuery query, WarehouseFile warehouse) {
        if (!Files.exists(warehouse.path())) {
            throw new UserError("no warehouse at " + warehouse.path() + " and no pipeline on port " + address.httpPort()
                    + ": start one with ./cryptopipe up, or pass the --data-dir and --http-port it uses");
        }
        try (Connection connection = warehouse.open(true)) {
            return new QueryRunner(maxRows, ServingSettings.DEFAULT_QUERY_TIMEOUT).run(connection, query);
        } catch (SQLException e) {
            throw new UserError("cannot close the warehouse: " + e.getMessage(), ExitCodes.WORK_FAILED);
        }
    }

    private static QueryResult toResult(JsonNode json) {
        List<String> columns = new ArrayList<>();
        json.path("columns").forEach(c -> columns.add(c.asText()));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : json.path("rows")) {
            List<Object> values = new ArrayList<>();
            row.forEach(v -> values.add(v.isNull() ? null : v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText()));
            rows.add(values);
        }
        return new QueryResult(columns, rows, json.path("truncated").asBoolean());
    }
}
