package io.jlibp2p.spring.autoconfigure;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.jlibp2p.swarm.Swarm;

/**
 * UP while the node listens, DOWN once it stopped, with cheap details: the PeerId, the
 * listen addresses and the number of connections.
 */
public final class Libp2pHealthIndicator extends AbstractHealthIndicator {

	private final Swarm swarm;

	private final SwarmLifecycle lifecycle;

	/**
	 * Creates the indicator.
	 * @param swarm the swarm
	 * @param lifecycle its lifecycle, which says whether it runs
	 */
	public Libp2pHealthIndicator(Swarm swarm, SwarmLifecycle lifecycle) {
		super("libp2p health check failed");
		this.swarm = swarm;
		this.lifecycle = lifecycle;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.lifecycle.isRunning()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("peerId", this.swarm.localPeer().toString())
			.withDetail("listenAddresses", this.swarm.listenAddresses().stream().map(Object::toString).toList())
			.withDetail("connections", this.swarm.connections().size());
	}

}
