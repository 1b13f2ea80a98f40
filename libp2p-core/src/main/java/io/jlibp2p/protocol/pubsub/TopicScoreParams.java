package io.jlibp2p.protocol.pubsub;

import java.time.Duration;

/**
 * How a peer's behaviour in one topic counts towards its score (gossipsub v1.1, P1–P4),
 * one group per part of the score. Decays are factors applied once per decay interval;
 * counters below the score parameters' {@code decayToZero} snap to zero.
 *
 * @param topicWeight the weight of this topic's part of the score
 * @param timeInMesh P1
 * @param firstDeliveries P2
 * @param meshDeliveries P3
 * @param meshFailures P3b
 * @param invalidDeliveries P4
 */
public record TopicScoreParams(double topicWeight, TimeInMesh timeInMesh, FirstDeliveries firstDeliveries,
		MeshDeliveries meshDeliveries, MeshFailures meshFailures, InvalidDeliveries invalidDeliveries) {

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
	public static final TopicScoreParams DEFAULT = new TopicScoreParams(1,
			new TimeInMesh(0.01, Duration.ofSeconds(1), 300), new FirstDeliveries(1, 0.99, 10),
			new MeshDeliveries(0, 0.97, 100, 1, Duration.ofMillis(10), Duration.ofMinutes(1)),
			new MeshFailures(0, 0.97), new InvalidDeliveries(-100, 0.9987));

	public TopicScoreParams {
		if (topicWeight < 0) {
			throw new IllegalArgumentException("the topic weight must be non-negative, not " + topicWeight);
		}
	}

	/**
	 * P1: time in the mesh.
	 *
	 * @param weight per quantum in the mesh (non-negative)
	 * @param quantum the unit of time
	 * @param cap the counter's cap
	 */
	public record TimeInMesh(double weight, Duration quantum, double cap) {

		public TimeInMesh {
			requireWeight(weight >= 0, "P1", weight);
			if (quantum.isNegative() || quantum.isZero()) {
				throw new IllegalArgumentException("the time-in-mesh quantum must be positive, not " + quantum);
			}
		}

	}

	/**
	 * P2: messages the peer delivered first.
	 *
	 * @param weight per first delivery (non-negative)
	 * @param decay the counter's decay
	 * @param cap the counter's cap
	 */
	public record FirstDeliveries(double weight, double decay, double cap) {

		public FirstDeliveries {
			requireWeight(weight >= 0, "P2", weight);
			requireDecay(decay);
		}

	}

	/**
	 * P3: the deficit of messages a mesh peer delivered.
	 *
	 * @param weight times the square of the deficit (non-positive)
	 * @param decay the counter's decay
	 * @param cap the counter's cap
	 * @param threshold the expected deliveries; below it the deficit counts
	 * @param window how late after the first delivery a mesh peer's copy still counts
	 * @param activation how long a peer is in the mesh before P3 applies
	 */
	public record MeshDeliveries(double weight, double decay, double cap, double threshold, Duration window,
			Duration activation) {

		public MeshDeliveries {
			requireWeight(weight <= 0, "P3", weight);
			requireDecay(decay);
		}

	}

	/**
	 * P3b: the deficit a peer had when it was pruned, which sticks.
	 *
	 * @param weight times the square of the deficit (non-positive)
	 * @param decay the counter's decay
	 */
	public record MeshFailures(double weight, double decay) {

		public MeshFailures {
			requireWeight(weight <= 0, "P3b", weight);
			requireDecay(decay);
		}

	}

	/**
	 * P4: invalid messages.
	 *
	 * @param weight times the square of invalid messages (non-positive)
	 * @param decay the counter's decay
	 */
	public record InvalidDeliveries(double weight, double decay) {

		public InvalidDeliveries {
			requireWeight(weight <= 0, "P4", weight);
			requireDecay(decay);
		}

	}

	private static void requireWeight(boolean signRight, String part, double weight) {
		if (!signRight) {
			throw new IllegalArgumentException(
					part + "'s weight has the wrong sign: " + weight + " (P1 and P2 reward, P3, P3b and P4 punish)");
		}
	}

	private static void requireDecay(double decay) {
		if (decay <= 0 || decay >= 1) {
			throw new IllegalArgumentException("decays must lie in (0, 1), not " + decay);
		}
	}

}
