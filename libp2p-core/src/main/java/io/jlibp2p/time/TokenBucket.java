package io.jlibp2p.time;

import java.util.concurrent.TimeUnit;

/**
 * A rate with bursts: tokens refill continuously up to a capacity, and each event takes
 * one. Not thread-safe: its owner guards it.
 */
public final class TokenBucket {

	private final double perNano;

	private final double capacity;

	private double tokens;

	private long refilledAt;

	/**
	 * Creates a full bucket.
	 * @param perSecond tokens added a second
	 * @param burst the most tokens it holds
	 * @param nanoTime the current time, in the clock's nanoseconds
	 */
	public TokenBucket(int perSecond, int burst, long nanoTime) {
		this.perNano = perSecond / (double) TimeUnit.SECONDS.toNanos(1);
		this.capacity = burst;
		this.tokens = burst;
		this.refilledAt = nanoTime;
	}

	/**
	 * Takes a token if one is there.
	 * @param nanoTime the current time, in the clock's nanoseconds
	 * @return whether the event fits the rate
	 */
	public boolean take(long nanoTime) {
		this.tokens = Math.min(this.capacity, this.tokens + (nanoTime - this.refilledAt) * this.perNano);
		this.refilledAt = nanoTime;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens--;
		return true;
	}

}
