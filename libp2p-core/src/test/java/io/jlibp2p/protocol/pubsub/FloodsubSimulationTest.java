package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Simulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floodsub nodes, alone and among gossipsub nodes, on virtual time.
 */
class FloodsubSimulationTest {

	private final Simulation simulation = new Simulation();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	@Test
	void aChainOfFloodsubAndGossipsubNodesCarriesMessagesBothWays() {
		PubsubConfig flood = PubsubConfig.DEFAULT.withRouter(PubsubConfig.Router.FLOODSUB);
		Pubsub[] routers = { new Pubsub(flood), new Pubsub(PubsubConfig.DEFAULT), new Pubsub(flood),
				new Pubsub(PubsubConfig.DEFAULT) };
		Swarm[] nodes = new Swarm[routers.length];
		List<List<String>> received = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
				new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
		for (int i = 0; i < nodes.length; i++) {
			Pubsub pubsub = routers[i];
			nodes[i] = this.simulation.node((builder) -> builder.behaviour(pubsub));
			List<String> inbox = received.get(i);
			pubsub.addListener((message) -> inbox.add(new String(message.data(), StandardCharsets.UTF_8)));
			pubsub.subscribe("chain").join();
		}
		for (int i = 0; i + 1 < nodes.length; i++) {
			this.simulation.connect(nodes[i], nodes[i + 1]);
		}
		this.simulation.advance(Duration.ofSeconds(3));
		assertThat(routers[1].topics().get(0).peers()).containsExactlyInAnyOrder(nodes[0].localPeer(),
				nodes[2].localPeer());

		routers[0].publish("chain", "from the floodsub end".getBytes(StandardCharsets.UTF_8)).join();
		routers[3].publish("chain", "from the gossipsub end".getBytes(StandardCharsets.UTF_8)).join();
		this.simulation.advance(Duration.ofSeconds(1));

		assertThat(received.get(0)).containsExactly("from the gossipsub end");
		assertThat(received.get(1)).containsExactlyInAnyOrder("from the floodsub end", "from the gossipsub end");
		assertThat(received.get(2)).containsExactlyInAnyOrder("from the floodsub end", "from the gossipsub end");
		assertThat(received.get(3)).containsExactly("from the floodsub end");
	}

}
