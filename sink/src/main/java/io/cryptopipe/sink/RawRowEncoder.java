package io.cryptopipe.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into the two JSON columns Snowflake's Kafka connector writes: RECORD_METADATA with
 * Snowflake's key names, and RECORD_CONTENT holding the value exactly as produced.
 */
final class RawRowEncoder {

    private static final int MAX_QUOTED_CHARS = 80;

    private final ObjectMapper mapper = new ObjectMapper();
    // One generator writes every record's metadata, each object a root value taken out of the buffer: creating a
    // generator per record cost more than writing the object. A generator that failed mid-object is replaced.
    private final ByteArrayBuilder metadataBuffer = new ByteArrayBuilder(256);
    private JsonGenerator metadataJson;

    /**
     * @param loadedAtMillis when the sink took the record, Snowflake's "connector push time"
     * @throws DataException if the value is not a JSON object; the message says why
     */
    RawRow encode(SinkRecord record, long loadedAtMillis) {
        return new RawRow(record.topic(), record.kafkaPartition(), record.kafkaOffset(), metadata(record, loadedAtMillis),
                content(record.value()));
    }

    private byte[] content(Object value) {
        if (value == null) {
            throw new DataException("value is null (a tombstone); the raw table holds JSON objects only");
        }
        if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            requireJsonObject(bytes);
            return bytes;
        }
        if (value instanceof byte[] bytes) {
            requireUtf8(bytes);
            requireJsonObject(bytes);
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return mapper.writeValueAsBytes(map);
            } catch (JsonProcessingException e) {
                throw new DataException("value map cannot be written as JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (value instanceof Struct) {
            throw new DataException("value is a Connect Struct; configure value.converter="
                    + "org.apache.kafka.connect.converters.ByteArrayConverter so the JSON text arrives unchanged");
        }
        throw new DataException("value of type " + value.getClass().getName() + " is not a JSON object");
    }

    /** The producer's text is kept byte for byte; parsing only proves it is one complete JSON object. */
    private void requireJsonObject(byte[] text) {
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new DataException("value is not a JSON object: " + quote(text));
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new DataException("value has content after its JSON object: " + quote(text));
            }
        } catch (JsonProcessingException e) {
            throw new DataException("value is not valid JSON (" + e.getOriginalMessage() + "): " + quote(text), e);
        } catch (IOException e) {
            throw new DataException("value cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    private byte[] metadata(SinkRecord record, long loadedAtMillis) {
        metadataBuffer.reset();
        try {
            if (metadataJson == null) {
                metadataJson = mapper.createGenerator(metadataBuffer, JsonEncoding.UTF8).setRootValueSeparator(null);
            }
            JsonGenerator json = metadataJson;
            json.writeStartObject();
            json.writeStringField("topic", record.topic());
            json.writeNumberField("partition", record.kafkaPartition());
            json.writeNumberField("offset", record.kafkaOffset());
            if (record.key() != null) {
                json.writeFieldName("key");
                writeLoose(json, record.key());
            }
            if (record.timestamp() != null && record.timestampType() != TimestampType.NO_TIMESTAMP_TYPE) {
                // TimestampType's names are Snowflake's field names: CreateTime or LogAppendTime.
                json.writeNumberField(record.timestampType().name, record.timestamp());
            }
            if (!record.headers().isEmpty()) {
                writeHeaders(json, record);
            }
            json.writeNumberField("LoadedAt", loadedAtMillis);
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            metadataJson = null;
            throw new DataException("record metadata cannot be written as JSON: " + e.getMessage(), e);
        }
        return metadataBuffer.toByteArray();
    }

    /** A repeated header name keeps its last value, so the object never carries duplicate keys. */
    private void writeHeaders(JsonGenerator json, SinkRecord record) throws IOException {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            json.writeFieldName(header.getKey());
            writeLoose(json, header.getValue());
        }
        json.writeEndObject();
    }

    /** Keys and headers are usually text; other types keep their JSON shape where they have one. */
    private void writeLoose(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof byte[] bytes) {
            json.writeString(new String(bytes, StandardCharsets.UTF_8));
        } else if (value instanceof Number || value instanceof Boolean || value instanceof Map || value instanceof List) {
            json.writeObject(value);
        } else {
            json.writeString(value.toString());
        }
    }

    /**
     * The JSON parser skips string contents without checking every byte, and the raw table holds text. ASCII, which
     * is all the trades topic carries, is UTF-8 as it stands: only other text pays for a decoder and its buffer.
     */
    private static void requireUtf8(byte[] bytes) {
        if (isAscii(bytes)) {
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new DataException("value bytes are not UTF-8 text", e);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String quote(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String shown = text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
        return '"' + shown + '"';
    }
}
