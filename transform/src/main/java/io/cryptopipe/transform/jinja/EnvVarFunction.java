package io.cryptopipe.transform.jinja;

import io.cryptopipe.transform.DbtCompilationException;

/** dbt's {@code env_var(name, default)}. */
public record EnvVarFunction(EnvVars env) implements JinjaCallable {
    @Override
    public Object call(CallArguments arguments) {
        arguments.expectAtMost(2);
        String name = arguments.requiredString(0, "var");
        return env.get(name)
                .or(() -> arguments.find(1, "default").map(String::valueOf))
                .orElseThrow(() -> new DbtCompilationException("Env var required but not provided: '" + name + "'"));
    }
}
