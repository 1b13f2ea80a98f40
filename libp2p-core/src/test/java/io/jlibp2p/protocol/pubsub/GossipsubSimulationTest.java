package io.jlibp2p.protocol.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.peer.PeerId;
import io.jlibp2p.protocol.pubsub.PubsubMetrics.Outcome;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.testing.Simulation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gossipsub networks in one JVM over the memory transport, on virtual time.
 */
class GossipsubSimulationTest {

	private static final String TOPIC = "sim/topic";

	private final Simulation simulation = new Simulation();

	private final Map<Swarm, Pubsub> pubsubs = new HashMap<>();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	private Swarm node(PubsubConfig config) {
		Pubsub pubsub = new Pubsub(config);
		Swarm swarm = this.simulation.node((builder) -> builder.behaviour(pubsub));
		this.pubsubs.put(swarm, pubsub);
		return swarm;
	}

	/**
	 * Connects the nodes in a ring with random chords, so every node has at least 8
	 * neighbours and the network is connected but far from complete.
	 */
	private void connectRandomly(List<Swarm> nodes, long seed) {
		Random random = new Random(seed);
		Set<String> linked = new HashSet<>();
		for (int i = 0; i < nodes.size(); i++) {
			link(nodes, i, (i + 1) % nodes.size(), linked);
			link(nodes, i, (i + 2) % nodes.size(), linked);
			for (int chord = 0; chord < 3; chord++) {
				link(nodes, i, random.nextInt(nodes.size()), linked);
			}
		}
	}

	private void link(List<Swarm> nodes, int a, int b, Set<String> linked) {
		if (a == b || !linked.add(Math.min(a, b) + "-" + Math.max(a, b))) {
			return;
		}
		this.simulation.connect(nodes.get(a), nodes.get(b));
	}

	@Test
	void thirtyNodesKeepMeshDegreesInBoundsAndDeliverEveryMessageToEverySubscriber() {
		List<Swarm> nodes = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			nodes.add(node(PubsubConfig.DEFAULT));
		}
		Map<PeerId, Set<MessageId>> received = new ConcurrentHashMap<>();
		for (Swarm node : nodes) {
			Pubsub pubsub = this.pubsubs.get(node);
			pubsub.addListener(
					(message) -> received.computeIfAbsent(node.localPeer(), (p) -> ConcurrentHashMap.newKeySet())
						.add(message.id()));
			pubsub.subscribe(TOPIC).join();
		}
		connectRandomly(nodes, 30);
		this.simulation.advance(Duration.ofSeconds(30));

		GossipsubConfig params = GossipsubConfig.DEFAULT;
		for (Swarm node : nodes) {
			PubsubTopic topic = this.pubsubs.get(node).topics().get(0);
			assertThat(topic.mesh()).as("mesh of %s", node.localPeer())
				.hasSizeBetween(params.mesh().dLow(), params.mesh().dHigh());
			assertThat(topic.peers()).containsAll(topic.mesh());
		}

		List<MessageId> published = new ArrayList<>();
		for (Swarm node : nodes) {
			byte[] data = ("from " + node.localPeer()).getBytes(StandardCharsets.UTF_8);
			published.add(this.pubsubs.get(node).publish(TOPIC, data).join());
			this.simulation.advance(Duration.ofMillis(100));
		}
		this.simulation.advance(Duration.ofSeconds(5));

		for (Swarm node : nodes) {
			Set<MessageId> expected = new HashSet<>(published);
			expected.removeIf((id) -> published.indexOf(id) == nodes.indexOf(node));
			assertThat(received.get(node.localPeer())).as("messages received by %s", node.localPeer())
				.containsExactlyInAnyOrderElementsOf(expected);
			assertThat(this.pubsubs.get(node).metrics().messages(Outcome.DELIVERED)).isEqualTo(29);
		}
	}

}
