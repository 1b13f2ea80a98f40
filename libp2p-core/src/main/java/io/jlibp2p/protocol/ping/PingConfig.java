package io.jlibp2p.protocol.ping;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Ping settings.
 *
 * @param interval how often every connection is pinged, or {@code null} to ping only on
 * request; pings do not keep a connection alive
 * @param timeout how long one ping may take before it fails
 * @param responderIdleTimeout how long an inbound ping stream may stay silent before it
 * is closed
 */
public record PingConfig(@Nullable Duration interval, Duration timeout, Duration responderIdleTimeout) {

	/**
	 * Defaults: a ping every 15 s (rust's interval), 20 s timeout, 60 s idle inbound
	 * streams.
	 */
	public static final PingConfig DEFAULT = new PingConfig(Duration.ofSeconds(15), Duration.ofSeconds(20),
			Duration.ofSeconds(60));

	public PingConfig {
		if (interval != null && (interval.isNegative() || interval.isZero())) {
			throw new IllegalArgumentException("ping interval must be positive, not " + interval);
		}
		if (timeout.isNegative() || timeout.isZero() || responderIdleTimeout.isNegative()
				|| responderIdleTimeout.isZero()) {
			throw new IllegalArgumentException("ping timeouts must be positive");
		}
	}

}
