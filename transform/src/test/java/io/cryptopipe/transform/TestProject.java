package io.cryptopipe.transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
