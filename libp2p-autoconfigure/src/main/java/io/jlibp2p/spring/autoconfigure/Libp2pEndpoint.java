package io.jlibp2p.spring.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.peer.PeerId;
import io.jlibp2p.peer.PeerIdException;
import io.jlibp2p.peer.PeerStore;
import io.jlibp2p.protocol.kad.Kademlia;
import io.jlibp2p.protocol.pubsub.Pubsub;
import io.jlibp2p.resources.ScopeUsage;
import io.jlibp2p.security.noise.NoiseCiphers;
import io.jlibp2p.spring.autoconfigure.view.ConnectionView;
import io.jlibp2p.spring.autoconfigure.view.TopicView;
import io.jlibp2p.swarm.Swarm;

/**
 * The {@code libp2p} Actuator endpoint: the node, its listen addresses, its connections,
 * pubsub topics and DHT routing table, and one peer by PeerId
 * ({@code /actuator/libp2p/{peerId}}).
 */
@Endpoint(id = "libp2p")
public class Libp2pEndpoint {

	/** Peers shown in the resource usage: those holding the most memory and streams. */
	private static final int TOP_PEERS = 10;

	private final Swarm swarm;

	private final @Nullable Pubsub pubsub;

	private final @Nullable Kademlia kad;

	/**
	 * Creates the endpoint.
	 * @param swarm the node
	 * @param pubsub the pubsub behaviour, {@code null} without pubsub
	 * @param kad the DHT, {@code null} without
	 */
	public Libp2pEndpoint(Swarm swarm, @Nullable Pubsub pubsub, @Nullable Kademlia kad) {
		this.swarm = swarm;
		this.pubsub = pubsub;
		this.kad = kad;
	}

	/** The node, its connections and its pubsub topics. */
	@ReadOperation
	public NodeDescriptor node() {
		return new NodeDescriptor(this.swarm.localPeer().toString(),
				this.swarm.listenAddresses().stream().map(Multiaddr::toString).toList(), this.swarm.protocols(),
				this.swarm.isPrivateNetwork(), this.swarm.connections().stream().map(ConnectionView::of).toList(),
				(this.pubsub != null) ? this.pubsub.topics().stream().map(TopicView::of).toList() : null,
				routingTable(), this.swarm.resourceManager().usage(TOP_PEERS), NoiseCipher.of(NoiseCiphers.selected()));
	}

	private @Nullable Map<Integer, List<String>> routingTable() {
		if (this.kad == null) {
			return null;
		}
		Map<Integer, List<String>> buckets = new TreeMap<>();
		try {
			this.kad.routingTable()
				.get(5, TimeUnit.SECONDS)
				.forEach((index, entries) -> buckets.put(index,
						entries.stream().map((entry) -> entry.peer().toString()).toList()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// An endpoint read must not fail for a busy node: show what is known,
			// nothing.
		}
		return buckets;
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
					.map(ConnectionView::of)
					.toList());
	}

	/**
	 * The node.
	 *
	 * @param peerId its PeerId
	 * @param listenAddresses where it listens
	 * @param protocols the protocols it serves
	 * @param privateNetwork whether it is a member of a private network (never its key)
	 * @param connections its open connections
	 * @param topics its pubsub topics, {@code null} without pubsub
	 * @param routingTable its DHT routing table, bucket index to PeerIds, {@code null}
	 * without the DHT
	 * @param resources what the resource manager's system, transient and protocol scopes
	 * hold, and the peers that hold the most, with their limits
	 * @param noiseCipher the ChaCha20-Poly1305 implementation Noise uses in this JVM
	 */
	public record NodeDescriptor(String peerId, List<String> listenAddresses, List<String> protocols,
			boolean privateNetwork, List<ConnectionView> connections, @Nullable List<TopicView> topics,
			@Nullable Map<Integer, List<String>> routingTable, List<ScopeUsage> resources,
			NoiseCipher noiseCipher) implements OperationResponseBody {
	}

	/**
	 * The Noise cipher in use.
	 *
	 * @param implementation {@code jdk}, {@code conscrypt} or {@code chacha-poly}
	 * @param reason why it was chosen
	 */
	public record NoiseCipher(String implementation, String reason) {

		static NoiseCipher of(NoiseCiphers.Choice choice) {
			return new NoiseCipher(choice.implementation().id(), choice.reason());
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
			@Nullable String agentVersion, List<ConnectionView> connections) implements OperationResponseBody {
	}

}
