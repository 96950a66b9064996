package io.cryptopipe.transform.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import io.cryptopipe.transform.DbtCompilationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders dbt-flavoured Jinja with Jinjava; any template error fails the render with a message naming the file. */
public final class TemplateEngine {
    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().build());

    /**
     * @param templateName what error messages call the template, e.g. {@code model bronze_data (models/bronze.sql)}
     */
    public String render(String templateName, String template, Map<String, ?> variables,
                         Map<String, JinjaCallable> functions) {
        Context context = new Context(jinjava.getGlobalContext());
        variables.forEach(context::put);
        List<RuntimeException> raised = new ArrayList<>();
        functions.forEach((name, fn) -> context.addGlobalMacro(new CallableMacro(name, fn, context, raised::add)));
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
        String output;
        // filters and tags look the interpreter up as "current", so it is pushed for the duration of the render
        try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            output = current.value().render(template);
        } catch (InterpretException e) {
            throw new DbtCompilationException("Compilation Error in " + templateName + ", line " + e.getLineNumber()
                    + ": " + e.getMessage());
        }
        if (!raised.isEmpty()) {
            throw new DbtCompilationException("Compilation Error in " + templateName + ": " + raised.get(0).getMessage());
        }
        interpreter.getErrorsCopy().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .findFirst()
                .ifPresent(e -> {
                    throw new DbtCompilationException("Compilation Error in " + templateName + ", line "
                            + e.getLineno() + ": " + e.getMessage());
                });
        return output;
    }
}
