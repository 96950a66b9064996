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
 * consumer's default session). Nothing of the previous run is alive once this process's broker holds the log, so the
 * sink group's members are removed at once. Connect's worker group speaks another protocol, which the Admin API cannot
 * remove members from; its short session ({@link EmbeddedConnectWorker#SESSION_TIMEOUT}) bounds that wait.
 * Correctness does not depend on any of this: the sink resumes from the offsets stored in the warehouse.
 */
public final class StaleGroupMembers {
    private static final Logger log = LoggerFactory.getLogger(StaleGroupMembers.class);

    private final String bootstrapServers;

    public StaleGroupMembers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Call before the worker starts: removes the sink group's members and says what the worker will wait for. */
    public void release(String workerGroup, String sinkConnector, Duration timeout) {
        String sinkGroup = sinkGroup(sinkConnector);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            if (members(admin, workerGroup, timeout) > 0) {
                log.info("The previous run's Connect worker is still in group {} (it did not stop cleanly): the new worker"
                        + " joins once that member's session expires (up to {} s) ...", workerGroup,
                        EmbeddedConnectWorker.SESSION_TIMEOUT.toSeconds());
            }
            int sinkMembers = members(admin, sinkGroup, timeout);
            if (sinkMembers > 0) {
                log.info("The previous run's sink is still in consumer group {} (it did not stop cleanly): removing it,"
                        + " so the new sink gets its partitions at once", sinkGroup);
                admin.removeMembersFromConsumerGroup(sinkGroup, new RemoveMembersFromConsumerGroupOptions())
                        .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("Could not remove the previous run's sink from consumer group {} ({}): the new sink waits for its"
                    + " session to expire instead", sinkGroup, e.getMessage());
        }
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
