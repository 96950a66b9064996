package io.cryptopipe.transform.artifacts;

import java.time.Instant;

/** One phase of a node ({@code compile} or {@code execute}), as run_results.json records it. */
public record Timing(String name, Instant startedAt, Instant completedAt) {
}
