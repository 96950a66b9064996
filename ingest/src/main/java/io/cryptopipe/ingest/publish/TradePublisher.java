package io.cryptopipe.ingest.publish;

import io.cryptopipe.ingest.feed.ReceivedFrame;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends parsed trades to the trades topic (key: symbol, value: {@link TradeJson}) and unreadable frames to the
 * dead-letter topic (value: the raw frame, headers: {@link ErrorHeaders}).
 *
 * <p>A failed send is logged (at most one line per {@value #ERROR_LOG_INTERVAL_SECONDS} s, with a count) and counted;
 * the producer keeps going. An error the producer cannot recover from (lost authorisation, fencing, a closed producer)
 * is fatal: it is reported once to the listener given at construction and every later frame is dropped and counted.
 */
public final class TradePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TradePublisher.class);
    private static final long ERROR_LOG_INTERVAL_SECONDS = 10;
    /**
     * Marks a trade published after newer ones of its symbol (a gap filled late, a backfill): the topic's tail then
     * does not say where the symbol's stream stands, and {@code TopicResumePoints} reads past such records.
     */
    public static final String GAP_FILL_HEADER = "cryptopipe.gap-fill";
    private static final byte[] GAP_FILL_VALUE = {'1'};

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String dlqTopic;
    private final Consumer<String> onFatal;
    private final TradeJson tradeJson = new TradeJson();
    private final LongAdder published = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final AtomicReference<String> fatalError = new AtomicReference<>();
    private final Callback tradeSent = this::tradeSent;
    private final Callback deadLetterSent = this::deadLetterSent;
    private long lastErrorLogNanos;
    private long unloggedErrors;
    private boolean errorLogged;
    private boolean closed;

    /** @param onFatal told once, with a one-line reason, when the producer can no longer send */
    public TradePublisher(Producer<byte[], byte[]> producer, String topic, String dlqTopic, Consumer<String> onFatal) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.dlqTopic = Objects.requireNonNull(dlqTopic, "dlqTopic");
        this.onFatal = Objects.requireNonNull(onFatal, "onFatal");
    }

    public void publish(ParseResult result, ReceivedFrame frame) {
        if (fatalError.get() != null) {
            sendErrors.increment();
            return;
        }
        if (result instanceof ParseResult.Parsed parsed) {
            send(tradeRecord(parsed.trade()), tradeSent);
        } else if (result instanceof ParseResult.Malformed bad) {
            malformed.increment();
            send(deadLetterRecord(frame, bad.reason()), deadLetterSent);
        } else {
            ignored.increment();
        }
    }

    /** Sends a trade that did not come from a frame (a backfilled one) or was already parsed and sequenced. */
    public void publishTrade(Trade trade) {
        if (fatalError.get() != null) {
            sendErrors.increment();
            return;
        }
        send(tradeRecord(trade), tradeSent);
    }

    /** Sends a trade filled out of id order, marked with {@link #GAP_FILL_HEADER}. */
    public void publishGapFill(Trade trade) {
        if (fatalError.get() != null) {
            sendErrors.increment();
            return;
        }
        ProducerRecord<byte[], byte[]> record = tradeRecord(trade);
        record.headers().add(GAP_FILL_HEADER, GAP_FILL_VALUE);
        send(record, tradeSent);
    }

    /** Waits until everything sent so far is acknowledged (or has failed and been counted). */
    public void makeDurable() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            LOG.warn("Kafka flush failed: {}", describe(e));
        }
    }

    public PublishCounts counts() {
        return new PublishCounts(published.sum(), ignored.sum(), malformed.sum(), sendErrors.sum());
    }

    /** Why the producer stopped for good, if it did. */
    public Optional<String> fatalError() {
        return Optional.ofNullable(fatalError.get());
    }

    ProducerRecord<byte[], byte[]> tradeRecord(Trade trade) {
        return new ProducerRecord<>(topic, trade.streamKey().getBytes(StandardCharsets.UTF_8), tradeJson.toJsonBytes(trade));
    }

    ProducerRecord<byte[], byte[]> deadLetterRecord(ReceivedFrame frame, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ErrorHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ErrorHeaders.SOURCE, frame.source().toString().getBytes(StandardCharsets.UTF_8));
        // No key: a frame we cannot read has no symbol we could trust.
        byte[] noKey = null;
        return new ProducerRecord<>(dlqTopic, null, noKey, frame.text().getBytes(StandardCharsets.UTF_8), headers);
    }

    private void send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        try {
            producer.send(record, callback);
        } catch (KafkaException | IllegalStateException e) {
            sendFailed(e);
        }
    }

    private void tradeSent(Object metadata, Exception error) {
        if (error == null) {
            published.increment();
        } else {
            sendFailed(error);
        }
    }

    private void deadLetterSent(Object metadata, Exception error) {
        if (error != null) {
            sendFailed(error);
        }
    }

    private void sendFailed(Exception error) {
        sendErrors.increment();
        if (isFatal(error)) {
            String reason = "Kafka producer cannot continue (" + describe(error) + "); ingest stopped";
            if (fatalError.compareAndSet(null, reason)) {
                LOG.error(reason);
                onFatal.accept(reason);
            }
            return;
        }
        logThrottled(error);
    }

    private synchronized void logThrottled(Exception error) {
        long now = System.nanoTime();
        if (errorLogged && now - lastErrorLogNanos < ERROR_LOG_INTERVAL_SECONDS * 1_000_000_000L) {
            unloggedErrors++;
            return;
        }
        String suppressed = unloggedErrors == 0 ? "" : " (" + unloggedErrors + " more since the last report)";
        LOG.warn("Kafka send failed: {}{}", describe(error), suppressed);
        errorLogged = true;
        lastErrorLogNanos = now;
        unloggedErrors = 0;
    }

    private static boolean isFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException
                    || t instanceof ProducerFencedException || t instanceof OutOfOrderSequenceException
                    || t instanceof UnsupportedVersionException || t instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getSimpleName() : error.getClass().getSimpleName() + ": " + message;
    }

    /** Sends everything accepted so far, waiting up to {@code timeout}, then releases the producer. Idempotent. */
    public void close(Duration timeout) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            producer.flush();
        } catch (KafkaException e) {
            LOG.warn("Kafka flush failed on close: {}", describe(e));
        }
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
