package io.jlibp2p.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.jlibp2p.crypto.KeyType;
import io.jlibp2p.crypto.Keys;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.swarm.NetworkBehaviour;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmBuilder;

/**
 * Swarms of one test on real time and the default transports, each with a fresh Ed25519
 * identity, closed together: the real-network counterpart of {@link Simulation}.
 */
public final class Nodes implements AutoCloseable {

	/** Loopback TCP on a free port. */
	public static final Multiaddr LOOPBACK_TCP = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");

	private final List<Swarm> swarms = new ArrayList<>();

	/**
	 * Builds a swarm with behaviours; it listens nowhere yet.
	 * @param behaviours the behaviours
	 * @return the swarm
	 */
	public Swarm swarm(NetworkBehaviour... behaviours) {
		return swarm((builder) -> {
			for (NetworkBehaviour behaviour : behaviours) {
				builder.behaviour(behaviour);
			}
		});
	}

	/**
	 * Builds a swarm; it listens nowhere yet.
	 * @param customizer adds behaviours and configuration
	 * @return the swarm
	 */
	public Swarm swarm(Consumer<SwarmBuilder> customizer) {
		SwarmBuilder builder = Swarm.builder().identity(Keys.generate(KeyType.ED25519));
		customizer.accept(builder);
		Swarm swarm = builder.build();
		this.swarms.add(swarm);
		return swarm;
	}

	/**
	 * Builds a swarm with behaviours that listens on loopback TCP.
	 * @param behaviours the behaviours
	 * @return the swarm
	 */
	public Swarm listening(NetworkBehaviour... behaviours) {
		Swarm swarm = swarm(behaviours);
		swarm.listen(LOOPBACK_TCP).join();
		return swarm;
	}

	/**
	 * Returns where to dial a swarm.
	 * @param swarm the swarm
	 * @return its first listen address with {@code /p2p/}
	 */
	public static Multiaddr dialable(Swarm swarm) {
		return swarm.listenAddresses().get(0).withPeerId(swarm.localPeer());
	}

	@Override
	public void close() {
		this.swarms.forEach(Swarm::close);
		this.swarms.clear();
	}

}
