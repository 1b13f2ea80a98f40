package io.jlibp2p.swarm;

import java.util.List;
import java.util.Map;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.StreamHandler;

/**
 * A protocol's global side: the protocols it serves on inbound streams and what it does
 * as connections come and go. Callbacks run on the swarm's own thread.
 */
public interface NetworkBehaviour {

	/**
	 * Returns the protocols this behaviour serves on streams the peer opens.
	 * @return protocol ids with their stream handlers
	 */
	Map<String, StreamHandler> protocols();

	/**
	 * Called once, when the behaviour joins a swarm.
	 * @param swarm the swarm
	 */
	default void attached(Swarm swarm) {
	}

	/**
	 * Called once, when the swarm closes: stop timers, so nothing runs on a scheduler the
	 * swarm may share with others.
	 */
	default void detached() {
	}

	/**
	 * A connection was established.
	 * @param connection the connection
	 */
	default void connectionEstablished(Connection connection) {
	}

	/**
	 * A connection closed.
	 * @param connection the connection
	 */
	default void connectionClosed(Connection connection) {
	}

	/**
	 * Identify told this node which protocols a peer serves and where it listens.
	 * @param peer the peer
	 * @param protocols the protocols it serves
	 * @param listenAddresses the addresses it listens on, as it said
	 */
	default void peerProtocolsUpdated(PeerId peer, List<String> protocols, List<Multiaddr> listenAddresses) {
	}

	/**
	 * This node's listen addresses or served protocols changed.
	 */
	default void localInfoChanged() {
	}

	/**
	 * Returns whether this behaviour needs a connection kept open even when it is idle,
	 * as pubsub does for its peers; ping does not.
	 * @param connection the connection
	 * @return {@code true} to keep it alive
	 */
	default boolean keepAlive(Connection connection) {
		return false;
	}

}
