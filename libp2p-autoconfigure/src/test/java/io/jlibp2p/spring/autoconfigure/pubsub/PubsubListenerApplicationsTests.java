package io.jlibp2p.spring.autoconfigure.pubsub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.StringValue;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import io.jlibp2p.protocol.pubsub.MessageId;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubTopic;
import io.jlibp2p.swarm.Swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring applications with {@link PubsubListener} methods: the topics are subscribed
 * at start and left at stop; a publisher's {@link PubsubTemplate} sends records (as
 * JSON), strings and protobuf messages, and each listener gets its own conversion, its
 * condition applied, a throwing listener counted and logged without keeping messages from
 * the others, and {@code @EventListener}s as before.
 */
class PubsubListenerApplicationsTests {

	private static final List<String> TOPICS = List.of("orders", "notes", "proto");

	@TempDir
	Path directory;

	private ConfigurableApplicationContext alice;

	private ConfigurableApplicationContext bob;

	@AfterEach
	void close() {
		if (this.alice != null) {
			this.alice.close();
		}
		if (this.bob != null) {
			this.bob.close();
		}
	}

	private ConfigurableApplicationContext start(String name, Class<?> application) {
		return new SpringApplication(application).run("--spring.main.web-application-type=none",
				"--libp2p.identity.key-file=" + this.directory.resolve(name + ".key"));
	}

	@Test
	void listenersGetConvertedPayloadsTheirConditionAndTheirFailuresCounted() {
		this.alice = start("alice", Application.class);
		this.bob = start("bob", Application.class);
		Swarm bobSwarm = this.bob.getBean(Swarm.class);
		this.alice.getBean(Swarm.class).dial(bobSwarm.listenAddresses().get(0).withPeerId(bobSwarm.localPeer())).join();
		assertThat(subscribed(this.bob)).containsAll(TOPICS);
		Pubsub alicePubsub = this.alice.getBean(Pubsub.class);
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> alicePubsub.topics()
				.stream()
				.filter((topic) -> TOPICS.contains(topic.topic()))
				.allMatch((topic) -> topic.peers().contains(bobSwarm.localPeer())));

		PubsubTemplate template = this.alice.getBean(PubsubTemplate.class);
		MessageId small = template.publish("orders", new Order("o-1", 3)).join();
		template.publish("orders", new Order("o-2", 30)).join();
		template.publish("notes", "hello").join();
		template.publish("proto", StringValue.of("protobuf")).join();
		template.publish("orders", "not an order".getBytes(StandardCharsets.UTF_8)).join();

		Listeners bob = this.bob.getBean(Listeners.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> bob.events.size() == 5);
		assertThat(bob.orders).containsExactly(new Order("o-1", 3), new Order("o-2", 30));
		assertThat(bob.orderIds).first().isEqualTo(small);
		assertThat(bob.bulk).containsExactly(new Order("o-2", 30));
		assertThat(bob.texts).containsExactly("{\"id\":\"o-1\",\"quantity\":3}", "{\"id\":\"o-2\",\"quantity\":30}",
				"hello", "not an order");
		assertThat(bob.protos).containsExactly(StringValue.of("protobuf"));
		PubsubListenerContainer container = this.bob.getBean(PubsubListenerContainer.class);
		// the bytes that are no Order cannot be read by the three Order listeners
		assertThat(container.failures("orders")).isEqualTo(1);
		assertThat(container.failures("bulk")).isEqualTo(1);
		assertThat(container.failures("failing")).isEqualTo(3);
		assertThat(container.listenerIds()).containsExactlyInAnyOrder("orders", "bulk", "failing",
				"PubsubListenerApplicationsTests.Listeners.text", "PubsubListenerApplicationsTests.Listeners.proto");
		assertThat(container.failures("PubsubListenerApplicationsTests.Listeners.text")).isZero();
		MeterRegistry meters = this.bob.getBean(MeterRegistry.class);
		assertThat(meters.get("libp2p.pubsub.listener.failures")
			.tags("listener", "failing", "cause", "exception")
			.counter()
			.count()).isEqualTo(2);
		assertThat(meters.get("libp2p.pubsub.listener.failures")
			.tags("listener", "failing", "cause", "unreadable")
			.counter()
			.count()).isEqualTo(1);

		container.stop();
		await().atMost(10, TimeUnit.SECONDS).until(() -> subscribed(this.bob).isEmpty());
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> alicePubsub.topics()
				.stream()
				.noneMatch((topic) -> topic.peers().contains(bobSwarm.localPeer())));
	}

	@Test
	void aListenerWithTwoPayloadsStopsTheApplication() {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> start("carol", BrokenApplication.class))
			.havingRootCause()
			.withMessageContaining("two payload parameters");
	}

	private static List<String> subscribed(ConfigurableApplicationContext context) {
		return context.getBean(Pubsub.class)
			.topics()
			.stream()
			.filter(PubsubTopic::subscribed)
			.map(PubsubTopic::topic)
			.toList();
	}

	record Order(String id, int quantity) {
	}

	static class Listeners {

		final List<Order> orders = new CopyOnWriteArrayList<>();

		final List<MessageId> orderIds = new CopyOnWriteArrayList<>();

		final List<Order> bulk = new CopyOnWriteArrayList<>();

		final List<String> texts = new CopyOnWriteArrayList<>();

		final List<StringValue> protos = new CopyOnWriteArrayList<>();

		final List<PubsubMessageEvent> events = new CopyOnWriteArrayList<>();

		@PubsubListener(topics = "orders", id = "orders")
		void order(Order order, MessageId id) {
			this.orders.add(order);
			this.orderIds.add(id);
		}

		@PubsubListener(topics = "orders", id = "bulk", condition = "#payload.quantity() > 10 && from != null")
		void bulk(Order order) {
			this.bulk.add(order);
		}

		@PubsubListener(topics = "orders", id = "failing")
		void failing(Order order) {
			throw new IllegalStateException("a listener that always fails, for " + order);
		}

		@PubsubListener(topics = { "orders", "notes" })
		void text(String text) {
			this.texts.add(text);
		}

		@PubsubListener(topics = "proto")
		void proto(StringValue value, PubsubMessageEvent event) {
			this.protos.add(value);
		}

		@EventListener
		void any(PubsubMessageEvent event) {
			this.events.add(event);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BrokenApplication {

		@Bean
		Object broken() {
			return new Object() {

				@PubsubListener(topics = "orders")
				void twoPayloads(String text, byte[] bytes) {
				}

			};
		}

	}

}
