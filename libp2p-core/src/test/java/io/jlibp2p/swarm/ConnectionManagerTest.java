package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.testing.Simulation;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection manager on virtual time: trimming waits for the high watermark and the
 * grace period, closes the least valuable inbound connections down to the low watermark,
 * and spares protected peers and this node's own dials.
 */
class ConnectionManagerTest {

	private static final SwarmConfig CONFIG = SwarmConfig.DEFAULT
		.withTimeouts(SwarmConfig.Timeouts.DEFAULT.withIdle(Duration.ofMinutes(10)))
		.withWatermarks(new SwarmConfig.Watermarks(3, 4, Duration.ofSeconds(10)))
		.withEventLoopThreads(1);

	private final Simulation simulation = new Simulation();

	private final Swarm server = this.simulation.node((builder) -> builder.config(CONFIG));

	private final List<SwarmEvent.ConnectionClosed> closes = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	@Test
	void trimsTheLeastValuableInboundConnectionsOnceTheGracePeriodIsOver() {
		this.server.addEventListener((event) -> {
			if (event instanceof SwarmEvent.ConnectionClosed closed) {
				this.closes.add(closed);
			}
		});
		List<Swarm> clients = clients(6);
		ConnectionManager manager = this.server.connectionManager();
		PeerId guarded = clients.get(0).localPeer();
		PeerId valuable = clients.get(1).localPeer();
		manager.protect(guarded, "test");
		manager.tagPeer(valuable, "useful", 10);
		Swarm dialed = this.simulation.node((builder) -> builder.config(CONFIG));
		this.simulation.connect(this.server, dialed);

		this.simulation.advance(Duration.ofSeconds(5));
		assertThat(this.server.connections()).as("7 open, all within the grace period").hasSize(7);

		this.simulation.advance(Duration.ofSeconds(30));
		assertThat(this.server.connections()).as("trimmed to the low watermark")
			.hasSize(3)
			.extracting(Connection::remotePeer)
			.containsExactlyInAnyOrder(guarded, valuable, dialed.localPeer());
		assertThat(this.closes).hasSize(4)
			.allSatisfy((closed) -> assertThat(closed.cause().cause()).isEqualTo(CloseReason.Cause.TRIMMED));
		assertThat(this.server.metrics().connectionsClosed(CloseReason.Cause.TRIMMED)).isEqualTo(4);
	}

	@Test
	void staysBelowTheHighWatermarkUntouched() {
		clients(4);
		this.simulation.advance(Duration.ofMinutes(2));
		assertThat(this.server.connections()).hasSize(4);
	}

	@Test
	void protectionsAreCountedPerTag() {
		ConnectionManager manager = this.server.connectionManager();
		PeerId peer = clients(1).get(0).localPeer();
		manager.protect(peer, "a");
		manager.protectExactly("b", List.of(peer));
		assertThat(manager.unprotect(peer, "a")).as("still protected by b").isTrue();
		manager.protectExactly("b", List.of());
		assertThat(manager.isProtected(peer)).isFalse();
	}

	@Test
	void decayingTagsFadeUnlessBumped() {
		ConnectionManager manager = this.server.connectionManager();
		PeerId peer = clients(1).get(0).localPeer();
		ConnectionManager.DecayingTag deliveries = manager.decayingTag("deliveries", Duration.ofSeconds(10),
				(weight) -> weight / 2);
		deliveries.bump(peer, 8);
		deliveries.bump(peer, 4);
		manager.tagPeer(peer, "fixed", 1);
		assertThat(manager.value(peer)).isEqualTo(13);
		this.simulation.advance(Duration.ofSeconds(10));
		assertThat(manager.value(peer)).isEqualTo(7);
		this.simulation.advance(Duration.ofSeconds(40));
		assertThat(manager.value(peer)).as("the decayed tag is gone, the fixed one stays").isEqualTo(1);
	}

	private List<Swarm> clients(int count) {
		List<Swarm> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Swarm client = this.simulation.node((builder) -> builder.config(CONFIG));
			this.simulation.connect(client, this.server);
			clients.add(client);
		}
		return clients;
	}

}
