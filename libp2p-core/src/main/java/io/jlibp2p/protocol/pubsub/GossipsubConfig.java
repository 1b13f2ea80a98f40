package io.jlibp2p.protocol.pubsub;

import java.time.Duration;

/**
 * Gossipsub's mesh and gossip parameters. The defaults are the spec's and go's, which
 * rust and js share except where noted: interop needs no tuning.
 *
 * @param d the mesh degree a node aims for per topic
 * @param dLow below this many mesh peers a heartbeat grafts more (go and rust use 5; js
 * uses 4)
 * @param dHigh above this many a heartbeat prunes down to {@code d}
 * @param dLazy the least number of non-mesh peers that get IHAVE gossip per topic
 * @param dScore how many of the best-scoring peers survive pruning of an oversized mesh
 * @param dOut the least number of outbound peers a mesh keeps, against eclipse attacks
 * made of inbound connections
 * @param heartbeatInterval time between heartbeats
 * @param heartbeatInitialDelay time to the first heartbeat
 * @param fanoutTtl how long a topic this node publishes to without subscribing keeps its
 * fanout peers
 * @param historyLength heartbeats a message stays in the cache for IWANT
 * @param historyGossip heartbeats of recent history advertised in IHAVE
 * @param gossipFactor the share of non-mesh peers that get gossip, when more than
 * {@code dLazy}
 * @param gossipRetransmission how often one peer may ask for one message by IWANT
 * @param pruneBackoff how long a pruned peer must wait before grafting again
 * @param unsubscribeBackoff the backoff announced when pruning because of unsubscribing
 * @param peerExchange whether PRUNE carries other peers for the pruned one to connect to
 * (off by default in go, js and rust: PX helps discovery but lets a peer steer
 * connections)
 * @param prunePeers how many peers a PRUNE with peer exchange carries
 * @param floodPublish whether this node's own messages go to every subscribed peer above
 * the publish threshold instead of the mesh only (on in js and rust and in the spec; it
 * makes publishing robust against a hostile mesh)
 * @param opportunisticGraftTicks heartbeats between opportunistic grafts
 * @param opportunisticGraftPeers how many peers an opportunistic graft adds
 * @param graftFloodThreshold a GRAFT sooner than this after a PRUNE counts extra against
 * the peer
 * @param iwantFollowupTime how long a peer has to deliver a message it advertised and was
 * asked for, before the broken promise counts against it
 * @param maxIHaveLength message ids this node asks one peer for per heartbeat
 * @param maxIHaveMessages IHAVE messages accepted from one peer per heartbeat
 * @param idontwantMinSize messages at least this large (bytes of data) make this node
 * send IDONTWANT to its mesh peers (v1.2)
 * @param idontwantMaxMessages IDONTWANT ids remembered per peer per heartbeat
 */
public record GossipsubConfig(int d, int dLow, int dHigh, int dLazy, int dScore, int dOut, Duration heartbeatInterval,
		Duration heartbeatInitialDelay, Duration fanoutTtl, int historyLength, int historyGossip, double gossipFactor,
		int gossipRetransmission, Duration pruneBackoff, Duration unsubscribeBackoff, boolean peerExchange,
		int prunePeers, boolean floodPublish, int opportunisticGraftTicks, int opportunisticGraftPeers,
		Duration graftFloodThreshold, Duration iwantFollowupTime, int maxIHaveLength, int maxIHaveMessages,
		int idontwantMinSize, int idontwantMaxMessages) {

	/** The defaults above. */
	public static final GossipsubConfig DEFAULT = new GossipsubConfig(6, 5, 12, 6, 4, 2, Duration.ofSeconds(1),
			Duration.ofMillis(100), Duration.ofSeconds(60), 5, 3, 0.25, 3, Duration.ofMinutes(1),
			Duration.ofSeconds(10), false, 16, true, 60, 2, Duration.ofSeconds(10), Duration.ofSeconds(3), 5000, 10,
			1024, 1000);

	public GossipsubConfig {
		if (dLow > d || d > dHigh || dLow < 1) {
			throw new IllegalArgumentException(
					"gossipsub needs 1 <= dLow <= d <= dHigh, not " + dLow + ", " + d + ", " + dHigh);
		}
		if (dOut >= dLow || dOut > d / 2) {
			throw new IllegalArgumentException("dOut must be below dLow and at most d/2, not " + dOut);
		}
		if (dScore > d || dScore < 0 || dLazy < 0) {
			throw new IllegalArgumentException("dScore must lie in [0, d] and dLazy be positive");
		}
		if (historyGossip > historyLength || historyGossip < 1) {
			throw new IllegalArgumentException("historyGossip must lie in [1, historyLength]");
		}
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("the heartbeat interval must be positive");
		}
		if (gossipFactor < 0 || gossipFactor > 1) {
			throw new IllegalArgumentException("the gossip factor must lie in [0, 1]");
		}
	}

}
