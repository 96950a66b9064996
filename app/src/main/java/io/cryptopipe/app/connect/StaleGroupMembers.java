package io.cryptopipe.app.connect;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group members that a run killed without leaving (crash, kill -9) left behind in the embedded broker. The broker keeps
 * a member until its session expires, and the next rebalance waits for it: the sink's consumer group for 45 s (the
 * consumer's default session). Nothing of the previous run is alive once this process's broker holds the log (the data
 * dir's lock file admits one pipeline), so the sink group's members are removed at once. Connect's worker group speaks
 * another protocol, which the Admin API cannot remove members from, so a worker that finds its group occupied forms a
 * new group instead: the group holds no state (configs, offsets and statuses live in the cluster's topics, which keep
 * their names), and the dead member's group empties when its session expires.
 * Correctness does not depend on any of this: the sink resumes from the offsets stored in the warehouse.
 */
public final class StaleGroupMembers {
    private static final Logger log = LoggerFactory.getLogger(StaleGroupMembers.class);

    private final String bootstrapServers;

    public StaleGroupMembers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Call before the worker starts: removes the sink group's members, and returns the worker group to join: {@code
     * workerGroup} when it is empty, otherwise a new group named after it.
     */
    public String release(String workerGroup, String sinkConnector, Duration timeout) {
        String sinkGroup = sinkGroup(sinkConnector);
        String group = workerGroup;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            // Described, not listed: right after a crash the coordinator is still loading the groups, and a listing
            // leaves out what it has not loaded, where a description waits for it.
            if (members(admin, workerGroup, timeout) > 0) {
                group = workerGroup + "-" + Long.toString(System.currentTimeMillis(), 36);
                log.info("The previous run's Connect worker is still in group {} (it did not stop cleanly): this worker"
                        + " forms group {} rather than wait up to {} s for that member's session to expire", workerGroup,
                        group, EmbeddedConnectWorker.SESSION_TIMEOUT.toSeconds());
            }
            if (members(admin, sinkGroup, timeout) > 0) {
                log.info("The previous run's sink is still in consumer group {} (it did not stop cleanly): removing it,"
                        + " so the new sink gets its partitions at once", sinkGroup);
                admin.removeMembersFromConsumerGroup(sinkGroup, new RemoveMembersFromConsumerGroupOptions())
                        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not release the previous run's group members ({}): the new worker or sink waits for their"
                    + " sessions to expire instead", e.getMessage());
        }
        return group;
    }

    /** Connect's default: a sink connector's consumers share the group {@code connect-<connector name>}. */
    private static String sinkGroup(String sinkConnector) {
        return "connect-" + sinkConnector;
    }

    private static int members(Admin admin, String group, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            ClassicGroupDescription description = admin.describeClassicGroups(List.of(group)).describedGroups().get(group)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return description.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }
}
