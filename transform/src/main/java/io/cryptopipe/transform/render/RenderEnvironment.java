package io.cryptopipe.transform.render;

import io.cryptopipe.transform.jinja.EnvVars;
import io.cryptopipe.transform.jinja.MacroLibrary;
import io.cryptopipe.transform.jinja.TemplateEngine;
import io.cryptopipe.transform.project.ProjectNodes;
import io.cryptopipe.transform.project.WarehouseTarget;
import io.cryptopipe.transform.warehouse.WarehouseDialect;
import java.time.ZonedDateTime;
import java.util.Map;

/** Everything one invocation's model renders share. */
public record RenderEnvironment(TemplateEngine templates, EnvVars env, Map<String, Object> vars,
                                WarehouseTarget target, WarehouseDialect dialect, RelationNaming naming,
                                ProjectNodes nodes, ZonedDateTime runStartedAt, String invocationId,
                                MacroLibrary macros) {
}
