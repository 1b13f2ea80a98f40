package io.jlibp2p.spring.autoconfigure;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmEvent;

/**
 * Runs the swarm with the application context: listens on the configured addresses when
 * the context starts, bridges swarm events to Spring application events, and closes every
 * connection within the shutdown timeout when it stops.
 */
public final class SwarmLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SwarmLifecycle.class);

	private final Swarm swarm;

	private final Libp2pProperties properties;

	private final ApplicationEventPublisher publisher;

	private volatile boolean running;

	SwarmLifecycle(Swarm swarm, Libp2pProperties properties, ApplicationEventPublisher publisher) {
		this.swarm = swarm;
		this.properties = properties;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.swarm.addEventListener(this::bridge);
		List<Multiaddr> bound = this.properties.listenAddresses()
			.stream()
			.map((address) -> this.swarm.listen(Multiaddr.parse(address)).join().withPeerId(this.swarm.localPeer()))
			.toList();
		this.properties.externalAddresses()
			.forEach((address) -> this.swarm.addExternalAddress(Multiaddr.parse(address)));
		this.running = true;
		logger.info("libp2p node {} listening on {}", this.swarm.localPeer(), bound);
		this.publisher.publishEvent(new SwarmStartedEvent(this.swarm.localPeer(), bound));
	}

	private void bridge(SwarmEvent event) {
		if (event instanceof SwarmEvent.ConnectionEstablished established) {
			this.publisher
				.publishEvent(new PeerConnectedEvent(established.connection().remotePeer(), established.connection()));
		}
		else if (event instanceof SwarmEvent.ConnectionClosed closed) {
			this.publisher.publishEvent(
					new PeerDisconnectedEvent(closed.connection().remotePeer(), closed.connection(), closed.cause()));
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.swarm.close(this.properties.connections().shutdownTimeout());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
