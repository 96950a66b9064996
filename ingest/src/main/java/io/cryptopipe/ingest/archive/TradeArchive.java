package io.cryptopipe.ingest.archive;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One file of Binance's public trade archive (data.binance.vision {@code spot/daily|monthly/trades}): the
 * {@code SYMBOL-trades-DATE.zip} as downloaded, or the CSV inside it.
 */
public record TradeArchive(Path file, String symbol) {
    private static final Pattern NAME = Pattern.compile("([A-Z0-9]+)-trades-.*\\.(zip|csv)", Pattern.CASE_INSENSITIVE);

    /** What the checksum check found. */
    public enum Checksum { VERIFIED, ABSENT }

    /**
     * @param symbol the symbol, when the file name does not start with it as Binance names the files
     * @throws ArchiveFormatException if the file is missing or its symbol is known from neither
     */
    public static TradeArchive of(Path file, Optional<String> symbol) throws ArchiveFormatException {
        if (!Files.isRegularFile(file)) {
            throw new ArchiveFormatException(file + " does not exist or is not a file");
        }
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".zip") && !name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new ArchiveFormatException(file + " is neither a .zip nor a .csv trades file");
        }
        Matcher matcher = NAME.matcher(name);
        String resolved = symbol.map(s -> s.toUpperCase(Locale.ROOT))
                .or(() -> matcher.matches() ? Optional.of(matcher.group(1).toUpperCase(Locale.ROOT)) : Optional.empty())
                .orElseThrow(() -> new ArchiveFormatException("cannot tell the symbol of " + name
                        + " (Binance names them SYMBOL-trades-DATE.zip): pass --symbol"));
        return new TradeArchive(file, resolved);
    }

    public long size() throws IOException {
        return Files.size(file);
    }

    /**
     * Compares the file's SHA-256 with the {@code <file>.CHECKSUM} Binance publishes beside it, when it is there.
     *
     * @throws ArchiveFormatException on a mismatch or an unreadable checksum file
     */
    public Checksum verifyChecksum() throws ArchiveFormatException, IOException {
        Path checksumFile = file.resolveSibling(file.getFileName() + ".CHECKSUM");
        if (!Files.isRegularFile(checksumFile)) {
            return Checksum.ABSENT;
        }
        String[] words = Files.readString(checksumFile, StandardCharsets.US_ASCII).strip().split("\\s+");
        if (words.length == 0 || !words[0].matches("[0-9a-fA-F]{64}")) {
            throw new ArchiveFormatException(checksumFile + " does not start with a SHA-256 hex digest");
        }
        String actual = sha256(file);
        if (!actual.equalsIgnoreCase(words[0])) {
            throw new ArchiveFormatException(file + " does not match its checksum (SHA-256 " + actual + ", "
                    + checksumFile.getFileName() + " says " + words[0] + "): download it again");
        }
        return Checksum.VERIFIED;
    }

    /**
     * The CSV text: the zip's only CSV entry, or the file itself.
     *
     * @param compressedBytesRead advanced as the file's own bytes are read, for progress
     */
    public BufferedReader open(AtomicLong compressedBytesRead) throws IOException, ArchiveFormatException {
        InputStream raw = new CountingInputStream(Files.newInputStream(file), compressedBytesRead);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return reader(raw);
        }
        ZipInputStream zip = new ZipInputStream(raw);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return reader(zip);
            }
        }
        zip.close();
        throw new ArchiveFormatException(file + " holds no .csv entry");
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count;

        CountingInputStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
