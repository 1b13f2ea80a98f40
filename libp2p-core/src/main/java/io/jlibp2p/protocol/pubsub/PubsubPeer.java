package io.jlibp2p.protocol.pubsub;

import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.Direction;

/**
 * A connected peer as pubsub sees it: the protocol agreed on the one outbound stream this
 * node writes RPCs to, and the topics the peer subscribes to. Touched only on the swarm's
 * thread.
 */
final class PubsubPeer {

	private final PeerId id;

	private final Connection connection;

	private final Set<String> topics = new HashSet<>();

	private final OutboundRpcs outbound = new OutboundRpcs();

	private @Nullable String protocol;

	PubsubPeer(Connection connection) {
		this.id = connection.remotePeer();
		this.connection = connection;
	}

	PeerId id() {
		return this.id;
	}

	Connection connection() {
		return this.connection;
	}

	boolean outbound() {
		return this.connection.direction() == Direction.OUTBOUND;
	}

	/**
	 * Returns the peer's IP address, for the colocation part of its score.
	 * @return the address in text form, {@code null} on transports without one
	 */
	@Nullable String ip() {
		Multiaddr address = this.connection.remoteAddress();
		return address.valueOf(Protocol.IP4).or(() -> address.valueOf(Protocol.IP6)).orElse(null);
	}

	Set<String> topics() {
		return this.topics;
	}

	@Nullable String protocol() {
		return this.protocol;
	}

	boolean speaks(String protocol) {
		return protocol.equals(this.protocol);
	}

	/**
	 * Adopts the negotiated outbound stream.
	 * @param stream the stream
	 */
	void streamOpened(StreamChannel stream) {
		this.protocol = stream.protocol();
		this.outbound.streamOpened(stream);
	}

	/**
	 * Returns what is written to the peer; for {@link Pubsub} alone, routers decide by
	 * {@link RouterAction}s.
	 * @return the outbound queue
	 */
	OutboundRpcs rpcs() {
		return this.outbound;
	}

	@Override
	public String toString() {
		return this.id.toString();
	}

}
