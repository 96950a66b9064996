package io.cryptopipe.transform.render;

import com.hubspot.jinjava.objects.date.PyishDate;
import io.cryptopipe.transform.DbtCompilationException;
import io.cryptopipe.transform.jinja.CallArguments;
import io.cryptopipe.transform.jinja.EnvVarFunction;
import io.cryptopipe.transform.jinja.JinjaCallable;
import io.cryptopipe.transform.jinja.VarFunction;
import io.cryptopipe.transform.project.ModelConfig;
import io.cryptopipe.transform.project.ModelNode;
import io.cryptopipe.transform.warehouse.Relation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a model the way dbt does, twice: the parse render records {@code ref}, {@code source} and
 * {@code config} calls (with {@code execute} false); the compile render, once every model's config and so
 * every relation name is known, produces the SQL.
 */
public final class ModelRenderer {
    private static final Logger log = LoggerFactory.getLogger("io.cryptopipe.transform.jinja.log");

    private final RenderEnvironment environment;

    public ModelRenderer(RenderEnvironment environment) {
        this.environment = environment;
    }

    public RenderEnvironment environment() {
        return environment;
    }

    public ParsedModel parse(ModelNode node) {
        List<RefCall> refs = new ArrayList<>();
        List<SourceCall> sources = new ArrayList<>();
        ConfigSoFar config = new ConfigSoFar(node.config());
        Relation self = environment.naming().model(node, node.config());

        Map<String, JinjaCallable> functions = commonFunctions();
        functions.put("ref", args -> {
            RefCall ref = refCall(args);
            refs.add(ref);
            return relation(environment.nodes().model(ref.name())
                    .map(target -> environment.naming().model(target, target.config()))
                    .orElse(self.withIdentifier(ref.name())));
        });
        functions.put("source", args -> {
            SourceCall source = sourceCall(args);
            sources.add(source);
            return relation(environment.nodes().source(source.sourceName(), source.tableName())
                    .map(environment.naming()::source)
                    .orElse(new Relation(self.database(), source.sourceName(), source.tableName())));
        });
        functions.put("config", args -> {
            config.current = config.current.overriddenBy(configCall(args));
            return "";
        });
        Map<String, Object> variables = commonVariables(false);
        variables.put("this", relation(self));
        variables.put("config", new JinjaConfig(() -> config.current));

        functions.put("get_where_subquery", args -> args.find(0, "relation").orElse(""));
        functions.put("adapter_get_relation", args -> null);
        render(ParsedModel.describe(node), node.rawSql(), variables, functions);
        return new ParsedModel(node, config.current, refs, sources);
    }

    public String compile(ParsedModel model, RelationResolver resolver) {
        return compile(model, resolver, false, RelationCatalog.NONE);
    }

    /**
     * @param incremental what {@code is_incremental()} answers: the caller knows whether the relation exists as a
     *                    table and whether a full refresh was asked
     * @param catalog     answers {@code adapter.get_relation}
     */
    public String compile(ParsedModel model, RelationResolver resolver, boolean incremental,
                          RelationCatalog catalog) {
        EphemeralCtes ctes = new EphemeralCtes();
        String sql = compileBody(model, resolver, incremental, catalog, ctes);
        return ctes.injectInto(sql);
    }

    private String compileBody(ParsedModel model, RelationResolver resolver, boolean incremental,
                               RelationCatalog catalog, EphemeralCtes ctes) {
        Map<String, JinjaCallable> functions = commonFunctions();
        functions.put("adapter_get_relation", args -> getRelation(args, catalog));
        functions.put("ref", args -> {
            RefCall ref = refCall(args);
            Optional<ParsedModel> ephemeral = resolver.ephemeral(ref);
            if (ephemeral.isPresent()) {
                if (!ctes.contains(ephemeral.get().name())) {
                    // nested ephemerals are added first, so every CTE follows those it reads
                    ctes.add(ephemeral.get().name(), compileBody(ephemeral.get(), resolver, false, catalog, ctes));
                }
                return JinjaRelation.cte(ephemeral.get().name(), environment.dialect());
            }
            return relation(resolver.ref(ref));
        });
        functions.put("source", args -> relation(resolver.source(sourceCall(args))));
        functions.put("config", args -> "");
        functions.put("is_incremental", args -> incremental);
        functions.put("get_where_subquery", args -> {
            Object relation = args.find(0, "relation").orElse("");
            return model.config().get("where").map(where -> (Object) ("(select * from " + relation + " where "
                    + where + ") dbt_subquery")).orElse(relation);
        });
        Map<String, Object> variables = commonVariables(true);
        variables.put("this", relation(resolver.self(model)));
        variables.put("config", new JinjaConfig(model::config));
        return render(model.label(), model.node().rawSql(), variables, functions);
    }

    /**
     * Renders a {@code dbt run-operation} call of a macro: {@code ref}, {@code source}, {@code adapter.get_relation}
     * resolve as in a model's compile render, and {@code run_query(sql)} hands each statement to the caller, which
     * executes it. The rendered text itself is discarded, as dbt discards it.
     *
     * @param call the Jinja that calls the macro, e.g. {@code {% do prune(days=args['days']) %}}
     * @param args the operation's arguments, readable by {@code call} as the variable {@code args}
     */
    public void renderOperation(String macro, String call, Map<String, Object> args, RelationResolver resolver,
                                RelationCatalog catalog, JinjaCallable runQuery) {
        Map<String, JinjaCallable> functions = commonFunctions();
        functions.put("adapter_get_relation", a -> getRelation(a, catalog));
        functions.put("ref", a -> relation(resolver.ref(refCall(a))));
        functions.put("source", a -> relation(resolver.source(sourceCall(a))));
        functions.put("run_query", runQuery);
        Map<String, Object> variables = commonVariables(true);
        variables.put("args", args);
        render("operation " + macro, call, variables, functions);
    }

    private String render(String name, String sql, Map<String, Object> variables,
                          Map<String, JinjaCallable> functions) {
        return environment.templates().render(name, sql, variables, functions, environment.macros());
    }

    private Map<String, JinjaCallable> commonFunctions() {
        Map<String, JinjaCallable> functions = new HashMap<>();
        functions.put("var", new VarFunction(environment.vars()));
        functions.put("env_var", new EnvVarFunction(environment.env()));
        functions.put("is_incremental", args -> false);
        functions.put("log", args -> {
            String message = String.valueOf(args.find(0, "msg").orElse(""));
            if (Boolean.parseBoolean(String.valueOf(args.find(1, "info").orElse(false)))) {
                log.info(message);
            } else {
                log.debug(message);
            }
            return "";
        });
        return functions;
    }

    private Map<String, Object> commonVariables(boolean execute) {
        Map<String, Object> variables = new HashMap<>();
        Map<String, Object> target = new LinkedHashMap<>(environment.target().settings());
        target.put("name", environment.target().name());
        target.put("profile_name", environment.target().profileName());
        target.put("type", environment.target().type());
        target.put("schema", environment.target().schema());
        target.put("threads", environment.target().threads());
        target.put("database", environment.naming().targetDatabase());
        variables.put("target", target);
        variables.put("execute", execute);
        variables.put("run_started_at", new PyishDate(environment.runStartedAt()));
        variables.put("invocation_id", environment.invocationId());
        variables.put("adapter", new JinjaAdapter(environment.dialect()));
        return variables;
    }

    /** dbt's {@code adapter.get_relation(database, schema, identifier)}: the relation if it exists, else None. */
    private Object getRelation(CallArguments args, RelationCatalog catalog) {
        args.expectAtMost(3);
        Relation wanted = new Relation(args.requiredString(0, "database"), args.requiredString(1, "schema"),
                args.requiredString(2, "identifier"));
        return catalog.find(wanted).map(this::relation).orElse(null);
    }

    private JinjaRelation relation(Relation relation) {
        return new JinjaRelation(relation, environment.dialect());
    }

    private static RefCall refCall(CallArguments args) {
        args.expectAtMost(2);
        if (args.positional().size() == 2) {
            return new RefCall(args.requiredString(0, "package"), args.requiredString(1, "name"));
        }
        return new RefCall(null, args.requiredString(0, "name"));
    }

    private static SourceCall sourceCall(CallArguments args) {
        args.expectAtMost(2);
        return new SourceCall(args.requiredString(0, "source_name"), args.requiredString(1, "table_name"));
    }

    /** The config of the model being parsed, growing with each {@code config()} call the template makes. */
    private static final class ConfigSoFar {
        private ModelConfig current;

        ConfigSoFar(ModelConfig initial) {
            current = initial;
        }
    }

    /** {@code config(materialized='table')} or, as dbt also allows, {@code config({'materialized': 'table'})}. */
    private static Map<String, Object> configCall(CallArguments args) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (!args.positional().isEmpty()) {
            if (args.positional().size() > 1 || !(args.positional().get(0) instanceof Map<?, ?> map)) {
                throw new DbtCompilationException("config() takes keyword arguments or a single dict");
            }
            map.forEach((k, v) -> values.put(String.valueOf(k), v));
        }
        values.putAll(args.keywords());
        return values;
    }
}
