package io.cryptopipe.sink;

import java.sql.SQLException;

/**
 * A write whose commit returned but whose rows or offsets were not all found afterwards, or could not be looked for.
 * Unlike other failed writes it may have committed something; retrying it replaces whatever that was.
 */
final class UnconfirmedWriteException extends SQLException {

    UnconfirmedWriteException(String message) {
        super(message);
    }

    UnconfirmedWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
