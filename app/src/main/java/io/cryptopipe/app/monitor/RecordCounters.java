package io.cryptopipe.app.monitor;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the numeric components of a metrics record by name, so new counters show up without wiring each one. */
final class RecordCounters {
    private RecordCounters() {
    }

    static Map<String, Long> of(Record metrics) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (RecordComponent component : metrics.getClass().getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(metrics);
                if (value instanceof Number number) {
                    counters.put(component.getName(), number.longValue());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read metric " + component.getName(), e);
            }
        }
        return counters;
    }
}
