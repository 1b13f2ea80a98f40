package io.jlibp2p.protocol.kad;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.jlibp2p.swarm.Swarm;

/**
 * Reports each finished DHT operation, with its outcome and duration, to the listeners.
 */
final class QueryEvents {

	private final List<Consumer<KadQueryEvent>> listeners = new CopyOnWriteArrayList<>();

	void addListener(Consumer<KadQueryEvent> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Measures an operation started now.
	 * @param <T> the operation's result
	 * @param swarm the swarm, whose clock and thread are used
	 * @param type the operation's type
	 * @param operation the operation
	 * @param succeeded whether a result counts as success
	 * @return the operation, reported once done
	 */
	<T> CompletableFuture<T> measured(Swarm swarm, String type, CompletableFuture<T> operation,
			Predicate<T> succeeded) {
		Instant start = swarm.scheduler().now();
		return operation.whenComplete((value, failure) -> swarm.execute(() -> {
			KadQueryEvent event = new KadQueryEvent(type, failure == null && succeeded.test(value),
					Duration.between(start, swarm.scheduler().now()));
			this.listeners.forEach((listener) -> listener.accept(event));
		}));
	}

}
