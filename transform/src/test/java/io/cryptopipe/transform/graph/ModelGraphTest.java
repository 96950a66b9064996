package io.cryptopipe.transform.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.transform.DbtCompilationException;
import io.cryptopipe.transform.DbtConfigException;
import io.cryptopipe.transform.project.ModelConfig;
import io.cryptopipe.transform.project.ModelNode;
import io.cryptopipe.transform.project.ProjectNodes;
import io.cryptopipe.transform.render.ParsedModel;
import io.cryptopipe.transform.render.RefCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelGraphTest {
    /** A model at {@code models/<folder>/<name>.sql} with the given tags and refs. */
    private static ParsedModel model(String folder, String name, List<String> tags, String... refs) {
        List<String> fqn = new ArrayList<>(List.of("shop"));
        fqn.addAll(List.of(folder.split("/")));
        fqn.add(name);
        ModelNode node = new ModelNode(ModelNode.uniqueId("shop", name), name, "shop",
                "models/" + folder + "/" + name + ".sql", fqn, "", "", Map.of(), ModelConfig.empty());
        return new ParsedModel(node, ModelConfig.empty().overriddenBy(Map.of("tags", tags)),
                List.of(refs).stream().map(r -> new RefCall(null, r)).toList(), List.of());
    }

    private static ModelGraph graph(ParsedModel... models) {
        return new ModelGraph("shop", List.of(models), new ProjectNodes(List.of(), List.of()));
    }

    /** bronze -> silver -> gold, bronze -> audit; listed out of order on purpose. */
    private static ModelGraph medallion() {
        return graph(
                model("gold", "gold", List.of("daily"), "silver"),
                model("bronze", "audit", List.of(), "bronze"),
                model("silver", "silver", List.of("daily"), "bronze"),
                model("bronze", "bronze", List.of()));
    }

    private static List<String> names(List<String> ids) {
        return ids.stream().map(id -> id.substring("model.shop.".length())).toList();
    }

    @Test
    void ordersEveryModelAfterItsParents() {
        List<String> order = names(medallion().order());

        assertThat(order).containsExactlyInAnyOrder("bronze", "silver", "gold", "audit");
        assertThat(order.indexOf("bronze")).isLessThan(order.indexOf("silver"));
        assertThat(order.indexOf("silver")).isLessThan(order.indexOf("gold"));
        assertThat(order.indexOf("bronze")).isLessThan(order.indexOf("audit"));
    }

    @Test
    void cycleIsAnErrorNamingTheCycle() {
        assertThatThrownBy(() -> graph(
                model("m", "a", List.of(), "c"),
                model("m", "b", List.of(), "a"),
                model("m", "c", List.of(), "b"),
                model("m", "free", List.of())))
                .isInstanceOf(DbtCompilationException.class)
                .hasMessageStartingWith("Found a cycle: ")
                .hasMessageContainingAll("model.shop.a", "model.shop.b", "model.shop.c")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("free")
                        .matches("Found a cycle: (model\\.shop\\.\\w) --> .* --> \\1"));
    }

    @Test
    void refToAnotherPackageIsRejected() {
        ParsedModel model = model("m", "a", List.of());
        ParsedModel withForeignRef = new ParsedModel(model.node(), model.config(),
                List.of(new RefCall("dbt_utils", "x")), List.of());

        assertThatThrownBy(() -> graph(withForeignRef))
                .isInstanceOf(DbtCompilationException.class)
                .hasMessageContaining("package 'dbt_utils'");
    }

    @Test
    void noSelectorSelectsEverythingInBuildOrder() {
        ModelGraph graph = medallion();

        assertThat(new NodeSelector(graph).select(List.of())).isEqualTo(graph.order());
    }

    @Test
    void plainNameSelectsOneModel() {
        assertThat(names(new NodeSelector(medallion()).select(List.of("silver")))).containsExactly("silver");
    }

    @Test
    void leadingPlusAddsAncestors() {
        assertThat(names(new NodeSelector(medallion()).select(List.of("+gold"))))
                .containsExactly("bronze", "silver", "gold");
    }

    @Test
    void trailingPlusAddsDescendants() {
        assertThat(names(new NodeSelector(medallion()).select(List.of("silver+")))).containsExactly("silver", "gold");
    }

    @Test
    void tagSelectsTaggedModels() {
        assertThat(names(new NodeSelector(medallion()).select(List.of("tag:daily"))))
                .containsExactly("silver", "gold");
    }

    @Test
    void pathSelectsModelsUnderAFolder() {
        assertThat(names(new NodeSelector(medallion()).select(List.of("path:models/bronze"))))
                .containsExactlyInAnyOrder("bronze", "audit");
    }

    @Test
    void folderNameSelectsByFqnLikeDbt() {
        assertThat(names(new NodeSelector(medallion()).select(List.of("bronze"))))
                .containsExactlyInAnyOrder("bronze", "audit");
    }

    @Test
    void spaceSeparatedSelectorsUniteAndCommasIntersect() {
        NodeSelector selector = new NodeSelector(medallion());

        assertThat(names(selector.select(List.of("gold audit")))).containsExactlyInAnyOrder("gold", "audit");
        assertThat(names(selector.select(List.of("tag:daily,path:models/gold")))).containsExactly("gold");
    }

    @Test
    void unknownSelectorMethodIsAUsageError() {
        assertThatThrownBy(() -> new NodeSelector(medallion()).select(List.of("config:x")))
                .isInstanceOf(DbtConfigException.class)
                .hasMessageContaining("unknown selector method 'config'");
    }
}
