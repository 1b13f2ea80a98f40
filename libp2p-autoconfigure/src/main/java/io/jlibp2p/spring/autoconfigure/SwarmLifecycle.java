package io.jlibp2p.spring.autoconfigure;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.swarm.SwarmEvent;
import io.jlibp2p.transport.Connection;

/**
 * Runs the swarm with the application context: listens on the configured addresses when
 * the context starts, bridges swarm events to Spring application events on an
 * {@link EventThread} of their own (so a slow listener holds up neither the network nor
 * the behaviours on the swarm's thread), and closes every connection within the shutdown
 * timeout when it stops.
 */
public final class SwarmLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SwarmLifecycle.class);

	/** Peer events that may wait for slow listeners before more are dropped. */
	static final int EVENT_QUEUE_CAPACITY = 10_000;

	private final Swarm swarm;

	private final Libp2pProperties properties;

	private final ApplicationEventPublisher publisher;

	private final EventThread events = new EventThread("jlibp2p-events", EVENT_QUEUE_CAPACITY);

	SwarmLifecycle(Swarm swarm, Libp2pProperties properties, ApplicationEventPublisher publisher) {
		this.swarm = swarm;
		this.properties = properties;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.events.start();
		this.swarm.addEventListener(this::bridge);
		List<Multiaddr> bound = this.properties.listenAddresses()
			.stream()
			.map((address) -> this.swarm.listen(Multiaddr.parse(address)).join().withPeerId(this.swarm.localPeer()))
			.toList();
		this.properties.externalAddresses()
			.forEach((address) -> this.swarm.addExternalAddress(Multiaddr.parse(address)));
		logger.info("libp2p node {} listening on {}", this.swarm.localPeer(), bound);
		this.publisher.publishEvent(new SwarmStartedEvent(this.swarm.localPeer(), bound));
	}

	private void bridge(SwarmEvent event) {
		if (event instanceof SwarmEvent.ConnectionEstablished established) {
			Connection connection = established.connection();
			this.events
				.submit(() -> this.publisher.publishEvent(new PeerConnectedEvent(connection.remotePeer(), connection)));
		}
		else if (event instanceof SwarmEvent.ConnectionClosed closed) {
			Connection connection = closed.connection();
			this.events.submit(() -> this.publisher
				.publishEvent(new PeerDisconnectedEvent(connection.remotePeer(), connection, closed.cause())));
		}
	}

	/**
	 * Returns how many peer events were dropped because listeners fell
	 * {@value #EVENT_QUEUE_CAPACITY} events behind.
	 * @return the count
	 */
	public long droppedEvents() {
		return this.events.dropped();
	}

	@Override
	public void stop() {
		this.swarm.close(this.properties.connections().shutdownTimeout());
		this.events.stop();
	}

	@Override
	public boolean isRunning() {
		return this.events.isRunning();
	}

}
