package io.cryptopipe.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineLockFileTest {
    @TempDir
    Path dataDir;

    @Test
    void aDataDirectoryNoPipelineEverUsedIsFree() {
        assertThat(PipelineLockFile.isHeld(dataDir)).isFalse();
    }

    @Test
    void isHeldWhileAPipelineHoldsItAndFreeOnceItLetsGo() {
        try (PipelineLockFile lock = PipelineLockFile.acquire(dataDir).orElseThrow()) {
            assertThat(PipelineLockFile.isHeld(dataDir)).isTrue();
        }
        assertThat(PipelineLockFile.isHeld(dataDir)).isFalse();
    }

    @Test
    void aSecondPipelineCannotTakeIt() {
        try (PipelineLockFile first = PipelineLockFile.acquire(dataDir).orElseThrow()) {
            Optional<PipelineLockFile> second = PipelineLockFile.acquire(dataDir);
            assertThat(second).isEmpty();
        }
        try (PipelineLockFile again = PipelineLockFile.acquire(dataDir).orElseThrow()) {
            assertThat(again).isNotNull();
        }
    }
}
