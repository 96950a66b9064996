package io.cryptopipe.app.runtime;

/**
 * Where the warehouse's append-only tables ({@code silver_trades}, {@code fact_trades}) stand at one moment.
 *
 * @param builds     which build of the tables this is (DuckDB's table ids): a full refresh makes new ones, and a
 *                   reopened file numbers them anew, so a changed value means "rows below the position may be new"
 * @param lastRawRow the highest raw row position both tables hold
 */
public record AppendedTables(String builds, long lastRawRow) {
}
