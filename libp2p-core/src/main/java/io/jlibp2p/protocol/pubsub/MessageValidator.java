package io.jlibp2p.protocol.pubsub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Checks a topic's messages before they are delivered and forwarded. A validator may
 * answer at once or later; an answer that does not come within the configured validation
 * timeout counts as {@link ValidationResult#IGNORE}. Validators run on the swarm's
 * thread: one that has slow work to do returns a future completed elsewhere.
 */
@FunctionalInterface
public interface MessageValidator {

	/**
	 * Validates a message.
	 * @param message the message; its signature has already been checked
	 * @return the decision
	 */
	CompletionStage<ValidationResult> validate(PubsubMessage message);

	/**
	 * Adapts a validator that decides at once.
	 * @param validator the decision
	 * @return the validator
	 */
	static MessageValidator of(Function<PubsubMessage, ValidationResult> validator) {
		return (message) -> CompletableFuture.completedFuture(validator.apply(message));
	}

}
