package io.cryptopipe.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Sink records as the worker hands them over with StringConverter: key the symbol, value one normalised trade
 * from stock_trades.jsonl (real Binance trades in the topic's format).
 */
final class TradeRecords {

    static final String TOPIC = "stock_trades";
    static final long CREATE_TIME = 1_790_649_901_950L;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> TRADES = load();

    private TradeRecords() {
    }

    static String trade(long offset) {
        return TRADES.get((int) (offset % TRADES.size()));
    }

    static SinkRecord record(int partition, long offset) {
        String value = trade(offset);
        return withValue(partition, offset, symbolOf(value), value);
    }

    static SinkRecord withValue(int partition, long offset, String key, Object value) {
        return new SinkRecord(TOPIC, partition, Schema.OPTIONAL_STRING_SCHEMA, key, Schema.OPTIONAL_STRING_SCHEMA,
                value, offset, CREATE_TIME + offset, TimestampType.CREATE_TIME, new ConnectHeaders());
    }

    /** A trade record as it would arrive from another topic. */
    static SinkRecord onTopic(String topic, int partition, long offset) {
        String value = trade(offset);
        return new SinkRecord(topic, partition, Schema.OPTIONAL_STRING_SCHEMA, symbolOf(value), Schema.OPTIONAL_STRING_SCHEMA,
                value, offset, CREATE_TIME + offset, TimestampType.CREATE_TIME, new ConnectHeaders());
    }

    static List<SinkRecord> records(int partition, long fromOffset, long toOffsetInclusive) {
        return java.util.stream.LongStream.rangeClosed(fromOffset, toOffsetInclusive)
                .mapToObj(offset -> record(partition, offset))
                .toList();
    }

    private static String symbolOf(String trade) {
        try {
            return MAPPER.readTree(trade).get("symbol").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> load() {
        try (InputStream in = TradeRecords.class.getResourceAsStream("/stock_trades.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
