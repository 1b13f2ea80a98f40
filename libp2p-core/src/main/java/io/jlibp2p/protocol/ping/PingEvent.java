package io.jlibp2p.protocol.ping;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.jlibp2p.peer.PeerId;

/**
 * The outcome of a periodic ping.
 *
 * @param peer the peer pinged
 * @param rtt the round trip, or {@code null} if the ping failed
 * @param failure why it failed, or {@code null}
 */
public record PingEvent(PeerId peer, @Nullable Duration rtt, @Nullable String failure) {

	/**
	 * Returns whether the ping succeeded.
	 * @return {@code true} when a round trip was measured
	 */
	public boolean succeeded() {
		return this.rtt != null;
	}

}
