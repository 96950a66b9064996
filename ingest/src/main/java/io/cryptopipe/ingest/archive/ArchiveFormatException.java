package io.cryptopipe.ingest.archive;

/** A trades archive that cannot be read as Binance publishes it; the message names the file and, where known, the line. */
public final class ArchiveFormatException extends Exception {
    public ArchiveFormatException(String message) {
        super(message);
    }

    public ArchiveFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
