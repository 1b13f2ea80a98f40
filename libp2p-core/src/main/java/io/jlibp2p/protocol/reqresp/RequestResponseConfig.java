package io.jlibp2p.protocol.reqresp;

import java.time.Duration;

/**
 * Request-response limits, per protocol.
 *
 * @param timeout from opening the stream to the response, on both sides
 * @param maxRequestSize the largest request sent or read, in bytes
 * @param maxResponseSize the largest response sent or read, in bytes
 * @param maxInboundPerPeer requests one peer may have in progress here at once; more are
 * refused (the stream is reset)
 * @param maxOutboundPerPeer requests this node may have in progress to one peer at once;
 * more fail at once
 */
public record RequestResponseConfig(Duration timeout, int maxRequestSize, int maxResponseSize, int maxInboundPerPeer,
		int maxOutboundPerPeer) {

	/** rust-libp2p's: 10 s, 1 MiB requests, 10 MiB responses; 16 in progress each way. */
	public static final RequestResponseConfig DEFAULT = new RequestResponseConfig(Duration.ofSeconds(10), 1 << 20,
			10 << 20, 16, 16);

	public RequestResponseConfig {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("the request timeout must be positive: " + timeout);
		}
		if (maxRequestSize < 1 || maxResponseSize < 1 || maxInboundPerPeer < 1 || maxOutboundPerPeer < 1) {
			throw new IllegalArgumentException("request-response limits must be positive");
		}
	}

}
