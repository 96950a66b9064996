package io.cryptopipe.serve.pg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer in network order, in which one backend message body is built before it is sent. */
final class PgBuffer {
    private byte[] bytes;
    private int size;

    PgBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    PgBuffer clear() {
        size = 0;
        return this;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    PgBuffer int8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    PgBuffer int16(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    PgBuffer int32(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
        return this;
    }

    PgBuffer int64(long value) {
        int32((int) (value >>> 32));
        return int32((int) value);
    }

    PgBuffer bytes(byte[] value) {
        return bytes(value, 0, value.length);
    }

    PgBuffer bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
        return this;
    }

    PgBuffer cstring(String value) {
        bytes(value.getBytes(StandardCharsets.UTF_8));
        return int8(0);
    }

    /** Reserves a 4-byte length, to be filled by {@link #patchLength(int)} once the value is written. */
    int reserveLength() {
        int at = size;
        int32(0);
        return at;
    }

    void patchLength(int at) {
        int length = size - at - 4;
        bytes[at] = (byte) (length >>> 24);
        bytes[at + 1] = (byte) (length >>> 16);
        bytes[at + 2] = (byte) (length >>> 8);
        bytes[at + 3] = (byte) length;
    }

    /** Writes a value as UTF-8 with its 4-byte length prefix, without an intermediate byte array for ASCII text. */
    PgBuffer lengthPrefixedText(CharSequence text) {
        int at = reserveLength();
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                size = at + 4;
                bytes(text.toString().getBytes(StandardCharsets.UTF_8));
                break;
            }
            bytes[size++] = (byte) c;
        }
        patchLength(at);
        return this;
    }
}
