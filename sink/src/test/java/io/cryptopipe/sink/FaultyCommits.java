package io.cryptopipe.sink;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Connections to a DuckDB file whose next commit of appended rows misbehaves the ways DuckDB did out of memory:
 * it commits and then something else happens to what it committed, or it commits and throws all the same.
 */
final class FaultyCommits implements DuckDbRawTable.ConnectionSource {

    /** Runs right after a commit, on a connection of its own. */
    interface Fault {
        void afterCommit(Connection other) throws SQLException;
    }

    private final String url;
    private final Deque<Fault> faults = new ArrayDeque<>();

    FaultyCommits(String url) {
        this.url = url;
    }

    /** The next commit of a transaction that appended rows commits, then the fault runs. */
    void afterNextAppendCommit(Fault fault) {
        faults.add(fault);
    }

    /** The next commit of a transaction that appended rows commits, then throws as if it had failed. */
    void throwAfterNextAppendCommit() {
        faults.add(other -> {
            throw new SQLException("TransactionContext Error: Failed to commit: failed to pin block");
        });
    }

    @Override
    public Connection open() throws SQLException {
        Connection real = DriverManager.getConnection(url);
        boolean[] appended = {false};
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("unwrap")) {
                        appended[0] = true; // the appender is only reached through unwrap
                    }
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    boolean appendCommitted = method.getName().equals("commit") && appended[0];
                    if (method.getName().equals("commit")) {
                        appended[0] = false;
                    }
                    if (appendCommitted && !faults.isEmpty()) {
                        try (Connection other = DriverManager.getConnection(url)) {
                            faults.poll().afterCommit(other);
                        }
                    }
                    return result;
                });
    }
}
