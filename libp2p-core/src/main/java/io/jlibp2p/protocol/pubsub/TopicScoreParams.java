package io.jlibp2p.protocol.pubsub;

import java.time.Duration;

/**
 * How a peer's behaviour in one topic counts towards its score (gossipsub v1.1, P1–P4).
 * Decays are factors applied once per decay interval; counters below the score
 * parameters' {@code decayToZero} snap to zero.
 *
 * @param topicWeight the weight of this topic's part of the score
 * @param timeInMeshWeight P1, per quantum in the mesh
 * @param timeInMeshQuantum P1's unit of time
 * @param timeInMeshCap P1's counter cap
 * @param firstMessageDeliveriesWeight P2, per message the peer delivered first
 * @param firstMessageDeliveriesDecay P2's decay
 * @param firstMessageDeliveriesCap P2's counter cap
 * @param meshMessageDeliveriesWeight P3, times the square of the deficit (negative)
 * @param meshMessageDeliveriesDecay P3's decay
 * @param meshMessageDeliveriesCap P3's counter cap
 * @param meshMessageDeliveriesThreshold P3's expected deliveries; below it the deficit
 * counts
 * @param meshMessageDeliveriesWindow how late after the first delivery a mesh peer's copy
 * still counts
 * @param meshMessageDeliveriesActivation how long a peer is in the mesh before P3 applies
 * @param meshFailurePenaltyWeight P3b, the sticky deficit at prune time (negative)
 * @param meshFailurePenaltyDecay P3b's decay
 * @param invalidMessageDeliveriesWeight P4, times the square of invalid messages
 * (negative)
 * @param invalidMessageDeliveriesDecay P4's decay
 */
public record TopicScoreParams(double topicWeight, double timeInMeshWeight, Duration timeInMeshQuantum,
		double timeInMeshCap, double firstMessageDeliveriesWeight, double firstMessageDeliveriesDecay,
		double firstMessageDeliveriesCap, double meshMessageDeliveriesWeight, double meshMessageDeliveriesDecay,
		double meshMessageDeliveriesCap, double meshMessageDeliveriesThreshold, Duration meshMessageDeliveriesWindow,
		Duration meshMessageDeliveriesActivation, double meshFailurePenaltyWeight, double meshFailurePenaltyDecay,
		double invalidMessageDeliveriesWeight, double invalidMessageDeliveriesDecay) {

	/**
	 * The parameters of every topic that has none of its own.
	 * <ul>
	 * <li>P1: +0.01 a second in the mesh, at most +3 after five minutes: a small reward
	 * for stable mesh members that decides ties, never outweighs misbehaviour.</li>
	 * <li>P2: +1 a first delivery, at most +10, halving roughly every 70 s: peers that
	 * bring news first are preferred when a mesh is pruned.</li>
	 * <li>P3 and P3b: off. The delivery deficit only makes sense with a known message
	 * rate; on a quiet topic it would punish honest peers for messages nobody sent. Set
	 * them per topic where the rate is known.</li>
	 * <li>P4: −100 times the square of invalid messages, decaying to zero in about an
	 * hour: one invalid message takes a peer below zero, so it leaves the mesh at the
	 * next heartbeat; five take it past the default graylist threshold.</li>
	 * </ul>
	 */
	public static final TopicScoreParams DEFAULT = new TopicScoreParams(1, 0.01, Duration.ofSeconds(1), 300, 1, 0.99,
			10, 0, 0.97, 100, 1, Duration.ofMillis(10), Duration.ofMinutes(1), 0, 0.97, -100, 0.9987);

	public TopicScoreParams {
		if (topicWeight < 0 || timeInMeshWeight < 0 || firstMessageDeliveriesWeight < 0) {
			throw new IllegalArgumentException("topic weight, P1 and P2 weights must be non-negative");
		}
		if (meshMessageDeliveriesWeight > 0 || meshFailurePenaltyWeight > 0 || invalidMessageDeliveriesWeight > 0) {
			throw new IllegalArgumentException("P3, P3b and P4 weights must be non-positive");
		}
		for (double decay : new double[] { firstMessageDeliveriesDecay, meshMessageDeliveriesDecay,
				meshFailurePenaltyDecay, invalidMessageDeliveriesDecay }) {
			if (decay <= 0 || decay >= 1) {
				throw new IllegalArgumentException("decays must lie in (0, 1), not " + decay);
			}
		}
		if (timeInMeshQuantum.isNegative() || timeInMeshQuantum.isZero()) {
			throw new IllegalArgumentException("the time-in-mesh quantum must be positive");
		}
	}

}
