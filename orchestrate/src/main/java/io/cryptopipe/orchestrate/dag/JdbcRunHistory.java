package io.cryptopipe.orchestrate.dag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run history in two warehouse tables, {@code cryptopipe_dag_runs} and {@code cryptopipe_task_runs}, so it survives
 * restarts and can be queried like any other table. Times are stored as DuckDB TIMESTAMPs in UTC.
 */
public final class JdbcRunHistory implements RunHistory {
    /** Opens a connection whose default schema holds the history tables. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;

    public JdbcRunHistory(ConnectionSource connections) {
        this.connections = connections;
        execute("""
                create table if not exists cryptopipe_dag_runs (
                    run_id varchar primary key, dag_id varchar not null, "trigger" varchar not null,
                    state varchar not null, started_at timestamp, ended_at timestamp)""");
        execute("""
                create table if not exists cryptopipe_task_runs (
                    run_id varchar not null, task_id varchar not null, seq integer not null, state varchar not null,
                    attempt integer not null, started_at timestamp, ended_at timestamp,
                    summary varchar, failing_node varchar, message varchar, primary key (run_id, task_id))""");
    }

    @Override
    public synchronized void save(DagRun run) {
        try (Connection connection = connections.open()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "update cryptopipe_dag_runs set state = ?, ended_at = make_timestamp(?) where run_id = ?")) {
                update.setString(1, run.state().name().toLowerCase());
                setMicros(update, 2, run.end());
                update.setString(3, run.runId());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into cryptopipe_dag_runs values (?, ?, ?, ?, make_timestamp(?), make_timestamp(?))")) {
                    insert.setString(1, run.runId());
                    insert.setString(2, run.dagId());
                    insert.setString(3, run.trigger().name().toLowerCase());
                    insert.setString(4, run.state().name().toLowerCase());
                    setMicros(insert, 5, run.start());
                    setMicros(insert, 6, run.end());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record DAG run " + run.runId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(TaskRun taskRun) {
        try (Connection connection = connections.open()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("""
                    update cryptopipe_task_runs set state = ?, attempt = ?, started_at = make_timestamp(?),
                        ended_at = make_timestamp(?), summary = ?, failing_node = ?, message = ?
                    where run_id = ? and task_id = ?""")) {
                bindTaskFields(update, taskRun, 1);
                update.setString(8, taskRun.runId());
                update.setString(9, taskRun.taskId());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into cryptopipe_task_runs
                        select ?, ?, (select count(*) from cryptopipe_task_runs where run_id = ?), ?, ?,
                               make_timestamp(?), make_timestamp(?), ?, ?, ?""")) {
                    insert.setString(1, taskRun.runId());
                    insert.setString(2, taskRun.taskId());
                    insert.setString(3, taskRun.runId());
                    bindTaskFields(insert, taskRun, 4);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record task " + taskRun.taskId() + " of run " + taskRun.runId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<DagRun> recentRuns(String dagId, int limit) {
        List<DagRun> runs = new ArrayList<>();
        try (Connection connection = connections.open();
             PreparedStatement query = connection.prepareStatement("""
                     select run_id, dag_id, "trigger", state, epoch_us(started_at), epoch_us(ended_at)
                     from cryptopipe_dag_runs where dag_id = ? order by started_at desc, run_id desc limit ?""")) {
            query.setString(1, dagId);
            query.setInt(2, limit);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    runs.add(new DagRun(rs.getString(1), rs.getString(2), Trigger.valueOf(rs.getString(3).toUpperCase()),
                            RunState.valueOf(rs.getString(4).toUpperCase()), instant(rs, 5), instant(rs, 6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read DAG runs: " + e.getMessage(), e);
        }
        return runs;
    }

    @Override
    public List<TaskRun> taskRuns(String runId) {
        List<TaskRun> tasks = new ArrayList<>();
        try (Connection connection = connections.open();
             PreparedStatement query = connection.prepareStatement("""
                     select run_id, task_id, state, attempt, epoch_us(started_at), epoch_us(ended_at), summary, failing_node, message
                     from cryptopipe_task_runs where run_id = ? order by seq""")) {
            query.setString(1, runId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new TaskRun(rs.getString(1), rs.getString(2), TaskState.valueOf(rs.getString(3).toUpperCase()),
                            rs.getInt(4), instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read task runs of " + runId + ": " + e.getMessage(), e);
        }
        return tasks;
    }

    /** A run left RUNNING by a crash can never finish: mark it failed so the grid does not show it running forever. */
    public void failRunsLeftRunning(Instant at) {
        execute("update cryptopipe_task_runs set state = 'failed', message = 'the pipeline stopped during this task'"
                + " where state in ('running', 'queued', 'up_for_retry') and run_id in (select run_id from cryptopipe_dag_runs where state = 'running')");
        try (Connection connection = connections.open();
             PreparedStatement update = connection.prepareStatement(
                     "update cryptopipe_dag_runs set state = 'failed', ended_at = make_timestamp(?) where state = 'running'")) {
            update.setLong(1, micros(at));
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close interrupted runs: " + e.getMessage(), e);
        }
    }

    private static void bindTaskFields(PreparedStatement statement, TaskRun taskRun, int first) throws SQLException {
        statement.setString(first, taskRun.state().name().toLowerCase());
        statement.setInt(first + 1, taskRun.attempt());
        setMicros(statement, first + 2, taskRun.start());
        setMicros(statement, first + 3, taskRun.end());
        statement.setString(first + 4, taskRun.summary());
        statement.setString(first + 5, taskRun.failingNode());
        statement.setString(first + 6, taskRun.message());
    }

    private static void setMicros(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, micros(instant));
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private void execute(String sql) {
        try (Connection connection = connections.open(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the run history tables: " + e.getMessage(), e);
        }
    }
}
