package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cryptopipe.transform.NodeResult.Status;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbt's generic tests and test configs, on a model whose rows are chosen to hit each rule. */
class DataTestIT {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void model() {
        project = TestProject.duckDb(dir)
                .file("models/trades.sql", """
                        {{ config(materialized='table') }}
                        select * from (values
                            (1, 'BTC', 'buy',  100),
                            (2, 'BTC', 'sell', 101),
                            (2, 'ETH', 'sell', 102),
                            (null, 'ETH', null, 103),
                            (null, 'SOL', 'hold', 104)
                        ) t(id, symbol, side, price)
                        """)
                .file("models/symbols.sql", "select * from (values ('BTC'), ('ETH')) s(symbol)");
        project.engine().run(List.of());
    }

    private RunResults test(String tests) {
        project.file("models/schema.yml", "version: 2\nmodels:\n  - name: trades\n    columns:\n" + tests);
        return project.engine().test(BuildRequest.of(List.of()));
    }

    @Test
    void uniqueIgnoresNullsAndCountsEachDuplicatedValueOnce() {
        RunResults results = test("      - name: id\n        data_tests: [unique]\n");
        assertThat(results.results()).extracting(NodeResult::status, NodeResult::failures)
                .containsExactly(tuple(Status.FAIL, 1L));
    }

    @Test
    void notNullCountsEveryNullRow() {
        RunResults results = test("      - name: id\n        data_tests: [not_null]\n");
        assertThat(results.results()).extracting(NodeResult::failures).containsExactly(2L);
    }

    @Test
    void acceptedValuesCountsDistinctUnacceptedValuesAndLetsNullPass() {
        RunResults results = test("""
                      - name: side
                        data_tests:
                          - accepted_values:
                              values: ['buy', 'sell']
                """);
        assertThat(results.results()).extracting(NodeResult::name, NodeResult::failures)
                .containsExactly(tuple("accepted_values_trades_side__buy__sell", 1L));
    }

    @Test
    void relationshipsIgnoresNullChildrenAndReportsEachOrphanRow() {
        project.file("models/trades_by_symbol.sql", "select symbol from {{ ref('trades') }}");
        RunResults results = test("""
                      - name: symbol
                        data_tests:
                          - relationships:
                              to: ref('symbols')
                              field: symbol
                """);
        assertThat(results.results()).extracting(NodeResult::status, NodeResult::failures)
                .containsExactly(tuple(Status.FAIL, 1L));
    }

    @Test
    void severityWarnWarnsInsteadOfFailing() {
        RunResults results = test("""
                      - name: id
                        data_tests:
                          - not_null:
                              config:
                                severity: warn
                """);
        assertThat(results.results()).extracting(NodeResult::status).containsExactly(Status.WARN);
        assertThat(results.success()).isTrue();
        assertThat(results.summary()).isEqualTo("Done. PASS=0 WARN=1 ERROR=0 SKIP=0 TOTAL=1");
    }

    @Test
    void errorIfAndWarnIfThresholdsDecideTheStatus() {
        RunResults results = test("""
                      - name: id
                        data_tests:
                          - not_null:
                              config:
                                error_if: ">2"
                                warn_if: ">1"
                      - name: price
                        data_tests:
                          - not_null:
                              config:
                                error_if: ">100"
                """);
        assertThat(results.results()).extracting(NodeResult::name, NodeResult::status).containsExactly(
                tuple("not_null_trades_id", Status.WARN), tuple("not_null_trades_price", Status.PASS));
    }

    @Test
    void whereFiltersTheTestedRowsAndLimitCapsTheFailures() {
        RunResults results = test("""
                      - name: id
                        data_tests:
                          - not_null:
                              config:
                                where: "symbol = 'SOL'"
                      - name: side
                        data_tests:
                          - not_null:
                              config:
                                limit: 0
                """);
        assertThat(results.results()).extracting(NodeResult::name, NodeResult::failures).containsExactly(
                tuple("not_null_trades_id", 1L), tuple("not_null_trades_side", 0L));
    }

    @Test
    void storeFailuresKeepsTheFailingRowsInTheAuditSchema() {
        test("""
                      - name: id
                        data_tests:
                          - unique:
                              config:
                                store_failures: true
                """);
        assertThat(project.rows("select unique_field, n_records from analytics_dbt_test__audit.unique_trades_id"))
                .containsExactly(List.of(2, 2L));
    }

    @Test
    void customGenericAndSingularTestsRunLikeBuiltInOnes() {
        project.file("macros/price_above.sql", """
                {% test price_above(model, column_name, floor) %}
                select * from {{ model }} where {{ column_name }} <= {{ floor }}
                {% endtest %}
                """)
                .file("tests/no_sol.sql", "select * from {{ ref('trades') }} where symbol = 'SOL'");
        RunResults results = test("""
                      - name: price
                        data_tests:
                          - price_above:
                              floor: 101
                """);
        assertThat(results.results()).extracting(NodeResult::name, NodeResult::failures).containsExactlyInAnyOrder(
                tuple("price_above_trades_price__101", 2L), tuple("no_sol", 1L));
    }
}
