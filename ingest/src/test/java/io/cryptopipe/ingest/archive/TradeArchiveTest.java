package io.cryptopipe.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeArchiveTest {
    /** Ten real BTCUSDT trades (REST historicalTrades, 2021-10-22) written in the archive's CSV layout. */
    static final String CSV = "/archive/BTCUSDT-trades-2021-10-22.csv";

    @TempDir
    Path dir;

    @Test
    void takesTheSymbolFromBinancesFileName() throws Exception {
        Path zip = zipOfFixture("BTCUSDT-trades-2021-10-22.zip");

        assertThat(TradeArchive.of(zip, Optional.empty()).symbol()).isEqualTo("BTCUSDT");
        assertThat(TradeArchive.of(zip, Optional.of("ethusdt")).symbol()).isEqualTo("ETHUSDT");
    }

    @Test
    void asksForTheSymbolWhenTheFileNameDoesNotTell() throws Exception {
        Path csv = Files.writeString(dir.resolve("download.csv"), fixtureText());

        assertThatThrownBy(() -> TradeArchive.of(csv, Optional.empty()))
                .hasMessageContaining("cannot tell the symbol of download.csv").hasMessageEndingWith("pass --symbol");
    }

    @Test
    void readsTheCsvInsideTheZipAndCountsTheFilesBytes() throws Exception {
        Path zip = zipOfFixture("BTCUSDT-trades-2021-10-22.zip");
        AtomicLong read = new AtomicLong();

        List<String> lines;
        try (BufferedReader reader = TradeArchive.of(zip, Optional.empty()).open(read)) {
            lines = reader.lines().toList();
        }

        assertThat(lines).hasSize(10).first().asString().startsWith("1111471896,60814.78000000,");
        assertThat(read.get()).isEqualTo(Files.size(zip));
    }

    @Test
    void verifiesTheChecksumFileBinancePublishesBesideTheZip() throws Exception {
        Path zip = zipOfFixture("BTCUSDT-trades-2021-10-22.zip");
        TradeArchive archive = TradeArchive.of(zip, Optional.empty());
        assertThat(archive.verifyChecksum()).isEqualTo(TradeArchive.Checksum.ABSENT);

        Files.writeString(dir.resolve(zip.getFileName() + ".CHECKSUM"), sha256(zip) + "  " + zip.getFileName() + "\n");
        assertThat(archive.verifyChecksum()).isEqualTo(TradeArchive.Checksum.VERIFIED);
    }

    @Test
    void rejectsAFileThatDoesNotMatchItsChecksum() throws Exception {
        Path zip = zipOfFixture("BTCUSDT-trades-2021-10-22.zip");
        Files.writeString(dir.resolve(zip.getFileName() + ".CHECKSUM"), "0".repeat(64) + "  " + zip.getFileName());

        assertThatThrownBy(() -> TradeArchive.of(zip, Optional.empty()).verifyChecksum())
                .isInstanceOf(ArchiveFormatException.class)
                .hasMessageContaining("does not match its checksum").hasMessageEndingWith("download it again");
    }

    static String fixtureText() throws Exception {
        try (var in = TradeArchiveTest.class.getResourceAsStream(CSV)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    Path zipOfFixture(String name) throws Exception {
        return zip(dir.resolve(name), fixtureText());
    }

    static Path zip(Path file, String csv) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(file.getFileName().toString().replace(".zip", ".csv")));
            zip.write(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
