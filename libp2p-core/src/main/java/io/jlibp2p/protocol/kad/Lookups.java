package io.jlibp2p.protocol.kad;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import com.google.protobuf.ByteString;
import org.jspecify.annotations.Nullable;

import io.jlibp2p.internal.proto.KadProto;
import io.jlibp2p.swarm.Swarm;
import io.jlibp2p.time.Scheduler;

/**
 * Starts the DHT's iterative lookups from the routing table, each within the query
 * timeout, and sends one message to many peers. Used on the swarm's thread only.
 */
final class Lookups {

	private final KadConfig config;

	private final Swarm swarm;

	private final RoutingTable table;

	private final BiFunction<KadPeer, KadProto.Message, CompletableFuture<KadProto.Message>> request;

	/**
	 * Creates the lookups of one node.
	 * @param config the settings
	 * @param swarm the swarm
	 * @param table the routing table lookups start from
	 * @param request sends one request to a peer
	 */
	Lookups(KadConfig config, Swarm swarm, RoutingTable table,
			BiFunction<KadPeer, KadProto.Message, CompletableFuture<KadProto.Message>> request) {
		this.config = config;
		this.swarm = swarm;
		this.table = table;
		this.request = request;
	}

	/**
	 * Starts a lookup of a key.
	 * @param key the key
	 * @param type the request each peer gets
	 * @param stopWhen an answer that ends the lookup early, {@code null} to find the
	 * closest peers
	 * @return the lookup
	 */
	Lookup start(byte[] key, KadProto.Message.MessageType type, @Nullable Predicate<KadProto.Message> stopWhen) {
		KadProto.Message message = KadProto.Message.newBuilder().setType(type).setKey(ByteString.copyFrom(key)).build();
		List<KadPeer> seeds = this.table.closest(KadKey.of(key), this.config.k())
			.stream()
			.map((entry) -> new KadPeer(entry.peer(), entry.addresses()))
			.toList();
		Lookup lookup = new Lookup(KadKey.of(key), this.swarm.localPeer(), this.config.k(), this.config.alpha(),
				(peer) -> this.request.apply(peer, message)
					.thenApply((answer) -> this.config.addressFilter().apply(answer)),
				stopWhen);
		Scheduler.Cancellable deadline = this.swarm.scheduler()
			.schedule(lookup::expire, this.config.timeouts().query());
		lookup.result().whenComplete((result, failure) -> deadline.cancel());
		lookup.start(seeds);
		return lookup;
	}

	/**
	 * Looks up this node's own id, which fills the table around it.
	 * @return the lookup
	 */
	Lookup self() {
		return start(this.swarm.localPeer().toBytes(), KadProto.Message.MessageType.FIND_NODE, null);
	}

	/**
	 * Keeps a table that has peers fresh: this node's own neighbourhood, and one random
	 * key for the rest of it.
	 */
	void refresh() {
		if (this.table.size() > 0) {
			self();
			byte[] random = new byte[32];
			ThreadLocalRandom.current().nextBytes(random);
			start(random, KadProto.Message.MessageType.FIND_NODE, null);
		}
	}

	/**
	 * Sends one message to each peer.
	 * @param peers the peers
	 * @param message the message
	 * @return how many answered
	 */
	CompletableFuture<Integer> sendToEach(List<KadPeer> peers, KadProto.Message message) {
		List<CompletableFuture<Boolean>> sent = peers.stream()
			.map((peer) -> this.request.apply(peer, message).handle((answer, failure) -> failure == null))
			.toList();
		return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
			.thenApply((all) -> (int) sent.stream().filter(CompletableFuture::join).count());
	}

}
