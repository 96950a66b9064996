package io.cryptopipe.app.cli;

import io.cryptopipe.app.runtime.RetentionSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** up's retention flags: durations and sizes as people write them, defaults from the issue, one-line errors. */
class RetentionOptionsTest {
    private static RetentionSettings parse(String... args) {
        RetentionOptions options = new RetentionOptions();
        new CommandLine(options).parseArgs(args);
        return options.settings();
    }

    @Test
    void defaultsKeepRawRowsAWeekTheBrokerADayAndNeedTwoGigabytesFree() {
        assertThat(parse()).isEqualTo(new RetentionSettings(Duration.ofDays(7), Duration.ofHours(24), 0, 2_000_000_000L));
    }

    @Test
    void durationsTakeSecondsMinutesHoursDaysAndZero() {
        assertThat(DurationOption.parse("--x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationOption.parse("--x", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationOption.parse("--x", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(DurationOption.parse("--x", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationOption.parse("--x", "0")).isZero();
    }

    @Test
    void zeroRawRetentionKeepsEverything() {
        assertThat(parse("--raw-retention", "0").prunesRaw()).isFalse();
    }

    @Test
    void sizesTakeDecimalAndBinaryUnits() {
        RetentionSettings settings = parse("--kafka-retention-bytes", "1GiB", "--min-free-disk", "500MB");
        assertThat(settings.kafkaBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(settings.minFreeDisk()).isEqualTo(500_000_000L);
    }

    @Test
    void aBadDurationNamesTheFlagAndTheForms() {
        assertThatThrownBy(() -> parse("--raw-retention", "a week")).isInstanceOf(UserError.class)
                .hasMessage("--raw-retention must be a duration such as 90s, 10m, 12h or 7d (or 0), got 'a week'");
    }

    @Test
    void kafkaRetentionCannotBeZero() {
        assertThatThrownBy(() -> parse("--kafka-retention", "0")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("--kafka-retention must be longer than 0");
    }

    @Test
    void aBadSizeNamesTheFlag() {
        assertThatThrownBy(() -> parse("--min-free-disk", "plenty")).isInstanceOf(UserError.class)
                .hasMessage("--min-free-disk must be a size such as 500MB or 2GB (or 0), got 'plenty'");
    }
}
