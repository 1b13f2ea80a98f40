package io.jlibp2p.protocol.pubsub;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals of a pubsub node, safe to read from any thread.
 */
public final class PubsubMetrics {

	private final Map<Outcome, AtomicLong> messages = new EnumMap<>(Outcome.class);

	private final AtomicLong malformedRpcs = new AtomicLong();

	PubsubMetrics() {
		for (Outcome outcome : Outcome.values()) {
			this.messages.put(outcome, new AtomicLong());
		}
	}

	void count(Outcome outcome) {
		count(outcome, 1);
	}

	void count(Outcome outcome, int messages) {
		if (messages > 0) {
			this.messages.get(outcome).addAndGet(messages);
		}
	}

	void malformedRpc() {
		this.malformedRpcs.incrementAndGet();
	}

	/**
	 * Returns how many messages ended one way.
	 * @param outcome the way
	 * @return the count
	 */
	public long messages(Outcome outcome) {
		return this.messages.get(outcome).get();
	}

	/**
	 * Returns how many RPCs were malformed or over a limit; each closed its stream.
	 * @return the count
	 */
	public long malformedRpcs() {
		return this.malformedRpcs.get();
	}

	/**
	 * What became of a message.
	 */
	public enum Outcome {

		/** This node published it. */
		PUBLISHED,

		/** Received, validated and delivered to the application. */
		DELIVERED,

		/** Received again after the first copy. */
		DUPLICATE,

		/** Refused: bad signature, policy breach or a validator's REJECT. */
		REJECTED,

		/** Dropped without blame: a validator's IGNORE or its timeout. */
		IGNORED,

		/**
		 * Dropped for lack of room: a full validation queue, a full peer queue or a
		 * graylisted sender.
		 */
		DROPPED

	}

}
