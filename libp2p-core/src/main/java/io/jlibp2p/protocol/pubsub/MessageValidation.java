package io.jlibp2p.protocol.pubsub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.time.Scheduler;

/**
 * The application's validators and the messages waiting for them: a message is accepted
 * only when every validator of its topic accepts it, ignored when one takes longer than
 * the timeout or fails, and rejected when one rejects it. Validators are added from any
 * thread; validation runs on the swarm's thread.
 */
final class MessageValidation {

	private static final Logger logger = LoggerFactory.getLogger(MessageValidation.class);

	private final Map<String, List<MessageValidator>> validators = new ConcurrentHashMap<>();

	private final Duration timeout;

	private final int maxPending;

	private int pending;

	MessageValidation(Duration timeout, int maxPending) {
		this.timeout = timeout;
		this.maxPending = maxPending;
	}

	void add(String topic, MessageValidator validator) {
		this.validators.computeIfAbsent(topic, (t) -> new CopyOnWriteArrayList<>()).add(validator);
	}

	/**
	 * Returns whether a message of the topic can be taken: {@code false} when it needs
	 * validators and too many messages wait for them.
	 * @param topic the topic
	 * @return whether there is room
	 */
	boolean hasRoom(String topic) {
		return !this.validators.containsKey(topic) || this.pending < this.maxPending;
	}

	/**
	 * Validates a message.
	 * @param message the message
	 * @param scheduler the timer of the timeout
	 * @param swarmThread where the count of waiting messages is kept
	 * @return the verdict, completed at once when the topic has no validators
	 */
	CompletableFuture<ValidationResult> validate(PubsubMessage message, Scheduler scheduler, Executor swarmThread) {
		List<MessageValidator> checks = this.validators.getOrDefault(message.topic(), List.of());
		if (checks.isEmpty()) {
			return CompletableFuture.completedFuture(ValidationResult.ACCEPT);
		}
		this.pending++;
		CompletableFuture<ValidationResult> result = new CompletableFuture<>();
		Scheduler.Cancellable timer = scheduler.schedule(() -> result.complete(ValidationResult.IGNORE), this.timeout);
		List<CompletableFuture<ValidationResult>> answers = new ArrayList<>();
		for (MessageValidator check : checks) {
			try {
				answers.add(check.validate(message).toCompletableFuture());
			}
			catch (RuntimeException ex) {
				answers.add(CompletableFuture.failedFuture(ex));
			}
		}
		CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
			.whenComplete((all, failure) -> result.complete(combine(answers, message.topic())));
		return result.whenComplete((decided, failure) -> swarmThread.execute(() -> {
			this.pending--;
			timer.cancel();
		}));
	}

	private static ValidationResult combine(List<CompletableFuture<ValidationResult>> answers, String topic) {
		ValidationResult combined = ValidationResult.ACCEPT;
		for (CompletableFuture<ValidationResult> answer : answers) {
			ValidationResult one;
			try {
				one = answer.join();
			}
			catch (RuntimeException ex) {
				logger.warn("a validator of '{}' failed; the message is ignored", topic, ex);
				one = ValidationResult.IGNORE;
			}
			if (one == ValidationResult.REJECT) {
				return one;
			}
			if (one == ValidationResult.IGNORE) {
				combined = one;
			}
		}
		return combined;
	}

}
