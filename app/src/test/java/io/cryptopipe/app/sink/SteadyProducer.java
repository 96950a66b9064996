package io.cryptopipe.app.sink;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Sends small trade-shaped JSON records at a steady rate on its own thread until closed. */
final class SteadyProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int recordsPerTick;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param recordsPerTick records sent every 10 ms */
    SteadyProducer(String bootstrapServers, String topic, int recordsPerTick) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", "5"),
                new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.recordsPerTick = recordsPerTick;
        this.thread = new Thread(this::run, "steady-producer");
        thread.start();
    }

    long sent() {
        return sent.get();
    }

    private void run() {
        long seq = 0;
        while (running) {
            for (int i = 0; i < recordsPerTick; i++, seq++) {
                String symbol = "SYM" + (seq % 7);
                producer.send(new ProducerRecord<>(topic, symbol,
                        "{\"symbol\":\"" + symbol + "\",\"trade_id\":" + seq + ",\"price\":\"1.50000000\"}"), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        sent.incrementAndGet();
                    }
                });
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sending and waits until every record sent so far is acknowledged. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
        producer.close();
        if (failure.get() != null) {
            throw new IllegalStateException("a record could not be produced", failure.get());
        }
    }
}
