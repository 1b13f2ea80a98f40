package io.jlibp2p.protocol.pubsub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.codec.Uvarints;
import io.jlibp2p.internal.proto.PubsubProto;
import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.multiformats.Protocol;
import io.jlibp2p.muxer.StreamChannel;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.transport.Connection;
import io.jlibp2p.transport.Direction;

/**
 * A connected peer as pubsub sees it: the one outbound stream this node writes RPCs to,
 * the protocol agreed on it and the topics the peer subscribes to. Touched only on the
 * swarm's thread, except the byte count of queued writes.
 */
final class PubsubPeer {

	private final PeerId id;

	private final Connection connection;

	private final Set<String> topics = new HashSet<>();

	private final List<PubsubProto.RPC> waiting = new ArrayList<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private @Nullable StreamChannel stream;

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
	 * Adopts the negotiated outbound stream and sends what waited for it.
	 * @param stream the stream
	 */
	void streamOpened(StreamChannel stream) {
		this.stream = stream;
		this.protocol = stream.protocol();
		for (PubsubProto.RPC rpc : this.waiting) {
			write(stream, rpc);
		}
		this.waiting.clear();
	}

	/**
	 * Sends an RPC, or keeps it until the stream is open.
	 * @param rpc the RPC
	 * @param limit the most bytes that may wait to be written, messages included; control
	 * is sent regardless because it is small and the mesh depends on it
	 * @return {@code false} if it was dropped because the peer reads too slowly
	 */
	boolean send(PubsubProto.RPC rpc, long limit) {
		int size = rpc.getSerializedSize();
		if (rpc.getPublishCount() > 0 && this.queuedBytes.get() + size > limit) {
			return false;
		}
		this.queuedBytes.addAndGet(size);
		StreamChannel open = this.stream;
		if (open == null) {
			this.waiting.add(rpc);
		}
		else {
			write(open, rpc);
		}
		return true;
	}

	private void write(StreamChannel stream, PubsubProto.RPC rpc) {
		int size = rpc.getSerializedSize();
		stream.writeAndFlush(Uvarints.frame(rpc.toByteArray()))
			.addListener((written) -> this.queuedBytes.addAndGet(-size));
	}

	void close() {
		StreamChannel open = this.stream;
		if (open != null) {
			open.close();
		}
		this.waiting.clear();
	}

	@Override
	public String toString() {
		return this.id.toString();
	}

}
