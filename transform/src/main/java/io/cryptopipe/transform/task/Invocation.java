package io.cryptopipe.transform.task;

import io.cryptopipe.transform.EngineOptions;
import io.cryptopipe.transform.artifacts.ArtifactWriter;
import io.cryptopipe.transform.graph.ModelGraph;
import io.cryptopipe.transform.graph.NodeSelector;
import io.cryptopipe.transform.jinja.EnvVars;
import io.cryptopipe.transform.jinja.TemplateEngine;
import io.cryptopipe.transform.project.DbtProject;
import io.cryptopipe.transform.project.DbtProjectLoader;
import io.cryptopipe.transform.project.ProfileLoader;
import io.cryptopipe.transform.project.ProjectNodes;
import io.cryptopipe.transform.project.ProjectScanner;
import io.cryptopipe.transform.project.WarehouseTarget;
import io.cryptopipe.transform.render.ModelRenderer;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.render.RelationNaming;
import io.cryptopipe.transform.render.RenderEnvironment;
import io.cryptopipe.transform.warehouse.WarehouseDialect;
import io.cryptopipe.transform.warehouse.WarehouseDialects;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.cryptopipe.transform.project.ResourceType;
import io.cryptopipe.transform.jinja.MacroFile;
import io.cryptopipe.transform.jinja.MacroLibrary;
import java.util.UUID;

/**
 * One command's view of the project, read fresh from disk so a long-lived engine (the scheduler's) picks up
 * edits: project and profile loaded, models parsed, graph built.
 */
public record Invocation(String invocationId, DbtProject project, WarehouseTarget target, WarehouseDialect dialect,
                         RelationNaming naming, ProjectNodes nodes, ModelRenderer renderer, ModelGraph graph,
                         Path targetDir) {

    public static Invocation load(EngineOptions options, TemplateEngine templates, WarehouseDialects dialects,
                                  Path homeDir) {
        EnvVars env = new EnvVars(options.env());
        DbtProject project = new DbtProjectLoader(templates, env).load(options.projectDir(), options.vars());
        WarehouseTarget target = new ProfileLoader(templates, env, homeDir)
                .load(project, options.profilesDir(), options.target(), options.vars());
        WarehouseDialect dialect = dialects.forTarget(target);
        RelationNaming naming = new RelationNaming(target, dialect.database(target));
        ProjectNodes nodes = new ProjectScanner().scan(project);
        String invocationId = UUID.randomUUID().toString();
        List<MacroFile> macroFiles = new ArrayList<>(BuiltInMacros.files());
        macroFiles.addAll(nodes.macros());
        ModelRenderer renderer = new ModelRenderer(new RenderEnvironment(templates, env, project.vars(), target,
                dialect, naming, nodes, ZonedDateTime.now(ZoneOffset.UTC), invocationId,
                new MacroLibrary(macroFiles, dialect.type())));
        List<ParsedModel> parsed = new ArrayList<>();
        nodes.models().stream().map(renderer::parse).forEach(parsed::add);
        nodes.tests().stream().map(renderer::parse).filter(t -> t.config().enabled()).forEach(parsed::add);
        ModelGraph graph = new ModelGraph(project.name(), parsed, nodes);
        Path targetDir = options.targetPath() != null ? options.targetPath().toAbsolutePath()
                : project.projectDir().resolve(project.targetPath());
        return new Invocation(invocationId, project, target, dialect, naming, nodes, renderer, graph, targetDir);
    }

    /**
     * The same parse for another command: its own invocation id and run start time, which models render at compile
     * time; what the parse recorded (refs, sources, configs) depends on neither.
     */
    public Invocation forNextCommand() {
        String nextId = UUID.randomUUID().toString();
        RenderEnvironment parsed = renderer.environment();
        ModelRenderer nextRenderer = new ModelRenderer(new RenderEnvironment(parsed.templates(), parsed.env(), parsed.vars(),
                parsed.target(), parsed.dialect(), parsed.naming(), parsed.nodes(), ZonedDateTime.now(ZoneOffset.UTC),
                nextId, parsed.macros()));
        return new Invocation(nextId, project, target, dialect, naming, nodes, nextRenderer, graph, targetDir);
    }

    /** Models only, as {@code run} and {@code compile} select them. */
    public List<String> select(List<String> selectors) {
        return select(selectors, List.of(), Set.of(ResourceType.MODEL));
    }

    public List<String> select(List<String> selectors, List<String> exclude, Set<ResourceType> types) {
        return new NodeSelector(graph).select(selectors, exclude, types);
    }

    public GraphRelations relations() {
        return new GraphRelations(graph, nodes, naming);
    }

    public ArtifactWriter artifacts() {
        return new ArtifactWriter(targetDir, project.name(), invocationId);
    }
}
