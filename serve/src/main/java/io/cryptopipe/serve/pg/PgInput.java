package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Reads frontend messages: the untyped startup packets first, then typed messages. */
final class PgInput {
    /** Larger messages are a client bug or an attack; PostgreSQL's own limit for most messages is 1 GB. */
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;
    private final DataInputStream in;

    PgInput(InputStream in) {
        this.in = new DataInputStream(new BufferedInputStream(in, 16 * 1024));
    }

    PgMessage readStartup() throws IOException {
        int length = in.readInt();
        if (length < 8 || length > 10_000) {
            throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "invalid startup packet length " + length);
        }
        return new PgMessage('\0', ByteBuffer.wrap(in.readNBytes(length - 4)));
    }

    PgMessage read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return new PgMessage(PgMessage.DISCONNECTED, ByteBuffer.allocate(0));
        }
        int length = in.readInt();
        if (length < 4 || length > MAX_MESSAGE) {
            throw new QueryRefused(SqlState.PROTOCOL_VIOLATION, "invalid message length " + length);
        }
        byte[] body = in.readNBytes(length - 4);
        if (body.length < length - 4) {
            return new PgMessage(PgMessage.DISCONNECTED, ByteBuffer.allocate(0));
        }
        return new PgMessage((char) type, ByteBuffer.wrap(body));
    }
}
