package io.cryptopipe.serve.pg;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Backend messages as bytes on the wire and frontend messages read back from them. */
class PgMessageCodecTest {
    @Test
    void readyForQueryIsTypeLengthAndStatus() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new PgOutput(bytes).readyForQuery('I');
        assertThat(bytes.toByteArray()).containsExactly('Z', 0, 0, 0, 5, 'I');
    }

    @Test
    void errorResponseCarriesSeveritySqlStateAndMessage() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PgOutput out = new PgOutput(bytes);
        out.error("ERROR", "25006", "read-only");
        out.flush();
        String body = new String(bytes.toByteArray(), 5, bytes.size() - 5, StandardCharsets.UTF_8);
        assertThat(bytes.toByteArray()[0]).isEqualTo((byte) 'E');
        assertThat(body).isEqualTo("SERROR\0VERROR\0C25006\0Mread-only\0\0");
    }

    @Test
    void rowDescriptionAnnouncesOidsLengthsAndFormats() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PgOutput out = new PgOutput(bytes);
        out.rowDescription(List.of(new PgColumn("price", PgType.NUMERIC, (38 << 16 | 8) + 4)), new short[]{1});
        out.flush();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(in.readByte()).isEqualTo((byte) 'T');
        in.readInt();
        assertThat(in.readShort()).isEqualTo((short) 1);
        assertThat(new String(in.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("price\0");
        assertThat(in.readInt()).isZero();
        assertThat(in.readShort()).isZero();
        assertThat(in.readInt()).isEqualTo(1700);
        assertThat(in.readShort()).isEqualTo((short) -1);
        assertThat(in.readInt()).isEqualTo((38 << 16 | 8) + 4);
        assertThat(in.readShort()).isEqualTo((short) 1);
    }

    @Test
    void frontendMessagesAreReadFieldByField() throws IOException {
        byte[] parse = {'P', 0, 0, 0, 19, 's', '1', 0, 's', 'e', 'l', ' ', '1', 0, 0, 1, 0, 0, 0, 23};
        PgMessage message = new PgInput(new ByteArrayInputStream(parse)).read();
        assertThat(message.type()).isEqualTo('P');
        assertThat(message.cstring()).isEqualTo("s1");
        assertThat(message.cstring()).isEqualTo("sel 1");
        assertThat(message.int16()).isEqualTo(1);
        assertThat(message.int32()).isEqualTo(23);
    }

    @Test
    void theEndOfTheStreamIsADisconnect() throws IOException {
        assertThat(new PgInput(new ByteArrayInputStream(new byte[0])).read().type()).isEqualTo(PgMessage.DISCONNECTED);
    }

    @Test
    void nonAsciiTextIsLengthPrefixedUtf8() {
        PgBuffer buffer = new PgBuffer(4).lengthPrefixedText("pä");
        assertThat(buffer.size()).isEqualTo(4 + 3);
        assertThat(buffer.array()[3]).isEqualTo((byte) 3);
    }
}
