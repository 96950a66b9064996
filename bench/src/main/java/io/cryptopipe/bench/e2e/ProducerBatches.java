package io.cryptopipe.bench.e2e;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The batches ingest's producer sent, from its own metrics: Kafka keeps them as rates over its last sample windows
 * (about the last minute). With LZ4 every batch allocates its block buffers whatever it holds, so batches a second,
 * not trades, set that part of the garbage.
 *
 * @param perSecond   batches sent a second
 * @param averageBytes the average batch as sent, compressed
 * @param averageRecords trades in the average batch
 */
public record ProducerBatches(double perSecond, double averageBytes, double averageRecords) {
    static final ProducerBatches UNKNOWN = new ProducerBatches(0, 0, 0);

    /** UNKNOWN when the producer has not registered its metrics (no trade sent yet, or JMX reporting turned off). */
    static ProducerBatches of(String clientId, String topic) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName producer = new ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId);
            ObjectName perTopic = new ObjectName("kafka.producer:type=producer-topic-metrics,client-id=" + clientId
                    + ",topic=" + topic);
            if (!server.isRegistered(producer) || !server.isRegistered(perTopic)) {
                return UNKNOWN;
            }
            double batchBytes = number(server.getAttribute(producer, "batch-size-avg"));
            double byteRate = number(server.getAttribute(perTopic, "byte-rate"));
            double recordRate = number(server.getAttribute(perTopic, "record-send-rate"));
            if (!(batchBytes > 0) || !(byteRate > 0)) {
                return UNKNOWN;
            }
            double batches = byteRate / batchBytes;
            return new ProducerBatches(batches, batchBytes, recordRate / batches);
        } catch (JMException e) {
            return UNKNOWN;
        }
    }

    private static double number(Object attribute) {
        return attribute instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
