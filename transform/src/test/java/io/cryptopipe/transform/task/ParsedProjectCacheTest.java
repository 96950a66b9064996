package io.cryptopipe.transform.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.TestProject;
import io.cryptopipe.transform.jinja.TemplateEngine;
import io.cryptopipe.transform.warehouse.WarehouseDialects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsedProjectCacheTest {
    @TempDir
    Path dir;
    private final AtomicInteger parses = new AtomicInteger();
    private ParsedProjectCache cache;
    private EngineOptions options;

    @BeforeEach
    void setUp() {
        options = TestProject.duckDb(dir).file("models/a.sql", "select 1 as x").options();
        cache = new ParsedProjectCache(dir.resolve("home"));
    }

    @Test
    void an_unchanged_project_is_parsed_once() {
        cache.load(options, parse());
        cache.load(options, parse());

        assertThat(parses).hasValue(1);
    }

    @Test
    void a_changed_model_file_is_parsed_again() throws IOException {
        cache.load(options, parse());
        Files.writeString(dir.resolve("models/a.sql"), "select 2 as x, 3 as y");
        cache.load(options, parse());

        assertThat(parses).hasValue(2);
    }

    @Test
    void other_vars_are_parsed_again() {
        cache.load(options, parse());
        cache.load(new EngineOptions(dir, dir, null, Map.of(), Map.of("lookback", 1), options.targetPath()), parse());

        assertThat(parses).hasValue(2);
    }

    @Test
    void artifacts_written_under_the_target_path_do_not_count_as_changes() throws IOException {
        cache.load(options, parse());
        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/run_results.json"), "{}");
        cache.load(options, parse());

        assertThat(parses).hasValue(1);
    }

    @Test
    void a_reused_parse_gets_a_new_invocation_id() {
        Invocation first = cache.load(options, parse());
        Invocation second = cache.load(options, parse());

        assertThat(second.invocationId()).isNotEqualTo(first.invocationId());
        assertThat(second.graph()).isSameAs(first.graph());
    }

    private Supplier<Invocation> parse() {
        return () -> {
            parses.incrementAndGet();
            return Invocation.load(options, new TemplateEngine(), WarehouseDialects.builtIn(), dir.resolve("home"));
        };
    }
}
