package io.jlibp2p.protocol.pubsub;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Pubsub settings. Change one with its {@code with…} method:
 *
 * <pre>{@code
 * PubsubConfig config = PubsubConfig.DEFAULT.withRouter(PubsubConfig.Router.FLOODSUB)
 *     .withLimits(PubsubConfig.Limits.DEFAULT.withMaxRpcSize(64 << 10));
 * }</pre>
 *
 * @param router which router spreads messages
 * @param signaturePolicy whether messages are signed
 * @param messageIdFunction how message ids are derived; must match the network
 * @param limits what one peer may make this node read, keep and queue
 * @param seenTtl how long a message id is remembered to drop duplicates
 * @param validationTimeout how long an asynchronous validator may take before the message
 * is ignored
 * @param gossipsub gossipsub's parameters
 * @param scoring peer scoring, {@code null} to switch it off
 * @param thresholds score thresholds, used when scoring is on
 */
public record PubsubConfig(Router router, SignaturePolicy signaturePolicy, MessageIdFunction messageIdFunction,
		Limits limits, Duration seenTtl, Duration validationTimeout, GossipsubConfig gossipsub,
		@Nullable PeerScoreParams scoring, PeerScoreThresholds thresholds) {

	/**
	 * Gossipsub, StrictSign, go's message ids, the default limits, a two-minute seen
	 * cache, five-second validations and default scoring.
	 */
	public static final PubsubConfig DEFAULT = new PubsubConfig(Router.GOSSIPSUB, SignaturePolicy.STRICT_SIGN,
			MessageIdFunction.FROM_AND_SEQNO, Limits.DEFAULT, Duration.ofMinutes(2), Duration.ofSeconds(5),
			GossipsubConfig.DEFAULT, PeerScoreParams.DEFAULT, PeerScoreThresholds.DEFAULT);

	public PubsubConfig {
		if (seenTtl.isNegative() || seenTtl.isZero() || validationTimeout.isNegative() || validationTimeout.isZero()) {
			throw new IllegalArgumentException("the seen TTL and the validation timeout must be positive, not "
					+ seenTtl + " and " + validationTimeout);
		}
	}

	public PubsubConfig withRouter(Router router) {
		return new PubsubConfig(router, this.signaturePolicy, this.messageIdFunction, this.limits, this.seenTtl,
				this.validationTimeout, this.gossipsub, this.scoring, this.thresholds);
	}

	public PubsubConfig withSignaturePolicy(SignaturePolicy policy) {
		return new PubsubConfig(this.router, policy, this.messageIdFunction, this.limits, this.seenTtl,
				this.validationTimeout, this.gossipsub, this.scoring, this.thresholds);
	}

	public PubsubConfig withMessageIdFunction(MessageIdFunction function) {
		return new PubsubConfig(this.router, this.signaturePolicy, function, this.limits, this.seenTtl,
				this.validationTimeout, this.gossipsub, this.scoring, this.thresholds);
	}

	public PubsubConfig withLimits(Limits limits) {
		return new PubsubConfig(this.router, this.signaturePolicy, this.messageIdFunction, limits, this.seenTtl,
				this.validationTimeout, this.gossipsub, this.scoring, this.thresholds);
	}

	/**
	 * Returns a copy with other durations.
	 * @param seenTtl how long a message id is remembered
	 * @param validationTimeout how long validators may take
	 * @return the copy
	 */
	public PubsubConfig withTimes(Duration seenTtl, Duration validationTimeout) {
		return new PubsubConfig(this.router, this.signaturePolicy, this.messageIdFunction, this.limits, seenTtl,
				validationTimeout, this.gossipsub, this.scoring, this.thresholds);
	}

	public PubsubConfig withGossipsub(GossipsubConfig parameters) {
		return new PubsubConfig(this.router, this.signaturePolicy, this.messageIdFunction, this.limits, this.seenTtl,
				this.validationTimeout, parameters, this.scoring, this.thresholds);
	}

	/**
	 * Returns a copy with other scoring.
	 * @param scoring the parameters, {@code null} to switch scoring off
	 * @param thresholds the thresholds
	 * @return the copy
	 */
	public PubsubConfig withScoring(@Nullable PeerScoreParams scoring, PeerScoreThresholds thresholds) {
		return new PubsubConfig(this.router, this.signaturePolicy, this.messageIdFunction, this.limits, this.seenTtl,
				this.validationTimeout, this.gossipsub, scoring, thresholds);
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

	/**
	 * What one peer may make this node read, keep and queue.
	 *
	 * @param maxRpcSize the largest RPC read or written, in bytes (go's 1 MiB; rust
	 * defaults to 64 KiB and refuses bigger ones, so networks with rust nodes should
	 * lower it)
	 * @param maxTopicsPerRpc the most subscriptions or control entries of one kind in one
	 * RPC
	 * @param maxMessagesPerRpc the most messages in one RPC
	 * @param maxIdsPerControl the most message ids in one IHAVE, IWANT or IDONTWANT
	 * @param maxSeenMessages the most ids remembered; the oldest go first beyond it
	 * @param maxPendingValidations messages waiting for validators at once; more are
	 * dropped
	 * @param maxQueuedBytesPerPeer bytes waiting to be written to one peer, at least one
	 * RPC; messages beyond it are dropped (control messages are always sent)
	 */
	public record Limits(int maxRpcSize, int maxTopicsPerRpc, int maxMessagesPerRpc, int maxIdsPerControl,
			int maxSeenMessages, int maxPendingValidations, int maxQueuedBytesPerPeer) {

		/** 1 MiB RPCs, 1024 topics and messages, 5000 ids, 100 000 seen, 4096, 8 MiB. */
		public static final Limits DEFAULT = new Limits(1 << 20, 1024, 1024, 5000, 100_000, 4096, 8 << 20);

		public Limits {
			if (maxRpcSize < 1024 || maxTopicsPerRpc < 1 || maxMessagesPerRpc < 1 || maxIdsPerControl < 1
					|| maxSeenMessages < 1 || maxPendingValidations < 1) {
				throw new IllegalArgumentException("pubsub limits must be positive and RPCs at least 1 KiB");
			}
			if (maxQueuedBytesPerPeer < maxRpcSize) {
				throw new IllegalArgumentException("the per-peer queue of " + maxQueuedBytesPerPeer
						+ " bytes must hold one RPC of " + maxRpcSize + " bytes");
			}
		}

		/**
		 * Returns a copy with another RPC size limit; the per-peer queue grows to one RPC
		 * if it was smaller, as it must hold at least one.
		 * @param bytes the largest RPC
		 * @return the copy
		 */
		public Limits withMaxRpcSize(int bytes) {
			return new Limits(bytes, this.maxTopicsPerRpc, this.maxMessagesPerRpc, this.maxIdsPerControl,
					this.maxSeenMessages, this.maxPendingValidations, Math.max(this.maxQueuedBytesPerPeer, bytes));
		}

	}

}
