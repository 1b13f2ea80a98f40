package io.jlibp2p.spring.autoconfigure;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerIdException;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.protocol.pubsub.PubsubTopic;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.transport.Connection;

/**
 * The {@code libp2p} Actuator endpoint: the node, its listen addresses and its
 * connections, and one peer by PeerId ({@code /actuator/libp2p/{peerId}}).
 */
@Endpoint(id = "libp2p")
public class Libp2pEndpoint {

	private final Swarm swarm;

	private final @Nullable Pubsub pubsub;

	/**
	 * Creates the endpoint.
	 * @param swarm the node
	 * @param pubsub the pubsub behaviour, {@code null} without pubsub
	 */
	public Libp2pEndpoint(Swarm swarm, @Nullable Pubsub pubsub) {
		this.swarm = swarm;
		this.pubsub = pubsub;
	}

	/** The node, its connections and its pubsub topics. */
	@ReadOperation
	public NodeDescriptor node() {
		return new NodeDescriptor(this.swarm.localPeer().toString(),
				this.swarm.listenAddresses().stream().map(Multiaddr::toString).toList(), this.swarm.protocols(),
				this.swarm.connections().stream().map(ConnectionDescriptor::of).toList(),
				(this.pubsub != null) ? this.pubsub.topics().stream().map(TopicDescriptor::of).toList() : null);
	}

	/**
	 * One peer.
	 * @param peerId the peer's id
	 * @return what is known of it, or {@code null} (404) when nothing is or the id is
	 * malformed
	 */
	@ReadOperation
	public @Nullable PeerDescriptor peer(@Selector String peerId) {
		PeerId peer;
		try {
			peer = PeerId.parse(peerId);
		}
		catch (PeerIdException ex) {
			return null;
		}
		PeerStore.PeerInfo info = this.swarm.peerStore().get(peer).orElse(null);
		if (info == null) {
			return null;
		}
		return new PeerDescriptor(peer.toString(), info.addresses().stream().map(Multiaddr::toString).toList(),
				info.protocols().stream().sorted().toList(), info.agentVersion(),
				this.swarm.connections()
					.stream()
					.filter((connection) -> connection.remotePeer().equals(peer))
					.map(ConnectionDescriptor::of)
					.toList());
	}

	/**
	 * The node.
	 *
	 * @param peerId its PeerId
	 * @param listenAddresses where it listens
	 * @param protocols the protocols it serves
	 * @param connections its open connections
	 * @param topics its pubsub topics, {@code null} without pubsub
	 */
	public record NodeDescriptor(String peerId, List<String> listenAddresses, List<String> protocols,
			List<ConnectionDescriptor> connections,
			@Nullable List<TopicDescriptor> topics) implements OperationResponseBody {
	}

	/**
	 * A pubsub topic.
	 *
	 * @param topic the topic
	 * @param subscribed whether this node subscribes to it
	 * @param peers connected peers subscribed to it
	 * @param mesh this node's gossipsub mesh peers in it
	 */
	public record TopicDescriptor(String topic, boolean subscribed, List<String> peers, List<String> mesh) {

		static TopicDescriptor of(PubsubTopic topic) {
			return new TopicDescriptor(topic.topic(), topic.subscribed(),
					topic.peers().stream().map(PeerId::toString).toList(),
					topic.mesh().stream().map(PeerId::toString).toList());
		}

	}

	/**
	 * A peer.
	 *
	 * @param peerId its PeerId
	 * @param addresses its known addresses
	 * @param protocols the protocols it supports
	 * @param agentVersion its agent, if it identified itself
	 * @param connections the open connections to it
	 */
	public record PeerDescriptor(String peerId, List<String> addresses, List<String> protocols,
			@Nullable String agentVersion, List<ConnectionDescriptor> connections) implements OperationResponseBody {
	}

	/**
	 * A connection.
	 *
	 * @param peerId the remote peer
	 * @param direction {@code inbound} or {@code outbound}
	 * @param remoteAddress the remote address
	 * @param muxer the muxer protocol
	 * @param streams the open streams
	 */
	public record ConnectionDescriptor(String peerId, String direction, String remoteAddress, String muxer,
			int streams) {

		static ConnectionDescriptor of(Connection connection) {
			return new ConnectionDescriptor(connection.remotePeer().toString(),
					connection.direction().name().toLowerCase(Locale.ROOT), connection.remoteAddress().toString(),
					connection.muxer(), connection.streamCount());
		}

	}

}
