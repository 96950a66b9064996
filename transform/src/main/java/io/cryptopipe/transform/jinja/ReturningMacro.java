package io.cryptopipe.transform.jinja;

import com.hubspot.jinjava.lib.fn.MacroFunction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user macro that honours dbt's {@code return(value)}: the call yields the returned object instead of the rendered
 * text. Jinjava cannot stop a macro half-way, so the rest of the body still renders, but the first {@code return}
 * wins, which is what an early return means for the value.
 */
final class ReturningMacro extends MacroFunction {
    private final Frames frames;

    ReturningMacro(MacroFunction source, Frames frames) {
        super(source, source.getName());
        this.frames = frames;
    }

    @Override
    public Object doEvaluate(Map<String, Object> argMap, Map<String, Object> kwargMap, List<Object> varArgs) {
        frames.push();
        Object rendered;
        Optional<Object> returned;
        try {
            rendered = super.doEvaluate(argMap, kwargMap, varArgs);
        } finally {
            returned = frames.pop();
        }
        return returned.isPresent() ? returned.get() : rendered;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** The macro calls in progress during one render, innermost last, each with its returned value if any. */
    static final class Frames {
        private static final Object NOTHING = new Object();
        private final Deque<Object[]> stack = new ArrayDeque<>();

        void push() {
            stack.push(new Object[] {NOTHING});
        }

        Optional<Object> pop() {
            Object value = stack.pop()[0];
            return value == NOTHING ? Optional.empty() : Optional.ofNullable(value == null ? "" : value);
        }

        /** Records the value for the innermost call; later returns in the same call are ignored. */
        void returned(Object value) {
            Object[] frame = stack.peek();
            if (frame != null && frame[0] == NOTHING) {
                frame[0] = value;
            }
        }
    }
}
