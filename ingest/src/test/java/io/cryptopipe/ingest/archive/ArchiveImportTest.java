package io.cryptopipe.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveImportTest {
    @TempDir
    Path dir;

    private final List<Trade> published = new ArrayList<>();
    private final List<ArchiveImport.Progress> batches = new ArrayList<>();

    @Test
    void publishesEveryTradeInIdOrderReportingEachBatchAndTheEnd() throws Exception {
        TradeArchive archive = archive(TradeArchiveTest.fixtureText());

        ArchiveImport.Progress done = new ArchiveImport(4, () -> 1L).run(archive, -1, published::add, batches::add);

        assertThat(published).extracting(Trade::tradeId).containsExactly(1111471896L, 1111471897L, 1111471898L,
                1111471899L, 1111471900L, 1111471901L, 1111471902L, 1111471903L, 1111471904L, 1111471905L);
        assertThat(published).allSatisfy(t -> assertThat(t.source()).isEqualTo(TradeSource.ARCHIVE));
        assertThat(batches).extracting(ArchiveImport.Progress::lastId).containsExactly(1111471899L, 1111471903L, 1111471905L);
        assertThat(done.published()).isEqualTo(10);
        assertThat(done.missing()).isZero();
        assertThat(done.fraction()).isEqualTo(1.0);
    }

    @Test
    void resumesAfterTheCheckpointWithoutRepeatingATrade() throws Exception {
        TradeArchive archive = archive(TradeArchiveTest.fixtureText());

        new ArchiveImport(4, () -> 1L).run(archive, 1111471901L, published::add, batches::add);

        assertThat(published).extracting(Trade::tradeId).containsExactly(1111471902L, 1111471903L, 1111471904L, 1111471905L);
    }

    @Test
    void countsTheIdsTheFileSkips() throws Exception {
        String withHole = TradeArchiveTest.fixtureText().lines().filter(l -> !l.startsWith("1111471899,") && !l.startsWith("1111471900,"))
                .reduce("", (a, b) -> a + b + "\n");

        ArchiveImport.Progress done = new ArchiveImport(100, () -> 1L).run(archive(withHole), -1, published::add, batches::add);

        assertThat(done.published()).isEqualTo(8);
        assertThat(done.missing()).isEqualTo(2);
    }

    @Test
    void stopsAtTheFirstBrokenLineNamingFileAndLine() throws Exception {
        String broken = TradeArchiveTest.fixtureText().replace("1111471899,60816.08000000", "1111471899,oops");

        assertThatThrownBy(() -> new ArchiveImport(100, () -> 1L).run(archive(broken), -1, published::add, batches::add))
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageContaining("BTCUSDT-trades-2021-10-22.zip line 4: price \"oops\" is not a plain decimal");
        assertThat(published).hasSize(3);
    }

    private TradeArchive archive(String csv) throws Exception {
        Files.deleteIfExists(dir.resolve("BTCUSDT-trades-2021-10-22.zip"));
        return TradeArchive.of(TradeArchiveTest.zip(dir.resolve("BTCUSDT-trades-2021-10-22.zip"), csv), Optional.empty());
    }
}
