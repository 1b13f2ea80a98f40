package io.jlibp2p.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jlibp2p.protocol.ping.Ping;
import io.jlibp2p.transport.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches a node while it is attacked: an honest peer pings it over an existing
 * connection every 20 ms, and memory is measured before and after. The hostile-peer tests
 * assert the same three things through it: the honest peer's ping p99 stays under 200 ms,
 * none of its pings fails, and heap and direct memory grow by no more than a stated
 * bound.
 */
public final class AttackWatch implements AutoCloseable {

	/** The honest peer's ping p99 every attack must stay under. */
	public static final Duration MAX_P99 = Duration.ofMillis(200);

	private static final Logger logger = LoggerFactory.getLogger(AttackWatch.class);

	private static final int MIN_PINGS = 20;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private final List<Long> rttNanos = new ArrayList<>();

	private final AtomicInteger failures = new AtomicInteger();

	private final Thread pinger;

	private final long heapBefore = heapAfterGc();

	private final long directBefore = direct();

	private volatile boolean stopped;

	/** The log while the attack runs: slf4j-simple and Netty write to System.err. */
	private final PrintStream originalErr = System.err;

	private final BoundedLog log = new BoundedLog();

	/**
	 * Starts pinging.
	 * @param ping the honest peer's ping behaviour
	 * @param connection its connection to the attacked node
	 */
	public AttackWatch(Ping ping, Connection connection) {
		ping.ping(connection).join(); // the ping stream is open before the clock starts
		System.setErr(new PrintStream(this.log.tee(this.originalErr), true, StandardCharsets.UTF_8));
		this.pinger = new Thread(() -> {
			while (!this.stopped) {
				try {
					Duration rtt = ping.ping(connection).get(5, TimeUnit.SECONDS);
					synchronized (this.rttNanos) {
						this.rttNanos.add(rtt.toNanos());
					}
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (Exception ex) {
					this.failures.incrementAndGet();
				}
			}
		}, "attack-watch");
		this.pinger.setDaemon(true);
		this.pinger.start();
	}

	/**
	 * Stops pinging and checks the honest peer's experience and the memory bound.
	 * @param memoryBound how much heap (after a full GC) and direct memory may each have
	 * grown, in bytes
	 */
	public void assertHonestPeerUnharmed(long memoryBound) {
		// An attack cut off in milliseconds leaves few pings to judge by: take enough,
		// during and right after it.
		await().atMost(30, TimeUnit.SECONDS).until(() -> pings() >= MIN_PINGS || this.failures.get() > 0);
		close();
		List<Long> sorted;
		synchronized (this.rttNanos) {
			sorted = this.rttNanos.stream().sorted().toList();
		}
		assertThat(this.failures.get()).as("failed honest pings").isZero();
		assertThat(sorted).as("honest pings during the attack").hasSizeGreaterThanOrEqualTo(MIN_PINGS);
		long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
		long heapGrowth = heapAfterGc() - this.heapBefore;
		long directGrowth = direct() - this.directBefore;
		logger.info("honest pings {}, p99 {} ms; heap {} KiB, direct {} KiB more", sorted.size(),
				String.format("%.2f", p99 / 1e6), heapGrowth >> 10, directGrowth >> 10);
		assertThat(Duration.ofNanos(p99)).as("honest ping p99 of " + sorted.size()).isLessThan(MAX_P99);
		assertThat(this.log.text()).as("the log while the attack ran: nothing may escape to an event loop")
			.doesNotContain("reached at the tail of the pipeline", "A task raised an exception", "LEAK:");
		assertThat(heapGrowth).as("heap growth").isLessThan(memoryBound);
		assertThat(directGrowth).as("direct memory growth").isLessThan(memoryBound);
	}

	private int pings() {
		synchronized (this.rttNanos) {
			return this.rttNanos.size();
		}
	}

	@Override
	public void close() {
		this.stopped = true;
		System.setErr(this.originalErr);
		try {
			this.pinger.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long heapAfterGc() {
		System.gc();
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private static long direct() {
		return DirectMemory.used();
	}

	/** The first megabyte of what was written, kept beside the real stream. */
	private static final class BoundedLog {

		private static final int LIMIT = 1 << 20;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		OutputStream tee(OutputStream original) {
			return new OutputStream() {

				@Override
				public void write(int b) throws IOException {
					original.write(b);
					keep(new byte[] { (byte) b }, 0, 1);
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					original.write(b, off, len);
					keep(b, off, len);
				}

				@Override
				public void flush() throws IOException {
					original.flush();
				}

			};
		}

		private synchronized void keep(byte[] b, int off, int len) {
			this.bytes.write(b, off, Math.max(0, Math.min(len, LIMIT - this.bytes.size())));
		}

		synchronized String text() {
			return this.bytes.toString(StandardCharsets.UTF_8);
		}

	}

}
