package io.cryptopipe.transform.jinja;

/** A file of {@code {% macro %}} (or {@code {% test %}}) definitions, named for error messages. */
public record MacroFile(String name, String source) {
}
