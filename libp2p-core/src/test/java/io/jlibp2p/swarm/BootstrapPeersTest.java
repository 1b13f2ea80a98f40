package io.jlibp2p.swarm;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.testing.Simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Bootstrap peers on virtual time: dialed at start, kept, and dialed again with a
 * doubling back-off when lost.
 */
class BootstrapPeersTest {

	private final Simulation simulation = new Simulation();

	@AfterEach
	void close() {
		this.simulation.close();
	}

	@Test
	void dialsAtStartRedialsWhenLostAndBacksOffWhileUnreachable() {
		// A bootstrap node that never closes idle connections itself, as a DHT server
		// would
		// keep them: what is tested is that this node does not close them either.
		SwarmConfig d = SwarmConfig.DEFAULT;
		Swarm bootstrap = this.simulation
			.node((builder) -> builder.config(d.withTimeouts(d.timeouts().withIdle(Duration.ofDays(1)))));
		Multiaddr address = bootstrap.listenAddresses().get(0).withPeerId(bootstrap.localPeer());
		BootstrapPeers peers = new BootstrapPeers(List.of(address), Duration.ofSeconds(1), Duration.ofSeconds(8));
		Swarm node = this.simulation.node((builder) -> builder.behaviour(peers));
		this.simulation.time().settle();
		assertThat(node.connection(bootstrap.localPeer())).isPresent();
		assertThat(peers.attempts(bootstrap.localPeer())).isEqualTo(1);
		assertThat(node.connectionManager().isProtected(bootstrap.localPeer())).isTrue();

		// Kept past the idle timeout: bootstrap connections are wanted even when unused.
		this.simulation.advance(Duration.ofMinutes(3));
		assertThat(node.connection(bootstrap.localPeer())).isPresent();

		bootstrap.disconnect(node.localPeer()).join();
		this.simulation.advance(Duration.ofMillis(900));
		assertThat(node.connection(bootstrap.localPeer())).isEmpty();
		this.simulation.advance(Duration.ofMillis(200));
		assertThat(node.connection(bootstrap.localPeer())).isPresent();
		assertThat(peers.attempts(bootstrap.localPeer())).isEqualTo(2);

		bootstrap.close(Duration.ofSeconds(2));
		this.simulation.advance(Duration.ofSeconds(30));
		// Lost at 0 s; dials at 1, 3, 7, 15 and 23 s, the back-off doubling to its 8 s
		// cap.
		assertThat(peers.attempts(bootstrap.localPeer())).isEqualTo(2 + 5);
	}

	@Test
	void refusesAddressesWithoutPeerId() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BootstrapPeers(List.of(Multiaddr.parse("/memory/5")), Duration.ofSeconds(1),
					Duration.ofSeconds(2)))
			.withMessageContaining("lacks /p2p/");
	}

}
