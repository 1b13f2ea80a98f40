package io.jlibp2p.protocol.pubsub;

import java.time.Duration;

/**
 * Gossipsub's parameters, in groups. The defaults are the spec's and go's, which rust and
 * js share except where noted: interop needs no tuning. Change a group with its
 * {@code with…} method:
 *
 * <pre>{@code
 * GossipsubConfig config = GossipsubConfig.DEFAULT.withMesh(new GossipsubConfig.Mesh(8, 6, 12, 4, 2));
 * }</pre>
 *
 * @param mesh the mesh degrees
 * @param gossip IHAVE/IWANT gossip and the message cache
 * @param heartbeat the heartbeat and fanout timing
 * @param backoff backoffs after a PRUNE
 * @param peerExchange peer exchange in PRUNE (v1.1)
 * @param floodPublish whether this node's own messages go to every subscribed peer above
 * the publish threshold instead of the mesh only (on in js and rust and in the spec; it
 * makes publishing robust against a hostile mesh)
 * @param opportunisticGraft grafting better peers into a mesh whose median score is low
 * @param idontwant IDONTWANT (v1.2)
 */
public record GossipsubConfig(Mesh mesh, Gossip gossip, Heartbeat heartbeat, Backoff backoff, PeerExchange peerExchange,
		boolean floodPublish, OpportunisticGraft opportunisticGraft, Idontwant idontwant) {

	/** The defaults of each group. */
	public static final GossipsubConfig DEFAULT = new GossipsubConfig(Mesh.DEFAULT, Gossip.DEFAULT, Heartbeat.DEFAULT,
			Backoff.DEFAULT, PeerExchange.DEFAULT, true, OpportunisticGraft.DEFAULT, Idontwant.DEFAULT);

	public GossipsubConfig withMesh(Mesh mesh) {
		return new GossipsubConfig(mesh, this.gossip, this.heartbeat, this.backoff, this.peerExchange,
				this.floodPublish, this.opportunisticGraft, this.idontwant);
	}

	public GossipsubConfig withGossip(Gossip gossip) {
		return new GossipsubConfig(this.mesh, gossip, this.heartbeat, this.backoff, this.peerExchange,
				this.floodPublish, this.opportunisticGraft, this.idontwant);
	}

	public GossipsubConfig withHeartbeat(Heartbeat heartbeat) {
		return new GossipsubConfig(this.mesh, this.gossip, heartbeat, this.backoff, this.peerExchange,
				this.floodPublish, this.opportunisticGraft, this.idontwant);
	}

	public GossipsubConfig withBackoff(Backoff backoff) {
		return new GossipsubConfig(this.mesh, this.gossip, this.heartbeat, backoff, this.peerExchange,
				this.floodPublish, this.opportunisticGraft, this.idontwant);
	}

	public GossipsubConfig withPeerExchange(PeerExchange peerExchange) {
		return new GossipsubConfig(this.mesh, this.gossip, this.heartbeat, this.backoff, peerExchange,
				this.floodPublish, this.opportunisticGraft, this.idontwant);
	}

	public GossipsubConfig withFloodPublish(boolean floodPublish) {
		return new GossipsubConfig(this.mesh, this.gossip, this.heartbeat, this.backoff, this.peerExchange,
				floodPublish, this.opportunisticGraft, this.idontwant);
	}

	public GossipsubConfig withOpportunisticGraft(OpportunisticGraft opportunisticGraft) {
		return new GossipsubConfig(this.mesh, this.gossip, this.heartbeat, this.backoff, this.peerExchange,
				this.floodPublish, opportunisticGraft, this.idontwant);
	}

	public GossipsubConfig withIdontwant(Idontwant idontwant) {
		return new GossipsubConfig(this.mesh, this.gossip, this.heartbeat, this.backoff, this.peerExchange,
				this.floodPublish, this.opportunisticGraft, idontwant);
	}

	/**
	 * The mesh degrees.
	 *
	 * @param d the mesh degree a node aims for per topic
	 * @param dLow below this many mesh peers a heartbeat grafts more (go and rust use 5;
	 * js uses 4)
	 * @param dHigh above this many a heartbeat prunes down to {@code d}
	 * @param dScore how many of the best-scoring peers survive pruning of an oversized
	 * mesh
	 * @param dOut the least number of outbound peers a mesh keeps, against eclipse
	 * attacks made of inbound connections
	 */
	public record Mesh(int d, int dLow, int dHigh, int dScore, int dOut) {

		/** 6, 5, 12, 4, 2. */
		public static final Mesh DEFAULT = new Mesh(6, 5, 12, 4, 2);

		public Mesh {
			if (dLow > d || d > dHigh || dLow < 1) {
				throw new IllegalArgumentException(
						"gossipsub needs 1 <= dLow <= d <= dHigh, not " + dLow + ", " + d + ", " + dHigh);
			}
			if (dOut >= dLow || dOut > d / 2) {
				throw new IllegalArgumentException("dOut must be below dLow and at most d/2, not " + dOut);
			}
			if (dScore > d || dScore < 0) {
				throw new IllegalArgumentException("dScore must lie in [0, d], not " + dScore);
			}
		}

	}

	/**
	 * IHAVE/IWANT gossip and the message cache behind it.
	 *
	 * @param dLazy the least number of non-mesh peers that get IHAVE gossip per topic
	 * @param factor the share of non-mesh peers that get gossip, when more than
	 * {@code dLazy}
	 * @param historyLength heartbeats a message stays in the cache for IWANT
	 * @param historyGossip heartbeats of recent history advertised in IHAVE
	 * @param retransmission how often one peer may ask for one message by IWANT
	 * @param maxIHaveLength message ids this node asks one peer for per heartbeat
	 * @param maxIHaveMessages IHAVE messages accepted from one peer per heartbeat
	 * @param iwantFollowupTime how long a peer has to deliver a message it advertised and
	 * was asked for, before the broken promise counts against it
	 */
	public record Gossip(int dLazy, double factor, int historyLength, int historyGossip, int retransmission,
			int maxIHaveLength, int maxIHaveMessages, Duration iwantFollowupTime) {

		/**
		 * dLazy 6, factor 0.25, 5 heartbeats of history of which 3 gossiped, 3, 5000, 10,
		 * 3 s.
		 */
		public static final Gossip DEFAULT = new Gossip(6, 0.25, 5, 3, 3, 5000, 10, Duration.ofSeconds(3));

		public Gossip {
			if (historyGossip > historyLength || historyGossip < 1) {
				throw new IllegalArgumentException("historyGossip must lie in [1, historyLength]");
			}
			if (dLazy < 0) {
				throw new IllegalArgumentException("dLazy must not be negative, not " + dLazy);
			}
			if (factor < 0 || factor > 1) {
				throw new IllegalArgumentException("the gossip factor must lie in [0, 1]");
			}
		}

	}

	/**
	 * Heartbeat and fanout timing.
	 *
	 * @param interval time between heartbeats
	 * @param initialDelay time to the first heartbeat
	 * @param fanoutTtl how long a topic this node publishes to without subscribing keeps
	 * its fanout peers
	 */
	public record Heartbeat(Duration interval, Duration initialDelay, Duration fanoutTtl) {

		/** 1 s, 100 ms, 60 s. */
		public static final Heartbeat DEFAULT = new Heartbeat(Duration.ofSeconds(1), Duration.ofMillis(100),
				Duration.ofSeconds(60));

		public Heartbeat {
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("the heartbeat interval must be positive");
			}
		}

	}

	/**
	 * Backoffs after a PRUNE.
	 *
	 * @param prune how long a pruned peer must wait before grafting again
	 * @param unsubscribe the backoff announced when pruning because of unsubscribing
	 * @param graftFloodThreshold a GRAFT sooner than this after a PRUNE counts extra
	 * against the peer
	 */
	public record Backoff(Duration prune, Duration unsubscribe, Duration graftFloodThreshold) {

		/** 1 min, 10 s, 10 s. */
		public static final Backoff DEFAULT = new Backoff(Duration.ofMinutes(1), Duration.ofSeconds(10),
				Duration.ofSeconds(10));

	}

	/**
	 * Peer exchange: other peers in a PRUNE for the pruned one to connect to.
	 *
	 * @param enabled whether PRUNE carries peers (off by default in go, js and rust: PX
	 * helps discovery but lets a peer steer connections)
	 * @param peers how many peers a PRUNE carries, and how many of a PRUNE's are followed
	 */
	public record PeerExchange(boolean enabled, int peers) {

		/** Off, 16 peers. */
		public static final PeerExchange DEFAULT = new PeerExchange(false, 16);

	}

	/**
	 * Opportunistic grafting.
	 *
	 * @param ticks heartbeats between opportunistic grafts
	 * @param peers how many peers an opportunistic graft adds
	 */
	public record OpportunisticGraft(int ticks, int peers) {

		/** Every 60 heartbeats, 2 peers. */
		public static final OpportunisticGraft DEFAULT = new OpportunisticGraft(60, 2);

		public OpportunisticGraft {
			if (ticks < 1) {
				throw new IllegalArgumentException("opportunistic grafting needs at least one tick, not " + ticks);
			}
		}

	}

	/**
	 * IDONTWANT (v1.2).
	 *
	 * @param minSize messages at least this large (bytes of data) make this node send
	 * IDONTWANT to its mesh peers
	 * @param maxMessages IDONTWANT ids remembered per peer per heartbeat
	 */
	public record Idontwant(int minSize, int maxMessages) {

		/** 1 KiB, 1000 ids. */
		public static final Idontwant DEFAULT = new Idontwant(1024, 1000);

	}

}
