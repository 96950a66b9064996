package io.cryptopipe.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class TopicInitializerTest {
    private final List<NewTopic> requested = new ArrayList<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();

    @Test
    void createsTheTopicsWithTheConfiguredPartitionsAndReplication() {
        new TopicInitializer(3, (short) 1).ensureTopics(admin(), List.of("stock_trades", "stock_trades_dlq"), Duration.ofSeconds(5));

        assertThat(requested).containsExactly(
                new NewTopic("stock_trades", 3, (short) 1),
                new NewTopic("stock_trades_dlq", 3, (short) 1));
    }

    @Test
    void toleratesTopicsThatAlreadyExist() {
        failures.put("stock_trades", new TopicExistsException("Topic 'stock_trades' already exists."));

        new TopicInitializer(3, (short) 1).ensureTopics(admin(), List.of("stock_trades", "stock_trades_dlq"), Duration.ofSeconds(5));

        assertThat(requested).hasSize(2);
    }

    @Test
    void namesTheTopicThatCouldNotBeCreated() {
        failures.put("stock_trades_dlq", new PolicyViolationException("replication factor 1 is below the minimum 3"));

        assertThatThrownBy(() -> new TopicInitializer(3, (short) 1)
                .ensureTopics(admin(), List.of("stock_trades", "stock_trades_dlq"), Duration.ofSeconds(5)))
                .isInstanceOf(TopicInitializer.TopicSetupException.class)
                .hasMessage("Could not create Kafka topic stock_trades_dlq: replication factor 1 is below the minimum 3");
    }

    @Test
    void givesUpWhenTheBrokerDoesNotAnswerInTime() {
        Admin silent = adminAnswering(topics -> new KafkaFutureImpl<>());

        assertThatThrownBy(() -> new TopicInitializer(3, (short) 1)
                .ensureTopics(silent, List.of("stock_trades"), Duration.ofMillis(100)))
                .isInstanceOf(TopicInitializer.TopicSetupException.class)
                .hasMessage("Kafka did not confirm topic stock_trades within 0.1 s: is the broker reachable?");
    }

    /** An admin whose createTopics answers from {@link #failures}; nothing else is needed by the initializer. */
    private Admin admin() {
        return adminAnswering(topic -> {
            KafkaFutureImpl<CreateTopicsResult.TopicMetadataAndConfig> future = new KafkaFutureImpl<>();
            RuntimeException failure = failures.get(topic);
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
            return future;
        });
    }

    private Admin adminAnswering(java.util.function.Function<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> answer) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("createTopics")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    Collection<NewTopic> topics = (Collection<NewTopic>) args[0];
                    requested.addAll(topics);
                    Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> futures = new HashMap<>();
                    topics.forEach(topic -> futures.put(topic.name(), answer.apply(topic.name())));
                    return new CreateTopicsResult(futures) { };
                });
    }
}
