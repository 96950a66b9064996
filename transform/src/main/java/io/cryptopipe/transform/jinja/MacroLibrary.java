package io.cryptopipe.transform.jinja;

import java.util.List;

/**
 * The project's macros and the adapter {@code adapter.dispatch} resolves for: {@code <adapter>__name} first, then
 * {@code default__name}.
 */
public record MacroLibrary(List<MacroFile> files, String adapterType) {
    public MacroLibrary {
        files = List.copyOf(files);
    }

    public static MacroLibrary none() {
        return new MacroLibrary(List.of(), "default");
    }
}
