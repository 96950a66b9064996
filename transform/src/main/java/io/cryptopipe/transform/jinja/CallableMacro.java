package io.cryptopipe.transform.jinja;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Adapts a {@link JinjaCallable} to Jinjava's macro calling convention. Registering functions as global macros
 * (rather than static EL functions) lets each render bind its own state without thread-locals or statics, and
 * gives us Python-style keyword arguments for free.
 */
final class CallableMacro extends MacroFunction {
    private final JinjaCallable callable;
    private final Consumer<RuntimeException> failures;

    CallableMacro(String name, JinjaCallable callable, Context context, Consumer<RuntimeException> failures) {
        super(List.of(), name, new LinkedHashMap<>(), false, context, 0, 0);
        this.callable = callable;
        this.failures = failures;
    }

    @Override
    public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
        try {
            return callable.call(new CallArguments(getName(), varArgs, kwargMap));
        } catch (RuntimeException e) {
            // Jinjava turns exceptions into template warnings and carries on; keep ours so the render can fail with it.
            failures.accept(e);
            throw e;
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
