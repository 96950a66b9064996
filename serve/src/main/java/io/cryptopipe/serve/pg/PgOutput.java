package io.cryptopipe.serve.pg;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes backend messages through one buffer; {@link #flush()} sends them, which happens when the client waits for an
 * answer (ReadyForQuery, Flush, authentication steps) and whenever the buffer fills while rows stream.
 */
final class PgOutput {
    private final OutputStream out;
    private final PgBuffer body = new PgBuffer(8192);

    PgOutput(OutputStream socket) {
        this.out = new BufferedOutputStream(socket, 64 * 1024);
    }

    /** The reusable body of the next message; call {@link #send(char)} when it is written. */
    PgBuffer body() {
        return body.clear();
    }

    void send(char type) throws IOException {
        out.write(type);
        int length = body.size() + 4;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(body.array(), 0, body.size());
    }

    void rawByte(char value) throws IOException {
        out.write(value);
    }

    void flush() throws IOException {
        out.flush();
    }

    void authentication(int code, byte[] data) throws IOException {
        PgBuffer b = body().int32(code);
        if (data != null) {
            b.bytes(data);
        }
        send('R');
    }

    void parameterStatus(String name, String value) throws IOException {
        body().cstring(name).cstring(value);
        send('S');
    }

    void backendKeyData(int processId, int secret) throws IOException {
        body().int32(processId).int32(secret);
        send('K');
    }

    void readyForQuery(char status) throws IOException {
        body().int8(status);
        send('Z');
        flush();
    }

    void commandComplete(String tag) throws IOException {
        body().cstring(tag);
        send('C');
    }

    void emptyQuery() throws IOException {
        body();
        send('I');
    }

    void parseComplete() throws IOException {
        body();
        send('1');
    }

    void bindComplete() throws IOException {
        body();
        send('2');
    }

    void closeComplete() throws IOException {
        body();
        send('3');
    }

    void noData() throws IOException {
        body();
        send('n');
    }

    void portalSuspended() throws IOException {
        body();
        send('s');
    }

    void parameterDescription(int[] typeOids) throws IOException {
        PgBuffer b = body().int16(typeOids.length);
        for (int oid : typeOids) {
            b.int32(oid);
        }
        send('t');
    }

    void rowDescription(List<PgColumn> columns, short[] formats) throws IOException {
        PgBuffer b = body().int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            PgColumn column = columns.get(i);
            b.cstring(column.name()).int32(0).int16(0).int32(column.type().oid()).int16(column.type().length())
                    .int32(column.typeModifier()).int16(formats == null ? 0 : formats[i]);
        }
        send('T');
    }

    /** ErrorResponse ('E') or, for severity NOTICE/WARNING, NoticeResponse ('N'). */
    void error(String severity, String sqlState, String message) throws IOException {
        body().int8('S').cstring(severity).int8('V').cstring(severity).int8('C').cstring(sqlState)
                .int8('M').cstring(message).int8(0);
        send('E');
    }
}
