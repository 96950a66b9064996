package io.cryptopipe.transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes a small dbt project into a temp dir so each test shows exactly the files it depends on. */
public final class TestProject {
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, Object> vars = new HashMap<>();

    private TestProject(Path dir) {
        this.dir = dir;
    }

    /** A project named {@code shop} with a DuckDB profile writing to {@code <dir>/db/warehouse.duckdb}. */
    public static TestProject duckDb(Path dir) {
        return new TestProject(dir)
                .file("dbt_project.yml", """
                        name: shop
                        profile: shop
                        """)
                .file("profiles.yml", """
                        shop:
                          target: dev
                          outputs:
                            dev:
                              type: duckdb
                              path: "%s"
                              schema: analytics
                        """.formatted(dir.resolve("db/warehouse.duckdb").toString().replace('\\', '/')));
    }

    public TestProject file(String relativePath, String content) {
        Path file = dir.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Copies the project under {@code src/test/resources/projects/<name>} next to the profile. */
    public TestProject copyOf(String name) {
        Path source;
        try {
            source = Path.of(TestProject.class.getResource("/projects/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (var walk = Files.walk(source)) {
            for (Path from : walk.filter(Files::isRegularFile).toList()) {
                file(source.relativize(from).toString(), Files.readString(from));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TestProject delete(String relativePath) {
        try {
            Files.deleteIfExists(dir.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Runs statements against the warehouse (no engine may hold it open). */
    public void sql(String... statements) {
        try {
            Files.createDirectories(dir.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query, each as a list of its values in column order. */
    public List<List<Object>> rows(String query) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            List<List<Object>> out = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestProject env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestProject cliVar(String name, Object value) {
        vars.put(name, value);
        return this;
    }

    public Path dir() {
        return dir;
    }

    public Path databaseFile() {
        return dir.resolve("db/warehouse.duckdb");
    }

    public String jdbcUrl() {
        return "jdbc:duckdb:" + databaseFile();
    }

    public EngineOptions options() {
        return new EngineOptions(dir, dir, null, env, vars, dir.resolve("target"));
    }

    public DbtEngine engine() {
        try {
            Files.createDirectories(dir.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DbtEngine(options());
    }
}
