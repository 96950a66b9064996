package io.cryptopipe.serve.pg;

import io.cryptopipe.serve.guard.QueryRefused;
import io.cryptopipe.serve.guard.SqlState;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** One frontend message: its type byte (0 for the untyped startup packet) and its body, read field by field. */
record PgMessage(char type, ByteBuffer body) {
    static final char DISCONNECTED = '\uFFFF';

    String cstring() {
        int start = body.position();
        int end = start;
        while (end < body.limit() && body.get(end) != 0) {
            end++;
        }
        if (end == body.limit()) {
            throw malformed();
        }
        String value = new String(body.array(), body.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        body.position(end + 1);
        return value;
    }

    int int32() {
        try {
            return body.getInt();
        } catch (BufferUnderflowException e) {
            throw malformed();
        }
    }

    int int16() {
        try {
            return body.getShort();
        } catch (BufferUnderflowException e) {
            throw malformed();
        }
    }

    int int8() {
        try {
            return body.get();
        } catch (BufferUnderflowException e) {
            throw malformed();
        }
    }

    /** @return the next {@code length} bytes, or null for length -1 (SQL NULL) */
    byte[] bytes(int length) {
        if (length < 0) {
            return null;
        }
        if (length > body.remaining()) {
            throw malformed();
        }
        byte[] value = new byte[length];
        body.get(value);
        return value;
    }

    boolean hasRemaining() {
        return body.hasRemaining();
    }

    private QueryRefused malformed() {
        return new QueryRefused(SqlState.PROTOCOL_VIOLATION, "malformed '" + type + "' message");
    }
}
