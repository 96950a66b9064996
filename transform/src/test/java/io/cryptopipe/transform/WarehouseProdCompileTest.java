package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code warehouse/} project compiled for its {@code prod} (Snowflake) target renders Snowflake's forms of the
 * expressions the embedded warehouse spells differently, and none of DuckDB's. Compiling needs no connection, so
 * this runs offline; whether Snowflake accepts the SQL is not something this build can check.
 */
class WarehouseProdCompileTest {
    private static final Path WAREHOUSE_PROJECT = Path.of("../warehouse");
    private static final Map<String, String> SNOWFLAKE_ENV = Map.of(
            "SNOWFLAKE_ACCOUNT", "xy12345.eu-central-1",
            "SNOWFLAKE_PRIVATE_KEY_PATH", "/secrets/rsa_key.p8");
    /** Spellings only DuckDB understands. */
    private static final List<String> DUCKDB_ONLY = List.of("->>", "make_timestamp(", "epoch_ms(", "epoch_us(",
            "strftime(", "arg_min(", "arg_max(", "now()", "rowid", "materialized (");

    @TempDir
    Path targetDir;

    private CompileResults compile(String target) {
        DbtEngine engine = new DbtEngine(new EngineOptions(WAREHOUSE_PROJECT, WAREHOUSE_PROJECT, target, SNOWFLAKE_ENV,
                Map.of(), targetDir.resolve(target)));
        CompileResults results = engine.compile(List.of());
        assertThat(results.success()).as("every node compiles for %s: %s", target, results.results()).isTrue();
        return results;
    }

    private static String sql(CompileResults results, String node) {
        return results.model(node).orElseThrow(() -> new AssertionError(node + " was not compiled")).sql();
    }

    @Test
    void everyModelSnapshotAndTestCompilesForSnowflakeWithoutDuckDbOnlySql() {
        CompileResults prod = compile("prod");

        assertThat(prod.compiled()).extracting(CompiledModel::name)
                .contains("bronze_data", "silver_trades", "silver_rejects", "dim_symbol", "fact_trades",
                        "consumption_trades", "candles_1m", "dim_symbol_snapshot",
                        "assert_each_fact_has_exactly_one_valid_dimension_version");
        for (CompiledModel node : prod.compiled()) {
            for (String duckDbOnly : DUCKDB_ONLY) {
                assertThat(node.sql().toLowerCase()).as("%s must not contain %s", node.name(), duckDbOnly)
                        .doesNotContain(duckDbOnly);
            }
        }
    }

    @Test
    void bronzeReadsVariantFieldsAndMillisecondLoadTimes() {
        String bronze = sql(compile("prod"), "bronze_data");

        assertThat(bronze)
                .contains("record_content:\"price\"::string")
                .contains("try_cast(record_metadata:\"offset\"::string as bigint)")
                .contains("to_timestamp_ntz(try_cast(record_metadata:\"LoadedAt\"::string as bigint), 3)")
                // Unquoted, as dbt-snowflake renders it: Snowflake folds public to PUBLIC.
                .contains("from STREAMING_DB.public.stock_trades_raw");
    }

    @Test
    void silverConvertsMicrosecondsAndComparesWithUtcNow() {
        CompileResults prod = compile("prod");

        assertThat(sql(prod, "silver_trades"))
                .contains("to_timestamp_ntz(trade_time_us, 6)")
                .contains("sysdate() + interval '5 minutes'");
        assertThat(sql(prod, "silver_rejects")).contains("to_timestamp_ntz(trade_time_us, 6)");
    }

    @Test
    void incrementalModelsReadNewRawRowsByLoadTimeOnSnowflakeAndByRowPositionOnDuckDb() {
        assertThat(sql(compile("prod"), "bronze_data")).contains("cast(null as bigint)").contains("as raw_row_id");
        assertThat(sql(compile("dev"), "bronze_data")).contains("rowid").contains("as raw_row_id");
    }

    @Test
    void dimensionKeysHashTheSameTimestampTextOnBothWarehouses() {
        assertThat(sql(compile("prod"), "dim_symbol"))
                .contains("to_varchar(valid_from, 'YYYY-MM-DD HH24:MI:SS.FF6')");
        assertThat(sql(compile("dev"), "dim_symbol"))
                .contains("strftime(valid_from, '%Y-%m-%d %H:%M:%S.%f')");
    }

    @Test
    void theEmbeddedTargetKeepsDuckDbsForms() {
        CompileResults dev = compile("dev");

        assertThat(sql(dev, "bronze_data")).contains("try(json_transform(record_content, '{\"exchange\":\"VARCHAR\"")
                .contains("record_content.\"price\"").contains("epoch_ms(");
        assertThat(sql(dev, "silver_trades")).contains("make_timestamp(trade_time_us)").contains("checked as materialized (");
        assertThat(sql(dev, "dim_symbol_snapshot")).contains("RECORD_CONTENT ->> 'symbol'");
        assertThat(sql(dev, "fact_trades")).contains("new_trades as not materialized (")
                .contains("needing_conversion as not materialized (");
    }
}
