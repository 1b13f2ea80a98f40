package io.jlibp2p.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on the system clock with one daemon thread of its own. A task that
 * throws is logged and does not stop the thread.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SystemScheduler.class);

	private final ScheduledThreadPoolExecutor executor;

	/**
	 * Creates the scheduler and its thread.
	 * @param threadName the thread's name
	 */
	public SystemScheduler(String threadName) {
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	@Override
	public Instant now() {
		return Instant.now();
	}

	@Override
	public void execute(Runnable task) {
		if (!this.executor.isShutdown()) {
			this.executor.execute(() -> runLogged(task));
		}
	}

	@Override
	public Cancellable schedule(Runnable task, Duration delay) {
		if (this.executor.isShutdown()) {
			return () -> {
			};
		}
		ScheduledFuture<?> future = this.executor.schedule(() -> runLogged(task), Math.max(0, delay.toNanos()),
				TimeUnit.NANOSECONDS);
		return () -> future.cancel(false);
	}

	private static void runLogged(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.warn("scheduled task failed", ex);
		}
	}

	/**
	 * Stops the thread once the tasks already due have run (SystemSchedulerTest); timers
	 * not yet due are dropped and nothing new is taken.
	 */
	@Override
	public void close() {
		this.executor.shutdown();
	}

}
