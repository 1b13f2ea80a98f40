package io.jlibp2p.protocol.pubsub;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Pubsub settings.
 *
 * @param router which router spreads messages
 * @param signaturePolicy whether messages are signed
 * @param messageIdFunction how message ids are derived; must match the network
 * @param maxRpcSize the largest RPC read or written, in bytes (go's 1 MiB; rust defaults
 * to 64 KiB and refuses bigger ones, so networks with rust nodes should lower it)
 * @param maxTopicsPerRpc the most subscriptions or control entries of one kind in one RPC
 * @param maxMessagesPerRpc the most messages in one RPC
 * @param maxIdsPerControl the most message ids in one IHAVE, IWANT or IDONTWANT
 * @param seenTtl how long a message id is remembered to drop duplicates
 * @param maxSeenMessages the most ids remembered; the oldest go first beyond it
 * @param validationTimeout how long an asynchronous validator may take before the message
 * is ignored
 * @param maxPendingValidations messages waiting for validators at once; more are dropped
 * @param maxQueuedBytesPerPeer bytes waiting to be written to one peer; messages beyond
 * it are dropped (control messages are always sent)
 * @param gossipsub gossipsub's parameters
 * @param scoring peer scoring, {@code null} to switch it off
 * @param thresholds score thresholds, used when scoring is on
 */
public record PubsubConfig(Router router, SignaturePolicy signaturePolicy, MessageIdFunction messageIdFunction,
		int maxRpcSize, int maxTopicsPerRpc, int maxMessagesPerRpc, int maxIdsPerControl, Duration seenTtl,
		int maxSeenMessages, Duration validationTimeout, int maxPendingValidations, int maxQueuedBytesPerPeer,
		GossipsubConfig gossipsub, @Nullable PeerScoreParams scoring, PeerScoreThresholds thresholds) {

	/**
	 * Gossipsub, StrictSign, go's message ids, 1 MiB RPCs, a two-minute seen cache and
	 * default scoring.
	 */
	public static final PubsubConfig DEFAULT = new PubsubConfig(Router.GOSSIPSUB, SignaturePolicy.STRICT_SIGN,
			MessageIdFunction.FROM_AND_SEQNO, 1 << 20, 1024, 1024, 5000, Duration.ofMinutes(2), 100_000,
			Duration.ofSeconds(5), 4096, 8 << 20, GossipsubConfig.DEFAULT, PeerScoreParams.DEFAULT,
			PeerScoreThresholds.DEFAULT);

	public PubsubConfig {
		if (maxRpcSize < 1024 || maxTopicsPerRpc < 1 || maxMessagesPerRpc < 1 || maxIdsPerControl < 1
				|| maxSeenMessages < 1 || maxPendingValidations < 1 || maxQueuedBytesPerPeer < maxRpcSize) {
			throw new IllegalArgumentException(
					"pubsub limits must be positive, RPCs at least 1 KiB and the " + "per-peer queue at least one RPC");
		}
	}

	/**
	 * Returns a copy with another router.
	 * @param router the router
	 * @return the copy
	 */
	public PubsubConfig withRouter(Router router) {
		return new PubsubConfig(router, this.signaturePolicy, this.messageIdFunction, this.maxRpcSize,
				this.maxTopicsPerRpc, this.maxMessagesPerRpc, this.maxIdsPerControl, this.seenTtl, this.maxSeenMessages,
				this.validationTimeout, this.maxPendingValidations, this.maxQueuedBytesPerPeer, this.gossipsub,
				this.scoring, this.thresholds);
	}

	/**
	 * Returns a copy with another message id function.
	 * @param function the function
	 * @return the copy
	 */
	public PubsubConfig withMessageIdFunction(MessageIdFunction function) {
		return new PubsubConfig(this.router, this.signaturePolicy, function, this.maxRpcSize, this.maxTopicsPerRpc,
				this.maxMessagesPerRpc, this.maxIdsPerControl, this.seenTtl, this.maxSeenMessages,
				this.validationTimeout, this.maxPendingValidations, this.maxQueuedBytesPerPeer, this.gossipsub,
				this.scoring, this.thresholds);
	}

	/**
	 * Returns a copy with other gossipsub parameters.
	 * @param parameters the mesh and gossip parameters
	 * @return the copy
	 */
	public PubsubConfig withGossipsub(GossipsubConfig parameters) {
		return new PubsubConfig(this.router, this.signaturePolicy, this.messageIdFunction, this.maxRpcSize,
				this.maxTopicsPerRpc, this.maxMessagesPerRpc, this.maxIdsPerControl, this.seenTtl, this.maxSeenMessages,
				this.validationTimeout, this.maxPendingValidations, this.maxQueuedBytesPerPeer, parameters,
				this.scoring, this.thresholds);
	}

	/**
	 * The routers.
	 */
	public enum Router {

		/** Gossipsub, which also serves floodsub peers. */
		GOSSIPSUB,

		/** Floodsub only. */
		FLOODSUB

	}

}
