package io.cryptopipe.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The last write intent of every raw table of a schema, as JSON beside the offsets table. */
final class WriteIntentTable {

    static final String NAME = "cryptopipe_sink_write_intents";

    private final ObjectMapper json = new ObjectMapper();
    private final String qualifiedName;
    private final String rawTable;

    WriteIntentTable(String schema, String rawTable) {
        this.qualifiedName = '"' + schema + "\"." + NAME;
        this.rawTable = rawTable;
    }

    void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName
                    + " (table_name VARCHAR PRIMARY KEY, intent VARCHAR NOT NULL)");
        }
    }

    /** @return the raw table's last intent, or null if it has none */
    WriteIntent read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT intent FROM " + qualifiedName + " WHERE table_name = ?")) {
            select.setString(1, rawTable);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                try {
                    return json.readValue(rows.getString(1), WriteIntent.class);
                } catch (JsonProcessingException e) {
                    throw new SQLException("the write intent of " + rawTable + " in " + qualifiedName
                            + " cannot be read: " + e.getOriginalMessage(), e);
                }
            }
        }
    }

    void upsert(Connection connection, WriteIntent intent) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + qualifiedName
                + " (table_name, intent) VALUES (?, ?) ON CONFLICT (table_name) DO UPDATE SET intent = excluded.intent")) {
            upsert.setString(1, rawTable);
            upsert.setString(2, json.writeValueAsString(intent));
            upsert.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a write intent cannot be written as JSON", e);
        }
    }

    void delete(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + qualifiedName + " WHERE table_name = ?")) {
            delete.setString(1, rawTable);
            delete.executeUpdate();
        }
    }
}
