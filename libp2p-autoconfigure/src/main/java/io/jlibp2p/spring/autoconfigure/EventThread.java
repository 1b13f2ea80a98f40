package io.jlibp2p.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread behind a bounded queue, delivering events to the application's
 * listeners in order while it runs. A slow listener delays the events after it, never the
 * thread that submitted them (an event loop or the swarm's thread); when the queue is
 * full, events are dropped, counted and logged.
 */
public final class EventThread {

	private static final Logger logger = LoggerFactory.getLogger(EventThread.class);

	private final String name;

	private final int capacity;

	private final AtomicLong dropped = new AtomicLong();

	private volatile @Nullable ThreadPoolExecutor executor;

	/**
	 * Creates the thread, not started yet.
	 * @param name the thread's name
	 * @param capacity events that may wait for delivery
	 */
	public EventThread(String name, int capacity) {
		this.name = name;
		this.capacity = capacity;
	}

	/** Starts the thread, unless it runs. */
	public synchronized void start() {
		if (this.executor == null) {
			this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
					new ArrayBlockingQueue<>(this.capacity), (task) -> {
						Thread thread = new Thread(task, this.name);
						thread.setDaemon(true);
						return thread;
					}, (task, pool) -> {
						if (!pool.isShutdown()) {
							drop();
						}
					});
		}
	}

	/**
	 * Returns whether the thread runs.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * Queues a delivery, or drops it if the queue is full (counted) or the thread is
	 * stopping.
	 * @param delivery what to run on the thread; its exceptions are logged
	 * @return {@code false} if the thread does not run
	 */
	public boolean submit(Runnable delivery) {
		ThreadPoolExecutor running = this.executor;
		if (running == null) {
			return false;
		}
		running.execute(() -> {
			try {
				delivery.run();
			}
			catch (RuntimeException ex) {
				logger.warn("an event listener on {} failed", this.name, ex);
			}
		});
		return true;
	}

	private void drop() {
		if (this.dropped.incrementAndGet() % 1000 == 1) {
			logger.warn("{}: the queue of {} events is full; dropped {} so far", this.name, this.capacity,
					this.dropped.get());
		}
	}

	/**
	 * Returns how many events were dropped because the queue was full.
	 * @return the count
	 */
	public long dropped() {
		return this.dropped.get();
	}

	/**
	 * Delivers what is queued, for up to two seconds, and stops the thread.
	 */
	public void stop() {
		ThreadPoolExecutor running;
		synchronized (this) {
			running = this.executor;
			this.executor = null;
		}
		if (running == null) {
			return;
		}
		running.shutdown();
		try {
			running.awaitTermination(Duration.ofSeconds(2).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
