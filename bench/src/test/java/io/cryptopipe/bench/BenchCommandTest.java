package io.cryptopipe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void rerunLineIsTheLauncherCommandWithTheBenchmarksArguments() {
        assertThat(BenchCommand.rerun("e2e --rate 10000")).isEqualTo("rerun: ./cryptopipe bench e2e --rate 10000");
    }

    @Test
    void rerunLineCarriesTheJavaOptionsTheRunHad() {
        assertThat(BenchCommand.rerun("-Xms256m -Xmx768m", "e2e --rate 100000"))
                .isEqualTo("rerun: CRYPTOPIPE_JAVA_OPTS=\"-Xms256m -Xmx768m\" ./cryptopipe bench e2e --rate 100000");
    }

    @Test
    void blankJavaOptionsAreLeftOut() {
        assertThat(BenchCommand.rerun(" ", "e2e")).isEqualTo("rerun: ./cryptopipe bench e2e");
    }
}
