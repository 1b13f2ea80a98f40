package io.jlibp2p.muxer;

import org.jspecify.annotations.Nullable;

/**
 * Fired down a connection's pipeline when a protocol gave up on one of the connection's
 * streams because of what the peer did ({@link StreamChannel#fail}), so the connection's
 * owner can count it.
 *
 * @param protocol the stream's protocol, or {@code null} if none was agreed
 * @param cause what the peer did
 */
public record StreamFailedEvent(@Nullable String protocol, Cause cause) {

	/**
	 * What a peer did to have its stream reset; a small fixed set fit for metric tags.
	 */
	public enum Cause {

		/** It broke the protocol: a malformed, oversized or unexpected message. */
		MALFORMED,

		/**
		 * It asked for more than the protocol allows: too many streams, too much data.
		 */
		LIMIT,

		/** It did not answer or finish in time. */
		TIMEOUT

	}

}
