package io.jlibp2p.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The one place a swarm and its behaviours get time from: the current instant, tasks run
 * in order on one thread, and timers. Behaviour state lives on this thread, so protocol
 * logic needs no locks; a {@link VirtualScheduler} lets tests run minutes of heartbeats
 * and refreshes in milliseconds, deterministically.
 *
 * <p>
 * Deadlines that guard a single connection's I/O (negotiation, handshake and ping
 * timeouts) stay on that connection's Netty event loop: they protect against a silent
 * socket, which has no meaning in a simulation.
 */
public interface Scheduler extends Executor {

	/**
	 * Returns the current time of this scheduler.
	 * @return the current instant
	 */
	Instant now();

	/**
	 * Runs a task on the scheduler's thread, after the tasks already submitted.
	 * @param task the task
	 */
	@Override
	void execute(Runnable task);

	/**
	 * Runs a task once after a delay.
	 * @param task the task
	 * @param delay the delay, zero or more
	 * @return a handle that cancels the task if it has not run yet
	 */
	Cancellable schedule(Runnable task, Duration delay);

	/**
	 * Computes something on the scheduler's thread.
	 * @param <T> the result type
	 * @param task the computation
	 * @return its result, or its exception
	 */
	default <T> CompletableFuture<T> call(Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		execute(() -> {
			try {
				result.complete(task.get());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/**
	 * Runs a task repeatedly, first after {@code initialDelay}, then every {@code period}
	 * after the previous run ended. A task that throws keeps its schedule.
	 * @param task the task
	 * @param initialDelay the first delay
	 * @param period the time between runs, positive
	 * @return a handle that stops the repetition
	 */
	default Cancellable scheduleRepeatedly(Runnable task, Duration initialDelay, Duration period) {
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("a repeating period must be positive, not " + period);
		}
		AtomicBoolean cancelled = new AtomicBoolean();
		Runnable[] rearm = new Runnable[1];
		rearm[0] = () -> {
			if (cancelled.get()) {
				return;
			}
			try {
				task.run();
			}
			finally {
				if (!cancelled.get()) {
					schedule(rearm[0], period);
				}
			}
		};
		schedule(rearm[0], initialDelay);
		return () -> cancelled.set(true);
	}

	/**
	 * A scheduled task that can still be called off.
	 */
	@FunctionalInterface
	interface Cancellable {

		/**
		 * Cancels the task; does nothing once it has run.
		 */
		void cancel();

	}

}
