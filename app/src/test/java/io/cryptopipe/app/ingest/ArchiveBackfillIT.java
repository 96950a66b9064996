package io.cryptopipe.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptopipe.app.cli.CommandLineFactory;
import io.cryptopipe.app.cli.CryptopipeCommand;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.LongStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cryptopipe backfill --archive} importing a data.binance.vision trades zip into a real broker. */
class ArchiveBackfillIT {
    /** Ten real BTCUSDT trades (REST historicalTrades, 2021-10-22) in the archive's CSV layout. */
    private static final String CSV = "/archive/BTCUSDT-trades-2021-10-22.csv";

    @TempDir
    Path dir;

    @Test
    void importsAVerifiedZipOnceAndARerunAddsNothing() throws Exception {
        Path zip = zip(dir.resolve("BTCUSDT-trades-2021-10-22.zip"));
        Files.writeString(dir.resolve("BTCUSDT-trades-2021-10-22.zip.CHECKSUM"), sha256(zip) + "  BTCUSDT-trades-2021-10-22.zip\n");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();

            assertThat(backfill(broker, zip)).isZero();
            assertThat(backfill(broker, zip)).as("a rerun resumes after the checkpoint: nothing left").isZero();

            try (TopicTrades trades = new TopicTrades(broker.bootstrapServers(), "stock_trades")) {
                List<String> expected = LongStream.rangeClosed(1111471896L, 1111471905L).mapToObj(id -> "BTCUSDT:" + id).toList();
                await().atMost(Duration.ofSeconds(30)).until(() -> trades.tradeKeys().size() >= expected.size());
                Thread.sleep(500);
                assertThat(trades.tradeKeys()).containsExactlyElementsOf(expected);
                assertThat(trades.read()).allSatisfy(value -> assertThat(value.get("source").asText()).isEqualTo("archive"));
                assertThat(trades.read().get(0).get("price").asText()).isEqualTo("60814.78000000");
                assertThat(trades.read().get(0).get("trade_time_us").asLong()).isEqualTo(1634943219887_000L);
            }
        }
    }

    @Test
    void refusesAZipThatDoesNotMatchItsChecksumAndPublishesNothing() throws Exception {
        Path zip = zip(dir.resolve("BTCUSDT-trades-2021-10-22.zip"));
        Files.writeString(dir.resolve("BTCUSDT-trades-2021-10-22.zip.CHECKSUM"), "0".repeat(64) + "  BTCUSDT-trades-2021-10-22.zip\n");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")))) {
            broker.start();

            assertThat(backfill(broker, zip)).isEqualTo(1);
            assertThat(Files.exists(dir.resolve("data/backfill/BTCUSDT-trades-2021-10-22.zip.last-id"))).isFalse();
        }
    }

    private int backfill(EmbeddedKafkaBroker broker, Path archive) {
        return CommandLineFactory.create(new CryptopipeCommand()).execute("backfill",
                "--bootstrap-servers", broker.bootstrapServers(),
                "--archive", archive.toString(),
                "--data-dir", dir.resolve("data").toString());
    }

    private static Path zip(Path file) throws Exception {
        try (InputStream csv = ArchiveBackfillIT.class.getResourceAsStream(CSV);
             OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("BTCUSDT-trades-2021-10-22.csv"));
            csv.transferTo(zip);
            zip.closeEntry();
        }
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
