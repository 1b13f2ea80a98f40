package io.jlibp2p.swarm;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.CloseReason;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;

/**
 * Something that happened in the swarm. Events are facts, named in the past tense,
 * delivered in order on the swarm's own thread, never on a connection's event loop.
 */
public sealed interface SwarmEvent {

	/**
	 * The swarm listens on an address.
	 *
	 * @param address the bound address
	 */
	record ListenerStarted(Multiaddr address) implements SwarmEvent {
	}

	/**
	 * A connection was secured, multiplexed and added to the pool.
	 *
	 * @param connection the connection
	 */
	record ConnectionEstablished(Connection connection) implements SwarmEvent {
	}

	/**
	 * A connection closed.
	 *
	 * @param connection the connection
	 * @param cause why: the reason this node gave, or that the peer or the network closed
	 * it
	 */
	record ConnectionClosed(Connection connection, CloseReason cause) implements SwarmEvent {
	}

	/**
	 * A dial failed.
	 *
	 * @param address the address dialed, without {@code /p2p/}
	 * @param peer the peer expected there, if the address named one
	 * @param cause what went wrong
	 */
	record DialFailed(Multiaddr address, @Nullable PeerId peer, Throwable cause) implements SwarmEvent {
	}

	/**
	 * An inbound connection failed before it was established (handshake, negotiation,
	 * limits).
	 *
	 * @param remoteAddress where it came from
	 * @param cause what went wrong
	 */
	record IncomingConnectionFailed(Multiaddr remoteAddress, Throwable cause) implements SwarmEvent {
	}

	/**
	 * An address others can reach this node at was confirmed, by the application or its
	 * configuration.
	 *
	 * @param address the address, without {@code /p2p/}
	 */
	record ExternalAddressConfirmed(Multiaddr address) implements SwarmEvent {
	}

	/**
	 * A confirmed external address was withdrawn.
	 *
	 * @param address the address, without {@code /p2p/}
	 */
	record ExternalAddressExpired(Multiaddr address) implements SwarmEvent {
	}

	/**
	 * Identify, or an identify push, told this node which protocols a peer serves and
	 * where it listens; the peer store holds them too.
	 *
	 * @param peer the peer
	 * @param protocols the protocols it serves
	 * @param listenAddresses the addresses it listens on, as it said
	 */
	record PeerProtocolsUpdated(PeerId peer, List<String> protocols,
			List<Multiaddr> listenAddresses) implements SwarmEvent {

		public PeerProtocolsUpdated {
			protocols = List.copyOf(protocols);
			listenAddresses = List.copyOf(listenAddresses);
		}

	}

}
