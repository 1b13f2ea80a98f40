package io.jlibp2p.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} whose clock moves only when {@link #advance(Duration)} moves it,
 * for simulations of many nodes in one JVM. Share one instance between all swarms of a
 * simulation: their behaviours then run on one thread and their timers fire in one global
 * order.
 *
 * <p>
 * Between two timers the simulation lets the network settle: it waits until this
 * scheduler's queue is empty and every {@linkplain #watch(EventLoopGroup) watched} event
 * loop has run out of tasks, so a heartbeat always sees the effects of the previous one,
 * as it would on a real network whose latency is far below the heartbeat period.
 */
public final class VirtualScheduler implements Scheduler, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(VirtualScheduler.class);

	private static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

	private final BlockingQueue<Runnable> ready = new LinkedBlockingQueue<>();

	private final PriorityQueue<Timer> timers = new PriorityQueue<>();

	private final List<EventLoopGroup> watched = new ArrayList<>();

	private final AtomicLong submitted = new AtomicLong();

	private final AtomicLong completed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final Thread thread;

	private long sequence;

	private volatile long elapsedNanos;

	private volatile boolean closed;

	/**
	 * Creates the scheduler at a fixed start instant and starts its thread.
	 */
	public VirtualScheduler() {
		this.thread = new Thread(this::runTasks, "jlibp2p-virtual-time");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Makes {@link #advance(Duration)} wait for an event-loop group to be idle before it
	 * fires the next timer: the group that carries the simulated network.
	 * @param group the event loops
	 * @return this scheduler
	 */
	public VirtualScheduler watch(EventLoopGroup group) {
		synchronized (this.watched) {
			this.watched.add(group);
		}
		return this;
	}

	@Override
	public Instant now() {
		return EPOCH.plusNanos(this.elapsedNanos);
	}

	/**
	 * Returns how many tasks ended with an exception: a simulation expects none.
	 * @return the count
	 */
	public long failedTasks() {
		return this.failed.get();
	}

	/**
	 * Returns how much virtual time has passed since the start.
	 * @return the elapsed virtual time
	 */
	public Duration elapsed() {
		return Duration.ofNanos(this.elapsedNanos);
	}

	@Override
	public void execute(Runnable task) {
		if (this.closed) {
			return;
		}
		this.submitted.incrementAndGet();
		this.ready.add(task);
	}

	@Override
	public Cancellable schedule(Runnable task, Duration delay) {
		Timer timer;
		synchronized (this.timers) {
			timer = new Timer(this.elapsedNanos + Math.max(0, delay.toNanos()), this.sequence++, task);
			this.timers.add(timer);
		}
		return () -> {
			synchronized (this.timers) {
				this.timers.remove(timer);
			}
		};
	}

	/**
	 * Moves the clock forward, firing every timer that falls due on the way, in deadline
	 * order, each once the network has settled after the previous one.
	 * @param duration how far to move
	 */
	public void advance(Duration duration) {
		if (Thread.currentThread() == this.thread) {
			throw new IllegalStateException("advance from outside the scheduler's own thread");
		}
		long target = this.elapsedNanos + duration.toNanos();
		while (true) {
			settle();
			Timer due;
			synchronized (this.timers) {
				Timer next = this.timers.peek();
				if (next == null || next.deadline() > target) {
					break;
				}
				due = this.timers.poll();
			}
			this.elapsedNanos = Math.max(this.elapsedNanos, due.deadline());
			execute(due.task());
		}
		this.elapsedNanos = target;
		settle();
	}

	/**
	 * Waits until no task is queued here or on the watched event loops, and none was
	 * added during one full check.
	 */
	public void settle() {
		while (!this.closed) {
			long before = this.submitted.get();
			awaitOwnQueue();
			boolean loopsIdle = drainWatchedLoops();
			if (loopsIdle && this.submitted.get() == before && this.completed.get() == before) {
				return;
			}
		}
	}

	private void awaitOwnQueue() {
		while (!this.closed && this.completed.get() != this.submitted.get()) {
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(20));
		}
	}

	private boolean drainWatchedLoops() {
		List<EventLoopGroup> groups;
		synchronized (this.watched) {
			groups = List.copyOf(this.watched);
		}
		boolean idle = true;
		for (EventLoopGroup group : groups) {
			for (EventExecutor loop : group) {
				// Counted by the marker itself, on the loop: a task queued behind it and
				// already running once it finished would otherwise look like no task.
				Future<Integer> queuedBehind = loop
					.submit(() -> (loop instanceof SingleThreadEventExecutor single) ? single.pendingTasks() : 0);
				if (queuedBehind.syncUninterruptibly().getNow() > 0) {
					idle = false;
				}
			}
		}
		return idle;
	}

	private void runTasks() {
		while (!this.closed) {
			Runnable task;
			try {
				task = this.ready.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				this.failed.incrementAndGet();
				logger.warn("scheduled task failed", ex);
			}
			finally {
				this.completed.incrementAndGet();
			}
		}
	}

	/**
	 * Stops the scheduler's thread; pending tasks and timers are dropped.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.thread.interrupt();
	}

	private record Timer(long deadline, long sequence, Runnable task) implements Comparable<Timer> {

		@Override
		public int compareTo(Timer other) {
			int byDeadline = Long.compare(this.deadline, other.deadline);
			return (byDeadline != 0) ? byDeadline : Long.compare(this.sequence, other.sequence);
		}

	}

}
