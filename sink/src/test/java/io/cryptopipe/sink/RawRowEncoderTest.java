package io.cryptopipe.sink;

import static io.cryptopipe.sink.TradeRecords.record;
import static io.cryptopipe.sink.TradeRecords.withValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RawRowEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawRowEncoder encoder = new RawRowEncoder();

    @Test
    void eachRecordGetsMetadataOfItsOwnAndItsValueByteForByte() throws Exception {
        RawRow first = encoder.encode(record(0, 7), 1_000);
        RawRow second = encoder.encode(record(2, 8), 2_000);

        assertThat(metadata(first).get("offset").asLong()).isEqualTo(7);
        assertThat(metadata(first).get("LoadedAt").asLong()).isEqualTo(1_000);
        assertThat(metadata(second).get("partition").asInt()).isEqualTo(2);
        assertThat(metadata(second).get("offset").asLong()).isEqualTo(8);
        assertThat(new String(second.metadata(), StandardCharsets.UTF_8)).startsWith("{").endsWith("}");
        assertThat(new String(second.content(), StandardCharsets.UTF_8)).isEqualTo(TradeRecords.trade(8));
    }

    @Test
    void aRecordWhoseMetadataCannotBeWrittenLeavesTheNextRecordsMetadataWhole() throws Exception {
        SinkRecord unwritableKey = new SinkRecord(TradeRecords.TOPIC, 0, Schema.OPTIONAL_STRING_SCHEMA,
                Map.of("k", new Object()), Schema.OPTIONAL_STRING_SCHEMA, TradeRecords.trade(1), 1);
        assertThatThrownBy(() -> encoder.encode(unwritableKey, 1_000)).isInstanceOf(DataException.class)
                .hasMessageContaining("record metadata cannot be written as JSON");

        RawRow next = encoder.encode(record(0, 2), 2_000);

        assertThat(metadata(next).get("offset").asLong()).isEqualTo(2);
        assertThat(metadata(next).has("k")).isFalse();
    }

    @Test
    void byteValuesAsByteArrayConverterHandsThemOverAreStoredByteForByte() {
        byte[] trade = TradeRecords.trade(5).getBytes(StandardCharsets.UTF_8);

        assertThat(encoder.encode(withBytes(5, trade), 1_000).content()).isEqualTo(trade);
    }

    @Test
    void byteValuesOfUtf8TextBeyondAsciiAreStoredByteForByte() {
        byte[] utf8 = "{\"symbol\":\"CAF\u00c9\",\"note\":\"\u20ac\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(encoder.encode(withBytes(6, utf8), 1_000).content()).isEqualTo(utf8);
    }

    @Test
    void byteValuesThatAreNotUtf8AreRejected() {
        byte[] latin1 = "{\"symbol\":\"CAF\u00c9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> encoder.encode(withBytes(3, latin1), 1_000)).isInstanceOf(DataException.class)
                .hasMessage("value bytes are not UTF-8 text");
    }

    @Test
    void aValueWithTextAfterItsObjectIsRejectedQuotingIt() {
        SinkRecord record = withValue(0, 4, "BTCUSDT", "{\"a\":1} {\"b\":2}");

        assertThatThrownBy(() -> encoder.encode(record, 1_000)).isInstanceOf(DataException.class)
                .hasMessage("value has content after its JSON object: \"{\"a\":1} {\"b\":2}\"");
    }

    /** A record as Connect's ByteArrayConverter hands it over: the value's bytes as produced, no schema. */
    private static SinkRecord withBytes(long offset, byte[] value) {
        return new SinkRecord(TradeRecords.TOPIC, 0, null, null, null, value, offset, 1L, TimestampType.CREATE_TIME,
                new ConnectHeaders());
    }

    private static JsonNode metadata(RawRow row) throws Exception {
        return JSON.readTree(row.metadata());
    }
}
