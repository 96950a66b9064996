package io.cryptopipe.transform.jinja;

import io.cryptopipe.transform.DbtCompilationException;
import java.util.Map;

/** dbt's {@code var(name, default)}; a var set to null still counts as set, as in dbt. */
public record VarFunction(Map<String, Object> vars) implements JinjaCallable {
    @Override
    public Object call(CallArguments arguments) {
        arguments.expectAtMost(2);
        String name = arguments.requiredString(0, "name");
        if (vars.containsKey(name)) {
            return vars.get(name);
        }
        if (arguments.has(1, "default")) {
            return arguments.find(1, "default").orElse(null);
        }
        throw new DbtCompilationException("Required var '" + name + "' not found in config: "
                + "set it in dbt_project.yml vars: or pass --vars");
    }
}
