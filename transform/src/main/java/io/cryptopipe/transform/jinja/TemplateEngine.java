package io.cryptopipe.transform.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.MacroFunction;
import io.cryptopipe.transform.DbtCompilationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders dbt-flavoured Jinja with Jinjava; any template error fails the render with a message naming the file.
 * The project's macros are defined first in the same context, so models and other macros can call them.
 */
public final class TemplateEngine {
    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().build());

    /**
     * @param templateName what error messages call the template, e.g. {@code model bronze_data (models/bronze.sql)}
     */
    public String render(String templateName, String template, Map<String, ?> variables,
                         Map<String, JinjaCallable> functions) {
        return render(templateName, template, variables, functions, MacroLibrary.none());
    }

    public String render(String templateName, String template, Map<String, ?> variables,
                         Map<String, JinjaCallable> functions, MacroLibrary macros) {
        Context context = new Context(jinjava.getGlobalContext());
        variables.forEach(context::put);
        List<RuntimeException> raised = new ArrayList<>();
        ReturningMacro.Frames frames = new ReturningMacro.Frames();
        functions.forEach((name, fn) -> context.addGlobalMacro(new CallableMacro(name, fn, context, raised::add)));
        context.addGlobalMacro(new CallableMacro("return", args -> {
            frames.returned(args.find(0, "value").orElse(null));
            return "";
        }, context, raised::add));
        context.addGlobalMacro(new CallableMacro(JinjaDialect.DISPATCH_CALL,
                args -> dispatch(context, macros.adapterType(), args), context, raised::add));
        context.put("exceptions", new JinjaExceptions(raised::add));
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava, context, jinjava.getGlobalConfig());
        // filters and tags look the interpreter up as "current", so it is pushed for the duration of the render
        try (var current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            for (MacroFile file : macros.files()) {
                current.value().render(JinjaDialect.toJinjava(file.source()));
                failOnErrors("macro file " + file.name(), interpreter, raised);
            }
            wrapUserMacros(context, frames);
            String output = current.value().render(JinjaDialect.toJinjava(template));
            failOnErrors(templateName, interpreter, raised);
            return output;
        } catch (InterpretException e) {
            throw new DbtCompilationException("Compilation Error in " + templateName + ", line " + e.getLineNumber()
                    + ": " + e.getMessage());
        }
    }

    private static void wrapUserMacros(Context context, ReturningMacro.Frames frames) {
        for (MacroFunction macro : List.copyOf(context.getGlobalMacros().values())) {
            if (!(macro instanceof CallableMacro) && !(macro instanceof ReturningMacro)) {
                context.addGlobalMacro(new ReturningMacro(macro, frames));
            }
        }
    }

    private static Object dispatch(Context context, String adapterType, CallArguments args) {
        if (args.positional().isEmpty() || !(args.positional().get(0) instanceof List<?> dispatchArgs)
                || dispatchArgs.isEmpty()) {
            throw new DbtCompilationException("adapter.dispatch() needs a macro name");
        }
        String name = String.valueOf(dispatchArgs.get(0));
        MacroFunction macro = null;
        for (String candidate : List.of(adapterType + "__" + name, "default__" + name)) {
            macro = context.getGlobalMacro(candidate);
            if (macro != null) {
                break;
            }
        }
        if (macro == null) {
            throw new DbtCompilationException("adapter.dispatch('" + name + "') found neither " + adapterType + "__"
                    + name + " nor default__" + name);
        }
        List<Object> callArgs = new ArrayList<>(args.positional().subList(1, args.positional().size()));
        args.keywords().forEach((k, v) -> callArgs.add(new NamedParameter(k, v)));
        return macro.evaluate(callArgs.toArray());
    }

    private static void failOnErrors(String templateName, JinjavaInterpreter interpreter,
                                     List<RuntimeException> raised) {
        if (!raised.isEmpty()) {
            throw new DbtCompilationException("Compilation Error in " + templateName + ": "
                    + raised.get(0).getMessage());
        }
        interpreter.getErrorsCopy().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .findFirst()
                .ifPresent(e -> {
                    throw new DbtCompilationException("Compilation Error in " + templateName + ", line "
                            + e.getLineno() + ": " + e.getMessage());
                });
    }
}
