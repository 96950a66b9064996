package io.cryptopipe.app.connect;

import io.cryptopipe.app.warehouse.WarehouseFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Waits, on a clean stop, until the sink has loaded everything ingest published: a Connect worker stops without
 * draining its topics, so without this the last second of trades would only reach the warehouse at the next start.
 * It compares the topic's end offsets with the next offsets the sink committed in the warehouse.
 */
public final class SinkCatchUp {
    private static final Logger log = LoggerFactory.getLogger(SinkCatchUp.class);

    private final String bootstrapServers;
    private final String topic;
    private final WarehouseFile warehouse;

    public SinkCatchUp(String bootstrapServers, String topic, WarehouseFile warehouse) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.warehouse = warehouse;
    }

    /** @return true when the warehouse holds every record of the topic, false if the timeout came first */
    public boolean await(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<Integer, Long> ends = endOffsets(admin);
            long initially = behind(ends);
            if (initially == 0) {
                return true;
            }
            log.info("Waiting up to {} s for the sink to load the last {} trade(s) ...", timeout.toSeconds(), initially);
            long behind = initially;
            while (behind > 0) {
                if (System.nanoTime() > deadline) {
                    log.warn("The sink loaded {} of the last {} trade(s) in {} s; the other {} load at the next start",
                            initially - behind, initially, timeout.toSeconds(), behind);
                    return false;
                }
                Thread.sleep(100);
                behind = behind(ends);
            }
            log.info("The sink loaded the last {} trade(s) in {} ms", initially, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | SQLException | RuntimeException e) {
            log.warn("Could not check that the sink caught up: {}", e.getMessage());
            return false;
        }
    }

    private Map<Integer, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset()));
    }

    private long behind(Map<Integer, Long> ends) throws SQLException {
        Map<Integer, Long> loaded = new HashMap<>();
        try (Connection connection = warehouse.open(false);
             PreparedStatement statement = connection.prepareStatement(
                     "select \"partition\", next_offset from " + WarehouseFile.SCHEMA + ".cryptopipe_sink_offsets"
                             + " where topic = ? and table_name = '" + WarehouseSinkRegistration.RAW_TABLE + "'")) {
            statement.setString(1, topic);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    loaded.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return ends.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - loaded.getOrDefault(e.getKey(), 0L))).sum();
    }
}
