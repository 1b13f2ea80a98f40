package io.jlibp2p.starter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubListener;
import io.jlibp2p.spring.autoconfigure.pubsub.PubsubTemplate;
import io.jlibp2p.test.Libp2pTestNetwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's test of a {@code @PubsubListener} with two nodes, through
 * {@link Libp2pTestNetwork}: three applications on one in-memory network, all connected.
 */
class Libp2pTestNetworkTests {

	@Test
	void anOrderPublishedByOneNodeReachesTheListenersOfTheOthers() {
		try (Libp2pTestNetwork network = Libp2pTestNetwork.start(3, ShopApplication.class)) {
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> network.swarm(0).connections().size() == 2 && network.swarm(2).connections().size() == 2);
			assertThat(network.swarm(1).listenAddresses())
				.allSatisfy((address) -> assertThat(address.toString()).startsWith("/memory/"));
			// the others' subscriptions have reached node 0
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> network.bean(0, Pubsub.class)
					.topics()
					.stream()
					.anyMatch((topic) -> topic.topic().equals("orders") && topic.peers().size() == 2));
			network.bean(0, PubsubTemplate.class).publish("orders", new Order("o-1", 3)).join();
			await().atMost(10, TimeUnit.SECONDS)
				.until(() -> network.bean(1, Orders.class).received.size() == 1
						&& network.bean(2, Orders.class).received.size() == 1);
			assertThat(network.bean(1, Orders.class).received).containsExactly(new Order("o-1", 3));
			assertThat(network.bean(0, Orders.class).received).isEmpty();
		}
	}

	record Order(String id, int quantity) {
	}

	static class Orders {

		final List<Order> received = new CopyOnWriteArrayList<>();

		@PubsubListener(topics = "orders")
		void onOrder(Order order) {
			this.received.add(order);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Orders.class)
	static class ShopApplication {

	}

}
