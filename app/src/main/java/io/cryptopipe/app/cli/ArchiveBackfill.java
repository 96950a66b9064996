package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.archive.ArchiveFormatException;
import io.cryptopipe.ingest.archive.ArchiveImport;
import io.cryptopipe.ingest.archive.TradeArchive;
import io.cryptopipe.ingest.feed.MicrosClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backfill --archive}: imports Binance archive files one after the other, each checked against its
 * {@code .CHECKSUM} first, with a checkpoint per file (the last id made durable) so a rerun resumes where it stopped.
 */
final class ArchiveBackfill {
    private static final Logger log = LoggerFactory.getLogger(ArchiveBackfill.class);
    /** Trades between two flushes and checkpoints: a crash repeats at most this many, which silver drops again. */
    private static final int BATCH = 20_000;

    private final String bootstrapServers;
    private final String topic;
    private final Path dataDir;

    ArchiveBackfill(String bootstrapServers, String topic, Path dataDir) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.dataDir = dataDir;
    }

    int run(List<Path> files, Optional<String> symbol) {
        // Every file is checked before anything is published, so a bad download fails the command up front.
        List<TradeArchive> archives = new ArrayList<>();
        for (Path file : files) {
            TradeArchive archive = archive(file, symbol);
            try {
                TradeArchive.Checksum checksum = archive.verifyChecksum();
                log.info("{}: {} ({} trades file)", file.getFileName(), checksum == TradeArchive.Checksum.VERIFIED
                        ? "SHA-256 matches its .CHECKSUM" : "no .CHECKSUM beside it, not verified", archive.symbol());
            } catch (ArchiveFormatException e) {
                throw new UserError(e.getMessage(), ExitCodes.WORK_FAILED);
            } catch (IOException e) {
                throw new UserError("cannot read " + file + ": " + e.getMessage(), ExitCodes.WORK_FAILED);
            }
            archives.add(archive);
        }
        try (BackfillTopic trades = new BackfillTopic(bootstrapServers, topic)) {
            for (TradeArchive archive : archives) {
                importOne(archive, trades);
            }
        }
        return ExitCodes.OK;
    }

    private void importOne(TradeArchive archive, BackfillTopic trades) {
        String name = archive.file().getFileName().toString();
        Path checkpoint = dataDir.toAbsolutePath().resolve("backfill").resolve(name + ".last-id");
        long after = BackfillCommand.readCheckpoint(checkpoint);
        if (after >= 0) {
            log.info("{}: resuming after id {} (checkpoint {})", name, after, checkpoint);
        }
        try {
            ArchiveImport.Progress done = new ArchiveImport(BATCH, MicrosClock.SYSTEM).run(archive, after, trades::publish, progress -> {
                trades.makeDurable();
                if (progress.lastId() >= 0) {
                    BackfillCommand.writeCheckpoint(checkpoint, progress.lastId());
                }
                System.err.printf(Locale.ROOT, "\r%s %5.1f%% (%,d trades, up to id %d)", name, 100 * progress.fraction(),
                        progress.published(), progress.lastId());
            });
            System.err.println();
            if (done.missing() > 0) {
                log.warn("{}: the file skips {} trade id(s) between its first and last trade; they are not in the archive",
                        name, done.missing());
            }
            log.info("{}: published {} {} trades with source \"archive\", up to id {}", name, done.published(),
                    archive.symbol(), done.lastId());
        } catch (ArchiveFormatException e) {
            System.err.println();
            throw new UserError(e.getMessage() + "; the trades before it are published, and a rerun resumes after the last checkpoint", ExitCodes.WORK_FAILED);
        } catch (IOException e) {
            System.err.println();
            throw new UserError("cannot read " + archive.file() + ": " + e.getMessage() + "; run the same command again to resume",
                    ExitCodes.WORK_FAILED);
        }
    }

    private static TradeArchive archive(Path file, Optional<String> symbol) {
        try {
            return TradeArchive.of(file, symbol);
        } catch (ArchiveFormatException e) {
            throw new UserError(e.getMessage());
        }
    }
}
