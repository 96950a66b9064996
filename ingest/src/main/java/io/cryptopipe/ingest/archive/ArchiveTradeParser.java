package io.cryptopipe.ingest.archive;

import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.trade.Decimals;
import io.cryptopipe.ingest.trade.EpochTimes;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;

/**
 * One line of a data.binance.vision spot {@code trades} file: {@code id,price,qty,quoteQty,time,isBuyerMaker,isBestMatch},
 * no header, booleans as {@code True}/{@code False}, times in epoch milliseconds before 2025-01-01 and microseconds
 * from then on (told apart by their size, as for the stream).
 */
public final class ArchiveTradeParser {
    private static final int FIELDS = 7;

    private final String symbol;
    private final MicrosClock clock;

    public ArchiveTradeParser(String symbol, MicrosClock clock) {
        this.symbol = symbol;
        this.clock = clock;
    }

    /** @throws ArchiveFormatException naming the line and the field that is wrong */
    public Trade parse(String line, long lineNumber) throws ArchiveFormatException {
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            throw wrong(lineNumber, "has " + fields.length + " fields, expected " + FIELDS
                    + " (id,price,qty,quoteQty,time,isBuyerMaker,isBestMatch)");
        }
        long id = number(fields[0], "id", lineNumber);
        String price = decimal(fields[1], "price", lineNumber);
        String quantity = decimal(fields[2], "qty", lineNumber);
        long micros = EpochTimes.toMicros(number(fields[4], "time", lineNumber));
        if (micros < 0) {
            throw wrong(lineNumber, "time " + fields[4] + " is neither epoch milliseconds nor microseconds");
        }
        boolean buyerMaker = bool(fields[5], lineNumber);
        return new Trade("binance", symbol, id, price, quantity, buyerMaker, micros, micros, clock.nowMicros(),
                TradeSource.ARCHIVE);
    }

    private static long number(String text, String name, long lineNumber) throws ArchiveFormatException {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw wrong(lineNumber, name + " " + text + " is negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw wrong(lineNumber, name + " \"" + text + "\" is not a whole number");
        }
    }

    private static String decimal(String text, String name, long lineNumber) throws ArchiveFormatException {
        String value = text.strip();
        if (!Decimals.isPlainNonNegative(value)) {
            throw wrong(lineNumber, name + " \"" + text + "\" is not a plain decimal");
        }
        return value;
    }

    private static boolean bool(String text, long lineNumber) throws ArchiveFormatException {
        String value = text.strip();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw wrong(lineNumber, "isBuyerMaker \"" + text + "\" is neither True nor False");
    }

    private static ArchiveFormatException wrong(long lineNumber, String what) {
        return new ArchiveFormatException("line " + lineNumber + ": " + what);
    }
}
