package io.jlibp2p.swarm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.multiformats.Multiaddr;
import io.jlibp2p.time.TokenBucket;

/**
 * Decides, the moment a listener accepts a socket and before any handshake, whether to
 * upgrade it: within the number of upgrades in progress, in all and from one address, and
 * within the rate at which one address may open connections (a token bucket per address,
 * as go's listener rate limiter). Thread-safe: listeners accept on many event loops.
 */
final class AcceptLimiter {

	/**
	 * Addresses whose rate is tracked at once; the least recently seen is forgotten
	 * first, so that spoofed sources cannot grow the table.
	 */
	static final int MAX_TRACKED = 10_000;

	private final int maxPending;

	private final SwarmConfig.InboundLimits limits;

	private final LongSupplier nanoTime;

	private final Map<String, Integer> pendingPerIp = new HashMap<>();

	private final Map<String, TokenBucket> rates = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
			return size() > MAX_TRACKED;
		}

	};

	private int pending;

	/**
	 * Creates a limiter.
	 * @param maxPending upgrades in progress at once, from all addresses
	 * @param limits the per-address limits
	 * @param nanoTime the clock the rates are measured by
	 */
	AcceptLimiter(int maxPending, SwarmConfig.InboundLimits limits, LongSupplier nanoTime) {
		this.maxPending = maxPending;
		this.limits = limits;
		this.nanoTime = nanoTime;
	}

	/**
	 * Starts an upgrade of a connection from an address unless a limit refuses it; every
	 * attempt spends from the address's rate, refused or not.
	 * @param remote the remote address
	 * @return the reason for refusing it, or {@code null} once the upgrade is counted
	 */
	synchronized @Nullable String begin(Multiaddr remote) {
		byte[] ip = this.limits.limitedIp(remote);
		String key = (ip != null) ? SwarmConfig.InboundLimits.key(ip) : null;
		if (key != null && !this.rates
			.computeIfAbsent(key,
					(k) -> new TokenBucket(this.limits.acceptsPerSecond(), 2 * this.limits.acceptsPerSecond(),
							this.nanoTime.getAsLong()))
			.take(this.nanoTime.getAsLong())) {
			return "more than " + this.limits.acceptsPerSecond() + " new connections a second from one address";
		}
		if (this.pending >= this.maxPending) {
			return this.maxPending + " inbound connections are already being upgraded";
		}
		if (key != null && this.pendingPerIp.getOrDefault(key, 0) >= this.limits.pendingPerIp()) {
			return this.limits.pendingPerIp() + " inbound connections from one address are already being upgraded";
		}
		this.pending++;
		if (key != null) {
			this.pendingPerIp.merge(key, 1, Integer::sum);
		}
		return null;
	}

	/**
	 * Ends an upgrade {@link #begin} counted, however it ended.
	 * @param remote the remote address
	 */
	synchronized void end(Multiaddr remote) {
		this.pending--;
		byte[] ip = this.limits.limitedIp(remote);
		if (ip != null) {
			this.pendingPerIp.computeIfPresent(SwarmConfig.InboundLimits.key(ip),
					(k, count) -> (count > 1) ? count - 1 : null);
		}
	}

}
