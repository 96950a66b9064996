package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotIT {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void sources() {
        project = TestProject.duckDb(dir).copyOf("snapshots");
        project.sql("create schema crm",
                "create table crm.customers (id integer, status varchar)",
                "insert into crm.customers values (1, 'new'), (2, 'vip')",
                "create table crm.prices (symbol varchar, venue varchar, price integer, changed_at timestamp)",
                "insert into crm.prices values ('BTC', 'x', 100, '2024-01-01 00:00:00'), "
                        + "('BTC', 'y', 101, '2024-01-01 00:00:00')");
    }

    /**
     * Run 1 inserts, run 2 changes the checked column, run 3 changes it back, run 4 deletes the row, run 5 brings it
     * back. Rows of customer 1 are (status, dbt_is_deleted, valid_from run, valid_to run or null), where a run is
     * numbered by the order of the times the snapshot recorded.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ignore", "invalidate", "new_record"})
    void checkStrategyHistoryUnderEachHardDeletesMode(String mode) {
        project.cliVar("hard_deletes", mode);
        snapshot();
        project.sql("update crm.customers set status = 'active' where id = 1");
        snapshot();
        project.sql("update crm.customers set status = 'new' where id = 1");
        snapshot();
        project.sql("delete from crm.customers where id = 1");
        snapshot();
        project.sql("insert into crm.customers values (1, 'new')");
        snapshot();

        List<List<Object>> expected = switch (mode) {
            case "ignore" -> List.of(row("new", null, 1, 2), row("active", null, 2, 3), row("new", null, 3, null));
            case "invalidate" -> List.of(row("new", null, 1, 2), row("active", null, 2, 3), row("new", null, 3, 4),
                    row("new", null, 5, null));
            default -> List.of(row("new", "False", 1, 2), row("active", "False", 2, 3), row("new", "False", 3, 4),
                    row("new", "True", 4, 5), row("new", "False", 5, null));
        };
        assertThat(history(mode)).isEqualTo(expected);
        assertThat(project.rows("select status, dbt_valid_to from history.customers_snapshot where id = 2"))
                .containsExactly(Arrays.asList("vip", null));
        // dbt_scd_id is md5 of the key and updated_at as text, and updated_at is when the version started
        assertThat(project.rows("select count(*) from history.customers_snapshot where dbt_scd_id != md5("
                + "coalesce(cast(id as varchar), '') || '|' || coalesce(cast(dbt_updated_at as varchar), '')) "
                + "or dbt_updated_at != dbt_valid_from")).containsExactly(List.of(0L));
    }

    @Test
    void timestampStrategyWithACompositeKeyFromYaml() {
        snapshot();
        project.sql("update crm.prices set price = 105, changed_at = '2024-01-02 00:00:00' where venue = 'x'",
                // an update with an older or equal timestamp is not a change under the timestamp strategy
                "update crm.prices set price = 999 where venue = 'y'");
        snapshot();

        assertThat(project.rows("select venue, price, cast(dbt_valid_from as varchar), cast(dbt_valid_to as varchar)"
                + " from history.prices_snapshot order by venue, dbt_valid_from")).containsExactly(
                List.of("x", 100, "2024-01-01 00:00:00", "2024-01-02 00:00:00"),
                Arrays.asList("x", 105, "2024-01-02 00:00:00", null),
                Arrays.asList("y", 101, "2024-01-01 00:00:00", null));
    }

    @Test
    void newSourceColumnsAreAddedToTheSnapshot() {
        project.cliVar("hard_deletes", "ignore");
        snapshot();
        project.sql("alter table crm.prices add column note varchar",
                "update crm.prices set note = 'late', changed_at = '2024-01-03 00:00:00' where venue = 'y'");
        snapshot();

        assertThat(project.rows("select venue, note from history.prices_snapshot where dbt_valid_to is null "
                + "order by venue")).containsExactly(Arrays.asList("x", null), List.of("y", "late"));
    }

    private void snapshot() {
        project.cliVar("hard_deletes", project.options().vars().getOrDefault("hard_deletes", "ignore"));
        RunResults results = project.engine().snapshot(BuildRequest.of(List.of()));
        assertThat(results.success()).as("%s", results.failures()).isTrue();
    }

    private List<List<Object>> history(String mode) {
        String deleted = mode.equals("new_record") ? "dbt_is_deleted" : "null";
        List<List<Object>> rows = project.rows("select status, " + deleted + ", dbt_valid_from, dbt_valid_to "
                + "from history.customers_snapshot where id = 1 order by dbt_valid_from, dbt_valid_to nulls last");
        TreeSet<Comparable<Object>> times = new TreeSet<>();
        rows.forEach(r -> {
            times.add(comparable(r.get(2)));
            if (r.get(3) != null) {
                times.add(comparable(r.get(3)));
            }
        });
        List<Comparable<Object>> runs = new ArrayList<>(times);
        return rows.stream().map(r -> row((String) r.get(0), (String) r.get(1),
                runs.indexOf(comparable(r.get(2))) + 1,
                r.get(3) == null ? null : runs.indexOf(comparable(r.get(3))) + 1)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Object value) {
        return (Comparable<Object>) (Object) value.toString();
    }

    private static List<Object> row(String status, String deleted, Integer from, Integer to) {
        return Arrays.asList(status, deleted, from, to);
    }
}
