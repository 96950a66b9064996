package io.cryptopipe.app.warehouse;

import io.cryptopipe.app.cli.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded warehouse: one DuckDB file under the data directory, schema {@code public}, named so that the original
 * design's {@code STREAMING_DB.PUBLIC.CONSUMPTION_TRADES} resolves verbatim (the catalog is the file's base name).
 */
public record WarehouseFile(Path path) {
    public static final String FILE_NAME = "streaming_db.duckdb";
    public static final String SCHEMA = "public";
    private static final Pattern LOCK_HOLDER = Pattern.compile("\\(PID (\\d+)\\)");
    private static final Duration LOCK_RETRY = Duration.ofMillis(250);

    public static WarehouseFile in(Path dataDir) {
        return new WarehouseFile(dataDir.toAbsolutePath().normalize().resolve(FILE_NAME));
    }

    public String jdbcUrl() {
        return "jdbc:duckdb:" + path;
    }

    /**
     * @return the size of DuckDB's write-ahead log beside the file: a clean close checkpoints it into the file and
     * removes it, so what is left after a crash is replayed by the next open
     */
    public long writeAheadLogBytes() {
        try {
            return Files.size(Path.of(path + ".wal"));
        } catch (IOException e) {
            return 0;
        }
    }

    /** A connection whose unqualified names resolve in schema {@code public}. */
    public Connection open(boolean readOnly) {
        try {
            return connect(readOnly);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * Like {@link #open}, but while another process holds the file (a short-lived {@code cryptopipe sql}, say) it
     * retries for up to {@code patience}, telling {@code waiting} once who holds it.
     */
    public Connection openWhenFree(boolean readOnly, Duration patience, Consumer<String> waiting) {
        long deadline = System.nanoTime() + patience.toNanos();
        boolean told = false;
        while (true) {
            try {
                return connect(readOnly);
            } catch (SQLException e) {
                if (!isLockConflict(e) || System.nanoTime() > deadline) {
                    throw translate(e);
                }
                if (!told) {
                    waiting.accept(lockHolder(e));
                    told = true;
                }
            }
            try {
                Thread.sleep(LOCK_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while waiting for the warehouse file " + path);
            }
        }
    }

    private Connection connect(boolean readOnly) throws SQLException {
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        }
        Connection connection = DriverManager.getConnection(jdbcUrl(), props);
        try (Statement statement = connection.createStatement()) {
            if (!readOnly) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            }
            statement.execute("SET schema = '" + SCHEMA + "'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static boolean isLockConflict(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Could not set lock") || message.contains("Conflicting lock");
    }

    private static String lockHolder(SQLException e) {
        Matcher pid = LOCK_HOLDER.matcher(String.valueOf(e.getMessage()));
        return pid.find() ? "process " + pid.group(1) : "another process";
    }

    private UserError translate(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (isLockConflict(e)) {
            return new UserError("the warehouse file " + path + " is locked by " + lockHolder(e)
                    + " (a running `cryptopipe up`?): stop it, or query it through its HTTP API with the same --data-dir and --http-port");
        }
        if (readOnlyOnMissingFile(message)) {
            return new UserError("no warehouse at " + path + ": start the pipeline first (`./cryptopipe up`) or pass the right --data-dir");
        }
        return new UserError("cannot open the warehouse " + path + ": " + firstLine(message));
    }

    private static boolean readOnlyOnMissingFile(String message) {
        return message.contains("database does not exist") || message.contains("Cannot open database") && message.contains("read-only");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
