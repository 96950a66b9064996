package io.cryptopipe.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.cryptopipe.transform.task.ParsedProjectCache;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines made per command (as the pipeline's gold refresh makes them) sharing one cache of the project's parse. */
class ParsedProjectCacheIT {
    @TempDir
    Path dir;
    private TestProject project;
    private ParsedProjectCache cache;

    @BeforeEach
    void setUp() {
        project = TestProject.duckDb(dir)
                .file("models/runs.sql", "select '{{ invocation_id }}' as invocation_id, 1 as version");
        cache = new ParsedProjectCache(dir.resolve("home"));
    }

    @Test
    void each_command_on_a_reused_parse_has_its_own_invocation_id() {
        build();
        String first = (String) project.rows("select invocation_id from analytics.runs").get(0).get(0);
        build();
        String second = (String) project.rows("select invocation_id from analytics.runs").get(0).get(0);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void an_edited_model_is_built_as_edited() {
        build();
        project.file("models/runs.sql", "select '{{ invocation_id }}' as invocation_id, 2 as version");
        build();

        assertThat(project.rows("select version from analytics.runs")).containsExactly(List.of(2));
    }

    @Test
    void a_new_model_file_is_found() {
        build();
        project.file("models/more.sql", "select 7 as answer");
        build();

        assertThat(project.rows("select answer from analytics.more")).containsExactly(List.of(7));
    }

    private void build() {
        RunResults results = new DbtEngine(project.options(), cache).run(List.of());
        assertThat(results.success()).as(results.lines().toString()).isTrue();
    }
}
