package io.cryptopipe.transform.render;

/** One {@code ref()} in a model; packageName is null for the one-argument form. */
public record RefCall(String packageName, String name) {
}
