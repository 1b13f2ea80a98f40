package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.util.Map;

/**
 * Gossipsub v1.1 peer scoring: the per-topic parameters, the topic-independent parts (P5
 * application score, P6 IP colocation, P7 behaviour penalty) and decay.
 *
 * @param topics parameters per topic
 * @param defaultTopic parameters of every other topic this node joins
 * @param topicScoreCap the cap of the sum of topic parts, 0 for none
 * @param appSpecificWeight P5's weight; the application score itself comes from
 * {@link Pubsub#setApplicationScore}
 * @param ipColocation P6
 * @param behaviourPenalty P7
 * @param decayInterval how often counters decay
 * @param decayToZero counters below this become zero
 * @param retainScore how long a disconnected peer's score is remembered, so reconnecting
 * does not wash it clean
 */
public record PeerScoreParams(Map<String, TopicScoreParams> topics, TopicScoreParams defaultTopic, double topicScoreCap,
		double appSpecificWeight, IpColocation ipColocation, BehaviourPenalty behaviourPenalty, Duration decayInterval,
		double decayToZero, Duration retainScore) {

	/**
	 * Defaults: {@link TopicScoreParams#DEFAULT} for every topic, topic parts capped at
	 * 100; P6 at −10 per peer beyond 10 on one address (NAT'd offices share addresses);
	 * P7 at −10 per squared penalty beyond 2 (broken IWANT promises, GRAFTs during
	 * backoff), decaying over about 10 minutes; decay every second; scores kept 10
	 * minutes after a disconnect.
	 */
	public static final PeerScoreParams DEFAULT = new PeerScoreParams(Map.of(), TopicScoreParams.DEFAULT, 100, 1,
			new IpColocation(-10, 10), new BehaviourPenalty(-10, 2, 0.9923), Duration.ofSeconds(1), 0.01,
			Duration.ofMinutes(10));

	public PeerScoreParams {
		topics = Map.copyOf(topics);
		if (decayToZero <= 0 || decayToZero >= 1) {
			throw new IllegalArgumentException("decayToZero must lie in (0, 1), not " + decayToZero);
		}
		if (decayInterval.isNegative() || decayInterval.isZero()) {
			throw new IllegalArgumentException("the decay interval must be positive, not " + decayInterval);
		}
	}

	/**
	 * Returns the parameters of a topic.
	 * @param topic the topic
	 * @return its own parameters or the default ones
	 */
	public TopicScoreParams topic(String topic) {
		return this.topics.getOrDefault(topic, this.defaultTopic);
	}

	/**
	 * P6: many peers from one IP address.
	 *
	 * @param weight times the square of the surplus (non-positive)
	 * @param threshold peers from one IP address tolerated
	 */
	public record IpColocation(double weight, int threshold) {

		public IpColocation {
			if (weight > 0 || threshold < 1) {
				throw new IllegalArgumentException(
						"P6 needs a non-positive weight and a positive threshold, not " + weight + " and " + threshold);
			}
		}

	}

	/**
	 * P7: protocol breaches, such as broken IWANT promises and GRAFTs during backoff.
	 *
	 * @param weight times the square of the surplus (non-positive)
	 * @param threshold penalties tolerated
	 * @param decay the counter's decay
	 */
	public record BehaviourPenalty(double weight, double threshold, double decay) {

		public BehaviourPenalty {
			if (weight > 0 || decay <= 0 || decay >= 1) {
				throw new IllegalArgumentException(
						"P7 needs a non-positive weight and a decay in (0, 1), not " + weight + " and " + decay);
			}
		}

	}

}
