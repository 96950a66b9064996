package io.cryptopipe.transform.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.WarehouseTarget;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuckDbDialectTest {
    private final DuckDbDialect dialect = new DuckDbDialect();

    private static WarehouseTarget target(Map<String, Object> settings) {
        return new WarehouseTarget("cryptopipe", "dev", "duckdb", "public", 1, settings, Path.of("profiles.yml"));
    }

    @Test
    void relativePathResolvesAgainstTheWorkingDirectory() {
        String url = dialect.jdbcUrl(target(Map.of("path", "data/streaming_db.duckdb")));

        assertThat(url).isEqualTo("jdbc:duckdb:" + Path.of("").toAbsolutePath().resolve("data/streaming_db.duckdb"));
    }

    @Test
    void databaseIsTheFileNameWithoutExtension() {
        assertThat(dialect.database(target(Map.of("path", "/srv/data/streaming_db.duckdb")))).isEqualTo("streaming_db");
    }

    @Test
    void missingPathMeansAnInMemoryDatabaseLikeDbtDuckdb() {
        assertThat(dialect.jdbcUrl(target(Map.of()))).isEqualTo("jdbc:duckdb:");
        assertThat(dialect.database(target(Map.of()))).isEqualTo("memory");
    }

    @Test
    void rendersRelationsFullyQualifiedAndQuoted() {
        assertThat(dialect.render(new Relation("streaming_db", "public", "we\"ird")))
                .isEqualTo("\"streaming_db\".\"public\".\"we\"\"ird\"");
    }

    @Test
    void folderPathIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> dialect.validate(target(Map.of("path", "data/"))))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("'cryptopipe.outputs.dev.path' must name a database file");
    }

    @Test
    void unsupportedTypeListsTheSupportedOnes() {
        WarehouseTarget bigquery = new WarehouseTarget("cryptopipe", "prod", "bigquery", "public", 1, Map.of(),
                Path.of("profiles.yml"));

        assertThatThrownBy(() -> WarehouseDialects.builtIn().forTarget(bigquery))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("'cryptopipe.outputs.prod.type' is 'bigquery', which is not supported")
                .hasMessageContaining("supported: duckdb, snowflake");
    }
}
