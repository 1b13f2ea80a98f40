package io.jlibp2p.swarm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.swarm.SwarmEvent.ConnectionClosed;
import io.jlibp2p.swarm.SwarmEvent.ConnectionEstablished;
import io.jlibp2p.swarm.SwarmEvent.PeerProtocolsUpdated;
import io.jlibp2p.time.Scheduler;

/**
 * Delivers swarm events in order on the swarm's thread: first to the connection manager
 * and the behaviours that take them, then to the listeners. A listener that throws is
 * logged and the others still get the event. Nothing is delivered once the swarm stopped.
 */
final class SwarmEvents implements Consumer<SwarmEvent> {

	private static final Logger logger = LoggerFactory.getLogger(SwarmEvents.class);

	private final Scheduler scheduler;

	private final List<NetworkBehaviour> behaviours;

	private final ConnectionManager connectionManager;

	private final List<Consumer<SwarmEvent>> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean stopped;

	SwarmEvents(Scheduler scheduler, List<NetworkBehaviour> behaviours, ConnectionManager connectionManager) {
		this.scheduler = scheduler;
		this.behaviours = behaviours;
		this.connectionManager = connectionManager;
	}

	void addListener(Consumer<SwarmEvent> listener) {
		this.listeners.add(listener);
	}

	@Override
	public void accept(SwarmEvent event) {
		if (this.stopped) {
			return;
		}
		this.scheduler.execute(() -> {
			if (event instanceof ConnectionEstablished established) {
				this.connectionManager.connectionEstablished(established.connection());
				this.behaviours.forEach((behaviour) -> behaviour.connectionEstablished(established.connection()));
			}
			else if (event instanceof ConnectionClosed closed) {
				this.connectionManager.connectionClosed(closed.connection());
				this.behaviours.forEach((behaviour) -> behaviour.connectionClosed(closed.connection()));
			}
			else if (event instanceof PeerProtocolsUpdated updated) {
				this.behaviours.forEach((behaviour) -> behaviour.peerProtocolsUpdated(updated.peer(),
						updated.protocols(), updated.listenAddresses()));
			}
			for (Consumer<SwarmEvent> listener : this.listeners) {
				try {
					listener.accept(event);
				}
				catch (RuntimeException ex) {
					logger.warn("swarm event listener failed on {}", event.getClass().getSimpleName(), ex);
				}
			}
		});
	}

	/** Stops delivering: the swarm closed. */
	void stop() {
		this.stopped = true;
	}

}
